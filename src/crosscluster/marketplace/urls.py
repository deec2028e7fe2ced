from django.urls import path

from . import views, views_messages

app_name = "marketplace"
urlpatterns = [
    path("", views.post_list, name="list"),
    path("new/", views.post_create, name="create"),
    path("mine/", views.mine, name="mine"),
    path("messages/", views_messages.thread_list, name="threads"),
    path("messages/<int:pk>/", views_messages.thread_detail, name="thread"),
    path("searches/", views_messages.saved_searches, name="searches"),
    path("searches/<int:pk>/alerts/", views_messages.saved_search_alerts, name="search_alerts"),
    path("searches/<int:pk>/delete/", views_messages.saved_search_delete, name="search_delete"),
    path("alerts/unsubscribe/<str:token>/", views_messages.unsubscribe, name="unsubscribe"),
    path("<int:pk>/", views.post_detail, name="detail"),
    path("<int:pk>/edit/", views.post_edit, name="edit"),
    path("<int:pk>/status/", views.post_status, name="status"),
    path("<int:pk>/contact/", views_messages.contact, name="contact"),
]
