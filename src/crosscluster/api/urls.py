from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from crosscluster.b2b import api as b2b
from crosscluster.marketplace import api as marketplace
from crosscluster.polls import api as polls
from crosscluster.talent import api as talent

from . import events, views
from .docs import SwaggerView


class Router(DefaultRouter):
    include_format_suffixes = False  # ".json" suffixes would clash with industry codes such as "62.01"


router = Router()
router.register("clusters", views.ClusterViewSet, basename="cluster")
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("memberships", views.MembershipViewSet, basename="membership")
router.register("people", views.PersonViewSet, basename="person")
router.register("topics", views.TopicViewSet, basename="topic")
router.register("industry-codes", views.IndustryCodeViewSet, basename="industrycode")
router.register("events", events.EventViewSet, basename="event")
router.register(r"events/(?P<event_slug>[-a-zA-Z0-9_]+)/polls", polls.PollViewSet, basename="event-poll")
router.register("meeting-requests", b2b.MeetingRequestViewSet, basename="meeting-request")
router.register("meetings", b2b.MeetingViewSet, basename="meeting")
router.register("schedule-runs", b2b.ScheduleRunViewSet, basename="schedule-run")
router.register("jobs", talent.JobViewSet, basename="job")
router.register("applications", talent.ApplicationViewSet, basename="application")
router.register("staff-posts", talent.StaffPostViewSet, basename="staff-post")
router.register("marketplace/posts", marketplace.PostViewSet, basename="marketplace-post")

app_name = "api"
urlpatterns = [
    path("v1/auth/token/", views.TokenView.as_view(), name="token"),
    path("v1/profile/", talent.ProfileView.as_view(), name="talent-profile"),
    path("v1/profile/matches/", talent.ProfileMatchesView.as_view(), name="talent-profile-matches"),
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SwaggerView.as_view(url_name="api:schema"), name="docs"),
]
