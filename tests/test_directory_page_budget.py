"""Public directory pages run a fixed number of SQL queries, whatever the data; the filter options are cached
but follow changes to clusters, topics and districts (the load benchmark in docs/benchmarks.md relies on both)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crosscluster.directory.models import IndustryCode
from tests.factories import ClusterFactory, MembershipFactory, OrganisationFactory, PersonFactory, TopicFactory

pytestmark = pytest.mark.django_db

# The most queries each public page may run for an anonymous visitor (with a warm filter-option cache).
PAGE_BUDGETS = {
    "search": ("/organisations/?q=Drohnen", 3),  # rows, industries, cluster tags: the listing index finds matches
    "filtered list": ("/organisations/?cluster={cluster}&size=small&topic={topic}&industry=C&district=Altona", 3),
    "organisation profile": ("/organisations/{organisation}/", 5),
    "cluster page": ("/clusters/{cluster}/", 5),
}


def _fill(cluster, topic, count):
    code = IndustryCode.objects.get(code="30.30")
    for _ in range(count):
        org = OrganisationFactory(name="Nord Drohnen", employees=20, district="Altona")
        org.topics.add(topic)
        org.industries.add(code)
        MembershipFactory(organisation=org, cluster=cluster)
        PersonFactory(organisation=org, listing_consent=True)


def _queries(client, url):
    client.get(url)  # fills the filter-option cache
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    # Transaction control (savepoints inside the test's transaction, SET LOCAL for a search plan) is not a query
    # for data; what the budget bounds is the reading.
    control = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT", "SET LOCAL")
    return len([q for q in ctx.captured_queries if not q["sql"].startswith(control)])


@pytest.mark.parametrize("page", PAGE_BUDGETS)
def test_directory_page_query_count_is_fixed_and_within_budget(client, cluster, page):
    topic = TopicFactory()
    _fill(cluster, topic, 1)
    first = cluster.memberships.first().organisation
    template, budget = PAGE_BUDGETS[page]
    url = template.format(cluster=cluster.slug, topic=topic.slug, organisation=first.slug)
    one = _queries(client, url)
    _fill(cluster, topic, 12)
    many = _queries(client, url)
    assert one == many
    assert many <= budget


def test_organisation_list_filter_options_follow_new_clusters_topics_and_districts(client, organisation):
    client.get("/organisations/")  # cached now
    ClusterFactory(slug="neues-netzwerk", name="Neues Netzwerk")
    TopicFactory(slug="quantencomputing", name="Quantencomputing")
    organisation.district = "Wilhelmsburg"
    organisation.save()
    html = client.get("/organisations/").content.decode()
    assert '<option value="neues-netzwerk">Neues Netzwerk</option>' in html
    assert '<option value="quantencomputing">' in html
    assert '<option value="Wilhelmsburg">Wilhelmsburg</option>' in html


def test_organisation_list_filter_marks_the_chosen_options(client, cluster, organisation):
    html = client.get("/organisations/", {"cluster": cluster.slug, "district": organisation.district}).content
    assert f'<option value="{cluster.slug}" selected>'.encode() in html
    assert f'<option value="{organisation.district}" selected>'.encode() in html
