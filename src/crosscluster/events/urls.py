from django.urls import path

from . import views, views_organiser

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views_organiser.event_create, name="create"),
    path("my/", views.my_events, name="my_events"),
    path("my/calendar/renew/", views.feed_regenerate, name="feed_regenerate"),
    path("calendar/<str:token>.ics", views.personal_feed, name="personal_feed"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/calendar.ics", views.event_feed, name="feed"),
    path("<slug:slug>/register/", views.event_register, name="register"),
    path("<slug:slug>/cancel-registration/", views.registration_cancel, name="cancel_registration"),
    path("<slug:slug>/agenda/", views.my_agenda, name="agenda"),
    path("<slug:slug>/sessions/<int:pk>/agenda/", views.agenda_toggle, name="agenda_toggle"),
    path("<slug:slug>/feedback/", views.feedback, name="feedback"),
    path("<slug:slug>/edit/", views_organiser.event_edit, name="edit"),
    path("<slug:slug>/sessions/new/", views_organiser.session_create, name="session_create"),
    path("<slug:slug>/sessions/<int:pk>/edit/", views_organiser.session_edit, name="session_edit"),
    path("<slug:slug>/sessions/<int:pk>/delete/", views_organiser.session_delete, name="session_delete"),
    path("<slug:slug>/speakers/", views_organiser.speakers, name="speakers"),
    path("<slug:slug>/speakers/<int:pk>/edit/", views_organiser.speaker_edit, name="speaker_edit"),
    path("<slug:slug>/speakers/<int:pk>/delete/", views_organiser.speaker_delete, name="speaker_delete"),
    path("<slug:slug>/check-in/", views_organiser.checkin, name="checkin"),
    path("<slug:slug>/check-in/<int:pk>/", views_organiser.checkin_action, name="checkin_action"),
    path("<slug:slug>/statistics/", views_organiser.statistics, name="statistics"),
    path("<slug:slug>/feedback/results/", views_organiser.feedback_results, name="feedback_results"),
    path("<slug:slug>/registrations.csv", views_organiser.registrations_export, name="export"),
]
