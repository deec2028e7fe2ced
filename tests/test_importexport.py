"""Import and export of organisations and memberships, with real CSV and XLSX files."""

import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from crosscluster.accounts.models import AuditLogEntry
from crosscluster.directory.models import IndustryCode, Membership, Organisation
from tests.factories import ClusterFactory, MembershipFactory, OrganisationFactory, TopicFactory

DATA = Path(__file__).parent / "data"
IMPORT_URL = reverse("directory:import")
ORG_HEADER = ["slug", "name", "employees", "industries", "topics", "clusters", "website", "email"]


def csv_upload(rows, *, delimiter=";", bom=False, name="import.csv"):
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return SimpleUploadedFile(name, (b"\xef\xbb\xbf" if bom else b"") + text.getvalue().encode(), "text/csv")


def xlsx_bytes(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_upload(rows, *, name="import.xlsx"):
    return SimpleUploadedFile(name, xlsx_bytes(rows), "application/octet-stream")


def upload(fmt, rows):
    return csv_upload(rows) if fmt == "csv" else xlsx_upload(rows)


def do_import(client, kind, file, *, dry_run=False):
    data = {"kind": kind, "file": file}
    if dry_run:
        data["dry_run"] = "on"
    response = client.post(IMPORT_URL, data)
    assert response.status_code == 200
    return response.context["result"]


def download(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def export_rows(client, url, fmt):
    """The rows of an export as lists of strings, read back the way a user's spreadsheet would."""
    content = download(client.get(url))
    if fmt == "csv":
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def export_as_upload(client, url, fmt):
    content = download(client.get(url))
    return SimpleUploadedFile(f"export.{fmt}", content)


def messages(result):
    return [str(problem) for problem in result.errors]


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


@pytest.fixture
def rich_organisation(cluster, other_cluster):
    """An organisation using every column, including text a spreadsheet would take for a formula."""
    org = OrganisationFactory(
        slug="hanse-wasserstoff",
        name="=Hanse Wasserstoff GmbH",
        legal_form="GmbH & Co. KG",
        employees=120,
        founded=2011,
        street="Großer Burstah 3",
        postcode="20457",
        city="Hamburg",
        district="Altstadt",
        latitude=Decimal("53.54812"),
        longitude=Decimal("9.99123"),
        website="https://hanse-wasserstoff.example",
        email="kontakt@hanse-wasserstoff.example",
        description_de="Elektrolyse für Häfen.\r\n- Planung\r\n- Betrieb",
        description_en='-Electrolysis; ports, "quoted"',
    )
    org.industries.set(IndustryCode.objects.filter(code__in=["28.99.0", "71.12"]))
    org.topics.set([TopicFactory(slug="wasserstoff"), TopicFactory(slug="resilienz")])
    MembershipFactory(organisation=org, cluster=cluster)
    MembershipFactory(organisation=org, cluster=other_cluster)
    MembershipFactory(organisation=org, cluster=ClusterFactory(slug="old-network"), status=Membership.Status.ENDED)
    return org


def snapshot():
    """Everything an import could change, to compare before and after."""
    orgs = {
        o.slug: (
            tuple(getattr(o, f.attname) for f in Organisation._meta.concrete_fields),
            tuple(sorted(o.industries.values_list("code", flat=True))),
            tuple(sorted(o.topics.values_list("slug", flat=True))),
        )
        for o in Organisation.objects.all()
    }
    memberships = sorted(
        Membership.objects.values_list("pk", "organisation_id", "cluster_id", "role", "status", "since", "until")
    )
    return orgs, memberships


# ---------------------------------------------------------------- export


def test_organisation_export_csv_is_excel_friendly(client, rich_organisation):
    content = download(client.get(reverse("directory:organisation_export", kwargs={"fmt": "csv"})))
    assert content.startswith(b"\xef\xbb\xbfslug;name;legal_form;industries;employees;")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["name"] == "'=Hanse Wasserstoff GmbH"  # defused: Excel shows text, not a formula
    assert row["industries"] == "28.99.0, 71.12"
    assert row["clusters"] == "hamburg-aviation, life-science-nord"  # active memberships only
    assert row["topics"] == "resilienz, wasserstoff"
    assert row["latitude"] == "53.54812"


def test_organisation_export_xlsx_opens_with_header_row(client, rich_organisation):
    response = client.get(reverse("directory:organisation_export", kwargs={"fmt": "xlsx"}))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="organisations-' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(download(response))).worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["slug", "name", "legal_form"] and header[-1] == "clusters"
    name = sheet.cell(row=2, column=2)
    assert name.value == "=Hanse Wasserstoff GmbH" and name.data_type == "s"  # text, never a formula
    assert sheet.cell(row=2, column=5).value == 120


@pytest.mark.parametrize("url_name", ["directory:organisation_export", "directory:membership_export"])
@pytest.mark.parametrize("fmt", ["pdf", "xls", "json", "CSV"])
def test_export_unknown_format_is_404(client, db, url_name, fmt):
    assert client.get(reverse(url_name, kwargs={"fmt": fmt})).status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_organisation_export_follows_list_filters(client, organisation, other_organisation, fmt):
    url = reverse("directory:organisation_export", kwargs={"fmt": fmt})
    by_cluster = export_rows(client, url + "?cluster=life-science-nord", fmt)
    assert [r[0] for r in by_cluster[1:]] == ["alster-biotech"]
    by_query = export_rows(client, url + "?q=Drohnen", fmt)
    assert [r[0] for r in by_query[1:]] == ["elbe-drohnen"]
    everything = export_rows(client, url, fmt)
    assert [r[0] for r in everything[1:]] == ["alster-biotech", "elbe-drohnen"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_membership_export_lists_active_memberships_filtered_by_cluster(
    client, cluster, other_cluster, organisation, other_organisation, fmt
):
    MembershipFactory(organisation=organisation, cluster=other_cluster, role="partner")
    MembershipFactory(organisation=other_organisation, cluster=cluster, status="ended")
    url = reverse("directory:membership_export", kwargs={"fmt": fmt})
    rows = export_rows(client, url, fmt)
    assert rows[0] == ["organisation", "cluster", "role", "status", "since", "until"]
    assert sorted((r[0], r[1], r[3]) for r in rows[1:]) == [
        ("alster-biotech", "life-science-nord", "active"),
        ("elbe-drohnen", "hamburg-aviation", "active"),
        ("elbe-drohnen", "life-science-nord", "active"),
    ]
    filtered = export_rows(client, url + "?cluster=life-science-nord", fmt)
    assert sorted((r[0], r[2]) for r in filtered[1:]) == [("alster-biotech", "member"), ("elbe-drohnen", "partner")]


@pytest.mark.parametrize("url_name", ["directory:organisation_export", "directory:membership_export"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_template_has_only_the_header(client, organisation, url_name, fmt):
    rows = export_rows(client, reverse(url_name, kwargs={"fmt": fmt}) + "?template=1", fmt)
    assert len(rows) == 1 and rows[0][0] in ("slug", "organisation")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_organisation_export_runs_a_fixed_number_of_queries(client, db, django_assert_num_queries, fmt):
    url = reverse("directory:organisation_export", kwargs={"fmt": fmt})

    def make(n):
        for _ in range(n):
            org = OrganisationFactory()
            org.industries.set(IndustryCode.objects.filter(code="71.12"))
            org.topics.set([TopicFactory()])
            MembershipFactory(organisation=org)

    make(1)
    with django_assert_num_queries(4):  # organisations, industries, topics, memberships with clusters
        download(client.get(url))
    make(6)
    with django_assert_num_queries(4):
        content = download(client.get(url))
    rows = load_workbook(io.BytesIO(content)).worksheets[0].max_row if fmt == "xlsx" else content.count(b"\r\n")
    assert rows == 8


def test_membership_export_runs_a_fixed_number_of_queries(client, db, django_assert_num_queries):
    url = reverse("directory:membership_export", kwargs={"fmt": "csv"})
    MembershipFactory()
    with django_assert_num_queries(1):
        download(client.get(url))
    for _ in range(5):
        MembershipFactory()
    with django_assert_num_queries(1):
        assert download(client.get(url)).count(b"\r\n") == 7


# ---------------------------------------------------------------- round trip


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_organisation_export_reimports_without_change(coordinator_client, rich_organisation, other_organisation, fmt):
    before = snapshot()
    file = export_as_upload(coordinator_client, reverse("directory:organisation_export", kwargs={"fmt": fmt}), fmt)
    result = do_import(coordinator_client, "organisations", file)
    assert messages(result) == []
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert snapshot() == before


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_membership_export_reimports_without_change(coordinator_client, rich_organisation, other_organisation, fmt):
    before = snapshot()
    file = export_as_upload(coordinator_client, reverse("directory:membership_export", kwargs={"fmt": fmt}), fmt)
    result = do_import(coordinator_client, "memberships", file)
    assert messages(result) == []
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert snapshot() == before


# ---------------------------------------------------------------- import: success


def test_import_reads_german_headers_and_comma_separated_csv(coordinator_client, cluster):
    file = SimpleUploadedFile("organisationen.csv", (DATA / "organisationen.csv").read_bytes())
    result = do_import(coordinator_client, "organisations", file)
    assert messages(result) == [] and result.created == 2
    org = Organisation.objects.get(name="Hafenkante Robotik GmbH")
    assert org.slug == "hafenkante-robotik-gmbh"
    assert org.employees == 35 and org.size_class == "small" and org.founded == 2016
    assert (org.latitude, org.longitude) == (Decimal("53.54321"), Decimal("9.99123"))
    assert org.website == "https://www.hafenkante-robotik.example"
    assert org.description_de == "Roboter für Häfen und Logistik."
    assert sorted(org.industries.values_list("code", flat=True)) == ["28.99.0", "62.01"]
    assert org.memberships.get().cluster == cluster
    assert Organisation.objects.get(slug="alsterwerk-wasserstoff-ev").legal_form == "e.V."
    entry = AuditLogEntry.objects.get(action="directory.import.organisations")
    assert entry.data["created"] == 2 and entry.actor.email == "coordinator@example.org"


def test_import_updates_organisation_with_existing_slug(coordinator_client, organisation):
    file = xlsx_upload(
        [["Slug", "NAME", "Mitarbeitende", "Unknown extra"], ["elbe-drohnen", "Elbe Drohnen AG", 300, "x"]]
    )
    result = do_import(coordinator_client, "organisations", file)
    assert (result.created, result.updated) == (0, 1)
    assert [str(w) for w in result.warnings] == ["Line 1: Unknown column 'Unknown extra' was ignored."]
    organisation.refresh_from_db()
    assert (organisation.name, organisation.employees, organisation.size_class) == ("Elbe Drohnen AG", 300, "large")
    assert organisation.district == "Altona"  # columns left out of the file stay as they were


def test_import_check_only_saves_nothing_and_reports_what_would_happen(coordinator_client, organisation):
    file = csv_upload([["slug", "name"], ["elbe-drohnen", "Neuer Name"], ["", "Ganz Neu GmbH"]])
    result = do_import(coordinator_client, "organisations", file, dry_run=True)
    assert (result.ok, result.created, result.updated) == (True, 1, 1)
    assert Organisation.objects.filter(name__in=["Neuer Name", "Ganz Neu GmbH"]).count() == 0
    assert not AuditLogEntry.objects.filter(action__startswith="directory.import").exists()


def test_import_memberships_accepts_german_dates_and_labels(coordinator_client, organisation, other_organisation):
    other_organisation.memberships.update(since=date(2019, 1, 1))
    file = SimpleUploadedFile("memberships.csv", (DATA / "memberships.csv").read_bytes())
    result = do_import(coordinator_client, "memberships", file)
    assert messages(result) == []
    assert (result.created, result.updated) == (1, 1)
    created = Membership.objects.get(organisation=organisation, cluster__slug="life-science-nord")
    assert (created.role, created.status, created.since) == ("partner", "active", date(2022, 3, 1))
    ended = Membership.objects.get(organisation=other_organisation)
    assert (ended.status, ended.since, ended.until) == ("ended", date(2019, 1, 1), date(2023, 12, 31))


def test_import_accepts_typed_xlsx_cells(coordinator_client, organisation, other_cluster):
    file = xlsx_upload([["organisation", "cluster", "since"], ["elbe-drohnen", "life-science-nord", date(2021, 5, 4)]])
    result = do_import(coordinator_client, "memberships", file)
    assert messages(result) == [] and result.created == 1
    assert Membership.objects.get(cluster=other_cluster).since == date(2021, 5, 4)


# ---------------------------------------------------------------- import: errors


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("employees", "zwölf", "Line 3, column 'employees': 'zwölf' is not a whole number."),
        ("employees", "-4", "Line 3, column 'employees': -4 is not between 0 and 10000000."),
        ("industries", "62.01, 99.99", "Line 3, column 'industries': '99.99' is not a WZ 2008 code."),
        ("topics", "no-such-topic", "Line 3, column 'topics': There is no topic with the slug 'no-such-topic'."),
        ("clusters", "atlantis", "Line 3, column 'clusters': There is no cluster with the slug 'atlantis'."),
        ("website", "http://", "Line 3, column 'website': Enter a valid URL."),
        ("email", "info@", "Line 3, column 'email': Enter a valid email address."),
        ("name", "", "Line 3, column 'name': This field cannot be blank."),
        ("slug", "new", "Line 3, column 'slug': 'new' is a reserved word and cannot be a slug."),
        ("slug", "Ä b", "Line 3, column 'slug': Enter a valid “slug”"),
    ],
)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_import_organisation_error_names_line_and_column(coordinator_client, cluster, fmt, column, value, message):
    good = ["", "Gute Firma", "10", "62.01", "", "hamburg-aviation", "", ""]
    bad = ["", "Schlechte Firma", "10", "", "", "", "", ""]
    bad[ORG_HEADER.index(column)] = value
    result = do_import(coordinator_client, "organisations", upload(fmt, [ORG_HEADER, good, bad]))
    assert len(result.errors) == 1 and messages(result)[0].startswith(message)
    assert Organisation.objects.count() == 0  # the good row is not saved either


def test_import_collects_every_error_of_the_file_and_saves_nothing(coordinator_client, organisation):
    rows = [
        ["slug", "name", "employees", "founded", "latitude", "legal_form"],
        ["elbe-drohnen", "Elbe Drohnen Neu", "12", "2001", "53.5", "GmbH"],
        ["", "A", "viele", "1800", "53.5", "GmbH"],
        ["", "B", "5", "3000", "95", "Genossenschaft"],
        ["elbe-drohnen", "Nochmal", "5", "", "", ""],
    ]
    response = coordinator_client.post(IMPORT_URL, {"kind": "organisations", "file": csv_upload(rows)})
    assert messages(response.context["result"]) == [
        "Line 3, column 'employees': 'viele' is not a whole number.",
        f"Line 4, column 'founded': 3000 is not between 1000 and {date.today().year}.",
        "Line 4, column 'latitude': 95 is not between -90 and 90.",
        "Line 4, column 'legal_form': 'Genossenschaft' is not one of: AG, GbR, GmbH, GmbH & Co. KG, KG, OHG, "
        "Stiftung, UG, e.K., e.V., eG, other, public, university.",
        "Line 5, column 'slug': The slug 'elbe-drohnen' already appears in line 2.",
    ]
    assert Organisation.objects.get().name == "Elbe Drohnen GmbH"
    content = response.content.decode()
    assert "Nothing was saved" in content and "<td>viele</td>" in content


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            ["elbe-drohnen", "life-science-nord", "", "", "2020-13-01", ""],
            "Line 2, column 'since': '2020-13-01' is not a date",
        ),
        (
            ["elbe-drohnen", "life-science-nord", "", "", "2020-01-01", "31.12.2019"],
            "Line 2, column 'until': The end date 2019-12-31 is before the start date 2020-01-01.",
        ),
        (
            ["nobody", "life-science-nord", "", "", "", ""],
            "Line 2, column 'organisation': There is no organisation with the slug 'nobody'.",
        ),
        (
            ["elbe-drohnen", "atlantis", "", "", "", ""],
            "Line 2, column 'cluster': There is no cluster with the slug 'atlantis'.",
        ),
        (["elbe-drohnen", "life-science-nord", "king", "", "", ""], "Line 2, column 'role': 'king' is not one of:"),
        (
            ["elbe-drohnen", "life-science-nord", "", "paused", "", ""],
            "Line 2, column 'status': 'paused' is not one of:",
        ),
        (["", "life-science-nord", "", "", "", ""], "Line 2, column 'organisation': This field cannot be blank."),
    ],
)
def test_import_membership_error_names_line_and_column(coordinator_client, organisation, other_cluster, row, message):
    header = ["organisation", "cluster", "role", "status", "since", "until"]
    result = do_import(coordinator_client, "memberships", csv_upload([header, row]))
    assert len(result.errors) == 1 and messages(result)[0].startswith(message)
    assert Membership.objects.count() == 1


