"""Text normalisation: make news copy read the way a newsreader would say it.

`normalize` runs a per-language pipeline of small `fn(text) -> str` steps (in the spirit of
gTTS's pre-processors). Each step handles one concern; order matters, e.g. currency and dates
must be expanded before bare numbers, and the final steps strip anything an engine would read
out as a symbol name. Everything is offline: numbers come from num2words.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache, partial

from ftfy import fix_encoding
from num2words import num2words

from briefing import languages, sentences
from briefing.furniture import STAGE_DIRECTION
from briefing.languages import base_language
from briefing.voices import Respellings, Voice

Step = Callable[[str], str]

# --- tables -------------------------------------------------------------------------------

# Engines read a lone capital "A" as the article "uh"; "eigh" is read as the letter name by
# espeak-ng (piper), flite and festival alike.
LETTER_NAMES = {"A": "eigh"}

# All-caps tokens said as words, not spelled out letter by letter.
SAID_AS_WORDS = frozenset((
    "AIDS", "ASEAN", "GLAAD", "AWOL", "BAFTA", "CERN", "COBRA", "COVID", "DARPA", "FEMA", "FIFA",
    "GIF", "IKEA", "ISIL", "ISIS", "LASER", "LIBOR", "MERS", "NAFTA", "NASA", "NATO", "NEET",
    "NIMBY", "OPEC", "OSHA", "PIN", "RADAR", "SARS", "SCUBA", "SIM", "SWAT", "TASS", "UEFA",
    "UKIP", "UNESCO", "UNICEF",
))  # fmt: skip

# Short all-caps English words (shouting, headlines) that must not be spelled out.
CAPS_WORDS = frozenset((
    "A", "AN", "AND", "ARE", "AS", "AT", "BE", "BUT", "BY", "DO", "GO", "HE", "IF", "IN", "IS",
    "IT", "ME", "MY", "NO", "NOT", "OF", "OK", "ON", "OR", "SO", "THE", "TO", "UP", "WE", "YES",
    "YOU", "ALL", "NEW", "NEWS", "LIVE", "WAR", "HELP", "STOP",
))  # fmt: skip

# Capitalised words that, after an abbreviation's period, show that period also ends a sentence.
SENTENCE_STARTERS = frozenset((
    "The", "A", "An", "It", "He", "She", "They", "We", "I", "This", "That", "These", "Those",
    "But", "And", "In", "On", "At", "However", "Its", "His", "Her", "Their", "There", "Our",
    "Some", "Meanwhile", "After", "Before", "When", "While", "If", "As", "So", "Yet", "Officials",
))  # fmt: skip

TITLES = {
    "Adm": "Admiral", "Atty": "Attorney", "Capt": "Captain", "Cmdr": "Commander",
    "Col": "Colonel", "Cpl": "Corporal", "Det": "Detective", "Dr": "Doctor", "Fr": "Father",
    "Ft": "Fort", "Gen": "General", "Gov": "Governor", "Insp": "Inspector", "Lt": "Lieutenant",
    "Maj": "Major", "Mr": "Mister", "Mrs": "Missus", "Ms": "Miz", "Mt": "Mount",
    "Pres": "President", "Prof": "Professor", "Rep": "Representative", "Rev": "Reverend",
    "Sen": "Senator", "Sgt": "Sergeant", "Supt": "Superintendent",
}  # fmt: skip

ABBREVIATIONS = {
    "approx.": "approximately", "Ave.": "Avenue", "Blvd.": "Boulevard", "Bros.": "Brothers",
    "Co.": "Company", "Corp.": "Corporation", "Dept.": "Department", "e.g.": "for example",
    "etc.": "et cetera", "i.e.": "that is", "Inc.": "Incorporated", "Jr.": "Junior",
    "Ltd.": "Limited", "Ph.D.": "P H D", "Rd.": "Road", "Sr.": "Senior", "Univ.": "University",
}  # fmt: skip

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
MONTH_ABBREVIATIONS = {
    "Jan": "January", "Feb": "February", "Mar": "March", "Apr": "April", "Jun": "June",
    "Jul": "July", "Aug": "August", "Sep": "September", "Sept": "September",
    "Oct": "October", "Nov": "November", "Dec": "December",
}  # fmt: skip

SCALES = {
    "k": "thousand", "thousand": "thousand", "m": "million", "mn": "million",
    "million": "million", "b": "billion", "bn": "billion", "billion": "billion",
    "tn": "trillion", "trillion": "trillion",
}  # fmt: skip

# symbol: (singular, plural, minor singular, minor plural)
CURRENCIES = {
    "$": ("dollar", "dollars", "cent", "cents"),
    "£": ("pound", "pounds", "penny", "pence"),
    "€": ("euro", "euros", "cent", "cents"),
    "¥": ("yen", "yen", "sen", "sen"),
}
DOLLAR_PREFIXES = {
    "US": "U S", "A": "Australian", "C": "Canadian", "HK": "Hong Kong", "NZ": "New Zealand",
}  # fmt: skip

UNITS = {
    "km": ("kilometer", "kilometers"), "kg": ("kilogram", "kilograms"),
    "cm": ("centimeter", "centimeters"), "mm": ("millimeter", "millimeters"),
    "mph": ("mile per hour", "miles per hour"), "km/h": ("kilometer per hour",
    "kilometers per hour"), "ft": ("foot", "feet"), "lb": ("pound", "pounds"),
    "lbs": ("pound", "pounds"), "mg": ("milligram", "milligrams"),
    "°C": ("degree Celsius", "degrees Celsius"), "°F": ("degree Fahrenheit",
    "degrees Fahrenheit"),
}  # fmt: skip

FRACTIONS = {"1/2": "one half", "1/3": "one third", "2/3": "two thirds", "1/4": "one quarter",
             "3/4": "three quarters"}  # fmt: skip

# Words before a bare four-digit number that mean a quantity, not a year.
QUANTITY_CUES = frozenset((
    "about", "almost", "approximately", "around", "nearly", "over", "some", "than", "roughly",
    "least", "only", "just", "all", "total", "under", "estimated",
))  # fmt: skip

def symbol_words_or_english(code: str) -> dict[str, str]:
    """The language's words for symbols; English's where it has none (number ranges and
    decimal points must be said somehow)."""
    return languages.language(code).symbol_words or languages.language("en").symbol_words


ROMAN_ORDINALS = {"II": 2, "III": 3, "IV": 4, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "XI": 11,
                  "XII": 12, "XIII": 13, "XIV": 14, "XV": 15, "XVI": 16}  # fmt: skip

# --- compiled patterns ----------------------------------------------------------------------

QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "`": "'", "´": "'",
                        "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "⁄": "/",
                        "−": "-", "‐": "-", "‑": "-", "‒": "–", "―": "—"})  # fmt: skip
INVISIBLE_RE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
SPACED_DOTS_RE = re.compile(r"\.(?:\s*\.){2,}")
ELLIPSIS_THEN_WORD_RE = re.compile(r"\.\.\.(?=[^\W\d_])")
URL_RE = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
BARE_DOMAIN_RE = re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|co\.uk|uk|de|es)\b")
EMAIL_RE = re.compile(r"\b([\w.+-]+)@([\w-]+(?:\.[\w-]+)+)\b")
BRACKETED_LETTERS_RE = re.compile(r"\[(\w{1,3})\](?=\w)|(?<=\w)\[(\w{1,3})\]")
BRACKETED_RE = re.compile(r"[ \t]*[(\[{]\s*([^()\[\]{}]*?)\s*[)\]}][ \t]*")
GROUPED_INTEGER = r"(\d{1,3}(?:,\d{3})+|\d+)"
NUMBER_RANGE_RE = re.compile(
    r"(?<![\d.,])" + GROUPED_INTEGER + r"\s*[-–—]\s*" + GROUPED_INTEGER + r"(?![\d-])(?![.,]\d)"
)
YEAR_SLASH_RE = re.compile(r"\b((?:1[1-9]|20)\d\d)/(\d\d)\b")
STAGE_DIRECTION_RE = re.compile(STAGE_DIRECTION + r"\s*")
# A list's number before an item said alone: "1. As we had expected, ..." ("one." aloud).
LIST_NUMBER_RE = re.compile(r"^\s*(?:\d{1,2}[.)]|\(\d{1,2}\))\s+(?=[^\W\d_])")
WORD_DASH_RE = re.compile(r"\s+[-–—]+\s+|\s*[—]\s*|\s*--+\s*|\s+–|–\s+")
TIME_RE = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s?m\b(\.?)", re.IGNORECASE)
RATIO_RE = re.compile(r"\b(\d{1,2}):(\d)\b(?![\d:])")  # '3:1', a score or odds; '3:10' is a time
VULGAR_FRACTIONS = {"½": "a half", "¼": "a quarter", "¾": "three quarters", "⅓": "a third",
                    "⅔": "two thirds", "⅛": "an eighth"}
VULGAR_FRACTION_RE = re.compile(r"(?:(\d+)\s?)?([" + "".join(VULGAR_FRACTIONS) + "])")
DURATION_RE = re.compile(r"\b(\d{1,2}):(\d{2}):(\d{2})\b")
CLOCK_RE = re.compile(r"\b(\d{1,2}):(\d{2})\b(?!:)")
MONTH_ABBREVIATION_RE = re.compile(r"\b(" + "|".join(MONTH_ABBREVIATIONS) + r")\.?(?=\s+\d)")
MONTH_DAY_RE = re.compile(
    r"\b(" + "|".join(MONTHS) + r")\s+(\d{1,2})(?:st|nd|rd|th)?\b(?![\d:])"
    r"(?:\s*[-–]\s*(\d{1,2})(?:st|nd|rd|th)?\b(?![\d:]))?"
)
DAY_MONTH_RE = re.compile(
    r"(?:\b([Tt]he)\s+)?\b(?:(\d{1,2})(?:st|nd|rd|th)?\s*[-–]\s*)?"
    r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(" + "|".join(MONTHS) + r")\b"
)
CURRENCY_RE = re.compile(
    r"(?:\b(US|A|C|HK|NZ)\s?)?([$£€¥])\s?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(thousand|million|billion|trillion|mn|bn|tn|m|b|k)\b)?"
)
PERCENT_RE = re.compile(r"(\d)\s*(?:%|per\s?cent\b)")
UNIT_RE = re.compile(
    r"(\d[\d,.]*)\s?("
    + "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
    + r")\b"
)
# A number with a short suffix glued on: '1.2m people', '3bn', '50k', '5p', '40C'.
NUMBER_SUFFIX_RE = re.compile(r"(?<![\w.,])(-?\d+(?:\.\d+)?)(bn|tn|m|k|p|C|F)\b(?!['’]\w)")
# After '100m' these mean metres, not millions ('the 100m final', 'a 30m fall').
METRE_CUES = frozenset((
    "final", "race", "sprint", "hurdles", "freestyle", "backstroke", "breaststroke",
    "butterfly", "relay", "dash", "fall", "drop", "high", "tall", "deep", "long", "wide",
    "away", "above", "below",
))  # fmt: skip
# Before '4C' or '12F' these make it a label rather than a temperature.
LABEL_CUES = frozenset((
    "room", "flat", "apartment", "gate", "suite", "platform", "seat", "block", "unit", "row",
    "terminal", "bay", "stand", "level", "floor", "number", "bus", "route", "form", "grade",
))  # fmt: skip
ORDINAL_RE = re.compile(r"\b(\d{1,3}(?:,\d{3})*|\d+)(st|nd|rd|th)\b")
TITLE_RE = re.compile(r"\b(" + "|".join(TITLES) + r")\.?(?=\s+[A-Z][a-z])")
STREET_RE = re.compile(r"\b([A-Z][a-z]+)\s+St\b\.?")
NUMBER_SIGN_RE = re.compile(r"\b(?:No|Nos)\.\s*(?=\d)|#(?=\d)")
VERSUS_RE = re.compile(r"(?<=\s)(?:vs?\.|vs)(?=\s)")
WORLD_WAR_RE = re.compile(r"\bWorld War (II|I)\b")
REGNAL_RE = re.compile(r"\b([A-Z][a-z]+) (" + "|".join(ROMAN_ORDINALS) + r")\b")
DOTTED_ACRONYM_RE = re.compile(r"\b[A-Za-z](?:\.[A-Za-z])+\b\.?")
AMPERSAND_INITIALS_RE = re.compile(r"\b([A-Z]{1,3})&([A-Z]{1,3})\b")
MAX_INITIALISM = 5
INITIALISM_RE = re.compile(rf"\b([A-Z]{{2,{MAX_INITIALISM}}})(s?)\b")
LETTERS_DIGITS_RE = re.compile(r"\b([A-Z]{1,5})-?(?=\d)")
DIGITS_LETTERS_RE = re.compile(r"(\d)(?=[A-Z]\b)")
NUMBER_RE = re.compile(r"(?<![\d.,])(-)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(s\b|'s\b)?")
DECADE_APOSTROPHE_RE = re.compile(r"(?<!\w)'(\d0s)\b")
LOCAL_CURRENCY_RE = re.compile(r"([$£€¥])\s?(\d+(?:[.,]\d+)*)|(\d+(?:[.,]\d+)*)\s?([$£€¥])")
LOCAL_NUMBER_RE = re.compile(r"(?<![\d.,])(-)?(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?")
SLASH_FRACTION_RE = re.compile(r"\b(\d+)/(\d+)\b")
WORD_SLASH_RE = re.compile(r"\b([^\W\d_]+)/(?=[^\W\d_])")
HASHTAG_RE = re.compile(r"#(?=[^\W\d_])")
UNSPEAKABLE_RE = re.compile(r"[^\w\s.,?!;:'\"]|_")
ODD_SPACE_RE = re.compile(r"[^\S\n ]")
LONG_SPACE_RUN_RE = re.compile(r"[ \t]{3,}")
# Numerals other than 0-9 (e.g. U+0B72): no engine reads them; the safety net drops them.
OTHER_NUMERAL_RE = re.compile("[" + "".join(
    re.escape(chr(c)) for c in range(0x80, 0x10000)
    if unicodedata.category(chr(c))[0] == "N" and not chr(c).isdecimal()) + "]")
PUNCTUATION_RUN_RES = (
    (re.compile(r"[ \t]+([.,?!;:])"), r"\1"),
    (re.compile(r",(?:\s*,)+"), ","),
    (re.compile(r",\s*([.?!;:])"), r"\1"),
    (re.compile(r"([?!;:])\s*,"), r"\1"),
    (re.compile(r"(?<!\.)\.\s*,"), "."),
    (re.compile(r"^[ \t]*[,;:]\s*", re.MULTILINE), ""),
    (re.compile(r"[ \t]*,[ \t]*$", re.MULTILINE), ""),
    (re.compile(r"([!?])[!?]+"), r"\1"),
    (re.compile(r"\.{4,}"), "..."),
    (re.compile(r"(?<![.\s])\.\.(?!\.)"), "."),
    (re.compile(r"([.,?!;:])(?=[^\W\d_])"), r"\1 "),
)
INNER_HYPHEN_RE = re.compile(r"(?<=\w)[-–](?=\w)")
SPACES_RE = re.compile(r"[ \t\f\v]+")
BLANK_LINES_RE = re.compile(r"\n\s*\n+")


# --- helpers --------------------------------------------------------------------------------


def _words(number: int | str, language: str = "en", to: str = "cardinal") -> str:
    """num2words without commas, hyphens or the British "and"; English if unsupported."""
    try:
        said = num2words(int(number), lang=language, to=to)
    except NotImplementedError:
        said = num2words(int(number), lang="en", to=to)
        language = "en"
    said = said.replace(",", " ").replace("-", " ")
    if language == "en":
        said = re.sub(r"\band\b", " ", said)
    return " ".join(said.split())


def _digits_words(digits: str, language: str = "en") -> str:
    """Read digits one at a time, as after a decimal point."""
    return " ".join(_words(d, language) for d in digits)


def _decimal_words(integer: str, fraction: str | None, language: str = "en") -> str:
    """'2', '5' -> 'two point five'."""
    whole = _words(integer.replace(",", "").replace(".", ""), language)
    if not fraction:
        return whole
    point = symbol_words_or_english(language)["point"]
    return f"{whole} {point} {_digits_words(fraction, language)}"


def _is_year(value: int) -> bool:
    return 1100 <= value <= 2099


def _year_words(value: int, language: str = "en") -> str:
    return _words(value, language, to="year")


def _pluralize(words: str) -> str:
    """'nineteen ninety' -> 'nineteen nineties', 'sixty five' -> 'sixty fives'."""
    head, _, last = words.rpartition(" ")
    last = last[:-1] + "ies" if last.endswith("y") else last + ("es" if last == "six" else "s")
    return f"{head} {last}".strip()


def _spell(letters: str) -> str:
    """'FBI' -> 'F B I', with letter names an engine cannot mistake for words."""
    return " ".join(LETTER_NAMES.get(ch, ch) for ch in letters.upper())


def _ends_sentence(text: str, end: int) -> bool:
    """Whether the period just before `end` also closes a sentence."""
    rest = text[end:]
    if not rest.strip() or rest.lstrip(" \t").startswith("\n"):
        return True
    following = rest.split(maxsplit=1)[0].strip("\"'")
    return following in SENTENCE_STARTERS


def _previous_word(text: str, start: int) -> str:
    words = text[:start].split()
    return words[-1].lower().strip("\"'(,") if words else ""


def _apply(steps: Iterable[Step], text: str) -> str:
    for step in steps:
        text = step(text)
    return text


# --- steps: cleanup -------------------------------------------------------------------------


def repair_unicode(text: str) -> str:
    """Fix mojibake, fold compatibility forms, straighten quotes, drop invisibles,
    and turn odd whitespace (\\r, U+2028, ...) into plain spaces."""
    text = fix_encoding(text)  # "Â£1bn" -> "£1bn": UTF-8 read as Windows-1252 (ftfy)
    text = expand_vulgar_fractions(text)  # before NFKC makes '2½' into '21⁄2'
    text = unicodedata.normalize("NFKC", text).translate(QUOTES)
    return ODD_SPACE_RE.sub(" ", INVISIBLE_RE.sub("", text))


def tame_runs(text: str) -> str:
    """Long runs of one character ('((((', 30,000 spaces) are never words; shortened first,
    they cannot make the later patterns slow."""
    return sentences.tame_runs(LONG_SPACE_RUN_RE.sub(" ", text))


def normalize_ellipses(text: str) -> str:
    """'. . .' and '…' -> '...', with a space before the next word."""
    text = SPACED_DOTS_RE.sub("...", text.replace("…", "..."))
    return ELLIPSIS_THEN_WORD_RE.sub("... ", text)


def _spoken_domain(domain: str, dot: str) -> str:
    domain = re.sub(r"^www\.", "", domain.lower())
    return f" {dot} ".join(part for part in domain.split(".") if part)


def shorten_urls(text: str, dot: str = "dot", at: str = "at") -> str:
    """Links become their domain ('example dot com'); e-mail addresses are read out."""
    text = EMAIL_RE.sub(
        lambda m: f"{m[1].replace('.', ' ')} {at} {_spoken_domain(m[2], dot)}", text
    )
    text = URL_RE.sub(
        lambda m: _spoken_domain(
            re.split(r"[/?#:]", re.sub(r"^https?://", "", m[0], flags=re.IGNORECASE))[0], dot
        ),
        text,
    )
    return BARE_DOMAIN_RE.sub(lambda m: _spoken_domain(m[0], dot), text)


def expand_brackets(text: str) -> str:
    """'Daesh [ISIS].' -> 'Daesh, ISIS.': bracketed text is kept, set off by commas; an
    editor's letters inside a word are part of it ('[S]ome' -> 'Some')."""
    text = BRACKETED_LETTERS_RE.sub(lambda m: m[1] or m[2], text)
    previous = None
    while previous != text:  # innermost first, so nested brackets also open up
        previous = text
        text = BRACKETED_RE.sub(lambda m: f", {m[1]}, " if m[1] else " ", text)
    return text


