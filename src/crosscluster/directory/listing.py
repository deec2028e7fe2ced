"""The directory's filtered lists answered from memory: which organisations match, how many, which are on a page.

A filtered list ("members of cluster X with topic Y in district Z, page 3") costs PostgreSQL a join of every
matching row and a sort, 5-100 ms at 50,000 organisations however few rows the page shows (docs/benchmarks.md).
``ListingIndex`` keeps every organisation's place in the list order and, per filter value, the set of places as
a Python integer used as a bit set: a filter combination is a bitwise AND, its count ``int.bit_count()``, a page
the set bits from an offset; microseconds at 50,000 organisations and a few megabytes of memory.

This module knows nothing of Django: ``selectors.listing_index()`` builds an index from the database (the order
comes from the database's own ``ORDER BY``, so both paths sort alike under any collation) and decides when a
process's copy is out of date.
"""

import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Hashable, Iterable, Sequence
from itertools import accumulate

_CHUNK = 4096  # bits skipped at a time while looking for a page's first row
_CACHED_PATTERNS = 1024  # per index: the bit sets of recently searched word forms (6 KB each at 50,000)
_FEW = 4000  # up to this many matches, name ranks are checked row by row; beyond, by scanning all names at once


def _upper(text: str) -> str:
    """Upper case letter by letter, as PostgreSQL's UPPER(): "ß" stays one letter (Python would write "SS")."""
    upper = text.upper()
    if len(upper) == len(text):
        return upper
    return "".join(u if len(u := c.upper()) == 1 else c for c in text)