def test_import_membership_twice_in_file_is_an_error(coordinator_client, organisation, other_cluster):
    rows = [["organisation", "cluster"], ["elbe-drohnen", "life-science-nord"], ["elbe-drohnen", "life-science-nord"]]
    result = do_import(coordinator_client, "memberships", csv_upload(rows, delimiter=","))
    assert messages(result) == ["Line 3, column 'cluster': This membership already appears in line 2."]


@pytest.mark.parametrize(
    ("kind", "header", "message"),
    [
        ("organisations", ["slug", "employees"], "Line 1: The required column 'name' is missing."),
        ("memberships", ["organisation", "since"], "Line 1: The required column 'cluster' is missing."),
        ("organisations", ["name", "Name"], "Line 1: The column 'Name' appears twice (also as 'name')."),
    ],
)
def test_import_header_problems(coordinator_client, db, kind, header, message):
    result = do_import(coordinator_client, kind, csv_upload([header, ["x"] * len(header)]))
    assert messages(result) == [message]


def _big_csv():
    row = "x" * 1100 + "\r\n"
    return b"name\r\n" + row.encode() * (5 * 1024 + 10)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", b"", "The file is empty."),
        ("blank.csv", b"\xef\xbb\xbf\r\n \r\n", "The file is empty."),
        ("header.csv", b"name;employees\r\n", "The file has a header row but no data rows."),
        ("invoice.csv", (DATA / "invoice.pdf").read_bytes(), "The file is not a CSV text file."),
        ("invoice.xlsx", (DATA / "invoice.pdf").read_bytes(), "The file is not a valid XLSX workbook."),
        ("broken.xlsx", xlsx_bytes([["name"], ["A"]])[:300], "The file is not a valid XLSX workbook."),
        ("zip.xlsx", b"PK\x03\x04" + b"\x00" * 200, "The file is not a valid XLSX workbook."),
        ("latin1.csv", "name\r\nMüller GmbH\r\n".encode("latin-1"), "Line 2: The file is not UTF-8 encoded text."),
        ("old.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "Old Excel files (.xls) cannot be read."),
        ("tool.exe", b"MZ\x90\x00", "Please upload a CSV or XLSX file"),
        ("quote.csv", b'name\r\n"unterminated\r\n' + b"x" * 200_000, "Line 2: A cell is longer than"),
        ("big.csv", _big_csv(), "The file is larger than 5 MB."),
    ],
)
@pytest.mark.parametrize("kind", ["organisations", "memberships"])
def test_import_garbage_file_gives_a_clear_error(coordinator_client, db, kind, name, content, message):
    result = do_import(coordinator_client, kind, SimpleUploadedFile(name, content))
    assert len(result.errors) == 1 and messages(result)[0].startswith(message)
    assert Organisation.objects.count() == 0