def drop_stage_directions(text: str) -> str:
    """'[MUSIC] A piece of tape ...' -> 'A piece of tape ...'."""
    return STAGE_DIRECTION_RE.sub("", text)


def drop_list_number(text: str) -> str:
    """An item of a numbered list, aired without the list, is said without its number. (English
    only: in German "1. FC Köln" is an ordinal.)"""
    return LIST_NUMBER_RE.sub("", text, count=1)


def expand_dashes(text: str) -> str:
    """A dash between words or clauses is a pause: '–' / '—' / ' - ' -> ', '."""
    return WORD_DASH_RE.sub(", ", text)


# --- steps: English numbers in context --------------------------------------------------------


def _range_side_words(left: str, right: str, language: str) -> tuple[str, str]:
    low, high = int(left.replace(",", "")), int(right.replace(",", ""))
    if _is_year(low) and "," not in left and len(right) == 2:
        high = low // 100 * 100 + high  # '2019-20' is a season: 2019 to 2020
    if _is_year(low) and _is_year(high) and "," not in left + right and high > low:
        return _year_words(low, language), _year_words(high, language)
    return _words(low, language), _words(high, language)


def expand_ranges(text: str, language: str = "en") -> str:
    """'2019-2021' -> 'twenty nineteen to twenty twenty one'; '10-15' -> 'ten to fifteen'."""
    words = symbol_words_or_english(language)

    def say(match: re.Match[str]) -> str:
        low, high = _range_side_words(match[1], match[2], language)
        after_between = _previous_word(text, match.start()) == words["between"]
        return f"{low} {words['and' if after_between else 'to']} {high}"

    text = YEAR_SLASH_RE.sub(say, text)
    return NUMBER_RANGE_RE.sub(say, text)