def _bits_of(positions: Iterable[int], size: int) -> int:
    buffer = bytearray(size)
    for i in positions:
        buffer[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(buffer, "little")


def _grouped(pairs: Iterable[tuple[Hashable, int]], position: dict[int, int]) -> dict[Hashable, list[int]]:
    """(value, id) pairs as value → the ids' places in the order, ascending when the pairs come in list order."""
    places: dict[Hashable, list[int]] = {}
    for value, pk in pairs:
        i = position.get(pk)
        if i is None:  # a link to an organisation the order does not know (changed meanwhile)
            continue
        found = places.get(value)
        if found is None:
            places[value] = [i]
        else:  # (not setdefault, which builds a throwaway list for every pair)
            found.append(i)
    return places


class _Lines:
    """Texts between line breaks in one string, so a substring is found in all of them at C speed."""

    def __init__(self, texts: Sequence[str]):
        self.text = "\n" + "\n".join(texts) + "\n"
        self.starts = list(accumulate((len(t) + 1 for t in texts), initial=1))[: len(texts)]

    def having(self, needle: str, skip: int = 0) -> list[int]:
        """The numbers of the texts in which ``needle`` occurs (``skip``: its leading line breaks)."""
        found, at = [], 0
        while (at := self.text.find(needle, at)) != -1:
            found.append(bisect_right(self.starts, at + skip) - 1)
            at += 1
        return found


def positions_of(bits: int) -> list[int]:
    """The set bits' numbers, lowest first."""
    text = format(bits, "b")[::-1]
    return [match.start() for match in re.finditer("1", text)]


class ListingIndex:
    """``order``: ids in list order. ``facets``: per facet name, (value, id) pairs; an id may have many values.

    With ``names`` (in list order) and ``documents`` ((id, text of space-separated words) pairs) it also answers
    searches: which organisations have a word starting with, or containing, a given form, and whose name equals,
    starts with or contains a given text.
    """

    def __init__(
        self,
        order: Sequence[int],
        facets: dict[str, Iterable[tuple[Hashable, int]]],
        *,
        names: Sequence[str] = (),
        documents: Iterable[tuple[int, str]] = (),
    ):
        self.ids = list(order)
        position = {pk: i for i, pk in enumerate(self.ids)}
        size = self._size = (len(self.ids) + 7) // 8
        self._bits = {
            facet: {value: _bits_of(found, size) for value, found in _grouped(pairs, position).items()}
            for facet, pairs in facets.items()
        }
        self.everyone = (1 << len(self.ids)) - 1
        self._names = [_upper(name) for name in names]
        self._name_lines = _Lines(self._names)
        postings = _grouped(((word, pk) for pk, text in documents for word in set(text.split())), position)
        dense = max(len(self.ids) // 64, 1)  # from here on a bit set is smaller than a list of positions
        self._words = sorted(postings)
        self._word_lines = _Lines(self._words)
        self._postings = [
            _bits_of(found, self._size) if len(found) > dense else array("I", sorted(found))
            for found in (postings[word] for word in self._words)
        ]
        self._pattern_cache: dict[str, int] = {}

    def __len__(self):
        return len(self.ids)

    def matching(self, facet: str, values: Iterable[Hashable]) -> int:
        """The organisations having any of ``values`` in ``facet`` (none for an unknown value)."""
        known = self._bits.get(facet, {})
        bits = 0
        for value in values:
            bits |= known.get(value, 0)
        return bits

    @staticmethod
    def count(bits: int) -> int:
        return bits.bit_count()

    def having_word(self, form: str, *, inside: bool) -> int:
        """The organisations with a word that starts with ``form`` or, with ``inside``, contains it."""
        key = ("~" if inside else "") + form
        bits = self._pattern_cache.get(key)
        if bits is not None:
            return bits
        if inside:
            words = set(self._word_lines.having(form))
        else:
            first = bisect_left(self._words, form)
            last = bisect_left(self._words, form + "\U0010ffff", first)
            words = range(first, last)
        bits, sparse = 0, []
        for word in words:
            found = self._postings[word]
            if isinstance(found, int):
                bits |= found
            else:
                sparse.append(found)
        if sparse:
            bits |= _bits_of((i for found in sparse for i in found), self._size)
        if len(self._pattern_cache) >= _CACHED_PATTERNS:
            self._pattern_cache.clear()
        self._pattern_cache[key] = bits
        return bits

    def ranked(self, bits: int, query: str, first: str) -> list[int]:
        """``bits`` in four groups: the name equals ``query``, starts with ``first``, contains it, the rest
        (upper case, as SQL's ``UPPER(name)``; search.filter_by_query ranks the same way)."""
        query, first = _upper(query), _upper(first)
        if bits.bit_count() <= _FEW:  # few matches: look at their names
            groups: list[list[int]] = [[], [], [], []]
            names = self._names
            for i in positions_of(bits):
                name = names[i]
                rank = 0 if name == query else 1 if name.startswith(first) else 2 if first in name else 3
                groups[rank].append(i)
            return [_bits_of(group, self._size) for group in groups]
        lines, size = self._name_lines, self._size
        equal = _bits_of(lines.having(f"\n{query}\n", 1), size) & bits if "\n" not in query else 0
        start = _bits_of(lines.having(f"\n{first}", 1), size) & bits & ~equal
        contain = _bits_of(lines.having(first), size) & bits & ~equal & ~start
        return [equal, start, contain, bits & ~(equal | start | contain)]

    def page_of_groups(self, groups: Sequence[int], offset: int, limit: int) -> list[int]:
        """A page of the concatenation of ``groups`` (bit sets, each in list order)."""
        found: list[int] = []
        for bits in groups:
            if len(found) >= limit:
                break
            in_group = bits.bit_count()
            if offset >= in_group:
                offset -= in_group
                continue
            found += self.page(bits, offset, limit - len(found))
            offset = 0
        return found

    def page(self, bits: int, offset: int, limit: int) -> list[int]:
        """The ids of the set bits number ``offset`` to ``offset + limit - 1``, in list order."""
        found: list[int] = []
        base = 0
        mask = (1 << _CHUNK) - 1
        while bits and len(found) < limit:
            chunk = bits & mask
            in_chunk = chunk.bit_count()
            if offset >= in_chunk:
                offset -= in_chunk
            else:
                while chunk and len(found) < limit:
                    lowest = chunk & -chunk
                    chunk ^= lowest
                    if offset:
                        offset -= 1
                    else:
                        found.append(self.ids[base + lowest.bit_length() - 1])
            bits >>= _CHUNK
            base += _CHUNK
        return found
