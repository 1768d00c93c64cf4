"""Languages: what each one is (languages/xx.py, one home per language), what language a story
is in, what that language is called, and which one a briefing is in.

Adding a language is one module here, xx.py, with its `LANGUAGE` record (languages/base.py):
its Punkt table and news sentence rules, the presenter's phrases, a calibration paragraph,
the words for symbols and currencies, its decimal mark, its default voices, and the words by
which its sentences lean on others (Discourse: "He said ...", "to do just that").

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

from briefing.languages import de, en, es, fr, it, pt
from briefing.languages.base import Language, NewsRules, Phrases

KNOWN: dict[str, Language] = {module.LANGUAGE.code: module.LANGUAGE
                              for module in (en, de, es, fr, it, pt)}
# Punkt's pretrained tables for languages without a module of their own.
PUNKT_MODELS: dict[str, str] = {
    "cs": "czech", "da": "danish", "el": "greek", "et": "estonian", "fi": "finnish",
    "ml": "malayalam", "nb": "norwegian", "nl": "dutch", "nn": "norwegian", "no": "norwegian",
    "pl": "polish", "ru": "russian", "sl": "slovene", "sv": "swedish", "tr": "turkish",
}  # fmt: skip
DOT_DECIMAL_LANGUAGES = frozenset({"ja", "zh", "ko", "he", "th"})  # and English

MIN_DETECTION_WORDS = 8  # fewer words than this: trust the page's own label
DETECTION_WORDS = 300  # the first words are enough and keep detection fast on long pages
# Below this probability the detector is unsure, and the page's own label wins when the
# detector finds it plausible ("pcm" 0.51 against the label's "en" 0.47 on a page of dates).
CONFIDENT = 0.9
PLAUSIBLE = 0.1
# Chinese and Japanese characters: written without spaces, each counts as a word.
CJK_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
WORD_OR_CJK_RE = re.compile(rf"[{CJK_CHARS}]|[^\W_{CJK_CHARS}]+")


def base_language(code: str) -> str:
    """ "en-GB", "de_DE", "EN" -> "en", "de", "en"; "" -> "en"."""
    return code.strip().replace("_", "-").split("-")[0].lower() or "en"


@lru_cache(maxsize=128)
def language(code: str) -> Language:
    """Everything known about the language of code ("pt-BR" -> Portuguese); a language
    without a module gets the neutral record, with its Punkt table where there is one."""
    base = base_language(code)
    if base in KNOWN:
        return KNOWN[base]
    return Language(base, punkt_model=PUNKT_MODELS.get(base, "english"),
                    decimal_comma=base not in DOT_DECIMAL_LANGUAGES)


def phrases(code: str) -> Phrases:
    """What the presenter says in the language (English's where it has none yet)."""
    return language(code).phrases or en.LANGUAGE.phrases


def calibration_text(code: str) -> str:
    """A news paragraph in the language, for timing a voice (English's where it has none)."""
    return language(code).calibration_text or en.LANGUAGE.calibration_text


def detect_language(text: str, hint: str = "") -> str:
    """The ISO 639-1 code of the language text is written in; the hint (a page's own label)
    for a text too short to tell; "en" when there is neither."""
    if len(WORD_OR_CJK_RE.findall(text[:20_000])) < MIN_DETECTION_WORDS:
        return base_language(hint)
    ranked = language_identifier().rank(" ".join(text.split()[:DETECTION_WORDS]))
    code, probability = ranked[0]
    hinted = base_language(hint) if hint.strip() else ""
    if hinted and probability < CONFIDENT and any(
            base_language(other) == hinted and chance >= PLAUSIBLE for other, chance in ranked):
        return hinted  # a page of dates and names: its label is the better guess
    return base_language(code)


@lru_cache(maxsize=1)
def language_identifier():  # -> py3langid's LanguageIdentifier, its probabilities normalised
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # loads in 0.4 s, on first use

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


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


__all__ = [
    "KNOWN", "Language", "NewsRules", "Phrases", "base_language", "calibration_text",
    "detect_language", "is_language_code", "language", "language_name", "main_language",
    "parse_languages", "phrases",
]