def _clock_words(hour: int, minute: int) -> str:
    if minute == 0:
        return _words(hour)
    if minute < 10:
        return f"{_words(hour)} oh {_words(minute)}"
    return f"{_words(hour)} {_words(minute)}"


def _duration_words(match: re.Match[str]) -> str:
    """'0:03:37' -> 'three minutes thirty seven seconds'."""
    amounts = zip(
        (int(match[1]), int(match[2]), int(match[3])), ("hour", "minute", "second"), strict=True
    )
    said = [f"{_words(n)} {unit}{'s' if n != 1 else ''}" for n, unit in amounts if n]
    return " ".join(said) or "zero seconds"


def expand_times(text: str) -> str:
    """'10 a.m.' -> 'ten eigh M', '10:30 p.m.' -> 'ten thirty P M', '14:00' -> 'fourteen
    hundred'."""

    def say_meridiem(match: re.Match[str]) -> str:
        clock = _clock_words(int(match[1]), int(match[2] or 0))
        stop = "." if match[4] and _ends_sentence(text, match.end()) else ""
        return f"{clock} {_spell(match[3] + 'M')}{stop}"

    def say_clock(match: re.Match[str]) -> str:
        hour, minute = int(match[1]), int(match[2])
        if hour > 23 or minute > 59:
            return match[0]
        if minute == 0:
            return f"{_words(hour)} o'clock" if 0 < hour <= 12 else f"{_words(hour)} hundred"
        return _clock_words(hour, minute)

    text = TIME_RE.sub(say_meridiem, text)
    text = DURATION_RE.sub(_duration_words, text)
    text = CLOCK_RE.sub(say_clock, text)
    return RATIO_RE.sub(lambda m: f"{_words(int(m[1]))} to {_words(int(m[2]))}", text)


