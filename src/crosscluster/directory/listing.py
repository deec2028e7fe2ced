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

from collections.abc import Hashable, Iterable, Sequence

_CHUNK = 4096  # bits skipped at a time while looking for a page's first row


class ListingIndex:
    """``order``: ids in list order. ``facets``: per facet name, (value, id) pairs; an id may have many values."""

    def __init__(self, order: Sequence[int], facets: dict[str, Iterable[tuple[Hashable, int]]]):
        self.ids = list(order)
        position = {pk: i for i, pk in enumerate(self.ids)}
        size = (len(self.ids) + 7) // 8
        self._bits: dict[str, dict[Hashable, int]] = {}
        for facet, pairs in facets.items():
            places: dict[Hashable, bytearray] = {}
            for value, pk in pairs:
                i = position.get(pk)
                if i is None:  # a link to an organisation the order does not know (changed meanwhile)
                    continue
                buffer = places.get(value)
                if buffer is None:
                    buffer = places[value] = bytearray(size)
                buffer[i >> 3] |= 1 << (i & 7)
            self._bits[facet] = {value: int.from_bytes(buffer, "little") for value, buffer in places.items()}
        self.everyone = (1 << len(self.ids)) - 1

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
