"""Hamburg's eight clusters and four friendly networks, described in our own words.

Founding years are given only where the public record is clear; ``None`` otherwise.
``topics`` are topic slugs from ``topics.py``.
"""

CLUSTERS = [
    {
        "slug": "hamburg-aviation",
        "name": "Hamburg Aviation",
        "short_name": "Aviation",
        "kind": "cluster",
        "website": "https://www.hamburg-aviation.de",
        "founded": 2001,
        "topics": ["aviation", "drones-urban-air-mobility", "hydrogen", "skilled-workers"],
        "description_de": (
            "Hamburg Aviation ist das Luftfahrtcluster der Metropolregion Hamburg, einem der größten Standorte "
            "der zivilen Luftfahrt weltweit. Es verbindet Flugzeugbau, Instandhaltung und Flughafenbetrieb mit "
            "Hunderten Zulieferern, Hochschulen und Forschungseinrichtungen. Entstanden ist es 2001 als Initiative "
            "zur Qualifizierung von Fachkräften; 2008 wurde es als Spitzencluster ausgezeichnet, 2011 folgte der "
            "Trägerverein. Schwerpunkte sind die Flugzeugkabine, emissionsarmes Fliegen und urbane Luftmobilität."
        ),
        "description_en": (
            "Hamburg Aviation is the aviation cluster of the Hamburg Metropolitan Region, one of the largest sites "
            "of civil aviation in the world. It links aircraft manufacturing, maintenance and airport operations "
            "with hundreds of suppliers, universities and research institutes. It began in 2001 as an initiative to "
            "train skilled staff, was named a Leading-Edge Cluster in 2008 and formed its supporting association in "
            "2011. Its focal points are the aircraft cabin, low-emission flying and urban air mobility."
        ),
    },
    {
        "slug": "maritimes-cluster-norddeutschland",
        "name": "Maritimes Cluster Norddeutschland",
        "short_name": "MCN",
        "kind": "cluster",
        "website": "https://www.maritimes-cluster.de",
        "founded": 2011,
        "topics": ["maritime-economy", "hydrogen", "digitalisation", "resilience"],
        "description_de": (
            "Das Maritime Cluster Norddeutschland vernetzt die maritime Wirtschaft der norddeutschen Küstenländer "
            "über Ländergrenzen hinweg. Dazu gehören Werften und Zulieferer, Reedereien, Hafenwirtschaft, "
            "Meerestechnik sowie Forschung und Ausbildung. Das Cluster wurde 2011 von Hamburg und "
            "Schleswig-Holstein gegründet; weitere Küstenländer kamen später hinzu. Fachgruppen arbeiten unter "
            "anderem an klimafreundlichen Schiffsantrieben, Digitalisierung und maritimer Sicherheit."
        ),
        "description_en": (
            "The Maritime Cluster Northern Germany connects the maritime economy of the northern German coastal "
            "states across state borders. It brings together shipyards and suppliers, shipping companies, the port "
            "industry, marine technology, research and training. Hamburg and Schleswig-Holstein founded the cluster "
            "in 2011, and further coastal states joined later. Expert groups work on climate-friendly ship "
            "propulsion, digitalisation and maritime security, among other topics."
        ),
    },
    {
        "slug": "logistik-initiative-hamburg",
        "name": "Logistik-Initiative Hamburg",
        "short_name": "LIHH",
        "kind": "cluster",
        "website": "https://www.hamburg-logistik.net",
        "founded": 2006,
        "topics": ["logistics", "digitalisation", "skilled-workers", "resilience", "drones-urban-air-mobility"],
        "description_de": (
            "Die Logistik-Initiative Hamburg ist das Netzwerk der Logistikwirtschaft in der Metropolregion Hamburg. "
            "Sie wurde 2006 als Partnerschaft von Wirtschaft, Wissenschaft und Stadt gegründet und zählt Hunderte "
            "Mitgliedsunternehmen und Institutionen. Im Mittelpunkt stehen Innovationen in Lieferketten, "
            "Digitalisierung, nachhaltiger Güterverkehr und die Gewinnung von Fachkräften. Mit Projekten wie "
            "„Logistik Lernen Hamburg“ engagiert sie sich besonders für Aus- und Weiterbildung."
        ),
        "description_en": (
            "The Logistik-Initiative Hamburg is the network of the logistics industry in the Hamburg Metropolitan "
            "Region. It was founded in 2006 as a partnership of business, science and the city and counts hundreds "
            "of member companies and institutions. Its work centres on innovation in supply chains, digitalisation, "
            "sustainable freight transport and attracting skilled workers. With projects such as "
            "'Logistik Lernen Hamburg' it is particularly committed to training and further education."
        ),
    },
    {
        "slug": "life-science-nord",
        "name": "Life Science Nord",
        "short_name": "LSN",
        "kind": "cluster",
        "website": "https://lifesciencenord.de",
        "founded": 2004,
        "topics": ["life-sciences", "medical-technology", "digitalisation", "skilled-workers"],
        "description_de": (
            "Life Science Nord ist das gemeinsame Cluster von Hamburg und Schleswig-Holstein für Medizintechnik, "
            "Biotechnologie, Pharma und digitale Gesundheit. Es vernetzt mehrere Hundert Unternehmen, Hochschulen, "
            "Kliniken und Forschungseinrichtungen entlang der gesamten Wertschöpfungskette. Die Clusteragentur "
            "geht auf eine 2004 von beiden Ländern gegründete Gesellschaft zurück. Sie bringt Wissenschaft, "
            "Wirtschaft und Politik zusammen, unterstützt Gründungen und begegnet dem Fachkräftemangel unter "
            "anderem mit einer eigenen Jobbörse."
        ),
        "description_en": (
            "Life Science Nord is the joint cluster of Hamburg and Schleswig-Holstein for medical technology, "
            "biotechnology, pharmaceuticals and digital health. It connects several hundred companies, "
            "universities, hospitals and research institutes along the whole value chain. Its cluster agency goes "
            "back to a company founded by both states in 2004. It brings science, business and politics together, "
            "supports start-ups and tackles the shortage of skilled workers, among other things with its own job "
            "board."
        ),
    },
    {
        "slug": "gesundheitswirtschaft-hamburg",
        "name": "Gesundheitswirtschaft Hamburg",
        "short_name": "GWHH",
        "kind": "cluster",
        "website": "https://www.gwhh.de",
        "founded": None,
        "topics": ["healthcare", "digitalisation", "skilled-workers", "societal-engagement"],
        "description_de": (
            "Gesundheitswirtschaft Hamburg ist das Cluster für die Gesundheitsbranche der Hansestadt, in der etwa "
            "jeder siebte Erwerbstätige arbeitet. Getragen von der Stadt und der Handelskammer, vernetzt es "
            "Kliniken, Pflege, Krankenkassen, Hochschulen und Unternehmen über Sektorengrenzen hinweg. "
            "Schwerpunkte sind eine gute Versorgung, digitale Gesundheit (eHealth), Gründungsberatung und die "
            "Gewinnung von Fachkräften. Mit Life Science Nord betreibt es eine Clusterbrücke zu Hygiene, "
            "Infektion und eHealth."
        ),
        "description_en": (
            "Gesundheitswirtschaft Hamburg is the cluster for the city's healthcare industry, which employs about "
            "one in seven people working in Hamburg. Supported by the city and the Chamber of Commerce, it connects "
            "hospitals, care providers, health insurers, universities and companies across sectors. Its priorities "
            "are good patient care, digital health (eHealth), advice for start-ups and attracting skilled workers. "
            "Together with Life Science Nord it runs a cluster bridge on hygiene, infection and eHealth."
        ),
    },
    {
        "slug": "nextmedia-hamburg",
        "name": "nextMedia.Hamburg",
        "short_name": "nextMedia",
        "kind": "cluster",
        "website": "https://www.nextmedia-hamburg.de",
        "founded": 2014,
        "topics": ["media", "digitalisation", "it", "societal-engagement"],
        "description_de": (
            "nextMedia.Hamburg ist die Standortinitiative für die Medien- und Digitalwirtschaft in Hamburg. Sie "
            "wurde 2014 gestartet, um die Contentbranche an der Schnittstelle von Inhalten und Technologie durch "
            "den digitalen Wandel zu begleiten. Die Initiative verbindet Verlage, Sender, Agenturen, "
            "Games-Entwickler, Start-ups und Hochschulen. Mit Veranstaltungen, einem Start-up-Angebot und "
            "Projekten zu Themen wie künstlicher Intelligenz im Journalismus fördert sie neue Geschäftsmodelle."
        ),
        "description_en": (
            "nextMedia.Hamburg is the location initiative for Hamburg's media and digital industry. It was "
            "launched in 2014 to support the content industry, where content meets technology, through digital "
            "change. The initiative connects publishers, broadcasters, agencies, games developers, start-ups and "
            "universities. Through events, a start-up programme and projects on topics such as artificial "
            "intelligence in journalism, it promotes new business models."
        ),
    },
    {
        "slug": "hamburg-kreativ-gesellschaft",
        "name": "Hamburg Kreativ Gesellschaft",
        "short_name": "Kreativ Gesellschaft",
        "kind": "cluster",
        "website": "https://kreativgesellschaft.org",
        "founded": 2010,
        "topics": ["creative-industries", "societal-engagement", "digitalisation", "skilled-workers"],
        "description_de": (
            "Die Hamburg Kreativ Gesellschaft ist die städtische Einrichtung zur Förderung der Kreativwirtschaft in "
            "Hamburg und besteht seit 2010. Sie unterstützt Selbstständige und Unternehmen aus Musik, Design, "
            "Film, Games, Werbung, Architektur, Literatur und Kunst. Dazu gehören Beratung und Qualifizierung, "
            "die Vermittlung bezahlbarer Räume sowie Finanzierungs- und Förderprogramme. Außerdem bringt sie "
            "Kreative mit Unternehmen anderer Branchen für gemeinsame Innovationsprojekte zusammen."
        ),
        "description_en": (
            "Hamburg Kreativ Gesellschaft is the city's agency for promoting the creative industries in Hamburg and "
            "has existed since 2010. It supports freelancers and companies in music, design, film, games, "
            "advertising, architecture, literature and the arts. Its services include advice and training, finding "
            "affordable spaces, and financing and funding programmes. It also brings creative professionals "
            "together with companies from other industries for joint innovation projects."
        ),
    },
    {
        "slug": "erneuerbare-energien-hamburg",
        "name": "Erneuerbare Energien Hamburg",
        "short_name": "EEHH",
        "kind": "cluster",
        "website": "https://www.erneuerbare-energien-hamburg.de",
        "founded": 2010,
        "topics": ["renewable-energy", "hydrogen", "skilled-workers", "digitalisation"],
        "description_de": (
            "Erneuerbare Energien Hamburg (EEHH) ist das Branchennetzwerk der erneuerbaren Energien in der "
            "Metropolregion Hamburg. Es wurde 2010 von Wirtschaft, Wissenschaft und Senat gegründet und hat "
            "heute mehrere Hundert Mitglieder. Die Mitglieder decken die ganze Wertschöpfungskette ab, von "
            "Windenergie an Land und auf See über Solarenergie bis zu Sektorenkopplung und Netzen. Seit 2021 "
            "baut das Cluster im Auftrag der Stadt zusätzlich ein Segment für grünen Wasserstoff auf."
        ),
        "description_en": (
            "Erneuerbare Energien Hamburg (EEHH) is the industry network for renewable energy in the Hamburg "
            "Metropolitan Region. Business, science and the Senate founded it in 2010, and it now has several "
            "hundred members. They cover the whole value chain, from onshore and offshore wind and solar energy to "
            "sector coupling and grids. Since 2021 the cluster has also been building up a green hydrogen segment "
            "on behalf of the city."
        ),
    },
    {
        "slug": "hamburg-at-work",
        "name": "Hamburg@Work",
        "short_name": "Hamburg@Work",
        "kind": "network",
        "website": "https://www.hamburg-at-work.de",
        "founded": 1997,
        "topics": ["it", "digitalisation", "media"],
        "description_de": (
            "Hamburg@Work ist ein 1997 als öffentlich-private Partnerschaft gegründetes Netzwerk der Hamburger "
            "Medien-, IT- und Telekommunikationswirtschaft. Es bringt Unternehmen der Digitalwirtschaft mit "
            "Politik, Verwaltung und Wissenschaft zusammen. Besonders stark war es in Feldern wie Games und "
            "E-Commerce. Seine Netzwerkarbeit bildete 2014 die Grundlage für die Initiative nextMedia.Hamburg."
        ),
        "description_en": (
            "Hamburg@Work is a network of Hamburg's media, IT and telecommunications industry, founded in 1997 as a "
            "public-private partnership. It brings digital businesses together with politics, public administration "
            "and science. It was particularly strong in fields such as games and e-commerce. In 2014 its network "
            "work became the basis for the nextMedia.Hamburg initiative."
        ),
    },
    {
        "slug": "foodactive",
        "name": "foodactive",
        "short_name": "foodactive",
        "kind": "network",
        "website": "https://foodactive.de",
        "founded": 2008,
        "topics": ["food", "resilience", "skilled-workers"],
        "description_de": (
            "foodactive ist das Netzwerk der Ernährungswirtschaft in der Metropolregion Hamburg. Es begann 2008 "
            "als Initiative der Süderelbe AG im Süden der Region und ist seit 2013 ein eingetragener Verein. "
            "Mitglieder sind Lebensmittelhersteller, Handel, Dienstleister sowie Hochschulen und "
            "Forschungseinrichtungen. Das Netzwerk informiert über Markttrends und Fachthemen, organisiert "
            "Veranstaltungen und ist Trägerverein des Food Cluster Hamburg."
        ),
        "description_en": (
            "foodactive is the network of the food industry in the Hamburg Metropolitan Region. It started in 2008 "
            "as an initiative of Süderelbe AG in the south of the region and has been a registered association "
            "since 2013. Its members are food producers, retailers and wholesalers, service providers, "
            "universities and research institutes. The network reports on market trends and specialist topics, "
            "organises events and supports the Food Cluster Hamburg."
        ),
    },
    {
        "slug": "finanzplatz-hamburg",
        "name": "Finanzplatz Hamburg",
        "short_name": "Finanzplatz",
        "kind": "network",
        "website": "https://www.finanzplatz-hamburg.com",
        "founded": 2007,
        "topics": ["finance", "digitalisation", "hydrogen"],
        "description_de": (
            "Finanzplatz Hamburg e.V. ist die 2007 gegründete Initiative der Hamburger Finanzwirtschaft. In ihr "
            "arbeiten Banken, Versicherungen, Versicherungsmakler, Fintechs und Wissenschaft zusammen, um den "
            "Standort zu stärken. Der Verein setzt sich für gute Bildungsangebote, Fachkongresse und innovative "
            "Finanzangebote ein. Gemeinsam mit Senat und Handelskammer trägt er einen Masterplan für die Hamburger "
            "Finanzwirtschaft, der auch die Finanzierung der Energiewende in den Blick nimmt."
        ),
        "description_en": (
            "Finanzplatz Hamburg e.V. is the initiative of Hamburg's financial industry, founded in 2007. Banks, "
            "insurers, insurance brokers, fintechs and researchers work together in it to strengthen Hamburg as a "
            "financial centre. The association promotes good education, specialist conferences and innovative "
            "financial services. Together with the Senate and the Chamber of Commerce it backs a master plan for "
            "Hamburg's financial industry that also looks at financing the energy transition."
        ),
    },
    {
        "slug": "hamburg-cruise-net",
        "name": "Hamburg Cruise Net",
        "short_name": "HCN",
        "kind": "network",
        "website": "https://www.hamburgcruise.net",
        "founded": 1998,
        "topics": ["cruise", "maritime-economy", "resilience"],
        "description_de": (
            "Hamburg Cruise Net e.V. ist die Initiative der Kreuzfahrtwirtschaft in Hamburg und geht auf einen "
            "1998 gegründeten Verein zurück. Als öffentlich-private Partnerschaft vernetzt sie rund hundert "
            "Reedereien, Hafen- und Tourismusdienstleister, Hotels und öffentliche Stellen. Ziel ist, Hamburg als "
            "internationalen Kreuzfahrtstandort attraktiver zu machen und die Akzeptanz der Kreuzfahrt zu stärken. "
            "Ein Schwerpunkt ist die umweltfreundlichere Kreuzfahrt, etwa durch Landstrom an den Terminals."
        ),
        "description_en": (
            "Hamburg Cruise Net e.V. is the initiative of Hamburg's cruise industry and goes back to an association "
            "founded in 1998. As a public-private partnership it connects around a hundred cruise lines, port and "
            "tourism service providers, hotels and public bodies. Its aim is to make Hamburg more attractive as an "
            "international cruise port and to build public acceptance of cruising. One focus is greener cruising, "
            "for example through shore power at the terminals."
        ),
    },
]