def _month_day_words(match: re.Match[str]) -> str:
    said = f"{match[1]} {_words(match[2], to='ordinal')}"
    return f"{said} to {_words(match[3], to='ordinal')}" if match[3] else said


def expand_dates(text: str) -> str:
    """'Jan. 3, 2022' -> 'January third, 2022'; '3 March' -> 'the third of March'."""
    text = MONTH_ABBREVIATION_RE.sub(lambda m: MONTH_ABBREVIATIONS[m[1]], text)
    text = MONTH_DAY_RE.sub(_month_day_words, text)

    def day_month(match: re.Match[str]) -> str:
        the, first, day, month = match[1] or "the", match[2], match[3], match[4]
        start = f"{the} {_words(first, to='ordinal')} to the " if first else f"{the} "
        return f"{start}{_words(day, to='ordinal')} of {month}"  # '1-3 May': the first to...

    return DAY_MONTH_RE.sub(day_month, text)


def _money_words(symbol: str, amount: str, scale: str | None, prefix: str | None) -> str:
    one, many, minor_one, minor_many = CURRENCIES[symbol]
    if prefix:
        many = f"{DOLLAR_PREFIXES[prefix]} {many}"
        one = f"{DOLLAR_PREFIXES[prefix]} {one}"
    integer, _, fraction = amount.replace(",", "").partition(".")
    if scale:
        return f"{_decimal_words(integer, fraction)} {SCALES[scale.lower()]} {many}"
    if fraction and len(fraction) != 2:
        return f"{_decimal_words(integer, fraction)} {many}"
    major, minor = int(integer), int(fraction or 0)
    parts = []
    if major or not minor:
        parts.append(f"{_words(major)} {one if major == 1 else many}")
    if minor:
        parts.append(f"{_words(minor)} {minor_one if minor == 1 else minor_many}")
    return " and ".join(parts)


