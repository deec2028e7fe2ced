"""Import and export of organisations and memberships as CSV and XLSX.

An export re-imports without change: both directions use the same columns. An import reads the whole
file and checks every row before anything is written, so a file with one bad row saves nothing and the
user learns about all problems at once, each with the line and column they see in their spreadsheet
(the header is line 1).
"""

import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from crosscluster.accounts import audit
from crosscluster.accounts.predicates import is_coordinator

from .models import Cluster, IndustryCode, Membership, Organisation, Topic
from .services import RESERVED_SLUGS
from .tabular import FileProblem, Problem, read_table

ORGANISATIONS, MEMBERSHIPS = "organisations", "memberships"
KINDS = ((ORGANISATIONS, gettext_lazy("Organisations")), (MEMBERSHIPS, gettext_lazy("Memberships")))
# Lists inside a cell (industries, topics, clusters) are written with this and read with any of ; | ,
LIST_SEPARATOR = ", "
_LIST_SPLIT = re.compile(r"[;|,]")
_DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y")


@dataclass(frozen=True)
class Column:
    name: str
    aliases: tuple = ()
    required: bool = False


ORGANISATION_COLUMNS = (
    Column("slug", ("kennung", "kurzkennung")),
    Column("name", ("organisation name", "organisationsname", "firma", "firmenname", "unternehmen"), required=True),
    Column("legal_form", ("legal form", "rechtsform")),
    Column("industries", ("industry", "branche", "branchen", "wz", "wz code", "wz codes", "wz 2008")),
    Column("employees", ("mitarbeitende", "mitarbeiter", "mitarbeiterinnen", "beschäftigte", "anzahl mitarbeitende")),
    Column("founded", ("founding year", "gegründet", "gründungsjahr")),
    Column("street", ("street and number", "straße", "straße und hausnummer", "adresse")),
    Column("postcode", ("postal code", "zip", "plz", "postleitzahl")),
    Column("city", ("ort", "stadt")),
    Column("district", ("stadtteil",)),
    Column("latitude", ("lat", "breitengrad")),
    Column("longitude", ("lon", "lng", "längengrad")),
    Column("website", ("url", "homepage", "webseite", "internetseite")),
    Column("email", ("e mail", "contact e mail", "kontakt e mail")),
    Column("description_de", ("description de", "beschreibung", "beschreibung de", "beschreibung deutsch")),
    Column("description_en", ("description en", "beschreibung en", "beschreibung englisch")),
    Column("topics", ("topic", "themen", "thema")),
    Column("clusters", ("cluster", "cluster slugs", "clustermitgliedschaften")),
)
MEMBERSHIP_COLUMNS = (
    Column("organisation", ("organization", "organisation slug", "organisation kennung"), required=True),
    Column("cluster", ("cluster slug", "cluster kennung"), required=True),
    Column("role", ("rolle",)),
    Column("status", ()),
    Column("since", ("member since", "from", "seit", "mitglied seit", "von")),
    Column("until", ("member until", "to", "bis", "mitglied bis")),
)
COLUMNS = {ORGANISATIONS: ORGANISATION_COLUMNS, MEMBERSHIPS: MEMBERSHIP_COLUMNS}
_ORGANISATION_FIELDS = [c.name for c in ORGANISATION_COLUMNS if c.name not in ("industries", "topics", "clusters")]


@dataclass
class ImportResult:
    kind: str
    dry_run: bool
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors

    @property
    def saved(self):
        return self.ok and not self.dry_run


# ---------------------------------------------------------------- export


def organisation_table(organisations):
    """The header and one row per organisation, typed (int, Decimal, str); prefetched in chunks, no N+1."""
    yield [c.name for c in ORGANISATION_COLUMNS]
    active = Membership.objects.active().select_related("cluster").only("organisation_id", "cluster__slug")
    qs = organisations.order_by("name", "pk").prefetch_related(
        # to_attr lists: no queryset is built per organisation, which matters at 50,000 rows.
        Prefetch("industries", queryset=IndustryCode.objects.only("code"), to_attr="industry_list"),
        Prefetch("topics", queryset=Topic.objects.only("slug"), to_attr="topic_list"),
        Prefetch("memberships", queryset=active, to_attr="active_memberships"),
    )
    for org in qs.iterator(chunk_size=2000):
        values = {name: getattr(org, name) for name in _ORGANISATION_FIELDS}
        values["industries"] = LIST_SEPARATOR.join(sorted(i.code for i in org.industry_list))
        values["topics"] = LIST_SEPARATOR.join(sorted(t.slug for t in org.topic_list))
        values["clusters"] = LIST_SEPARATOR.join(sorted({m.cluster.slug for m in org.active_memberships}))
        yield [values[c.name] for c in ORGANISATION_COLUMNS]