def test_import_utf16_tab_separated_text_is_read(coordinator_client, db):
    content = "name\temployees\r\nKöhlbrand Kräne GmbH\t7\r\n".encode("utf-16")
    result = do_import(coordinator_client, "organisations", SimpleUploadedFile("excel.txt", content))
    assert messages(result) == [] and Organisation.objects.get().name == "Köhlbrand Kräne GmbH"


def test_import_form_without_file_shows_form_error(coordinator_client):
    response = coordinator_client.post(IMPORT_URL, {"kind": "organisations"})
    assert response.status_code == 200 and response.context["form"].errors["file"]


# ---------------------------------------------------------------- permissions


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("individual", 403), ("representative", 403), ("manager", 200), ("coordinator", 200)],
)
def test_import_page_permissions(client_for, role, status):
    client = client_for(role)
    response = client.get(IMPORT_URL)
    assert response.status_code == status
    if role == "anonymous":
        assert response["Location"].startswith(reverse("accounts:login"))
    file = csv_upload([["name", "clusters"], ["Neu GmbH", "hamburg-aviation"]])
    post = client.post(IMPORT_URL, {"kind": "organisations", "file": file})
    assert post.status_code == status
    assert Organisation.objects.filter(name="Neu GmbH").exists() == (status == 200)


