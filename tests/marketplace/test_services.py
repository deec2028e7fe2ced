"""Writing posts through the services: who may, the status workflow, locations, and nothing half-saved."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from crosscluster.accounts.models import AuditLogEntry
from crosscluster.marketplace import services
from crosscluster.marketplace.models import Post
from tests.marketplace.factories import PostFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def data(**overrides):
    values = {
        "kind": "offer",
        "category": "production",
        "title_de": "3D-Druck-Kapazität",
        "title_en": "3D printing capacity",
        "description_de": "Zwei SLS-Drucker frei.",
        "description_en": "Two SLS printers free.",
    }
    values.update(overrides)
    return values


def test_representative_creates_a_draft_of_their_organisation(representative, organisation):
    post = services.create_post(acting_user=representative, organisation=organisation, data=data())

    assert post.status == "draft" and post.published_at is None
    assert post.organisation == organisation and post.created_by == representative
    assert post.valid_from == TODAY()
    assert AuditLogEntry.objects.filter(action="marketplace.post_created", object_id=str(post.pk)).exists()


def test_representative_cannot_post_for_another_organisation(representative, other_organisation):
    with pytest.raises(PermissionDenied):
        services.create_post(acting_user=representative, organisation=other_organisation, data=data())
    assert not Post.objects.exists()


def test_manager_and_individual_cannot_post(manager, individual, organisation):
    for user in (manager, individual):
        with pytest.raises(PermissionDenied):
            services.create_post(acting_user=user, organisation=organisation, data=data())


def test_coordinator_posts_for_any_organisation(coordinator, other_organisation):
    post = services.create_post(
        acting_user=coordinator, organisation=other_organisation, data=data(), status="published"
    )

    assert post.status == "published" and post.published_at is not None


def test_location_defaults_to_the_organisations_address(representative, organisation):
    organisation.latitude, organisation.longitude, organisation.district = Decimal("53.5"), Decimal("9.9"), "Altona"
    organisation.save()

    post = services.create_post(acting_user=representative, organisation=organisation, data=data())

    assert (post.latitude, post.longitude) == (Decimal("53.5"), Decimal("9.9"))
    assert post.place == "Altona, Hamburg"


def test_a_known_place_gives_its_coordinates(representative, organisation):
    post = services.create_post(acting_user=representative, organisation=organisation, data=data(place="Lübeck"))

    assert post.place == "Lübeck"
    assert abs(float(post.latitude) - 53.87) < 0.05 and abs(float(post.longitude) - 10.69) < 0.05


def test_an_unknown_place_is_refused_with_a_message_naming_it(representative, organisation):
    with pytest.raises(ValidationError) as error:
        services.create_post(acting_user=representative, organisation=organisation, data=data(place="Atlantis"))

    assert "Atlantis" in error.value.message_dict["place"][0]
    assert not Post.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"valid_from": TODAY(), "valid_to": TODAY() - timedelta(days=1)}, "valid_to"),
        ({"quantity": Decimal("0")}, "quantity"),
        ({"radius_km": 5000}, "radius_km"),
        ({"title_de": "", "title_en": "  "}, "title_de"),
        ({"visibility": "chosen"}, "visible_clusters"),
        ({"category": "weapons"}, "category"),
    ],
)
def test_bad_values_are_refused_at_their_field(representative, organisation, overrides, field):
    with pytest.raises(ValidationError) as error:
        services.create_post(acting_user=representative, organisation=organisation, data=data(**overrides))

    assert field in error.value.message_dict
    assert not Post.objects.exists()


def test_chosen_clusters_are_kept_only_for_chosen_visibility(representative, organisation, cluster, other_cluster):
    chosen = services.create_post(
        acting_user=representative,
        organisation=organisation,
        data=data(visibility="chosen"),
        visible_clusters=[other_cluster],
    )
    everyone = services.create_post(
        acting_user=representative, organisation=organisation, data=data(), visible_clusters=[cluster]
    )

    assert list(chosen.visible_clusters.all()) == [other_cluster]
    assert not everyone.visible_clusters.exists()


def test_status_workflow_draft_published_in_talks_closed(representative, organisation):
    post = services.create_post(acting_user=representative, organisation=organisation, data=data())

    post = services.change_status(post, acting_user=representative, status="published")
    published_at = post.published_at
    post = services.change_status(post, acting_user=representative, status="in_talks")
    post = services.change_status(post, acting_user=representative, status="published")
    assert post.published_at == published_at  # back from talks is not a new publication
    post = services.change_status(post, acting_user=representative, status="closed")

    assert post.status == "closed"
    with pytest.raises(ValidationError) as error:
        services.change_status(post, acting_user=representative, status="published")
    assert "closed" in error.value.messages[0]


@pytest.mark.parametrize(
    ("start", "target"), [("draft", "in_talks"), ("published", "draft"), ("published", "expired"), ("draft", "bogus")]
)
def test_transitions_outside_the_workflow_are_refused(representative, organisation, start, target):
    post = PostFactory(organisation=organisation, status=start)

    with pytest.raises(ValidationError) as error:
        services.change_status(post, acting_user=representative, status=target)

    assert error.value.message_dict["status"]
    post.refresh_from_db()
    assert post.status == start


def test_only_the_organisations_representatives_change_a_post(manager, representative, other_organisation):
    post = PostFactory(organisation=other_organisation)

    for user in (manager, representative):
        with pytest.raises(PermissionDenied):
            services.change_status(post, acting_user=user, status="closed")
        with pytest.raises(PermissionDenied):
            services.update_post(post, acting_user=user, data={"title_de": "Gekapert"})
    post.refresh_from_db()
    assert post.status == "published" and post.title_de != "Gekapert"


def test_publishing_needs_a_validity_that_has_not_ended(representative, organisation):
    post = PostFactory(
        organisation=organisation,
        status="expired",
        valid_from=TODAY() - timedelta(days=9),
        valid_to=TODAY() - timedelta(days=2),
    )

    with pytest.raises(ValidationError) as error:
        services.change_status(post, acting_user=representative, status="published")
    assert "valid_to" in error.value.message_dict

    post = services.update_post(
        post, acting_user=representative, data={"valid_to": TODAY() + timedelta(days=30)}, status="published"
    )
    assert post.status == "published"


def test_update_with_a_bad_status_changes_nothing(representative, organisation):
    post = PostFactory(organisation=organisation, status="published", title_de="Alt")

    with pytest.raises(ValidationError):
        services.update_post(post, acting_user=representative, data={"title_de": "Neu"}, status="draft")

    post.refresh_from_db()
    assert post.title_de == "Alt" and post.status == "published"


def test_a_closed_post_cannot_be_edited(representative, organisation):
    post = PostFactory(organisation=organisation, status="closed")

    with pytest.raises(ValidationError):
        services.update_post(post, acting_user=representative, data={"title_de": "Neu"})


def test_changing_the_place_moves_the_coordinates(representative, organisation):
    post = PostFactory(organisation=organisation, place="Altona")

    post = services.update_post(post, acting_user=representative, data={"place": "Kiel"})

    assert post.place == "Kiel" and float(post.latitude) > 54.2


def test_expiry_job_expires_open_posts_past_their_validity(organisation):
    yesterday = TODAY() - timedelta(days=1)
    start = TODAY() - timedelta(days=10)
    due = PostFactory(organisation=organisation, status="published", valid_from=start, valid_to=yesterday)
    talking = PostFactory(organisation=organisation, status="in_talks", valid_from=start, valid_to=yesterday)
    today = PostFactory(organisation=organisation, status="published", valid_to=TODAY())
    open_ended = PostFactory(organisation=organisation, status="published", valid_to=None)
    draft = PostFactory(organisation=organisation, status="draft", valid_from=start, valid_to=yesterday)
    before = Post.objects.get(pk=due.pk).updated

    from crosscluster.marketplace import tasks

    tasks.expire_posts_daily()

    statuses = dict(Post.objects.values_list("pk", "status"))
    assert statuses[due.pk] == statuses[talking.pk] == "expired"
    assert statuses[today.pk] == statuses[open_ended.pk] == "published"
    assert statuses[draft.pk] == "draft"
    assert Post.objects.get(pk=due.pk).updated > before  # the matching index sees the change
    assert AuditLogEntry.objects.filter(action="marketplace.posts_expired").get().data["count"] == 2
    assert services.expire_posts() == 0  # running again changes nothing


def test_the_worker_runs_expiry_daily_after_midnight_and_digests_in_the_morning():
    """The worker (huey, UTC) finds the expiry job due at 00:05 and the digests at 05:00, each once a day."""
    from datetime import datetime

    from huey.contrib.djhuey import HUEY

    from crosscluster.marketplace import tasks  # the worker imports every app's tasks module

    def due(hour, minute):
        names = {type(task).__name__ for task in HUEY.read_periodic(datetime(2030, 3, 4, hour, minute))}
        return names & {"expire_posts_daily", "send_daily_digests"}

    assert tasks.expire_posts_daily and due(0, 5) == {"expire_posts_daily"}
    assert due(5, 0) == {"send_daily_digests"}
    assert all(due(hour, minute) == set() for hour in (0, 1, 12, 23) for minute in (0, 4, 6, 30))