def active_memberships(*, organisations=None, cluster_slug=None):
    """Active memberships (the public ones), optionally of some organisations and of one cluster."""
    qs = Membership.objects.active()
    if organisations is not None:
        qs = qs.filter(organisation__in=organisations.values("pk"))
    if cluster_slug:
        qs = qs.filter(cluster__slug=cluster_slug)
    return qs


def membership_table(memberships):
    yield [c.name for c in MEMBERSHIP_COLUMNS]
    qs = (
        memberships.select_related("organisation", "cluster")
        .only("role", "status", "since", "until", "organisation__slug", "cluster__slug")
        .order_by("cluster__slug", "organisation__slug", "pk")
    )
    for m in qs.iterator(chunk_size=2000):
        yield [m.organisation.slug, m.cluster.slug, m.role, m.status, m.since, m.until]


def _normalise(name):
    return " ".join(re.sub(r"[\W_]+", " ", name.casefold()).split())


def _map_header(header, columns, line, result):
    """Which cell holds which column; missing required and doubled columns are errors, unknown ones warnings."""
    lookup = {}
    for column in columns:
        for alias in (column.name, *column.aliases):
            lookup[_normalise(alias)] = column.name
    positions, labels = {}, {}
    for index, label in enumerate(header):
        if not label:
            continue
        name = lookup.get(_normalise(label))
        if name is None:
            result.warnings.append(
                Problem(_("Unknown column '%(column)s' was ignored.") % {"column": label[:60]}, line=line)
            )
        elif name in positions:
            result.errors.append(
                Problem(
                    _("The column '%(column)s' appears twice (also as '%(other)s').")
                    % {"column": label[:60], "other": labels[name]},
                    line=line,
                )
            )
        else:
            positions[name], labels[name] = index, label
    for column in columns:
        if column.required and column.name not in positions:
            result.errors.append(
                Problem(_("The required column '%(column)s' is missing.") % {"column": column.name}, line=line)
            )
    return positions, labels


class _Row:
    """One data row: cell access by column name, and errors that know their line and column label."""

    def __init__(self, line, cells, positions, labels, errors):
        self.line, self.cells, self.positions, self.labels, self.errors = line, cells, positions, labels, errors
        self.error_count = 0

    def has(self, name):
        return name in self.positions

    def __getitem__(self, name):
        index = self.positions.get(name)
        return self.cells[index] if index is not None and index < len(self.cells) else ""

    def error(self, name, message):
        self.error_count += 1
        value = self[name]
        self.errors.append(
            Problem(message, line=self.line, column=self.labels.get(name, name), value=value[:80] if value else "")
        )

    def model_errors(self, exc, *, fields):
        for field_name, messages in exc.message_dict.items():
            name = field_name if field_name in fields else ""
            for message in messages:
                if name:
                    self.error(name, message)
                else:
                    self.error_count += 1
                    self.errors.append(Problem(message, line=self.line))


def _quoted(value):
    return value if len(value) <= 60 else value[:57] + "…"


def _split_list(value):
    return [part.strip() for part in _LIST_SPLIT.split(value) if part.strip()]


def _parse_int(row, name, *, minimum=None, maximum=None):
    value = row[name]
    if not value:
        return None
    if not re.fullmatch(r"[+-]?\d{1,12}", value):
        row.error(name, _("'%(value)s' is not a whole number.") % {"value": _quoted(value)})
        return None
    number = int(value)
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        row.error(
            name,
            _("%(value)s is not between %(minimum)s and %(maximum)s.")
            % {"value": number, "minimum": minimum, "maximum": maximum},
        )
        return None
    return number


