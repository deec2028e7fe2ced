from django.urls import path

from . import views, views_io

app_name = "directory"
urlpatterns = [
    path("", views.home, name="home"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/export.<str:fmt>", views_io.organisation_export, name="organisation_export"),
    path("memberships/export.<str:fmt>", views_io.membership_export, name="membership_export"),
    path("import/", views_io.import_data, name="import"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("organisations/<slug:slug>/edit/", views.organisation_edit, name="organisation_edit"),
    path("organisations/<slug:slug>/join/", views.organisation_join, name="organisation_join"),
    path("organisations/<slug:slug>/people/", views.people_manage, name="people_manage"),
    path("organisations/<slug:slug>/people/new/", views.person_create, name="person_create"),
    path("organisations/<slug:slug>/people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("organisations/<slug:slug>/people/<int:pk>/delete/", views.person_delete, name="person_delete"),
    path("memberships/<int:pk>/approve/", views.membership_approve, name="membership_approve"),
    path("memberships/<int:pk>/decline/", views.membership_decline, name="membership_decline"),
    path("memberships/<int:pk>/end/", views.membership_end, name="membership_end"),
    path("clusters/", views.cluster_list, name="cluster_list"),
    path("clusters/<slug:slug>/", views.cluster_detail, name="cluster"),
    path("clusters/<slug:slug>/members/manage/", views.cluster_members_manage, name="cluster_members_manage"),
    path("topics/", views.topic_list, name="topic_list"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
]
