"""What language a story is in, what that language is called, and which one a briefing is in.

Each story's language is read from its own words by py3langid (langid.py's model: 97 languages,
trained on news, Wikipedia and web text; offline, in the wheel). On the three development sets
(179 articles in 9 languages) it named every language right from the first 20 words, where the
stopword guess was right on 80%. A page's own <html lang> is only a hint, for a text too short
to tell.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

MIN_DETECTION_WORDS = 8  # fewer words than this: trust the page's own label
DETECTION_WORDS = 300  # the first words are enough and keep detection fast on long pages
# Chinese and Japanese characters: written without spaces, each counts as a word.
CJK_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
WORD_OR_CJK_RE = re.compile(rf"[{CJK_CHARS}]|[^\W_{CJK_CHARS}]+")


def base_language(code: str) -> str:
    """ "en-GB", "de_DE", "EN" -> "en", "de", "en"; "" -> "en"."""
    return code.strip().replace("_", "-").split("-")[0].lower() or "en"


def detect_language(text: str, hint: str = "") -> str:
    """The ISO 639-1 code of the language text is written in; the hint (a page's own label)
    for a text too short to tell; "en" when there is neither."""
    if len(WORD_OR_CJK_RE.findall(text[:20_000])) < MIN_DETECTION_WORDS:
        return base_language(hint)
    import py3langid  # its model loads on first use (0.4 s)

    code, _ = py3langid.classify(" ".join(text.split()[:DETECTION_WORDS]))
    return base_language(code)


@lru_cache(maxsize=256)
def language_name(code: str) -> str:
    """'pt' -> 'Portuguese' (CLDR, through babel); the code itself when babel has no name."""
    from babel import Locale

    return Locale("en").languages.get(base_language(code), code)


def main_language(languages: Sequence[str], preferred: str = "en") -> str:
    """The language most stories are in; a tie goes to the preferred one (the default
    voice's), else to the one the newest story is in."""
    counts = Counter(base_language(code) for code in languages)
    if not counts:
        return preferred
    most = max(counts.values())
    if counts.get(preferred) == most:
        return preferred
    return next(base_language(c) for c in languages if counts[base_language(c)] == most)


def is_language_code(code: str) -> bool:
    """'pt', 'en-GB', 'pt_BR': a language CLDR knows."""
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(code.strip().replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return False
    return True


def parse_languages(value: str) -> tuple[str, ...]:
    """'en,pt' -> ('en', 'pt'): the briefing's language first, then others it may read."""
    return tuple(dict.fromkeys(base_language(part) for part in value.split(",") if part.strip()))
