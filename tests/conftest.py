"""Fixed users for every role, as healthchecks' alice/bob/charlie.

- coordinator: runs the platform
- manager: manages ``cluster`` ("Hamburg Aviation")
- representative: represents ``organisation``, a member of ``cluster``
- individual: a logged-in user with no role
- anonymous: not logged in
``other_cluster`` / ``other_organisation`` belong to nobody above.
"""

import os

import pytest

from crosscluster.i18n import compile_catalogues
from tests.factories import (
    PASSWORD,
    ClusterFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

ROLES = ["anonymous", "individual", "representative", "manager", "coordinator"]


def pytest_configure(config):
    compile_catalogues()


def pytest_collection_modifyitems(config, items):
    """Two rules for tests that commit (``django_db(transaction=True)``: races, browser tests).

    - Without PostgreSQL, tests marked ``postgres`` are skipped before their database is set up, so they
      don't flush it for nothing.
    - They always use ``serialized_rollback``: a flush empties what migrations loaded (content types, WZ
      codes), and only a serialized rollback puts it back for the tests after them; mixing the two kinds
      also broke the browser tests' restore with duplicate content types.
    """
    on_postgres = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
    for item in items:
        if not on_postgres and item.get_closest_marker("postgres"):
            item.add_marker(pytest.mark.skip(reason="PostgreSQL only: run with DATABASE_URL=postgres://…"))
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback"):
            item.add_marker(pytest.mark.django_db(**{**marker.kwargs, "serialized_rollback": True}), append=False)


@pytest.fixture(autouse=True, scope="session")
def _listing_index_rebuilt_in_the_request():
    """A test's data is not committed: a thread with its own connection would build the directory's listing index
    without it. Tests rebuild it in the request (test_directory_listing.py covers the background)."""
    from crosscluster.directory import selectors

    selectors.REFRESH_IN_BACKGROUND = False


@pytest.fixture(autouse=True, scope="session")
def _tasks_run_immediately():
    """Background tasks run at once, in the test's process and transaction (the demo and production run a worker)."""
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = True


@pytest.fixture(autouse=True)
def _defaults(settings):
    from django.core.cache import cache

    from crosscluster.directory import selectors as directory_selectors
    from crosscluster.polls import selectors as poll_selectors

    cache.clear()  # with REDIS_URL the cache outlives a test
    poll_selectors.forget_snapshots()  # the process's own copies too (primary keys repeat between tests on SQLite)
    directory_selectors.forget_listing_index()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def cluster(db):
    return ClusterFactory(slug="hamburg-aviation", name="Hamburg Aviation", short_name="Aviation")


@pytest.fixture
def other_cluster(db):
    return ClusterFactory(slug="life-science-nord", name="Life Science Nord", short_name="LSN")


@pytest.fixture
def organisation(cluster):
    org = OrganisationFactory(slug="elbe-drohnen", name="Elbe Drohnen GmbH")
    MembershipFactory(organisation=org, cluster=cluster)
    return org


@pytest.fixture
def other_organisation(other_cluster):
    org = OrganisationFactory(slug="alster-biotech", name="Alster Biotech AG", legal_form="AG")
    MembershipFactory(organisation=org, cluster=other_cluster)
    return org


@pytest.fixture
def coordinator(db):
    return UserFactory(email="coordinator@example.org", is_coordinator=True)


@pytest.fixture
def manager(cluster):
    user = UserFactory(email="manager@example.org")
    cluster.managers.add(user)
    return user


@pytest.fixture
def representative(organisation):
    user = UserFactory(email="rep@example.org")
    organisation.representatives.add(user)
    return user


@pytest.fixture
def individual(db):
    return UserFactory(email="individual@example.org")


@pytest.fixture
def users(coordinator, manager, representative, individual, other_organisation):
    return {
        "coordinator": coordinator,
        "manager": manager,
        "representative": representative,
        "individual": individual,
        "anonymous": None,
    }


@pytest.fixture
def client_for(client, users):
    """``client_for("manager")`` is a test client logged in as that role."""

    def make(role):
        user = users[role]
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def password():
    return PASSWORD
