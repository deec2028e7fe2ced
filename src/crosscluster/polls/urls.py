"""Mounted below an event: ``/events/<slug>/polls/``."""

from django.urls import path

from . import views, views_organiser

app_name = "polls"
urlpatterns = [
    path("", views.vote_page, name="vote_page"),
    path("live/", views.live, name="live"),
    path("<int:pk>/vote/", views.vote, name="vote"),
    path("<int:pk>/results/", views.poll_results, name="results"),
    path("<int:pk>/results/live/", views.poll_results_live, name="results_live"),
    path("manage/", views_organiser.manage, name="manage"),
    path("manage/new/", views_organiser.poll_create, name="create"),
    path("manage/<int:pk>/edit/", views_organiser.poll_edit, name="edit"),
    path("manage/<int:pk>/delete/", views_organiser.poll_delete, name="delete"),
    path("manage/<int:pk>/state/", views_organiser.poll_state, name="state"),
    path("<int:pk>/present/", views_organiser.present, name="present"),
    path("<int:pk>/present/live/", views_organiser.present_live, name="present_live"),
    path("<int:pk>/results.csv", views_organiser.export, name="export"),
]