def expand_currency(text: str) -> str:
    """'$2.5 billion' -> 'two point five billion dollars'; '$3.50' -> 'three dollars and fifty
    cents'; also £, €, ¥, 'US$' and the 'm'/'bn' suffixes."""
    return CURRENCY_RE.sub(lambda m: _money_words(m[2], m[3], m[4], m[1]), text)


def expand_percent(text: str) -> str:
    """'5%' / '5 per cent' -> '5 percent' (the number is read later)."""
    return PERCENT_RE.sub(r"\1 percent", text)


def expand_units(text: str) -> str:
    """'2.9km' -> '2.9 kilometers', '1 kg' -> '1 kilogram'."""

    def say(match: re.Match[str]) -> str:
        singular, plural = UNITS[match[2]]
        return f"{match[1]} {singular if match[1] == '1' else plural}"

    return UNIT_RE.sub(say, text)


def expand_number_suffixes(text: str) -> str:
    """'1.2m people' -> '1.2 million people', '3bn' -> '3 billion', '50k' -> '50 thousand',
    '5p' -> '5 pence', '40C' -> '40 degrees Celsius'; '100m final' -> '100 meters final'."""

    def say(match: re.Match[str]) -> str:
        number, suffix = match[1], match[2]
        one = number in ("1", "-1")
        if suffix == "m" and (
                _next_word(text, match.end()) in METRE_CUES or text[match.end():][:1] == "-"):
            return f"{number} {'meter' if one else 'meters'}"  # also '2m-long', '5m-high'
        if suffix in "CF" and _previous_word(text, match.start()).lower() in LABEL_CUES:
            return match[0]  # 'Room 4C', 'Gate 12F': a label, not a temperature
        word = {"bn": "billion", "tn": "trillion", "m": "million", "k": "thousand",
                "p": "penny" if one else "pence",
                "C": "degree Celsius" if one else "degrees Celsius",
                "F": "degree Fahrenheit" if one else "degrees Fahrenheit"}[suffix]
        return f"{number} {word}"

    return NUMBER_SUFFIX_RE.sub(say, text)


def _next_word(text: str, end: int) -> str:
    following = text[end:].split(maxsplit=1)
    return following[0].strip(".,;:!?\"'").lower() if following else ""


