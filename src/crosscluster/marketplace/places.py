"""Turn a place name typed by a user into coordinates, without asking any service on the internet.

Known are Hamburg's districts, boroughs and postcodes (from the directory's district table), German cities and
the larger towns around Hamburg, and a few European cities the clusters work with; coordinates are approximate
centres, which is precise enough for radii of kilometres. Coordinates can also be typed directly
("53.55, 9.99"). Names are compared folded (case, umlauts, ß, accents), so "Lueneburg" finds Lüneburg.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from crosscluster.directory.demo.places import DISTRICTS
from crosscluster.directory.models import HAMBURG_BOROUGHS
from crosscluster.directory.search import fold


@dataclass(frozen=True)
class Place:
    name: str
    latitude: float
    longitude: float


# name (and other names after "|"): latitude, longitude
CITIES = {
    "Hamburg": (53.5511, 9.9937),
    "Berlin": (52.5200, 13.4050),
    "München|Munich": (48.1351, 11.5820),
    "Köln|Cologne": (50.9375, 6.9603),
    "Frankfurt am Main|Frankfurt": (50.1109, 8.6821),
    "Stuttgart": (48.7758, 9.1829),
    "Düsseldorf": (51.2277, 6.7735),
    "Leipzig": (51.3397, 12.3731),
    "Dortmund": (51.5136, 7.4653),
    "Essen": (51.4556, 7.0116),
    "Bremen": (53.0793, 8.8017),
    "Dresden": (51.0504, 13.7373),
    "Hannover|Hanover": (52.3759, 9.7320),
    "Nürnberg|Nuremberg": (49.4521, 11.0767),
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
    "Aachen": (50.7753, 6.0839),
    "Braunschweig|Brunswick": (52.2689, 10.5268),
    "Kiel": (54.3233, 10.1228),
    "Chemnitz": (50.8278, 12.9214),
    "Halle (Saale)|Halle": (51.4969, 11.9688),
    "Magdeburg": (52.1205, 11.6276),
    "Freiburg im Breisgau|Freiburg": (47.9990, 7.8421),
    "Mainz": (49.9929, 8.2473),
    "Lübeck": (53.8655, 10.6866),
    "Erfurt": (50.9848, 11.0299),
    "Rostock": (54.0924, 12.0991),
    "Kassel": (51.3127, 9.4797),
    "Potsdam": (52.3906, 13.0645),
    "Saarbrücken": (49.2402, 6.9969),
    "Oldenburg": (53.1435, 8.2146),
    "Osnabrück": (52.2799, 8.0472),
    "Heidelberg": (49.3988, 8.6724),
    "Darmstadt": (49.8728, 8.6512),
    "Regensburg": (49.0134, 12.1016),
    "Ingolstadt": (48.7665, 11.4258),
    "Würzburg": (49.7913, 9.9534),
    "Wolfsburg": (52.4227, 10.7865),
    "Ulm": (48.4011, 9.9876),
    "Göttingen": (51.5413, 9.9158),
    "Bremerhaven": (53.5396, 8.5809),
    "Jena": (50.9271, 11.5892),
    "Schwerin": (53.6355, 11.4012),
    "Flensburg": (54.7937, 9.4469),
    "Cuxhaven": (53.8614, 8.6945),
    "Wilhelmshaven": (53.5300, 8.1067),
    "Emden": (53.3670, 7.2060),
    "Lüneburg": (53.2464, 10.4115),
    "Stade": (53.5976, 9.4764),
    "Buxtehude": (53.4769, 9.7011),
    "Norderstedt": (53.7064, 10.0100),
    "Pinneberg": (53.6591, 9.7996),
    "Elmshorn": (53.7519, 9.6511),
    "Ahrensburg": (53.6747, 10.2411),
    "Wedel": (53.5837, 9.6987),
    "Neumünster": (54.0714, 9.9900),
    "Itzehoe": (53.9250, 9.5164),
    "Bad Oldesloe": (53.8108, 10.3741),
    "Reinbek": (53.5170, 10.2488),
    "Geesthacht": (53.4375, 10.3779),
    "Winsen (Luhe)|Winsen": (53.3580, 10.2130),
    "Seevetal": (53.4000, 10.0333),
    "Brunsbüttel": (53.8964, 9.1386),
    "Husum": (54.4858, 9.0524),
    "Wismar": (53.8915, 11.4650),
    "Stralsund": (54.3091, 13.0818),
    "Amsterdam": (52.3676, 4.9041),
    "Rotterdam": (51.9244, 4.4777),
    "Brüssel|Brussels|Bruxelles": (50.8503, 4.3517),
    "Paris": (48.8566, 2.3522),
    "Toulouse": (43.6047, 1.4442),
    "London": (51.5074, -0.1278),
    "Kopenhagen|Copenhagen|København": (55.6761, 12.5683),
    "Aarhus": (56.1629, 10.2039),
    "Malmö": (55.6050, 13.0038),
    "Göteborg|Gothenburg": (57.7089, 11.9746),
    "Stockholm": (59.3293, 18.0686),
    "Oslo": (59.9139, 10.7522),
    "Danzig|Gdańsk|Gdansk": (54.3520, 18.6466),
    "Stettin|Szczecin": (53.4285, 14.5528),
    "Warschau|Warsaw|Warszawa": (52.2297, 21.0122),
    "Prag|Prague|Praha": (50.0755, 14.4378),
    "Wien|Vienna": (48.2082, 16.3738),
    "Zürich|Zurich": (47.3769, 8.5417),
}

_COORDINATES = re.compile(r"^\s*(-?\d{1,2}(?:[.]\d+)?)\s*[,;/ ]\s*(-?\d{1,3}(?:[.]\d+)?)\s*$")


def _key(name: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", fold(name)))


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, Place]:
    """Folded name or postcode → place."""
    places: dict[str, Place] = {}
    for names, (lat, lon) in CITIES.items():
        canonical = names.split("|")[0]
        for name in names.split("|"):
            places[_key(name)] = Place(canonical, lat, lon)
    borough_points: dict[str, list[tuple[float, float]]] = {}
    for district, (borough, postcodes, lat, lon, _streets) in DISTRICTS.items():
        place = Place(f"{district}, Hamburg", lat, lon)
        places.setdefault(_key(district), place)
        places[_key(f"Hamburg-{district}")] = place
        places[_key(f"{district}, Hamburg")] = place
        for postcode in postcodes:
            places.setdefault(postcode, place)
        borough_points.setdefault(borough, []).append((lat, lon))
    for borough in HAMBURG_BOROUGHS:
        points = borough_points.get(borough) or borough_points.get(borough.removeprefix("Hamburg-"))
        if not points:
            continue
        lat = round(sum(p[0] for p in points) / len(points), 4)
        lon = round(sum(p[1] for p in points) / len(points), 4)
        places.setdefault(_key(borough), Place(f"{borough} (Bezirk)", lat, lon))
    return places


def resolve(text: str) -> Place | None:
    """The place a name, postcode or "latitude, longitude" stands for; None when it is unknown."""
    text = (text or "").strip()
    if not text:
        return None
    if match := _COORDINATES.match(text):
        lat, lon = float(match.group(1)), float(match.group(2))
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            return Place(f"{lat:.4f}, {lon:.4f}", lat, lon)
        return None
    places = gazetteer()
    key = _key(text)
    if key in places:
        return places[key]
    if key.startswith("hamburg ") and key.removeprefix("hamburg ") in places:
        return places[key.removeprefix("hamburg ")]  # "Hamburg-Altona", "Hamburg Bergedorf"
    for part in re.split(r"[,/;]|\s+", text):  # "20457 Hamburg", "Ottensen, Hamburg"
        part_key = _key(part)
        if part_key and part_key != "hamburg" and part_key in places:
            return places[part_key]
    return None
