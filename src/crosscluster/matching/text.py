"""Text normalisation shared by the ESCO autocomplete and the BM25 index.

Folding follows the German transliteration (DIN 5007-2): ä → ae, ö → oe, ü → ue, ß → ss, so "Schweißer",
"Schweisser" and "SCHWEISSER" are one word; other accents are stripped (é → e). Words are stemmed with the
Snowball stemmers of PyStemmer: a field known to be German with the German one, English with the English one,
and text of unknown language (and every query word) with both.
"""

from __future__ import annotations

import re
import unicodedata

import Stemmer

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss"})
_WORD = re.compile(r"[^\W_]+")

LANGUAGES = ("de", "en")

# Short function words of both languages. They carry no meaning for matching and would make the longest
# posting lists of the index.
_STOPWORD_TEXT = """
    a about above after again against all also am an and any are as at be because been before being below between
    both but by can could did do does doing down during each few for from further had has have having he her here
    hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off
    on once only or other our ours ourselves out over own same she should so some such than that the their theirs
    them themselves then there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours yourself yourselves etc e g z b bzw usw ca
    aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes anderm andern
    anderr anders auch auf aus bei bin bis bist da damit dann der den des dem die das dass daß derselbe derselben
    denselben desselben demselben dieselbe dieselben dasselbe dazu dein deine deinem deinen deiner deines denn
    derer dessen dich dir du dies diese diesem diesen dieser dieses doch dort durch ein eine einem einen einer
    eines einig einige einigem einigen einiger einiges einmal er ihn ihm es etwas euer eure eurem euren eurer
    eures fuer für gegen gewesen hab habe haben hat hatte hatten hier hin hinter ich mich mir ihr ihre ihrem
    ihren ihrer ihres euch im in indem ins ist jede jedem jeden jeder jedes jene jenem jenen jener jenes jetzt
    kann kein keine keinem keinen keiner keines koennen können koennte könnte machen man manche manchem manchen
    mancher manches mein meine meinem meinen meiner meines mit muss musste nach nicht nichts noch nun nur ob oder
    ohne sehr sein seine seinem seinen seiner seines selbst sich sie ihnen sind so solche solchem solchen solcher
    solches soll sollte sondern sonst ueber über um und uns unsere unserem unseren unser unseres unter viel vom
    von vor waehrend während war waren warst was weg weil weiter welche welchem welchen welcher welches wenn
    werde werden wie wieder will wir wird wirst wo wollen wollte wuerde würde wuerden würden zu zum zur zwar
    zwischen sowie sodass innerhalb ausserhalb
"""


def fold(text: str) -> str:
    """Lower-case, German umlauts transliterated, other diacritics removed."""
    text = text.lower().translate(_UMLAUTS)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


STOPWORDS = frozenset(fold(word) for word in _STOPWORD_TEXT.split())


def words(text: str) -> list[str]:
    """The folded words of a text, in order (letters and digits; everything else separates)."""
    return _WORD.findall(fold(text))


def content_words(text: str) -> list[str]:
    """Folded words without stopwords and single characters."""
    return [w for w in _WORD.findall(fold(text)) if len(w) > 1 and w not in STOPWORDS]


class Stemmers:
    """Cached Snowball stemming of folded words, per language (PyStemmer objects are not thread-safe)."""

    def __init__(self):
        self._stemmers = {"de": Stemmer.Stemmer("german"), "en": Stemmer.Stemmer("english")}
        self._cache: dict[str, dict[str, str]] = {"de": {}, "en": {}}

    def stem_all(self, tokens: list[str], language: str) -> list[str]:
        cache = self._cache[language]
        missing = [t for t in set(tokens) if t not in cache]
        if missing:
            if len(cache) > 500_000:
                cache.clear()
            cache.update(zip(missing, self._stemmers[language].stemWords(missing), strict=True))
        return [cache[t] for t in tokens]

    def stem(self, token: str, language: str) -> str:
        return self.stem_all([token], language)[0]