def test_import_page_links_templates(coordinator_client):
    content = coordinator_client.get(IMPORT_URL).content.decode()
    for url_name in ("directory:organisation_export", "directory:membership_export"):
        for fmt in ("csv", "xlsx"):
            assert f"{reverse(url_name, kwargs={'fmt': fmt})}?template=1" in content


@pytest.mark.parametrize("role", ["anonymous", "individual", "representative", "manager", "coordinator"])
def test_exports_are_public(client_for, role):
    client = client_for(role)
    for url_name in ("directory:organisation_export", "directory:membership_export"):
        assert client.get(reverse(url_name, kwargs={"fmt": "csv"})).status_code == 200


def test_manager_creates_organisations_in_their_cluster(manager_client, cluster):
    rows = [["name", "clusters"], ["Neue Drohnen GmbH", "hamburg-aviation"]]
    result = do_import(manager_client, "organisations", csv_upload(rows))
    assert messages(result) == [] and result.created == 1
    assert Organisation.objects.get(name="Neue Drohnen GmbH").memberships.get().cluster == cluster


def test_manager_import_rows_outside_their_clusters_are_errors(manager_client, organisation, other_organisation):
    rows = [
        ["slug", "name", "clusters"],
        ["", "Fremd GmbH", "life-science-nord"],
        ["", "Ohne Cluster GmbH", ""],
        ["alster-biotech", "Alster Biotech AG", "life-science-nord"],
        ["elbe-drohnen", "Elbe Drohnen GmbH", "hamburg-aviation, life-science-nord"],
    ]
    result = do_import(manager_client, "organisations", csv_upload(rows))
    assert messages(result) == [
        "Line 2, column 'clusters': You do not manage the cluster 'life-science-nord'.",
        "Line 2, column 'clusters': List a cluster you manage, so that you can look after the organisation.",
        "Line 3, column 'clusters': List a cluster you manage, so that you can look after the organisation.",
        "Line 4, column 'slug': You may not change the organisation 'alster-biotech'.",
        "Line 5, column 'clusters': You do not manage the cluster 'life-science-nord'.",
    ]
    assert Organisation.objects.count() == 2 and Membership.objects.count() == 2


