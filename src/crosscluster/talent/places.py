"""Place names the talent forms understand without a geocoding service (the platform calls nothing outside).

Hamburg's districts and boroughs (from the directory's district table) and German cities with approximate
centres; a place not listed here needs latitude and longitude typed in.
"""

from functools import lru_cache

from crosscluster.directory.demo.places import DISTRICTS
from crosscluster.matching.text import fold

CITIES = {
    "Hamburg": (53.5511, 9.9937),
    "Berlin": (52.5200, 13.4050),
    "München": (48.1351, 11.5820),
    "Köln": (50.9375, 6.9603),
    "Frankfurt am Main": (50.1109, 8.6821),
    "Stuttgart": (48.7758, 9.1829),
    "Düsseldorf": (51.2277, 6.7735),
    "Leipzig": (51.3397, 12.3731),
    "Dortmund": (51.5136, 7.4653),
    "Essen": (51.4556, 7.0116),
    "Bremen": (53.0793, 8.8017),
    "Bremerhaven": (53.5396, 8.5809),
    "Dresden": (51.0504, 13.7373),
    "Hannover": (52.3759, 9.7320),
    "Nürnberg": (49.4521, 11.0767),
    "Duisburg": (51.4344, 6.7623),
    "Bochum": (51.4818, 7.2162),
    "Wuppertal": (51.2562, 7.1508),
    "Bielefeld": (52.0302, 8.5325),
    "Bonn": (50.7374, 7.0982),
    "Münster": (51.9607, 7.6261),
    "Mannheim": (49.4875, 8.4660),
    "Karlsruhe": (49.0069, 8.4037),
    "Augsburg": (48.3705, 10.8978),
    "Wiesbaden": (50.0782, 8.2398),
    "Mainz": (49.9929, 8.2473),
    "Kiel": (54.3233, 10.1228),
    "Lübeck": (53.8655, 10.6866),
    "Rostock": (54.0924, 12.0991),
    "Schwerin": (53.6355, 11.4012),
    "Flensburg": (54.7937, 9.4469),
    "Neumünster": (54.0735, 9.9848),
    "Norderstedt": (53.7064, 9.9951),
    "Pinneberg": (53.6556, 9.7991),
    "Elmshorn": (53.7530, 9.6520),
    "Wedel": (53.5833, 9.7000),
    "Ahrensburg": (53.6747, 10.2411),
    "Reinbek": (53.5167, 10.2500),
    "Geesthacht": (53.4375, 10.3681),
    "Buxtehude": (53.4769, 9.7011),
    "Stade": (53.6009, 9.4764),
    "Cuxhaven": (53.8611, 8.6944),
    "Lüneburg": (53.2464, 10.4115),
    "Buchholz in der Nordheide": (53.3285, 9.8621),
    "Winsen (Luhe)": (53.3583, 10.2122),
    "Itzehoe": (53.9250, 9.5164),
    "Bad Oldesloe": (53.8117, 10.3742),
    "Oldenburg": (53.1435, 8.2146),
    "Osnabrück": (52.2799, 8.0472),
    "Braunschweig": (52.2689, 10.5268),
    "Wolfsburg": (52.4227, 10.7865),
    "Göttingen": (51.5413, 9.9158),
    "Wilhelmshaven": (53.5300, 8.1100),
    "Emden": (53.3670, 7.2060),
    "Magdeburg": (52.1205, 11.6276),
    "Halle (Saale)": (51.4969, 11.9688),
    "Erfurt": (50.9848, 11.0299),
    "Jena": (50.9272, 11.5892),
    "Chemnitz": (50.8278, 12.9214),
    "Potsdam": (52.3906, 13.0645),
    "Kassel": (51.3127, 9.4797),
    "Darmstadt": (49.8728, 8.6512),
    "Freiburg im Breisgau": (47.9990, 7.8421),
    "Heidelberg": (49.3988, 8.6724),
    "Ulm": (48.4011, 9.9876),
    "Regensburg": (49.0134, 12.1016),
    "Ingolstadt": (48.7665, 11.4258),
    "Würzburg": (49.7913, 9.9534),
    "Saarbrücken": (49.2402, 6.9969),
    "Aachen": (50.7753, 6.0839),
    "Gelsenkirchen": (51.5177, 7.0857),
    "Krefeld": (51.3388, 6.5853),
    "Trier": (49.7490, 6.6371),
    "Koblenz": (50.3569, 7.5890),
}


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, tuple[str, float, float]]:
    """Folded name → (name as written, latitude, longitude)."""
    places = {}
    for name, (lat, lon) in CITIES.items():
        places[_key(name)] = (name, lat, lon)
    boroughs = {}
    for name, (borough, _postcodes, lat, lon, _streets) in DISTRICTS.items():
        label = name if name.startswith("Hamburg") else f"Hamburg-{name}"
        places.setdefault(_key(label), (label, lat, lon))
        places.setdefault(_key(name), (label, lat, lon))
        boroughs.setdefault(borough, []).append((lat, lon))
    for borough, points in boroughs.items():  # a borough (Bezirk) at the mean of its districts
        label = borough if borough.startswith("Hamburg") else f"Hamburg-{borough}"
        lat, lon = (round(sum(p[i] for p in points) / len(points), 4) for i in (0, 1))
        places.setdefault(_key(label), (label, lat, lon))
        places.setdefault(_key(borough), (label, lat, lon))
    return places


def _key(name: str) -> str:
    return " ".join(fold(name).replace("-", " ").split())


def find(name: str) -> tuple[str, float, float] | None:
    """(name, latitude, longitude) of a known place, None otherwise; case, umlauts and hyphens do not matter."""
    return gazetteer().get(_key(name or ""))


def names() -> list[str]:
    """Every known place once, for the place fields' suggestion list."""
    return sorted({name for name, _lat, _lon in gazetteer().values()})
