"""Invented member organisations, generated deterministically from a fixed seed (no database access).

``generate()`` returns the same list of ``OrganisationSpec`` on every call and every machine with the
same Faker version: one ``random.Random(SEED)`` and one seeded Faker drive every choice, and choices
are made in a fixed order.
"""

import random
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from faker import Faker

from . import DEMO_MARKER_DE, DEMO_MARKER_EN, DEMO_MARKER_ORG_DE, DEMO_MARKER_ORG_EN
from .clusters import CLUSTERS
from .names import (
    ADJECTIVES,
    COMPANY_LEGAL_FORMS,
    COMPANY_POSITIONS,
    INSTITUTION_POSITIONS,
    LEGAL_FORM_SUFFIX,
    PROFILES,
    RELATED_CLUSTERS,
    STEMS,
)
from .places import DISTRICTS
from .topics import CROSS_CLUSTER_THEMES, INDUSTRY_TOPICS

SEED = 2026
LAST_YEAR = 2025
INSTITUTION_SHARE = 0.12
MULTI_CLUSTER_SHARE = 0.3
CONSENT_SHARE = 0.7

# The organisation the demo member representative looks after: in Hamburg Aviation and a second cluster.
SHOWCASE_SLUG = "elbflug-avionik-gmbh"


@dataclass
class MembershipSpec:
    cluster: str
    role: str
    status: str
    since: date | None = None
    until: date | None = None
    message: str = ""


@dataclass
class PersonSpec:
    first_name: str
    last_name: str
    title: str
    position: str
    email: str
    listing_consent: bool
    consent_given: datetime | None


@dataclass
class OrganisationSpec:
    slug: str
    name: str
    legal_form: str
    employees: int
    founded: int
    street: str
    postcode: str
    district: str
    latitude: Decimal
    longitude: Decimal
    website: str
    email: str
    description_de: str
    description_en: str
    industry_codes: list[str]
    topics: list[str]
    memberships: list[MembershipSpec] = field(default_factory=list)
    people: list[PersonSpec] = field(default_factory=list)


def _topic_names():
    names = {}
    for slug, name_de, name_en, _de, _en, children in CROSS_CLUSTER_THEMES + INDUSTRY_TOPICS:
        names[slug] = (name_de, name_en)
        for child_slug, child_de, child_en, _cde, _cen in children:
            names[child_slug] = (child_de, child_en)
    return names


TOPIC_NAMES = _topic_names()
CROSS_CLUSTER_SLUGS = {slug for slug, *_rest in CROSS_CLUSTER_THEMES} | {
    child[0] for theme in CROSS_CLUSTER_THEMES for child in theme[5]
}
CLUSTER_FOUNDED = {c["slug"]: c["founded"] for c in CLUSTERS}

