"""Full-text search for the directory that behaves the same on SQLite and PostgreSQL.

Each organisation keeps a ``search_document``: its words folded (umlauts, ß, accents and
case removed), each followed by its German and English Snowball stems. A query matches
when every query word, folded and stemmed, occurs inside the document. Matching inside
words finds partial words and the parts of German compounds ("stoff" finds
"Wasserstofftechnik"); stemming finds inflected forms ("Häfen" finds "Hafen" via "haf"). Forms shorter than
MIN_INFIX_LENGTH match only at a word start: "haf" inside "Gesellschaft" is no match, and
three-letter infixes gave the trigram index nothing to narrow down.
Umlauts can be typed as "ä", "ae" or "a".

SQLite checks these rules with LIKE over the document. PostgreSQL answers the same rules from a GIN index
(migrations 0004 and 0006) on the column ``search_vector = cc_search_vector(document)``, which a trigger keeps
current: every word of the document and, marked with "~", every suffix of it with at least MIN_INFIX_LENGTH
letters. "Contains the form inside a word" is then "some word
or suffix starts with the form" (``'form':* | '~form':*``) and "starts a word" is ``'form':*``: prefix lookups
in an index instead of re-reading thousands of documents (docs/benchmarks.md).
"""

import re
import unicodedata
from contextlib import contextmanager
from functools import lru_cache

import snowballstemmer
from django.db import connections, transaction
from django.db.models import BooleanField, Case, F, Func, IntegerField, Q, TextField, Value, When

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_UMLAUT_DIGRAPHS = (("ae", "a"), ("oe", "o"), ("ue", "u"))
_german = snowballstemmer.stemmer("german")
_english = snowballstemmer.stemmer("english")

MIN_INFIX_LENGTH = 4


def fold(text: str) -> str:
    """Lower-case, ß→ss, strip accents and umlaut marks, and read ae/oe/ue as a/o/u."""
    text = text.lower().replace("ß", "ss")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    for digraph, vowel in _UMLAUT_DIGRAPHS:
        text = text.replace(digraph, vowel)
    return text


@lru_cache(maxsize=65536)
def _forms(word: str) -> tuple[str, ...]:
    """The folded word and its German and English stems (folded again, they may differ)."""
    lowered = word.lower()
    folded = fold(lowered)
    stems = {fold(_german.stemWord(lowered)), fold(_english.stemWord(lowered))}
    return (folded, *sorted(s for s in stems if s and s != folded))


def words(text: str) -> list[str]:
    return _WORD.findall(text or "")


def search_document(*parts: str | None) -> str:
    """The text stored for searching: every form of every word, space separated and padded."""
    seen: dict[str, None] = {}
    for part in parts:
        for word in words(part or ""):
            for form in _forms(word):
                seen.setdefault(form, None)
    return " " + " ".join(seen) + " " if seen else ""


def query_terms(query: str) -> list[tuple[str, ...]]:
    """For each query word, the alternative forms any one of which must match."""
    return [_forms(word) for word in words(query)[:12]]


def _pattern(form: str) -> str:
    """What the document must contain: short forms only at a word start."""
    return form if len(form) >= MIN_INFIX_LENGTH else " " + form


def needed_patterns(forms: tuple[str, ...]) -> list[str]:
    # A form whose pattern contains another form's pattern adds nothing ("software" when
    # "softwar" is there); leaving it out gives the database one check per term less.
    patterns = {_pattern(form) for form in forms}
    return sorted(p for p in patterns if not any(o != p and o in p for o in patterns))


def _term_q(forms: tuple[str, ...], field: str) -> Q:
    q = Q()
    for pattern in needed_patterns(forms):
        q |= Q(**{f"{field}__contains": pattern})
    return q


def _lexeme(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


def tsquery(terms: list[tuple[str, ...]]) -> str:
    """The PostgreSQL text-search query (tsquery syntax) for ``query_terms``: the same rules as the LIKE patterns."""
    parts = []
    for forms in terms:
        alternatives = []
        for pattern in needed_patterns(forms):
            if pattern.startswith(" "):
                alternatives.append(f"{_lexeme(pattern[1:])}:*")
            else:
                alternatives += [f"{_lexeme(pattern)}:*", f"{_lexeme('~' + pattern)}:*"]
        parts.append("(" + " | ".join(alternatives) + ")")
    return " & ".join(parts)


class _Matches(Func):
    """``<vector> @@ 'query'::tsquery``."""

    arg_joiner = " @@ "
    template = "%(expressions)s"
    output_field = BooleanField()


class _StoredVector(Func):
    """The ``search_vector`` column a trigger keeps beside ``search_document`` (PostgreSQL, migration 0006).

    Django's model does not know the column (it only exists on PostgreSQL), so this compiles the document
    column, with whatever table alias the query gives it, and names its neighbour instead.
    """

    output_field = TextField()

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        document = connection.ops.quote_name("search_document")
        if not sql.endswith(document):
            raise ValueError(f"search_vector is stored beside search_document only, not for {sql}")
        return sql.removesuffix(document) + connection.ops.quote_name("search_vector"), params


def filter_by_query(queryset, query: str, field: str = "search_document"):
    """Keep rows whose document contains every query word; rank name matches first."""
    terms = query_terms(query)
    if not terms:
        return queryset.order_by("name", "pk")
    if connections[queryset.db].vendor == "postgresql":
        vector = _StoredVector(F(field))
        tsq = Func(Value(tsquery(terms)), template="%(expressions)s::tsquery", output_field=TextField())
        queryset = queryset.filter(_Matches(vector, tsq))
    else:
        for forms in terms:
            queryset = queryset.filter(_term_q(forms, field))
    first = fold(words(query)[0])
    return queryset.annotate(
        search_rank=Case(
            When(name__iexact=query.strip(), then=Value(0)),
            When(name__istartswith=first, then=Value(1)),
            When(name__icontains=first, then=Value(2)),
            default=Value(3),
            output_field=IntegerField(),
        )
    ).order_by("search_rank", "name", "pk")


@contextmanager
def index_first(using: str = "default"):
    """Run a search's queries without sequential scans on PostgreSQL (a no-op elsewhere).

    For a word that most organisations contain ("found", a single letter) the planner prefers reading the whole
    table over the index, and then unpacks every stored vector (a few kilobytes, compressed): 2 s at 50,000
    organisations, against 0.1 s along the index, which needs no vector at all. ``SET LOCAL`` holds for this
    block's transaction only.
    """
    connection = connections[using]
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(using=using):
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        yield