def _parse_coordinate(row, name, limit):
    value = row[name]
    if not value:
        return None
    try:
        number = Decimal(value.replace(",", ".") if "." not in value else value)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        row.error(name, _("'%(value)s' is not a number.") % {"value": _quoted(value)})
        return None
    if not -limit <= number <= limit:
        row.error(name, _("%(value)s is not between -%(limit)s and %(limit)s.") % {"value": value, "limit": limit})
        return None
    return number.quantize(Decimal("0.00001"), rounding=ROUND_HALF_UP)


def _parse_date(row, name):
    value = row[name]
    if not value:
        return None
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    row.error(name, _("'%(value)s' is not a date (use YYYY-MM-DD or DD.MM.YYYY).") % {"value": _quoted(value)})
    return None


def choice_lookup(choices):
    """Keys and labels (German and English) of model choices, case-folded, to their key."""
    lookup = {}
    for language in ("de", "en"):
        with translation.override(language):
            lookup.update((str(label).casefold(), key) for key, label in choices)
    lookup.update((key.casefold(), key) for key, _label in choices)
    return lookup


def _parse_choice(row, name, lookup, default):
    """A choice given by its key or by its label in either language, case-insensitively."""
    value = row[name]
    if not value:
        return default
    if (key := lookup.get(value.casefold())) is not None:
        return key
    row.error(
        name,
        _("'%(value)s' is not one of: %(choices)s.")
        % {"value": _quoted(value), "choices": ", ".join(sorted(set(lookup.values())))},
    )
    return default


def _differs(old, new):
    """Whether an import changes a value; empty text and NULL count as the same, and so do line endings."""
    old, new = ("" if old is None else old), ("" if new is None else new)
    if isinstance(old, str) and isinstance(new, str):
        return old.replace("\r\n", "\n") != new.replace("\r\n", "\n")
    return old != new


def _in_chunks(values, size=500):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


# ---------------------------------------------------------------- import


def import_file(*, acting_user, kind, uploaded, dry_run=False) -> ImportResult:
    """Check every row of ``uploaded``; save all rows in one transaction only if none has an error."""
    if not acting_user.has_perm("directory.import_data"):
        raise PermissionDenied("directory.import_data")
    if kind not in COLUMNS:
        raise ValueError(kind)
    result = ImportResult(kind=kind, dry_run=dry_run)
    try:
        header_line, header, rows = read_table(uploaded)
    except FileProblem as problem:
        result.errors.append(problem.problem)
        return result
    positions, labels = _map_header(header, COLUMNS[kind], header_line, result)
    if result.errors:
        return result
    importer = (_OrganisationImport if kind == ORGANISATIONS else _MembershipImport)(acting_user, result)
    row_objects = [_Row(line, cells, positions, labels, result.errors) for line, cells in rows]
    for row in row_objects:
        extra = [c for i, c in enumerate(row.cells) if c and i >= len(header)]
        if extra:
            row.errors.append(Problem(_("The row has more cells than the header row."), line=row.line))
    plan = importer.plan(row_objects)
    # In the order the user reads the file: by line, then column from left to right.
    columns = {label: index for index, label in enumerate(header)}
    result.errors.sort(key=lambda p: (p.line or 0, columns.get(p.column, -1)))
    if result.errors or dry_run:
        return result
    try:
        with transaction.atomic():
            importer.apply(plan)
            audit.log(
                f"directory.import.{kind}",
                actor=acting_user,
                filename=str(getattr(uploaded, "name", ""))[:200],
                created=result.created,
                updated=result.updated,
                unchanged=result.unchanged,
            )
    except (ValidationError, DatabaseError) as exc:
        # Someone changed the same records while we checked the file: nothing is saved, the user may retry.
        result.errors.append(
            Problem(
                _("The file could not be saved, nothing was changed (%(reason)s).")
                % {"reason": "; ".join(getattr(exc, "messages", [str(exc)]))[:300]}
            )
        )
    return result


@dataclass
class _Change:
    line: int
    obj: object
    created: bool
    industries: list | None = None
    topics: list | None = None
    join_clusters: list = field(default_factory=list)
    activate: list = field(default_factory=list)