_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def ascii_slug(text: str) -> str:
    """A lower-case ASCII slug with German transliteration (ü → ue), for slugs, domains and e-mails."""
    text = unicodedata.normalize("NFKD", text.translate(_TRANSLIT)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


COMPANY_TEMPLATES = [
    (
        "{name} aus {district} ist auf {act_de} spezialisiert. {focus_de} "
        "Das Unternehmen wurde {founded} gegründet und beschäftigt {emp_de}.",
        "{name}, based in {district}, specialises in {act_en}. {focus_en} "
        "The company was founded in {founded} and employs {emp_en}.",
    ),
    (
        "Seit {founded} bietet {name} {act_de} für Kunden in Hamburg und Norddeutschland an. {focus_de} "
        "Der Sitz des Unternehmens liegt in {district}.",
        "Since {founded}, {name} has offered {act_en} to customers in Hamburg and northern Germany. {focus_en} "
        "Its offices are in {district}.",
    ),
    (
        "{act_de_cap} aus {district}: Dafür steht {name} seit {founded}. {focus_de} "
        "Heute zählt das Unternehmen {emp_de}.",
        "{act_en_cap} from {district}: that is what {name} has stood for since {founded}. {focus_en} "
        "Today the company has {emp_en}.",
    ),
]
THEME_TEMPLATE = (
    "{name} ist ein {size_de} Unternehmen für {act_de} mit Sitz in {district}. {focus_de} "
    "In der Clusterarbeit engagiert sich das Team besonders beim Thema „{theme_de}“.",
    "{name} is a {size_en} company for {act_en} based in {district}. {focus_en} "
    "In cluster work, the team is particularly active on the topic “{theme_en}”.",
)
START_UP_TEMPLATE = (
    "Das {founded} gegründete Start-up {name} entwickelt Lösungen im Bereich {act_de}. {focus_de} "
    "Das Team sitzt in {district}.",
    "Founded in {founded}, the start-up {name} develops solutions in {act_en}. {focus_en} "
    "The team is based in {district}.",
)
INSTITUTION_TEMPLATES = [
    (
        "Schwerpunkt von {name} ist {act_de}. Die Einrichtung in {district} arbeitet eng mit Unternehmen und "
        "Hochschulen der Region zusammen und besteht seit {founded}.",
        "The focus of {name} is {act_en}. Based in {district}, it works closely with companies and universities "
        "in the region and was established in {founded}.",
    ),
    (
        "{name} mit Sitz in {district} steht seit {founded} für {act_de}. "
        "Mitglieder und Partner kommen aus dem ganzen Cluster und darüber hinaus.",
        "{name}, based in {district}, has stood for {act_en} since {founded}. "
        "Its members and partners come from across the cluster and beyond.",
    ),
]


def _head_count_phrases(employees: int) -> tuple[str, str]:
    if employees < 5:
        return "ein kleines Team", "a small team"
    if employees < 50:
        n = employees
    elif employees < 1000:
        n = round(employees, -1)
    else:
        n = round(employees, -2)
    return f"rund {n:,} Mitarbeitende".replace(",", "."), f"around {n:,} people"


def _size_words(employees: int, founded: int) -> tuple[str, str]:
    if employees < 10:
        return ("junges", "young") if founded >= 2015 else ("kleines", "small")
    if employees < 50:
        return "kleines", "small"
    if employees < 250:
        return "mittelständisches", "mid-sized"
    return "großes", "large"


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Generator:
    def __init__(self):
        self.rng = random.Random(SEED)
        self.fake = Faker("de_DE")
        self.fake.seed_instance(SEED)
        self.used_bases: set[str] = set()
        self.district_names = list(DISTRICTS)

    # --- names -----------------------------------------------------------------------------------------
    def _company_base(self, word: str) -> str:
        rng = self.rng
        pattern = rng.choices(["stem", "surname", "adjective", "pair"], weights=[50, 25, 15, 10])[0]
        if pattern == "stem":
            return f"{rng.choice(STEMS)} {word}"
        if pattern == "surname":
            return f"{self.fake.last_name()} {word}"
        if pattern == "adjective":
            adjective = rng.choice(ADJECTIVES)
            return f"{adjective}{word}" if adjective.endswith("-") else f"{adjective} {word}"
        return f"{self.fake.last_name()} & {self.fake.last_name()} {word}"

    def _unique(self, make) -> str:
        for _attempt in range(50):
            base = make()
            if ascii_slug(base) not in self.used_bases:
                self.used_bases.add(ascii_slug(base))
                return base
        raise RuntimeError("could not invent a unique organisation name")  # pragma: no cover

    # --- places ----------------------------------------------------------------------------------------
    def _district(self, home: list[str]) -> str:
        return self.rng.choice(home) if self.rng.random() < 0.7 else self.rng.choice(self.district_names)

    def _address(self, district: str) -> dict:
        rng = self.rng
        _borough, postcodes, lat, lon, streets = DISTRICTS[district]
        number = str(rng.randint(1, 180)) + (rng.choice("abc") if rng.random() < 0.1 else "")
        return {
            "district": district,
            "street": f"{rng.choice(streets)} {number}",
            "postcode": rng.choice(postcodes),
            "latitude": Decimal(f"{lat + rng.uniform(-0.006, 0.006):.5f}"),
            "longitude": Decimal(f"{lon + rng.uniform(-0.009, 0.009):.5f}"),
        }

    # --- numbers ---------------------------------------------------------------------------------------
    def _company_employees(self) -> int:
        # Log-normal: many micro and small firms, a few large ones (median about 11).
        return max(1, min(6000, round(self.rng.lognormvariate(2.4, 1.3))))

    def _company_legal_form(self, employees: int) -> str:
        """Sole traders and partnerships stay small; public limited companies are not tiny."""
        forms = [(f, w) for f, w in COMPANY_LEGAL_FORMS if not (f == "AG" and employees < 50)]
        if employees >= 50:
            forms = [(f, w) for f, w in forms if f not in ("e.K.", "OHG", "GbR", "UG")]
        return self.rng.choices([f for f, _w in forms], weights=[w for _f, w in forms])[0]

    def _company_founded(self, employees: int) -> int:
        rng = self.rng
        if employees >= 250:
            return rng.randint(1890, 2005)
        if employees < 10:
            return rng.randint(2008, 2024)
        return rng.randint(1960, 2022)

    def _date_in(self, year: int) -> date:
        """A day in ``year``; in the last year only up to June, so no date lies in the future."""
        return date(year, self.rng.randint(1, 6 if year >= LAST_YEAR else 12), self.rng.randint(1, 28))

    # --- memberships -----------------------------------------------------------------------------------
    def _primary_membership(self, cluster: str, founded: int, institution: bool) -> MembershipSpec:
        rng = self.rng
        cluster_founded = CLUSTER_FOUNDED.get(cluster) or 2005
        earliest = max(2005, founded, cluster_founded)
        if cluster_founded >= 2005 and founded <= cluster_founded and rng.random() < 0.15:
            return MembershipSpec(cluster, "founding_member", "active", self._date_in(cluster_founded))
        since = self._date_in(rng.randint(earliest, LAST_YEAR))
        r = rng.random()
        if r < 0.06:
            role = "board"
        elif r < (0.45 if institution else 0.12):
            role = "partner"
        elif r < (0.47 if institution else 0.14):
            role = "sponsor"
        else:
            role = "member"
        return MembershipSpec(cluster, role, "active", since)

    def _extra_memberships(self, primary: str, founded: int, name: str) -> list[MembershipSpec]:
        rng = self.rng
        if rng.random() >= MULTI_CLUSTER_SHARE:
            return []
        related = RELATED_CLUSTERS[primary]
        count = min(len(related), rng.choices([1, 2], weights=[70, 30])[0])
        extras = []
        for cluster in rng.sample(related, count):
            status = rng.choices(["active", "requested", "invited", "ended"], weights=[72, 10, 8, 10])[0]
            earliest = max(2005, founded, CLUSTER_FOUNDED.get(cluster) or 2005)
            if status == "active":
                role = rng.choices(["member", "partner"], weights=[85, 15])[0]
                extras.append(MembershipSpec(cluster, role, status, self._date_in(rng.randint(earliest, LAST_YEAR))))
            elif status == "ended":
                start = rng.randint(earliest, LAST_YEAR - 1)
                since = self._date_in(start)
                until = min(date(LAST_YEAR, 6, 30), since + timedelta(days=365 * rng.randint(1, 6)))
                extras.append(MembershipSpec(cluster, "member", status, since, until))
            elif status == "requested":
                message = f"{name} möchte sich in diesem Cluster stärker vernetzen. (Demo-Daten)"
                extras.append(MembershipSpec(cluster, "member", status, message=message))
            else:
                extras.append(MembershipSpec(cluster, "member", status, message="Einladung zur Mitgliedschaft."))
        return extras

    # --- people ----------------------------------------------------------------------------------------
    def _people(self, domain: str, institution: bool) -> list[PersonSpec]:
        rng, fake = self.rng, self.fake
        count = rng.choices([1, 2, 3], weights=[45, 35, 20])[0]
        positions = rng.sample(INSTITUTION_POSITIONS if institution else COMPANY_POSITIONS, count)
        people, emails = [], set()
        for position in positions:
            first, last = fake.first_name(), fake.last_name()
            r = rng.random()
            titles = ((0.25, "Prof. Dr."), (0.5, "Dr.")) if institution else ((0.1, "Dr."),)
            title = next((t for limit, t in titles if r < limit), "")
            local = f"{ascii_slug(first)}.{ascii_slug(last)}".replace("-", "")
            email = f"{local}@{domain}"
            while email in emails:
                local += "1"
                email = f"{local}@{domain}"
            emails.add(email)
            consent = rng.random() < CONSENT_SHARE
            consent_given = (
                datetime(2023, 1, 2, 9, 0, tzinfo=UTC)
                + timedelta(days=rng.randint(0, 900), minutes=rng.randint(0, 600))
                if consent
                else None
            )
            people.append(PersonSpec(first, last, title, position, email, consent, consent_given))
        return people

    # --- organisations ---------------------------------------------------------------------------------
    def _topics(self, profile: dict, industry_topics: list[str]) -> list[str]:
        rng = self.rng
        themes = rng.sample(profile["themes"], rng.choices([0, 1, 2], weights=[25, 50, 25])[0])
        topics = list(dict.fromkeys(industry_topics + themes))
        return topics[:4]

    def _company(self, cluster: str, profile: dict, base: str | None = None, activity=None) -> OrganisationSpec:
        rng = self.rng
        word, act_de, act_en, code, topic = activity or rng.choice(profile["activities"])
        base = base or self._unique(lambda: self._company_base(word))
        employees = self._company_employees()
        legal_form = self._company_legal_form(employees)
        name = f"{base} {LEGAL_FORM_SUFFIX.get(legal_form, legal_form)}"
        founded = self._company_founded(employees)
        address = self._address(self._district(profile["home"]))
        codes = [code]
        industry_topics = [topic]
        if rng.random() < 0.3:
            _w, _de, _en, code2, topic2 = rng.choice(profile["activities"])
            codes.append(code2)
            industry_topics.append(topic2)
        codes = list(dict.fromkeys(c[:5] if rng.random() < 0.2 and len(c) == 7 else c for c in codes))
        topics = self._topics(profile, industry_topics)
        themes = [t for t in topics if t in CROSS_CLUSTER_SLUGS]
        focus_de, focus_en = rng.choice(profile["focus"])
        emp_de, emp_en = _head_count_phrases(employees)
        size_de, size_en = _size_words(employees, founded)
        theme_de, theme_en = TOPIC_NAMES[themes[0]] if themes else ("", "")
        if founded >= 2015 and employees < 50 and rng.random() < 0.5:
            template = START_UP_TEMPLATE
        elif themes and rng.random() < 0.4:
            template = THEME_TEMPLATE
        else:
            template = rng.choice(COMPANY_TEMPLATES)
        values = {
            "name": name, "district": address["district"], "founded": founded,
            "act_de": act_de, "act_en": act_en, "act_de_cap": _capitalise(act_de), "act_en_cap": _capitalise(act_en),
            "focus_de": focus_de, "focus_en": focus_en, "emp_de": emp_de, "emp_en": emp_en,
            "size_de": size_de, "size_en": size_en, "theme_de": theme_de, "theme_en": theme_en,
        }  # fmt: skip
        domain = f"{ascii_slug(base)}.example"
        spec = OrganisationSpec(
            slug=ascii_slug(name),
            name=name,
            legal_form=legal_form,
            employees=employees,
            founded=founded,
            website=f"https://www.{domain}",
            email=f"info@{domain}",
            description_de=f"{template[0].format(**values)} {DEMO_MARKER_DE}",
            description_en=f"{template[1].format(**values)} {DEMO_MARKER_EN}",
            industry_codes=codes,
            topics=topics,
            **address,
        )
        spec.memberships = [self._primary_membership(cluster, founded, institution=False)]
        spec.memberships += self._extra_memberships(cluster, founded, name)
        spec.people = self._people(domain, institution=False)
        return spec

    def _institution(self, cluster: str, profile: dict) -> OrganisationSpec | None:
        rng = self.rng
        pattern, legal_form, act_de, act_en, code = rng.choice(profile["institutions"])
        district = self._district(profile["home"])
        name = pattern.format(place=district if rng.random() < 0.6 else "Hamburg")
        if ascii_slug(name) in self.used_bases:
            return None
        self.used_bases.add(ascii_slug(name))
        if legal_form == "e.V.":
            employees = max(1, min(40, round(rng.lognormvariate(1.6, 0.7))))
        else:
            employees = max(8, min(3000, round(rng.lognormvariate(4.2, 0.9))))
        founded = rng.randint(1950, 2018)
        address = self._address(district)
        template = rng.choice(INSTITUTION_TEMPLATES)
        values = {"name": name, "district": district, "founded": founded, "act_de": act_de, "act_en": act_en}
        domain = f"{ascii_slug(name)}.example.org"
        topics = self._topics(profile, [profile["activities"][0][4]])
        spec = OrganisationSpec(
            slug=ascii_slug(name),
            name=name,
            legal_form=legal_form,
            employees=employees,
            founded=founded,
            website=f"https://{domain}",
            email=f"kontakt@{domain}",
            description_de=f"{template[0].format(**values)} {DEMO_MARKER_ORG_DE}",
            description_en=f"{template[1].format(**values)} {DEMO_MARKER_ORG_EN}",
            industry_codes=[code],
            topics=topics,
            **address,
        )
        spec.memberships = [self._primary_membership(cluster, founded, institution=True)]
        spec.memberships += self._extra_memberships(cluster, founded, name)
        spec.people = self._people(domain, institution=True)
        return spec

    def _showcase(self) -> OrganisationSpec:
        """Elbflug Avionik GmbH: a Hamburg Aviation board member that also belongs to EEHH."""
        profile = PROFILES["hamburg-aviation"]
        self.used_bases.add("elbflug-avionik")
        spec = self._company("hamburg-aviation", profile, base="Elbflug Avionik", activity=profile["activities"][0])
        spec.slug, spec.name, spec.legal_form = SHOWCASE_SLUG, "Elbflug Avionik GmbH", "GmbH"
        spec.employees, spec.founded = 85, 2009
        spec.description_de = (
            "Elbflug Avionik GmbH aus Finkenwerder entwickelt Bordelektronik für Verkehrsflugzeuge und "
            "Drohnen. Gemeinsam mit Partnern aus der Energiewirtschaft arbeitet das Unternehmen an "
            "Brennstoffzellen-Systemen für emissionsarmes Fliegen. Es bildet Elektronikerinnen und Elektroniker "
            f"aus und engagiert sich in der Clusterbrücke Wasserstoff. {DEMO_MARKER_DE}"
        )
        spec.description_en = (
            "Elbflug Avionik GmbH in Finkenwerder develops on-board electronics for commercial aircraft and "
            "drones. With partners from the energy industry, the company works on fuel-cell systems for "
            "low-emission flying. It trains electronics technicians and is active in the hydrogen cluster "
            f"bridge. {DEMO_MARKER_EN}"
        )
        spec.industry_codes = ["30.30.0", "26.51.1"]
        spec.topics = ["aviation", "drones-urban-air-mobility", "hydrogen", "fuel-cells"]
        for key, value in self._address("Finkenwerder").items():
            setattr(spec, key, value)
        spec.memberships = [
            MembershipSpec("hamburg-aviation", "board", "active", date(2012, 3, 1)),
            MembershipSpec("erneuerbare-energien-hamburg", "member", "active", date(2021, 9, 15)),
            MembershipSpec("logistik-initiative-hamburg", "member", "requested",
                           message="Wir möchten Drohnenlogistik gemeinsam erproben. (Demo-Daten)"),
        ]  # fmt: skip
        return spec

    def generate(self) -> list[OrganisationSpec]:
        organisations = [self._showcase()]
        for cluster, profile in PROFILES.items():
            made = 1 if cluster == "hamburg-aviation" else 0
            while made < profile["count"]:
                spec = None
                if profile["institutions"] and self.rng.random() < INSTITUTION_SHARE:
                    spec = self._institution(cluster, profile)
                if spec is None:
                    spec = self._company(cluster, profile)
                organisations.append(spec)
                made += 1
        return organisations


def generate() -> list[OrganisationSpec]:
    """The demo organisations, each with memberships and people; identical on every call."""
    return _Generator().generate()