def expand_ordinals(text: str) -> str:
    """'2nd' -> 'second', '21st' -> 'twenty first'."""
    return ORDINAL_RE.sub(lambda m: _words(m[1].replace(",", ""), to="ordinal"), text)


# --- steps: abbreviations and acronyms ---------------------------------------------------------


def expand_titles(text: str) -> str:
    """'Gen. Brennan' -> 'General Brennan', 'Dr Oz' -> 'Doctor Oz' (only before a name)."""
    return TITLE_RE.sub(lambda m: TITLES[m[1]], text)


def expand_saint_and_street(text: str) -> str:
    """'St.' after a name is 'Street' ('Downing St'), before one it is 'Saint' ('St. Louis')."""

    def street(match: re.Match[str]) -> str:
        if match[1] in SENTENCE_STARTERS:
            return match[0]
        stop = "." if match[0].endswith(".") and _ends_sentence(text, match.end()) else ""
        return f"{match[1]} Street{stop}"

    text = STREET_RE.sub(street, text)
    return re.sub(r"\bSt\b\.?(?=\s+[A-Z])", "Saint", text)


def expand_abbreviations(text: str) -> str:
    """'No. 2' -> 'number 2', 'vs.' -> 'versus', 'Inc.' -> 'Incorporated', 'etc.'."""
    text = NUMBER_SIGN_RE.sub(lambda m: "numbers " if m[0].startswith("Nos") else "number ", text)
    text = VERSUS_RE.sub("versus", text)
    for short, full in ABBREVIATIONS.items():
        pattern = re.compile(r"(?<![\w.])" + re.escape(short) + r"(?!\w)")
        text = pattern.sub(
            lambda m, full=full: full + ("." if _ends_sentence(m.string, m.end()) else ""), text
        )
    return text


def expand_roman_numerals(text: str) -> str:
    """'World War II' -> 'World War two', 'Elizabeth II' -> 'Elizabeth the second'."""
    text = WORLD_WAR_RE.sub(lambda m: f"World War {'two' if m[1] == 'II' else 'one'}", text)
    return REGNAL_RE.sub(lambda m: f"{m[1]} the {_words(ROMAN_ORDINALS[m[2]], to='ordinal')}", text)


def expand_dotted_acronyms(text: str) -> str:
    """'U.S.' -> 'U S', 'U.S.-led' -> 'U S-led'; the period stays if it also ends a sentence."""

    def say(match: re.Match[str]) -> str:
        letters = match[0].replace(".", "")
        stop = "." if match[0].endswith(".") and _ends_sentence(text, match.end()) else ""
        return _spell(letters) + stop

    return DOTTED_ACRONYM_RE.sub(say, text)


def _is_headline_caps(text: str, match: re.Match[str]) -> bool:
    """An all-caps word next to an all-caps English word ("THE", "BREAKING") is shouting, not
    an initialism; two initialisms side by side ("US GDP", "UK PM") are both spelled."""
    before = [w.strip(".,;:!?\"'") for w in text[: match.start()].split()[-2:]]
    after = [w.strip(".,;:!?\"'") for w in text[match.end() :].split()[:2]]
    caps = [len(w) > 1 and w.isupper() and w.isalpha() for w in before + after]
    run = 1 + sum(itertools.takewhile(bool, reversed(caps[: len(before)]))) + sum(
        itertools.takewhile(bool, caps[len(before):]))
    neighbours = before[-1:] + after[:1]
    return run >= 3 or any(  # "TRUMP SAYS US WILL ACT" is shouting throughout
        len(w) > 1 and w.isupper() and w.isalpha()
        and (w in CAPS_WORDS or len(w) > MAX_INITIALISM) for w in neighbours)


def spell_initialisms(text: str) -> str:
    """'FBI' -> 'F B I', 'CEOs' -> 'C E O's', 'A&E' -> 'eigh and E'; NATO/NASA/ISIS stay words."""
    text = AMPERSAND_INITIALS_RE.sub(lambda m: f"{_spell(m[1])} and {_spell(m[2])}", text)

    def say(match: re.Match[str]) -> str:
        letters, plural = match[1], match[2]
        if letters in SAID_AS_WORDS or letters in CAPS_WORDS or _is_headline_caps(text, match):
            return match[0]
        return _spell(letters) + ("'s" if plural else "")

    return INITIALISM_RE.sub(say, text)


def separate_letters_from_digits(text: str) -> str:
    """'G7' -> 'G 7', 'F-35' -> 'F 35', 'A303' -> 'eigh 303', '4G' -> '4 G'."""

    def letters(match: re.Match[str]) -> str:
        token = match[1]
        said = token if token in SAID_AS_WORDS else _spell(token)
        return said + " "

    text = LETTERS_DIGITS_RE.sub(letters, text)
    return DIGITS_LETTERS_RE.sub(r"\1 ", text)


# --- steps: bare numbers and symbols ---------------------------------------------------------


def _fraction_words(numerator: int, denominator: int) -> str:
    key = f"{numerator}/{denominator}"
    if key in FRACTIONS:
        return FRACTIONS[key]
    if 0 < numerator < denominator <= 10:
        part = _words(denominator, to="ordinal")
        return f"{_words(numerator)} {_pluralize(part) if numerator > 1 else part}"
    return f"{_words(numerator)} {_words(denominator)}"  # '24/7', '9/11', '20/20'


def expand_vulgar_fractions(text: str) -> str:
    """'2½' -> '2 and a half', '¾' -> 'three quarters'."""

    def say(match: re.Match[str]) -> str:
        whole, part = match[1], VULGAR_FRACTIONS[match[2]]
        if whole:
            return f"{whole} and {part}"
        return part.replace("a ", "one ", 1) if part.startswith(("a ", "an ")) else part

    return VULGAR_FRACTION_RE.sub(say, text)


