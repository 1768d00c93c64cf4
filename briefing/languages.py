"""What language a story is in, what that language is called, and which one a briefing is in.

Each story's language is read from its own words by py3langid (langid.py's model: 97 languages,
trained on news, Wikipedia and web text; offline, in the wheel). On the three development sets
(179 articles in 9 languages) it named every language right from the first 20 words, where the
stopword guess was right on 80%. A page's own <html lang> is only a hint, for a text too short
to tell.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

MIN_DETECTION_WORDS = 8  # fewer words than this: trust the page's own label
DETECTION_WORDS = 300  # the first words are enough and keep detection fast on long pages


def base_language(code: str) -> str:
    """ "en-GB", "de_DE", "EN" -> "en", "de", "en"; "" -> "en"."""
    return code.strip().replace("_", "-").split("-")[0].lower() or "en"


def detect_language(text: str, hint: str = "") -> str:
    """The ISO 639-1 code of the language text is written in; the hint (a page's own label)
    for a text too short to tell; "en" when there is neither."""
    words = text.split()
    if len(words) < MIN_DETECTION_WORDS:
        return base_language(hint)
    import py3langid  # its model loads on first use (0.4 s)

    code, _ = py3langid.classify(" ".join(words[:DETECTION_WORDS]))
    return base_language(code)


@lru_cache(maxsize=256)
def language_name(code: str) -> str:
    """'pt' -> 'Portuguese' (CLDR, through babel); the code itself when babel has no name."""
    from babel import Locale

    return Locale("en").languages.get(base_language(code), code)


def main_language(languages: Sequence[str]) -> str:
    """The language most stories are in; a tie goes to the one the newest story is in."""
    counts = Counter(base_language(code) for code in languages)
    if not counts:
        return "en"
    most = max(counts.values())
    return next(base_language(c) for c in languages if counts[base_language(c)] == most)


def parse_languages(value: str) -> tuple[str, ...]:
    """'en,pt' -> ('en', 'pt'): the briefing's language first, then others it may read."""
    return tuple(dict.fromkeys(base_language(part) for part in value.split(",") if part.strip()))
