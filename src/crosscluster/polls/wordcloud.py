"""Word clouds from short answers: word frequencies without German and English stopwords, and font-size steps.

Plain Python without Django, so it can be tested and reused alone. Each answer counts a word once ("hydrogen
hydrogen hydrogen" from one person is one vote for "hydrogen"); words are compared case-folded and shown in
the spelling most people used (German nouns keep their capital letter).
"""

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from .stopwords import STOPWORDS

# A word starts with a letter and may contain letters, digits, apostrophes and hyphens inside ("E-Mobilität",
# "CO2", "don't"); it never ends in an apostrophe or a hyphen.
_WORD = re.compile(r"[^\W\d_](?:[\w'-]*[^\W_'-])?")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "´": "'", "`": "'"})
DEFAULT_LIMIT = 60
SIZE_STEPS = 8


def words(text: str) -> list[str]:
    """The words of ``text`` in their original spelling, stopwords and single letters left out."""
    found = []
    for match in _WORD.finditer(text.translate(_APOSTROPHES)):
        word = match.group()
        key = word.casefold()
        if len(key) > 1 and key not in STOPWORDS:
            found.append(word)
    return found


def _spelling_rank(word: str) -> int:
    """On a tie: "Wasserstoff" (capitalised, as German nouns) before "WASSERSTOFF" before "wasserstoff"."""
    if word[:1].isupper() and not word.isupper():
        return 0
    return 1 if word.isupper() else 2


def _display_form(spellings: Counter) -> str:
    """The most used spelling; on a tie see ``_spelling_rank``, then the alphabetically first."""
    return min(spellings.items(), key=lambda item: (-item[1], _spelling_rank(item[0]), item[0]))[0]


def word_frequencies(answers: Iterable[str], *, limit: int = DEFAULT_LIMIT) -> list[tuple[str, int]]:
    """The ``limit`` most frequent words as ``(word, number of answers using it)``, most frequent first."""
    counts: Counter = Counter()
    spellings: dict[str, Counter] = defaultdict(Counter)
    for answer in answers:
        seen = set()
        for word in words(answer or ""):
            key = word.casefold()
            spellings[key][word] += 1
            if key not in seen:
                seen.add(key)
                counts[key] += 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return [(_display_form(spellings[key]), n) for key, n in ranked]


def size_steps(frequencies: list[tuple[str, int]], *, steps: int = SIZE_STEPS) -> list[tuple[str, int, int]]:
    """``(word, count, step)`` with step 1 (smallest) to ``steps`` (largest), on a logarithmic scale so that one
    very frequent word does not shrink all others to the same size."""
    if not frequencies:
        return []
    counts = [n for _w, n in frequencies]
    low, high = math.log(min(counts)), math.log(max(counts))
    if high == low:
        return [(word, n, (steps + 1) // 2) for word, n in frequencies]
    return [(word, n, 1 + round((steps - 1) * (math.log(n) - low) / (high - low))) for word, n in frequencies]


def cloud_order(sized: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The words arranged for a cloud: the largest in the middle, smaller ones alternately to either side."""
    ranked = sorted(sized, key=lambda item: (-item[1], item[0].casefold()))
    left, right = [], []
    for n, item in enumerate(ranked):
        (right if n % 2 == 0 else left).append(item)
    return left[::-1] + right