def expand_fractions(text: str) -> str:
    """'3/4' -> 'three quarters', '9/10' -> 'nine tenths', '24/7' -> 'twenty four seven'."""
    return SLASH_FRACTION_RE.sub(lambda m: _fraction_words(int(m[1]), int(m[2])), text)


def expand_numbers(text: str) -> str:
    """Bare numbers: '2,500' -> 'two thousand five hundred', '2.5' -> 'two point five',
    'in 2019' -> 'in twenty nineteen', '1990s' -> 'nineteen nineties', '-5' -> 'minus five'."""

    def say(match: re.Match[str]) -> str:
        minus, integer, fraction, suffix = match[1], match[2], match[3], match[4]
        value = int(integer.replace(",", ""))
        if minus and match.start() > 0 and text[match.start() - 1].isalnum():
            minus = ""  # a hyphen, not a sign
        looks_like_year = (
            len(integer) == 4
            and not fraction
            and _is_year(value)
            and _previous_word(text, match.start()) not in QUANTITY_CUES
        )
        said = _year_words(value) if looks_like_year else _decimal_words(integer, fraction)
        if suffix:
            said = _pluralize(said)
        return (" " if match[1] and not minus else "") + ("minus " if minus else "") + said

    text = DECADE_APOSTROPHE_RE.sub(r"\1", text)  # "the '80s" -> "the 80s"
    return NUMBER_RE.sub(say, text)


def expand_symbols(text: str, language: str = "en") -> str:
    """'&' -> 'and', '+' -> 'plus', 'and/or' -> 'and or', '#hashtag' -> 'hashtag'."""
    words = languages.language(language).symbol_words
    text = HASHTAG_RE.sub("", text).replace("and/or", "and or")
    text = WORD_SLASH_RE.sub(lambda m: m[1] + (" or " if m[1].islower() else " "), text)
    for symbol in ("&", "+", "@", "=", "°", "%", "~", "×", "§"):
        text = text.replace(symbol, f" {words[symbol]} " if symbol in words else " ")
    return text


def drop_unspeakable(text: str) -> str:
    """Keep letters, spaces and . , ? ! ; : ' " only; word-joining hyphens become spaces."""
    text = INNER_HYPHEN_RE.sub(" ", text)
    text = re.sub(r"\d+", lambda m: _digits_words(m[0]), text)  # safety net: no digit survives
    return UNSPEAKABLE_RE.sub(" ", OTHER_NUMERAL_RE.sub(" ", text))


def tidy_punctuation(text: str) -> str:
    """Collapse ', ,' and ', .', drop commas that start a line, space after punctuation."""
    for pattern, replacement in PUNCTUATION_RUN_RES:
        text = pattern.sub(replacement, text)
    return text


def collapse_whitespace(text: str) -> str:
    """Single spaces, stripped lines, at most one blank line between paragraphs."""
    lines = (SPACES_RE.sub(" ", line).strip() for line in text.split("\n"))
    return BLANK_LINES_RE.sub("\n\n", "\n".join(lines)).strip()


# --- other languages --------------------------------------------------------------------------


def expand_local_currency(text: str, language: str) -> str:
    """'5 €' / '€5' -> '5 Euro' (de); the amount is read by the number step."""
    names = languages.language(language).currency_words

    def say(match: re.Match[str]) -> str:
        return f"{match[2] or match[3]} {names.get(match[1] or match[4], '')}"

    text = LOCAL_CURRENCY_RE.sub(say, text)
    text = re.sub(r"[$£€¥]", lambda m: f" {names.get(m[0], '')} ", text)
    if not names:
        return text
    # '2,50 Euro' -> '2 Euro 50', as a newsreader says an amount with cents.
    amount_with_cents = re.compile(
        r"(?<![\d.,])(\d{1,3}(?:\.\d{3})*|\d+),(\d\d)\s+("
        + "|".join(sorted({re.escape(w) for w in names.values()}, key=len, reverse=True))
        + r")\b")
    return amount_with_cents.sub(
        lambda m: f"{m[1]} {m[3]}" + (f" {int(m[2])}" if int(m[2]) else ""), text)


def expand_local_numbers(text: str, language: str) -> str:
    """Numbers in num2words' `language`, with that language's separators ('2.500,5' in de)."""
    comma_decimal = languages.language(language).decimal_comma

    def say(match: re.Match[str]) -> str:
        minus, integer, fraction = match[1], match[2], match[3]
        if minus and match.start() > 0 and text[match.start() - 1].isalnum():
            minus = ""
        digits = integer.replace(".", "")
        if len(integer) == 4 and not fraction and _is_year(int(digits)):
            said = _year_words(int(digits), language)
        else:
            said = _decimal_words(digits, fraction, language)
        minus_word = _words(-1, language).replace(_words(1, language), "").strip() or "minus"
        return (f"{minus_word} " if minus else (" " if match[1] else "")) + said

    if not comma_decimal:
        return expand_numbers(text)
    return LOCAL_NUMBER_RE.sub(say, text)


def _local_dot_decimals(text: str) -> str:
    """'2.5' in German copy is still two point five; '2.500' stays a thousands group."""
    return re.sub(r"(?<![\d.,])(\d+)\.(\d{1,2}|\d{4,})(?![\d.,])", r"\1,\2", text)


GERMAN_MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
                 "September", "Oktober", "November", "Dezember")