class _OrganisationImport:
    def __init__(self, user, result):
        self.user, self.result = user, result
        self.is_coordinator = is_coordinator(user)
        self.managed = set() if self.is_coordinator else set(user.managed_clusters.values_list("slug", flat=True))
        self.codes = set(IndustryCode.objects.values_list("code", flat=True))
        self.topics = {t.slug: t for t in Topic.objects.only("pk", "slug")}
        self.clusters = {c.slug: c for c in Cluster.objects.only("pk", "slug", "name")}
        self.legal_forms = choice_lookup(Organisation.LegalForm.choices)

    def _existing(self, slugs):
        live = Membership.objects.filter(status__in=Membership.LIVE_STATUSES).select_related("cluster")
        found = {}
        for chunk in _in_chunks(slugs):
            qs = Organisation.objects.filter(slug__in=chunk).prefetch_related(
                "industries", "topics", Prefetch("memberships", queryset=live, to_attr="live_memberships")
            )
            found.update((o.slug, o) for o in qs)
        return found

    def plan(self, rows):
        slugs = [row["slug"].lower() for row in rows if row["slug"]]
        existing = self._existing(set(slugs))
        taken = set(slugs)  # generated slugs must not collide with any slug the file names
        seen = {}
        plan = []
        for row in rows:
            slug = row["slug"].lower()
            if slug and slug in seen:
                row.error(
                    "slug",
                    _("The slug '%(slug)s' already appears in line %(line)s.")
                    % {"slug": _quoted(slug), "line": seen[slug]},
                )
                continue
            if slug:
                seen[slug] = row.line
            change = self._plan_row(row, slug, existing.get(slug), taken)
            if change is not None:
                plan.append(change)
        return plan

    def _plan_row(self, row, slug, organisation, taken):
        created = organisation is None
        if created:
            organisation = Organisation(slug=slug)
            if slug in RESERVED_SLUGS:
                row.error("slug", _("'%(slug)s' is a reserved word and cannot be a slug.") % {"slug": slug})
        elif not self.is_coordinator and not self.user.has_perm("directory.change_organisation", organisation):
            row.error("slug", _("You may not change the organisation '%(slug)s'.") % {"slug": slug})
        values = self._values(row)
        changed = {f: v for f, v in values.items() if _differs(getattr(organisation, f), v)}
        for name, value in changed.items():
            setattr(organisation, name, value)
        if created and not slug:
            organisation.slug = _free_slug(organisation.name, taken)
            taken.add(organisation.slug)
        try:
            organisation.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            row.model_errors(exc, fields=_ORGANISATION_FIELDS)
        change = _Change(row.line, organisation, created)
        if row.has("industries"):
            codes = self._lookup(row, "industries", self.codes, _("'%(value)s' is not a WZ 2008 code."))
            if created or codes is not None and set(codes) != {i.code for i in organisation.industries.all()}:
                change.industries = codes
        if row.has("topics"):
            topics = self._lookup(row, "topics", self.topics, _("There is no topic with the slug '%(value)s'."))
            if created or topics is not None and {t.pk for t in topics} != {t.pk for t in organisation.topics.all()}:
                change.topics = topics
        self._plan_clusters(row, change)
        if row.error_count:
            return None
        if created:
            self.result.created += 1
        elif (
            changed
            or change.industries is not None
            or change.topics is not None
            or change.join_clusters
            or (change.activate)
        ):
            self.result.updated += 1
        else:
            self.result.unchanged += 1
            return None
        return change

    def _values(self, row):
        values = {}
        for name in _ORGANISATION_FIELDS:
            if name == "slug" or not row.has(name):
                continue
            if name == "employees":
                values[name] = _parse_int(row, name, minimum=0, maximum=10_000_000)
            elif name == "founded":
                values[name] = _parse_int(row, name, minimum=1000, maximum=timezone.localdate().year)
            elif name == "latitude":
                values[name] = _parse_coordinate(row, name, 90)
            elif name == "longitude":
                values[name] = _parse_coordinate(row, name, 180)
            elif name == "legal_form":
                values[name] = _parse_choice(row, name, self.legal_forms, "")
            elif name == "website" and row[name] and "://" not in row[name]:
                values[name] = "https://" + row[name]
            else:
                values[name] = row[name]
        return values

    def _lookup(self, row, name, known, message):
        """The known objects (or codes) listed in a cell; None after reporting unknown ones."""
        found, unknown = [], []
        for key in dict.fromkeys(_split_list(row[name])):
            key = key if name == "industries" else key.lower()
            if key in known:
                item = known[key] if isinstance(known, dict) else key
                if item not in found:
                    found.append(item)
            else:
                unknown.append(key)
        for key in unknown:
            row.error(name, message % {"value": _quoted(key)})
        return None if unknown else found

    def _plan_clusters(self, row, change):
        if not row.has("clusters"):
            if change.created and not self.is_coordinator:
                row.error("clusters", _("List a cluster you manage, so that you can look after the organisation."))
            return
        clusters = self._lookup(row, "clusters", self.clusters, _("There is no cluster with the slug '%(value)s'."))
        if clusters is None:
            return
        live = {} if change.created else {m.cluster.slug: m for m in change.obj.live_memberships}
        for cluster in clusters:
            membership = live.get(cluster.slug)
            if membership is not None and membership.status == Membership.Status.ACTIVE:
                continue  # already a member: nothing changes, whoever imports
            if not self.is_coordinator and cluster.slug not in self.managed:
                row.error("clusters", _("You do not manage the cluster '%(cluster)s'.") % {"cluster": cluster.slug})
            elif membership is not None:
                change.activate.append(membership)
            elif cluster not in change.join_clusters:
                change.join_clusters.append(cluster)
        if change.created and not self.is_coordinator and not any(c.slug in self.managed for c in clusters):
            row.error("clusters", _("List a cluster you manage, so that you can look after the organisation."))

    def apply(self, plan):
        today = timezone.localdate()
        IndustryLink, TopicLink = Organisation.industries.through, Organisation.topics.through
        # New organisations' links are inserted in bulk: set() per row would cost several queries each.
        industry_links, topic_links, memberships = [], [], []
        for change in plan:
            organisation = change.obj
            organisation.save()
            if change.industries is not None and change.created:
                industry_links += [
                    IndustryLink(organisation=organisation, industrycode_id=c) for c in change.industries
                ]
            elif change.industries is not None:
                organisation.industries.set(change.industries)
            if change.topics is not None and change.created:
                topic_links += [TopicLink(organisation=organisation, topic=t) for t in change.topics]
            elif change.topics is not None:
                organisation.topics.set(change.topics)
            memberships += [
                Membership(organisation=organisation, cluster=c, status=Membership.Status.ACTIVE, since=today)
                for c in change.join_clusters
            ]
            for membership in change.activate:
                membership.status = Membership.Status.ACTIVE
                membership.since = membership.since or today
                membership.save(update_fields=["status", "since"])
        IndustryLink.objects.bulk_create(industry_links, batch_size=500)
        TopicLink.objects.bulk_create(topic_links, batch_size=500)
        Membership.objects.bulk_create(memberships, batch_size=500)