def test_manager_reimports_member_that_also_belongs_to_another_cluster(manager_client, organisation, other_cluster):
    MembershipFactory(organisation=organisation, cluster=other_cluster)
    rows = [
        ["slug", "name", "employees", "clusters"],
        ["elbe-drohnen", "Elbe Drohnen GmbH", "77", "hamburg-aviation, life-science-nord"],
    ]
    result = do_import(manager_client, "organisations", csv_upload(rows))
    assert messages(result) == [] and result.updated == 1
    organisation.refresh_from_db()
    assert organisation.employees == 77


def test_manager_imports_memberships_only_for_their_cluster(manager_client, organisation, other_organisation):
    rows = [
        ["organisation", "cluster", "role"],
        ["alster-biotech", "hamburg-aviation", "partner"],
        ["elbe-drohnen", "life-science-nord", "member"],
    ]
    result = do_import(manager_client, "memberships", csv_upload(rows))
    assert messages(result) == ["Line 3, column 'cluster': You do not manage the cluster 'life-science-nord'."]
    assert not Membership.objects.filter(organisation=other_organisation, cluster__slug="hamburg-aviation").exists()
    result = do_import(manager_client, "memberships", csv_upload(rows[:2]))
    assert messages(result) == [] and result.created == 1


@pytest.mark.parametrize("query", ["q=%00", "cluster=%00x", "topic=nope&size=huge", "industry=" + "9" * 500])
def test_export_with_odd_filters_does_not_fail(client, organisation, query):
    for url_name in ("directory:organisation_export", "directory:membership_export"):
        response = client.get(reverse(url_name, kwargs={"fmt": "csv"}) + "?" + query)
        assert response.status_code == 200 and download(response).startswith(b"\xef\xbb\xbf")


def test_import_repeated_list_entries_are_saved_once(coordinator_client, cluster):
    rows = [
        ["name", "industries", "clusters"],
        ["Doppelt GmbH", "62.01; 62.01|71.12", "hamburg-aviation, HAMBURG-AVIATION"],
    ]
    result = do_import(coordinator_client, "organisations", csv_upload(rows))
    assert messages(result) == []
    org = Organisation.objects.get(name="Doppelt GmbH")
    assert sorted(org.industries.values_list("code", flat=True)) == ["62.01", "71.12"]
    assert org.memberships.count() == 1


def test_import_new_rows_get_distinct_slugs(coordinator_client, organisation):
    rows = [["slug", "name"], ["", "Elbe Drohnen GmbH"], ["", "Elbe Drohnen GmbH"], ["elbe-drohnen-gmbh-2", "Andere"]]
    result = do_import(coordinator_client, "organisations", csv_upload(rows))
    assert messages(result) == [] and result.created == 3
    assert sorted(Organisation.objects.values_list("slug", flat=True)) == [
        "elbe-drohnen",
        "elbe-drohnen-gmbh",
        "elbe-drohnen-gmbh-2",
        "elbe-drohnen-gmbh-3",
    ]
