"""A marketplace world on top of the fixed role users (tests/conftest.py).

- ``organisation`` (Elbe Drohnen, a member of Hamburg Aviation) is represented by ``representative``; ``manager``
  manages Hamburg Aviation; ``other_organisation`` (Alster Biotech, a member of Life Science Nord) is represented
  by ``other_rep``; ``individual`` has no role.
"""

import pytest

from crosscluster.marketplace.matching import POSTS
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _fresh_match_index():
    """The live index is per process; ids are reused between tests, so every test starts with an empty one."""
    POSTS.reset()
    yield
    POSTS.reset()


@pytest.fixture(autouse=True)
def _match_threshold(settings):
    settings.MARKETPLACE_MATCH_NOTIFY_SCORE = 0.5


@pytest.fixture
def other_rep(other_organisation):
    user = UserFactory(email="other-rep@example.org", language="de")
    other_organisation.representatives.add(user)
    return user
