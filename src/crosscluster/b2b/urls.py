from django.urls import path

from . import views, views_organiser

app_name = "b2b"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("calendar/<str:token>.ics", views.feed, name="feed"),
    path("<slug:slug>/", views.home, name="home"),
    path("<slug:slug>/profile/", views.profile, name="profile"),
    path("<slug:slug>/profile/leave/", views.leave, name="leave"),
    path("<slug:slug>/participants/", views.participants, name="participants"),
    path("<slug:slug>/participants/<int:pk>/", views.participant, name="participant"),
    path("<slug:slug>/requests/", views.my_requests, name="requests"),
    path("<slug:slug>/requests/<int:pk>/accept/", views.accept, name="accept"),
    path("<slug:slug>/requests/<int:pk>/decline/", views.decline, name="decline"),
    path("<slug:slug>/requests/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<slug:slug>/agenda/", views.agenda, name="agenda"),
    path("<slug:slug>/agenda.ics", views.agenda_ics, name="agenda_ics"),
    path("<slug:slug>/manage/", views_organiser.settings_page, name="settings"),
    path("<slug:slug>/manage/types/", views_organiser.types, name="types"),
    path("<slug:slug>/manage/types/<int:pk>/", views_organiser.type_edit, name="type_edit"),
    path("<slug:slug>/manage/types/<int:pk>/delete/", views_organiser.type_delete, name="type_delete"),
    path("<slug:slug>/manage/slots/", views_organiser.slots, name="slots"),
    path("<slug:slug>/manage/slots/new/", views_organiser.slot_create, name="slot_create"),
    path("<slug:slug>/manage/slots/<int:pk>/", views_organiser.slot_edit, name="slot_edit"),
    path("<slug:slug>/manage/slots/<int:pk>/delete/", views_organiser.slot_delete, name="slot_delete"),
    path("<slug:slug>/manage/participants/", views_organiser.manage_participants, name="manage_participants"),
    path("<slug:slug>/manage/participants/<int:pk>/", views_organiser.manage_participant, name="manage_participant"),
    path("<slug:slug>/manage/schedule/", views_organiser.schedule, name="schedule"),
    path("<slug:slug>/manage/schedule/run/", views_organiser.run_start, name="run_start"),
    path("<slug:slug>/manage/schedule/runs/<int:pk>/", views_organiser.run_status, name="run_status"),
    path("<slug:slug>/manage/schedule/move/", views_organiser.move, name="move"),
    path("<slug:slug>/manage/schedule/cells/<int:pk>/", views_organiser.cells, name="cells"),
    path("<slug:slug>/manage/schedule/publish/", views_organiser.publish, name="publish"),
    path("<slug:slug>/manage/schedule/reminders/", views_organiser.reminders, name="reminders"),
    path("<slug:slug>/manage/meetings/<int:pk>/", views_organiser.meeting_action, name="meeting_action"),
]
