"""Demo offers and requests: about forty invented posts of the demo organisations across the clusters, with the
crisis-style exchange of capacities and scarce materials the Hamburg clusters brokered (disinfectant production,
protective masks, 3D printing, warehouse space, laboratory time…), pairs that match each other, one conversation
of the demo member representative's organisation, a draft, a post in talks, a closed and an expired one.

Everything is flagged ``is_demo``: the pages show a "demo data" badge. The texts carry no marker, which would be
words every demo post shares and so skew the matching. Dates are relative to the day the demo is loaded. ``load()``
replaces earlier demo posts, so loading twice gives the same result; the posts go with their organisations when the
demo data is removed.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from crosscluster.directory.models import Cluster, Membership, Organisation

from . import services
from .models import Message, Post, Thread

SHOWCASE = "elbflug-avionik-gmbh"  # the organisation the demo member representative looks after

OFFER, REQUEST = Post.Kind.OFFER, Post.Kind.REQUEST
C = Post.Category


@dataclass
class P:
    """One demo post: posting organisation (cluster slug and position among its demo members, or an org slug)."""

    cluster: str
    n: int
    kind: str
    category: str
    title_de: str
    title_en: str
    description_de: str
    description_en: str
    quantity: str | None = None
    unit: str = ""
    radius_km: int = 50
    days_ago: int = 3  # published so many days ago (valid from then)
    days_valid: int | None = 90  # valid for so many days after today; None = open-ended
    place: str = ""
    visibility: str = Post.Visibility.ALL
    chosen: tuple = ()
    status: str = Post.Status.PUBLISHED
    organisation: str = ""


# fmt: off
POSTS = [
    # --- crisis: hygiene, protective equipment, production capacity ------------------------------------------
    P("life-science-nord", 0, OFFER, C.PRODUCTION,
      "Produktionskapazität für Desinfektionsmittel (Handdesinfektion nach WHO-Rezeptur)",
      "Production capacity for hand disinfectant (WHO formulation)",
      "Unsere Abfüllanlage ist zur Hälfte frei. Wir stellen Handdesinfektionsmittel nach WHO-Rezeptur her und "
      "füllen in 500-ml-Flaschen und 5-Liter-Kanister ab. Ethanol bringen Sie mit oder wir beschaffen es.",
      "Half of our filling line is free. We produce hand disinfectant to the WHO formulation and fill 500 ml "
      "bottles and 5 litre canisters. Bring your own ethanol or we source it.",
      "5000", "Liter/Woche", 150, 5, 60),
    P("gesundheitswirtschaft-hamburg", 0, REQUEST, C.PRODUCTION,
      "Gesucht: Produktionskapazität für Desinfektionsmittel",
      "Wanted: production capacity for disinfectant",
      "Für unsere Pflegeeinrichtungen suchen wir einen Hersteller, der Hand- und Flächendesinfektionsmittel "
      "abfüllt, etwa 2.000 Liter pro Woche über drei Monate.",
      "For our care homes we are looking for a manufacturer who fills hand and surface disinfectant, about "
      "2,000 litres a week for three months.",
      "2000", "Liter/Woche", 100, 1, 90),
    P("life-science-nord", 1, OFFER, C.MATERIALS,
      "Desinfektionsmittel sofort lieferbar, 3.000 Liter",
      "Disinfectant available at once, 3,000 litres",
      "Aus einer Überproduktion: Handdesinfektionsmittel in 5-Liter-Kanistern, sofort ab Lager in Bahrenfeld.",
      "From surplus production: hand disinfectant in 5 litre canisters, available at once from our warehouse in "
      "Bahrenfeld.",
      "3000", "Liter", 80, 2, 30),
    P("gesundheitswirtschaft-hamburg", 1, REQUEST, C.MATERIALS,
      "Gesucht: Desinfektionsmittel für Arztpraxen",
      "Wanted: disinfectant for medical practices",
      "Ein Verbund von Arztpraxen sucht kurzfristig Hand- und Flächendesinfektionsmittel, gern in Kanistern.",
      "A group of medical practices urgently needs hand and surface disinfectant, preferably in canisters.",
      "800", "Liter", 50, 0, 21),
    P("gesundheitswirtschaft-hamburg", 2, OFFER, C.MATERIALS,
      "FFP2-Schutzmasken aus Lagerbestand",
      "FFP2 protective masks from stock",
      "Zertifizierte FFP2-Atemschutzmasken (EN 149) aus unserem Lagerbestand, in Kartons zu 20 Stück.",
      "Certified FFP2 respirator masks (EN 149) from our stock, in boxes of 20.",
      "20000", "Stück", 300, 6, 45),
    P("life-science-nord", 2, REQUEST, C.MATERIALS,
      "Gesucht: FFP2-Schutzmasken für Laborpersonal",
      "Wanted: FFP2 protective masks for laboratory staff",
      "Für 120 Beschäftigte im Labor brauchen wir FFP2-Masken für die nächsten Wochen.",
      "We need FFP2 masks for 120 laboratory staff for the coming weeks.",
      "5000", "Stück", 100, 1, 30),
    P("hamburg-kreativ-gesellschaft", 0, OFFER, C.PRODUCTION,
      "Nähkapazität für Schutzkittel und Mund-Nasen-Bedeckungen",
      "Sewing capacity for protective gowns and face coverings",
      "Unser Atelier mit zwölf Nähplätzen übernimmt Aufträge für Schutzkittel und Mund-Nasen-Bedeckungen.",
      "Our studio with twelve sewing stations takes orders for protective gowns and face coverings.",
      "1500", "Stück/Woche", 60, 8, 60),
    P("gesundheitswirtschaft-hamburg", 3, REQUEST, C.PRODUCTION,
      "Gesucht: Nähkapazität für waschbare Schutzkittel",
      "Wanted: sewing capacity for washable protective gowns",
      "Wir suchen eine Näherei, die 3.000 waschbare Schutzkittel nach unserem Schnitt fertigt.",
      "We are looking for a workshop to sew 3,000 washable protective gowns to our pattern.",
      "3000", "Stück", 100, 2, 45),
    # --- 3D printing, manufacturing -----------------------------------------------------------------------
    P("hamburg-aviation", 1, OFFER, C.PRODUCTION,
      "Freie 3D-Druck-Kapazität (SLS, Polyamid) für Prototypen und Kleinserien",
      "Free 3D printing capacity (SLS, polyamide) for prototypes and small series",
      "Zwei SLS-Anlagen sind nicht ausgelastet. Wir drucken Gehäuse, Halterungen und Ersatzteile aus Polyamid "
      "PA12, auch Kleinserien bis 500 Teile.",
      "Two SLS printers have spare time. We print housings, brackets and spare parts in PA12 polyamide, also small "
      "series of up to 500 parts.",
      "120", "Maschinenstunden/Monat", 200, 10, 120),
    P("", 0, REQUEST, C.PRODUCTION,
      "Gesucht: 3D-Druck-Kapazität für Gehäuse-Prototypen",
      "Wanted: 3D printing capacity for housing prototypes",
      "Für neue Bordelektronik brauchen wir 3D-gedruckte Gehäuse-Prototypen aus Polyamid, etwa 40 Teile.",
      "For new on-board electronics we need 3D printed housing prototypes in polyamide, about 40 parts.",
      "40", "Teile", 100, 1, 60, organisation=SHOWCASE),
    P("maritimes-cluster-norddeutschland", 0, REQUEST, C.PRODUCTION,
      "Gesucht: 3D-gedruckte Ersatzteile für Schiffsausrüstung",
      "Wanted: 3D printed spare parts for ship equipment",
      "Für ältere Pumpen und Lüfter an Bord gibt es keine Ersatzteile mehr. Wer druckt sie nach Muster?",
      "Spare parts for older pumps and fans on board are no longer available. Who can print them from a sample?",
      "25", "Teile", 150, 4, 90),
    P("hamburg-aviation", 2, OFFER, C.PRODUCTION,
      "CNC-Fräskapazität (5-Achs) für Aluminium und Titan",
      "CNC milling capacity (5-axis) for aluminium and titanium",
      "Freie Kapazität auf zwei 5-Achs-Fräszentren, luftfahrtzertifiziert nach EN 9100.",
      "Spare capacity on two 5-axis machining centres, aerospace certified to EN 9100.",
      "200", "Stunden/Monat", 250, 12, 90),
    P("", 0, OFFER, C.PRODUCTION,
      "Freie Kapazität: Elektronikfertigung (SMD-Bestückung)",
      "Spare capacity: electronics manufacturing (SMD assembly)",
      "Unsere SMD-Linie hat freie Schichten für Baugruppen in kleinen und mittleren Stückzahlen, mit AOI-Prüfung.",
      "Our SMD line has free shifts for assemblies in small and medium batches, with automated optical inspection.",
      "2", "Schichten/Woche", 150, 7, 90, organisation=SHOWCASE),
    P("erneuerbare-energien-hamburg", 0, REQUEST, C.PRODUCTION,
      "Gesucht: Elektronikfertigung für Laderegler-Baugruppen",
      "Wanted: electronics manufacturing for charge controller assemblies",
      "Wir suchen einen Fertiger für SMD-Bestückung von 800 Laderegler-Baugruppen.",
      "We are looking for a manufacturer for SMD assembly of 800 charge controller assemblies.",
      "800", "Baugruppen", 200, 2, 75),
    P("maritimes-cluster-norddeutschland", 1, OFFER, C.PRODUCTION,
      "Schweißkapazität für Stahlbau und Reparatur",
      "Welding capacity for steel construction and repair",
      "Werft mit freien Kapazitäten im Stahlbau: Schweißen nach DIN EN 1090, auch Reparaturen vor Ort.",
      "Shipyard with spare steel construction capacity: welding to DIN EN 1090, also repairs on site.",
      None, "", 100, 9, 60, place="Wilhelmsburg"),
    # --- space and warehouses -------------------------------------------------------------------------------
    P("logistik-initiative-hamburg", 0, OFFER, C.SPACE,
      "Lagerfläche im Hafen: 2.000 Palettenstellplätze",
      "Warehouse space in the port: 2,000 pallet spaces",
      "Trockenes Hochregallager in Waltershof mit 2.000 freien Palettenstellplätzen, auch kurzfristig.",
      "Dry high-bay warehouse in Waltershof with 2,000 free pallet spaces, also at short notice.",
      "2000", "Palettenstellplätze", 80, 5, 120, place="Waltershof"),
    P("life-science-nord", 3, REQUEST, C.SPACE,
      "Gesucht: Lagerfläche für medizinische Güter, temperaturgeführt",
      "Wanted: temperature-controlled warehouse space for medical goods",
      "Für Schutzausrüstung und Medizinprodukte suchen wir 300 Palettenstellplätze, temperaturgeführt 15–25 °C.",
      "For protective equipment and medical devices we need 300 pallet spaces, temperature-controlled at 15–25 °C.",
      "300", "Palettenstellplätze", 60, 1, 90),
    P("foodactive", 0, OFFER, C.SPACE,
      "Kühlhaus mit 500 m³ frei",
      "Cold store with 500 m³ available",
      "Kühlhaus (2–8 °C) mit 500 m³ freiem Volumen, Anlieferung rund um die Uhr.",
      "Cold store (2–8 °C) with 500 m³ free volume, deliveries around the clock.",
      "500", "m³", 70, 3, 60),
    P("hamburg-aviation", 3, OFFER, C.SPACE,
      "Reinraum (ISO 7) stundenweise zu vermieten",
      "Clean room (ISO 7) for hire by the hour",
      "Unser Reinraum der Klasse ISO 7 steht an Nachmittagen für Montagearbeiten zur Verfügung.",
      "Our ISO class 7 clean room is available in the afternoons for assembly work.",
      "20", "Stunden/Woche", 60, 6, 90),
    P("life-science-nord", 4, REQUEST, C.SPACE,
      "Gesucht: Reinraumkapazität für die Montage von Medizinprodukten",
      "Wanted: clean room capacity for assembling medical devices",
      "Wir suchen Reinraumzeit (ISO 7 oder besser) für die Endmontage von Diagnosegeräten.",
      "We are looking for clean room time (ISO 7 or better) for the final assembly of diagnostic devices.",
      "10", "Stunden/Woche", 80, 2, 60),
    P("maritimes-cluster-norddeutschland", 2, OFFER, C.SPACE,
      "Schulungsräume in Finkenwerder",
      "Training rooms in Finkenwerder",
      "Zwei Schulungsräume für je 20 Personen mit Technik, tage- oder wochenweise.",
      "Two training rooms for 20 people each with equipment, by the day or by the week.",
      None, "", 30, 15, None, place="Finkenwerder"),
    P("hamburg-kreativ-gesellschaft", 1, REQUEST, C.SPACE,
      "Gesucht: Halle für Fotoshootings und Dreharbeiten",
      "Wanted: hall for photo shoots and filming",
      "Für eine Kampagne suchen wir eine leere Halle (ab 300 m²) für zwei Wochen.",
      "For a campaign we need an empty hall (300 m² or more) for two weeks.",
      "300", "m²", 40, 2, 30),
    # --- laboratory and equipment ------------------------------------------------------------------------------
    P("life-science-nord", 5, OFFER, C.EQUIPMENT,
      "Labor-Zeit: S2-Labor mit PCR-Ausstattung",
      "Laboratory time: biosafety level 2 lab with PCR equipment",
      "Unser S2-Labor mit zwei PCR-Geräten und Sicherheitswerkbank ist an zwei Tagen pro Woche frei.",
      "Our biosafety level 2 laboratory with two PCR machines and a safety cabinet is free two days a week.",
      "16", "Stunden/Woche", 80, 4, 90),
    P("gesundheitswirtschaft-hamburg", 4, REQUEST, C.EQUIPMENT,
      "Gesucht: Labor-Zeit mit PCR-Gerät für Testreihen",
      "Wanted: laboratory time with a PCR machine for test series",
      "Für Testreihen brauchen wir Zugang zu einem Labor mit PCR-Gerät, etwa acht Stunden pro Woche.",
      "For test series we need access to a laboratory with a PCR machine, about eight hours a week.",
      "8", "Stunden/Woche", 60, 1, 60),
    P("", 0, REQUEST, C.EQUIPMENT,
      "Gesucht: Labor-Zeit für EMV-Prüfungen",
      "Wanted: laboratory time for EMC testing",
      "Für die Zulassung neuer Avionik suchen wir eine EMV-Messkammer für rund drei Tage.",
      "For the approval of new avionics we are looking for an EMC test chamber for about three days.",
      "3", "Tage", 300, 2, 60, organisation=SHOWCASE),
    P("erneuerbare-energien-hamburg", 1, OFFER, C.EQUIPMENT,
      "Mobile Stromaggregate zur Miete",
      "Mobile generators for hire",
      "Fünf mobile Stromaggregate (100 kVA) mit Lieferung und Aufbau, auch für Notstrom.",
      "Five mobile generators (100 kVA) with delivery and set-up, also as emergency power.",
      "5", "Aggregate", 150, 11, None),
    P("hamburg-cruise-net", 0, REQUEST, C.EQUIPMENT,
      "Gesucht: Mobile Stromaggregate für ein Terminal",
      "Wanted: mobile generators for a terminal",
      "Für die Landstromumstellung brauchen wir für vier Wochen zwei Stromaggregate.",
      "During the shore power conversion we need two generators for four weeks.",
      "2", "Aggregate", 50, 1, 40),
    P("erneuerbare-energien-hamburg", 2, OFFER, C.EQUIPMENT,
      "Wasserstoff-Elektrolyseur für Testzwecke",
      "Hydrogen electrolyser for tests",
      "Ein 50-kW-Elektrolyseur steht für Versuche mit grünem Wasserstoff zur Mitnutzung bereit.",
      "A 50 kW electrolyser is available for shared use in tests with green hydrogen.",
      None, "", 100, 20, 180, visibility=Post.Visibility.OWN),
    # --- services and expertise ---------------------------------------------------------------------------------
    P("logistik-initiative-hamburg", 1, OFFER, C.SERVICES,
      "Kurzfristige Transportkapazität: fünf Sattelzüge",
      "Short-notice transport capacity: five articulated lorries",
      "Fünf Sattelzüge mit Fahrern sind in den nächsten Wochen frei, bundesweit.",
      "Five articulated lorries with drivers are free in the coming weeks, nationwide.",
      "5", "Sattelzüge", 600, 3, 30),
    P("foodactive", 1, REQUEST, C.SERVICES,
      "Gesucht: Kühltransport für Lebensmittelspenden",
      "Wanted: refrigerated transport for food donations",
      "Wir suchen Kühltransporte, die Lebensmittelspenden an Tafeln in Norddeutschland bringen.",
      "We are looking for refrigerated transport that takes food donations to food banks in northern Germany.",
      None, "", 200, 1, 30),
    P("logistik-initiative-hamburg", 2, OFFER, C.SERVICES,
      "Kommissionierung und Versand (Fulfillment)",
      "Picking and shipping (fulfilment)",
      "Wir übernehmen Kommissionierung, Verpackung und Versand für Ihre Waren, auch für Schutzausrüstung.",
      "We take over picking, packing and shipping of your goods, including protective equipment.",
      None, "", 500, 14, None),
    P("hamburg-kreativ-gesellschaft", 2, OFFER, C.SERVICES,
      "Videoproduktion für Online-Schulungen",
      "Video production for online training",
      "Wir drehen und schneiden Schulungsvideos, etwa zu Hygieneregeln oder Arbeitsschutz.",
      "We film and edit training videos, for example on hygiene rules or occupational safety.",
      None, "", 100, 5, None),
    P("gesundheitswirtschaft-hamburg", 5, REQUEST, C.SERVICES,
      "Gesucht: Videoproduktion für eine Hygieneschulung",
      "Wanted: video production for hygiene training",
      "Für unsere Beschäftigten suchen wir eine Agentur, die ein kurzes Schulungsvideo zu Hygieneregeln dreht.",
      "For our staff we are looking for an agency to film a short training video on hygiene rules.",
      "1", "Video", 80, 1, 45),
    P("nextmedia-hamburg", 0, OFFER, C.SERVICES,
      "Hosting und Streaming für virtuelle Veranstaltungen",
      "Hosting and streaming for virtual events",
      "Plattform, Technik und Regie für virtuelle Konferenzen mit bis zu 2.000 Teilnehmenden.",
      "Platform, equipment and direction for virtual conferences with up to 2,000 participants.",
      None, "", 1000, 9, None, visibility=Post.Visibility.CHOSEN,
      chosen=("hamburg-aviation", "life-science-nord", "nextmedia-hamburg")),
    P("life-science-nord", 6, OFFER, C.EXPERTISE,
      "Regulatorische Beratung für Medizinprodukte (MDR)",
      "Regulatory advice for medical devices (MDR)",
      "Wir begleiten Hersteller bei der Zulassung nach der Medizinprodukte-Verordnung (MDR).",
      "We support manufacturers with approval under the Medical Device Regulation (MDR).",
      None, "", 500, 20, None),
    P("nextmedia-hamburg", 1, REQUEST, C.EXPERTISE,
      "Gesucht: Expertise in Datenanalyse und KI",
      "Wanted: expertise in data analysis and AI",
      "Für ein Projekt zur Reichweitenmessung suchen wir Fachleute für Datenanalyse und maschinelles Lernen.",
      "For an audience measurement project we are looking for experts in data analysis and machine learning.",
      None, "", 300, 3, 60),
    P("hamburg-at-work", 0, OFFER, C.EXPERTISE,
      "Beratung zu Datenanalyse und KI für den Mittelstand",
      "Data analysis and AI consulting for small and medium-sized companies",
      "Unsere Fachleute für Datenanalyse und KI unterstützen Projekte von der Idee bis zum Betrieb.",
      "Our data analysis and AI experts support projects from the idea to operation.",
      None, "", 300, 10, None),
    P("finanzplatz-hamburg", 0, OFFER, C.EXPERTISE,
      "Fördermittelberatung für Innovationsprojekte",
      "Funding advice for innovation projects",
      "Wir finden passende Förderprogramme und unterstützen bei Anträgen für Innovationsprojekte.",
      "We find suitable funding programmes and help with applications for innovation projects.",
      None, "", 200, 25, None),
    P("maritimes-cluster-norddeutschland", 3, REQUEST, C.EXPERTISE,
      "Gesucht: Beratung zum Korrosionsschutz im Offshore-Bereich",
      "Wanted: advice on corrosion protection offshore",
      "Für Stahlstrukturen auf See suchen wir Expertise in Korrosionsschutz und Beschichtung.",
      "For steel structures at sea we are looking for expertise in corrosion protection and coatings.",
      None, "", 300, 6, 60, place="Cuxhaven"),
    # --- cooperation ----------------------------------------------------------------------------------------
    P("erneuerbare-energien-hamburg", 3, REQUEST, C.COOPERATION,
      "F&E-Partner gesucht: Wasserstofftanks aus Faserverbund",
      "R&D partner wanted: hydrogen tanks made of fibre composites",
      "Für ein Forschungsprojekt zu leichten Wasserstofftanks aus Faserverbund suchen wir Partner aus Luftfahrt "
      "und Schiffbau.",
      "For a research project on lightweight hydrogen tanks made of fibre composites we are looking for partners "
      "from aviation and shipbuilding.",
      None, "", 500, 5, 120),
    P("hamburg-aviation", 4, OFFER, C.COOPERATION,
      "Kooperation: Erfahrung mit Faserverbund und Wasserstoff in der Luftfahrt",
      "Cooperation: experience with fibre composites and hydrogen in aviation",
      "Wir bringen Erfahrung mit Faserverbund-Strukturen und Wasserstoffsystemen in Forschungsprojekte ein.",
      "We contribute experience with fibre composite structures and hydrogen systems to research projects.",
      None, "", 500, 12, None),
    P("hamburg-aviation", 5, REQUEST, C.COOPERATION,
      "Kooperationspartner für Drohnen-Logistik gesucht",
      "Cooperation partners wanted for drone logistics",
      "Für Testflüge mit Lastendrohnen zwischen Kliniken suchen wir Partner aus Logistik und Gesundheitswesen.",
      "For test flights of cargo drones between hospitals we are looking for partners from logistics and healthcare.",
      None, "", 100, 4, 90, status=Post.Status.IN_TALKS),
    P("hamburg-at-work", 1, REQUEST, C.COOPERATION,
      "Partner für Weiterbildung in Cybersicherheit gesucht",
      "Partners wanted for cyber security training",
      "Wir planen ein Weiterbildungsprogramm zu Cybersicherheit und suchen Partner aus den Clustern.",
      "We are planning a training programme on cyber security and are looking for partners in the clusters.",
      None, "", 100, 2, 90, visibility=Post.Visibility.OWN),
    # --- the rest of the workflow: a draft, a closed and an expired post -------------------------------------
    P("", 0, OFFER, C.EQUIPMENT,
      "Prüfstand für Brennstoffzellen zur Mitnutzung",
      "Fuel cell test bench for shared use",
      "Entwurf: Unser Prüfstand für Brennstoffzellen-Systeme bis 20 kW könnte an Partner vermietet werden.",
      "Draft: our test bench for fuel cell systems up to 20 kW could be hired out to partners.",
      None, "", 200, 0, 120, status=Post.Status.DRAFT, organisation=SHOWCASE),
    P("gesundheitswirtschaft-hamburg", 6, OFFER, C.MATERIALS,
      "Einweghandschuhe (Nitril), Restposten",
      "Disposable gloves (nitrile), remaining stock",
      "Restposten Nitril-Einweghandschuhe, Größen M und L – bereits vergeben.",
      "Remaining stock of nitrile disposable gloves, sizes M and L – already taken.",
      "10000", "Stück", 100, 40, 20, status=Post.Status.CLOSED),
    P("logistik-initiative-hamburg", 3, OFFER, C.SPACE,
      "Umschlagfläche am Kai für Projektladung",
      "Quay-side handling area for project cargo",
      "Freie Umschlagfläche (4.000 m²) am Kai für Projektladung – Angebot abgelaufen.",
      "Free handling area (4,000 m²) on the quay for project cargo – offer expired.",
      "4000", "m²", 100, 60, -5, status=Post.Status.EXPIRED),
]
# fmt: on

THREAD_MESSAGES = [
    (
        False,
        "Guten Tag, wir bräuchten SMD-Bestückung für 800 Laderegler-Baugruppen. Hätten Sie im nächsten Monat "
        "zwei Schichten frei? Die Stücklisten schicken wir gern.",
    ),
    (
        True,
        "Gern! Im nächsten Monat haben wir Kapazität. Bitte senden Sie uns Stückliste und Gerber-Daten, dann "
        "melden wir uns mit einem Angebot.",
    ),
    (False, "Danke, die Unterlagen kommen heute noch. Können Sie auch die AOI-Prüfprotokolle mitliefern?"),
]


def _organisations_by_cluster() -> dict[str, list[Organisation]]:
    members = (
        Membership.objects.filter(status=Membership.Status.ACTIVE, organisation__is_demo=True)
        .exclude(organisation__slug=SHOWCASE)
        .select_related("organisation", "cluster")
        .order_by("cluster__slug", "organisation__slug")
    )
    by_cluster: dict[str, list[Organisation]] = {}
    for membership in members:
        by_cluster.setdefault(membership.cluster.slug, []).append(membership.organisation)
    return by_cluster


@transaction.atomic
def load() -> int:
    """Replace the demo posts; returns how many were created (0 when the demo organisations are missing)."""
    remove()
    showcase = Organisation.objects.filter(slug=SHOWCASE).first()
    by_cluster = _organisations_by_cluster()
    clusters = {c.slug: c for c in Cluster.objects.all()}
    if showcase is None or not by_cluster:
        return 0
    now = timezone.now()
    today = timezone.localdate()
    created = []
    for spec in POSTS:
        if spec.organisation:
            organisation = showcase
        else:
            candidates = by_cluster.get(spec.cluster)
            if not candidates:
                continue
            organisation = candidates[spec.n % len(candidates)]
        post = Post(
            organisation=organisation,
            kind=spec.kind,
            category=spec.category,
            title_de=spec.title_de,
            title_en=spec.title_en,
            description_de=spec.description_de,
            description_en=spec.description_en,
            quantity=Decimal(spec.quantity) if spec.quantity else None,
            unit=spec.unit,
            place=spec.place,
            radius_km=spec.radius_km,
            valid_from=today - timedelta(days=spec.days_ago),
            valid_to=None if spec.days_valid is None else today + timedelta(days=spec.days_valid),
            visibility=spec.visibility,
            status=spec.status,
            published_at=None if spec.status == Post.Status.DRAFT else now - timedelta(days=spec.days_ago, hours=2),
            is_demo=True,
        )
        services._locate(post, explicit_coordinates=False)
        services._index_text(post)
        post.save()
        if spec.chosen:
            post.visible_clusters.set([clusters[slug] for slug in spec.chosen if slug in clusters])
        created.append(post)
    _conversation(showcase, created)
    return len(created)


def _conversation(showcase, posts) -> None:
    """A conversation about the showcase organisation's electronics offer, its last message still unread."""
    offer = next((p for p in posts if p.organisation_id == showcase.pk and p.category == C.PRODUCTION
                  and p.kind == OFFER), None)  # fmt: skip
    asker = next((p.organisation for p in posts if p.title_en.startswith("Wanted: electronics")), None)
    if offer is None or asker is None:
        return
    start = timezone.now() - timedelta(days=2)
    thread = Thread.objects.create(post=offer, asking_organisation=asker, created=start, last_message_at=start)
    for n, (from_poster, body) in enumerate(THREAD_MESSAGES):
        moment = start + timedelta(hours=5 * n)
        Message.objects.create(thread=thread, author=None, from_poster=from_poster, body=body, created=moment)
        thread.last_message_at = moment
    thread.save(update_fields=["last_message_at"])


@transaction.atomic
def remove() -> None:
    Post.objects.filter(is_demo=True).delete()