GERMAN_DATE_RE = re.compile(
    r"\b(?:([Aa]m|[Vv]om|[Zz]um|[Dd]em|[Dd]en|[Ii]m|[Bb]is zum|[Ss]eit dem)\s+)?(\d{1,2})\.\s+("
    + "|".join(GERMAN_MONTHS) + r")\b")


def expand_german_ordinal_dates(text: str) -> str:
    """'am 3. Mai' -> 'am dritten Mai', '25. November' -> 'fünfundzwanzigste November'."""

    def say(match: re.Match[str]) -> str:
        article, day, month = match[1], int(match[2]), match[3]
        ordinal = num2words(day, lang="de", to="ordinal")
        ending = "n" if article else ""  # dative and accusative after an article: -sten
        return f"{article + ' ' if article else ''}{ordinal}{ending} {month}"

    return GERMAN_DATE_RE.sub(say, text)


GERMAN_CLOCK_RE = re.compile(r"\b([01]?\d|2[0-3])[:.]([0-5]\d)(?!\d)(?:\s*Uhr\b)?")


def expand_german_times(text: str) -> str:
    """'14:30 Uhr' -> '14 Uhr 30', '9.00 Uhr' -> '9 Uhr': as a German newsreader says it."""

    def say(match: re.Match[str]) -> str:
        if "Uhr" not in match[0] and ":" not in match[0]:
            return match[0]  # '3.50' without Uhr is a number, not a time
        hour, minute = int(match[1]), int(match[2])
        return f"{hour} Uhr" + (f" {minute}" if minute else "")

    return GERMAN_CLOCK_RE.sub(say, text)


LANGUAGE_STEPS: dict[str, tuple[Step, ...]] = {
    "de": (expand_german_ordinal_dates, expand_german_times),
}


def build_pipeline(language: str) -> tuple[Step, ...]:
    """The steps for a language without its own English-style rules."""
    words = languages.language(language).symbol_words
    return (
        repair_unicode,
        drop_stage_directions,
        normalize_ellipses,
        partial(shorten_urls, dot=words.get("dot", "."), at=words.get("@", " ")),
        expand_brackets,
        *LANGUAGE_STEPS.get(language, ()),
        partial(expand_ranges, language=language),
        expand_dashes,
        partial(expand_local_currency, language=language),
        _local_dot_decimals,
        partial(expand_local_numbers, language=language),
        partial(expand_symbols, language=language),
        drop_unspeakable,
        tidy_punctuation,
        collapse_whitespace,
    )


ENGLISH_PIPELINE: tuple[Step, ...] = (
    repair_unicode,
    drop_stage_directions,
    drop_list_number,
    normalize_ellipses,
    shorten_urls,
    expand_brackets,
    expand_times,
    expand_dates,
    expand_currency,
    expand_ranges,
    expand_dashes,
    expand_percent,
    expand_units,
    expand_number_suffixes,
    expand_ordinals,
    expand_titles,
    expand_saint_and_street,
    expand_abbreviations,
    expand_roman_numerals,
    expand_dotted_acronyms,
    separate_letters_from_digits,
    spell_initialisms,
    expand_fractions,
    expand_numbers,
    expand_symbols,
    drop_unspeakable,
    tidy_punctuation,
    collapse_whitespace,
)

PIPELINES: dict[str, tuple[Step, ...]] = {
    "en": ENGLISH_PIPELINE,
    "de": build_pipeline("de"),
    "es": build_pipeline("es"),
}


def _last_resort(text: str) -> str:
    """Letters and digits only, digits read one by one: used if a pipeline ate everything."""
    kept = re.sub(r"[^\w\s]|_", " ", text)
    return collapse_whitespace(re.sub(r"\d", lambda m: f" {_words(m[0])} ", kept))


def respell(text: str, respellings: Respellings, language: str = "en") -> str:
    """Names the engine would say wrong, swapped for how they are said ("Qasem" -> "Kah-sem").

    The last step, so the respelling reaches the engine as written (hyphens and all)."""
    if not respellings:
        return text
    pattern, spoken = _respeller(respellings, language)
    return pattern.sub(lambda m: spoken[m[0]], text) if spoken else text


@lru_cache(maxsize=8)
def _respeller(respellings: Respellings, language: str) -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for every name, each name as normalisation leaves it in the text
    ("O’Brien" -> "O'Brien", "UNRWA" -> "U N R W A"), and what each is said as."""
    spoken: dict[str, str] = {}
    for written, respelled in respellings:
        name = normalize(written, language).rstrip(".")
        if name:
            spoken[name] = respelled
    names = sorted((re.escape(name) for name in spoken), key=len, reverse=True)
    return re.compile(rf"(?<!\w)(?:{'|'.join(names)})(?!\w)" if names else r"(?!)"), spoken


@lru_cache(maxsize=4096)  # each sentence is sized, then spoken, in every fitting round
def normalize(text: str, language: str = "en", respellings: Respellings = ()) -> str:
    """Rewrite `text` so a speech engine reads it as a newsreader would; `respellings` are a
    voice's pronunciations (see voices/pronunciations/)."""
    if not text:
        return ""
    lang = base_language(language)
    steps = PIPELINES.get(lang) or build_pipeline(lang)
    spoken = _apply(steps, tame_runs(text))
    if not re.search(r"\w", spoken) and re.search(r"[^\W_]", text):
        return _last_resort(text)
    return respell(spoken, respellings, lang)


def normalize_for(voice: Voice, text: str) -> str:
    """What `voice` is given to say for text: its language's rules and its pronunciations."""
    return normalize(text, voice.language, voice.pronunciations)


def speakable(text: str, language: str = "en") -> bool:
    """Whether anything pronounceable (a letter) is left after normalisation."""
    return any(ch.isalpha() for ch in normalize(text, language))