def _free_slug(name, taken):
    base = slugify(name.replace("ß", "ss"))[:100] or "org"
    used = set(Organisation.objects.filter(slug__startswith=base).values_list("slug", flat=True)) | taken
    slug, n = base, 1
    while slug in used or slug in RESERVED_SLUGS:
        n += 1
        slug = f"{base}-{n}"
    return slug


class _MembershipImport:
    def __init__(self, user, result):
        self.user, self.result = user, result
        self.clusters = {c.slug: c for c in Cluster.objects.all()}
        self.may_manage = {}
        self.roles = choice_lookup(Membership.Role.choices)
        self.statuses = choice_lookup(Membership.Status.choices)

    def _manages(self, cluster):
        if cluster.pk not in self.may_manage:
            self.may_manage[cluster.pk] = self.user.has_perm("directory.manage_members", cluster)
        return self.may_manage[cluster.pk]

    def plan(self, rows):
        slugs = {row["organisation"].lower() for row in rows if row["organisation"]}
        organisations = {}
        for chunk in _in_chunks(slugs):
            organisations.update((o.slug, o) for o in Organisation.objects.filter(slug__in=chunk).only("pk", "slug"))
        existing = {}
        for chunk in _in_chunks([o.pk for o in organisations.values()]):
            for m in Membership.objects.filter(organisation_id__in=chunk).order_by("pk"):
                existing.setdefault((m.organisation_id, m.cluster_id), []).append(m)
        targets = {}
        plan = []
        for row in rows:
            change = self._plan_row(row, organisations, existing, targets)
            if change is not None:
                plan.append(change)
        return plan

    def _plan_row(self, row, organisations, existing, targets):
        organisation = organisations.get(row["organisation"].lower())
        if not row["organisation"]:
            row.error("organisation", _("This field cannot be blank."))
        elif organisation is None:
            row.error(
                "organisation",
                _("There is no organisation with the slug '%(value)s'.") % {"value": _quoted(row["organisation"])},
            )
        cluster = self.clusters.get(row["cluster"].lower())
        if not row["cluster"]:
            row.error("cluster", _("This field cannot be blank."))
        elif cluster is None:
            row.error(
                "cluster", _("There is no cluster with the slug '%(value)s'.") % {"value": _quoted(row["cluster"])}
            )
        elif not self._manages(cluster):
            row.error("cluster", _("You do not manage the cluster '%(cluster)s'.") % {"cluster": cluster.slug})
        role = _parse_choice(row, "role", self.roles, Membership.Role.MEMBER)
        status = _parse_choice(row, "status", self.statuses, Membership.Status.ACTIVE)
        since, until = _parse_date(row, "since"), _parse_date(row, "until")
        if since and until and until < since:
            row.error(
                "until",
                _("The end date %(until)s is before the start date %(since)s.")
                % {"until": until.isoformat(), "since": since.isoformat()},
            )
        if organisation is None or cluster is None or row.error_count:
            return None
        membership = self._target(existing.get((organisation.pk, cluster.pk), []), status, since)
        if membership is not None:
            key = ("existing", membership.pk)
        elif status in Membership.LIVE_STATUSES:
            key = ("live", organisation.pk, cluster.pk)  # at most one live membership per pair
        else:
            key = ("past", organisation.pk, cluster.pk, since)
        if key in targets:
            row.error("cluster", _("This membership already appears in line %(line)s.") % {"line": targets[key]})
            return None
        targets[key] = row.line
        created = membership is None
        if created:
            membership = Membership(organisation=organisation, cluster=cluster)
        values = {"role": role, "status": status}
        if row.has("since"):
            values["since"] = since
        if row.has("until"):
            values["until"] = until
        changed = {f: v for f, v in values.items() if _differs(getattr(membership, f), v)}
        for name, value in changed.items():
            setattr(membership, name, value)
        if membership.since and membership.until and membership.until < membership.since:
            row.error(
                "until",
                _("The end date %(until)s is before the start date %(since)s.")
                % {"until": membership.until.isoformat(), "since": membership.since.isoformat()},
            )
            return None
        try:
            membership.full_clean(
                exclude=["organisation", "cluster"], validate_unique=False, validate_constraints=False
            )
        except ValidationError as exc:
            row.model_errors(exc, fields=[c.name for c in MEMBERSHIP_COLUMNS])
            return None
        if created:
            self.result.created += 1
        elif changed:
            self.result.updated += 1
        else:
            self.result.unchanged += 1
            return None
        return _Change(row.line, membership, created)

    @staticmethod
    def _target(memberships, status, since):
        """The existing membership a row speaks about.

        A live row (requested, invited, active) means the pair's live membership; an ended or declined row
        means a past one with the same start date, else the live one if the start dates do not disagree.
        """
        live = next((m for m in memberships if m.status in Membership.LIVE_STATUSES), None)
        if status in Membership.LIVE_STATUSES:
            return live
        past = next((m for m in memberships if m not in (live,) and m.since == since), None)
        if past is not None:
            return past
        if live is not None and (since is None or live.since is None or live.since == since):
            return live
        return None

    def apply(self, plan):
        # Ending memberships first frees the live slot a new membership of the same pair may take.
        for change in sorted(plan, key=lambda c: c.obj.status in Membership.LIVE_STATUSES):
            change.obj.save()
