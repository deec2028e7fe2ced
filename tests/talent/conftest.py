"""A talent world on top of the fixed role users (tests/conftest.py).

ESCO entries used throughout: the welder occupation and some of its essential skills. ``representative``
represents ``organisation`` (Elbe Drohnen GmbH, member of Hamburg Aviation, which ``manager`` manages);
``other_organisation`` (Alster Biotech AG, member of Life Science Nord) has ``other_rep``.
"""

import pytest

from crosscluster.talent import matching
from tests.factories import UserFactory

ESCO = "http://data.europa.eu/esco/"
WELDER = ESCO + "occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b"
ARC_WELDING = ESCO + "skill/27d26fd6-5795-4f0a-884e-112df7c68314"  # apply arc welding techniques
TIG_WELDING = ESCO + "skill/a51adea8-bf02-488a-a0d8-b0961caca5b0"  # perform tungsten inert gas welding
MIG_WELDING = ESCO + "skill/f015c5d5-6a1c-4f63-9012-a05f4f34105e"  # perform metal inert gas welding
WELDING_EQUIPMENT = ESCO + "skill/2fcd95a4-1f9a-41cf-95a9-4701bde476b4"  # operate welding equipment
PLANS_2D = ESCO + "skill/dfce2aba-783e-4e17-9c17-e74aca505ec2"  # interpret 2D plans
FORKLIFT = ESCO + "skill/28cb374e-6261-4133-8371-f9a5470145da"  # operate forklift
BAKE = ESCO + "skill/5626b3b1-5415-47f6-acf1-b573d457d180"  # bake goods
PYTHON = ESCO + "skill/ccd0a1d9-afda-43d9-b901-96344886e14d"  # Python (computer programming)
DRONES = ESCO + "skill/254d5358-8e20-450c-9fed-28ceff0479ef"  # operate drones in civil engineering
WELDER_SKILLS = [ARC_WELDING, TIG_WELDING, MIG_WELDING, WELDING_EQUIPMENT]


@pytest.fixture(autouse=True)
def _fresh_indexes():
    """The live indexes are per process; each test starts from its own database, so from fresh indexes."""
    matching.reset_indexes()
    yield
    matching.reset_indexes()


@pytest.fixture
def other_rep(other_organisation):
    user = UserFactory(email="other-rep@example.org", language="en")
    other_organisation.representatives.add(user)
    return user
