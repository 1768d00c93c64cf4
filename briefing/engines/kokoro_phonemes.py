"""Text -> Kokoro phonemes, with espeak-ng's library (the one the espeak engine already uses).

Kokoro was trained on misaki's phoneme set: IPA with the diphthongs and affricates written as one
symbol ("eɪ" is "A", "tʃ" is "ʧ"). espeak-ng writes IPA with a tie between the parts of such a
phoneme, so the tables below turn its output into Kokoro's set, in the way Kokoro's own
pipeline (misaki's espeak fallback) does. Punctuation does not reach espeak-ng: it is kept as it
is, because Kokoro pauses and intones by it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import re
import threading
from functools import lru_cache

from briefing.errors import BriefingError

# --- tables ---------------------------------------------------------------------------------

TIE = "^"
# Kokoro's punctuation: said as pauses and intonation, never sent to espeak-ng.
PUNCTUATION = ';:,.!?¡¿—…"«»“”()'
PUNCTUATION_RUN = re.compile(r"(?:\s*[" + re.escape(PUNCTUATION) + r"]+\s*)+")

# espeak-ng's tied phonemes and sounds Kokoro lacks -> Kokoro's symbols, for every language.
COMMON = {
    "a^ɪ": "I", "a^ʊ": "W", "d^z": "ʣ", "d^ʒ": "ʤ", "e^ɪ": "A", "o^ʊ": "O", "ə^ʊ": "Q",
    "t^s": "ʦ", "t^ʃ": "ʧ", "ɔ^ɪ": "Y",
}  # fmt: skip
# English: misaki's own spelling of what espeak-ng writes otherwise.
ENGLISH = {
    "ʔˌn\u0329": "tn", "ʔn\u0329": "tn", "ʔn": "tn", "ʔ": "t", "ə^l": "ᵊl", "ʲo": "jo",
    "ʲə": "jə", "ʲ": "", "ɚ": "əɹ", "r": "ɹ", "x": "k", "ç": "k", "ɐ": "ə", "ɬ": "l",
    "\u0303": "", "e": "A",
    "o": "ɔ",  # espeak-ng before 1.52 (Debian 12 has 1.51) writes "o" where misaki has "ɔ"
}  # fmt: skip
AMERICAN = {"ɜːɹ": "ɜɹ", "ɜː": "ɜɹ", "ɪə": "iə", "ː": ""}
BRITISH = {"e^ə": "ɛː", "iə": "ɪə"}

# Kokoro's voices are named by language: af_heart is American English, ff_siwis French. The
# values are espeak-ng's voice files ("en" is British English, "fr" the French of France).
ESPEAK_LANGUAGES = {"a": "en-us", "b": "en", "e": "es", "f": "fr", "h": "hi", "i": "it",
                    "p": "pt-br"}


def longest_first(table: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(table.items(), key=lambda item: -len(item[0])))


REPLACEMENTS = {
    "a": longest_first(AMERICAN | ENGLISH | COMMON),
    "b": longest_first(BRITISH | ENGLISH | COMMON),
}
OTHER_LANGUAGES = longest_first(COMMON)

# --- espeak-ng's library ----------------------------------------------------------------------

IPA = 0x02
TIED = 0x80 | ord(TIE) << 8  # write a tie inside multi-letter phonemes
UTF8 = 1
SYNCHRONOUS = 0x02
ESPEAK_LOCK = threading.Lock()  # the library keeps one voice for the whole process


@lru_cache(maxsize=1)
def espeak_library() -> ctypes.CDLL:
    name = ctypes.util.find_library("espeak-ng") or "libespeak-ng.so.1"
    try:
        library = ctypes.cdll.LoadLibrary(name)
    except OSError as exc:
        raise BriefingError("Kokoro needs espeak-ng's library: apt-get install espeak-ng") from exc
    library.espeak_Initialize.restype = ctypes.c_int
    library.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p,
                                          ctypes.c_int]
    library.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
    library.espeak_TextToPhonemes.restype = ctypes.c_char_p
    library.espeak_TextToPhonemes.argtypes = [ctypes.POINTER(ctypes.c_char_p), ctypes.c_int,
                                              ctypes.c_int]
    if library.espeak_Initialize(SYNCHRONOUS, 0, None, 0) <= 0:
        raise BriefingError("espeak-ng's library did not start (is espeak-ng-data installed?)")
    return library


def has_espeak_library() -> bool:
    try:
        espeak_library()
    except BriefingError:
        return False
    return True


def espeak_ipa(text: str, espeak_voice: str) -> str:
    """espeak-ng's IPA for text without punctuation, its clauses joined by spaces."""
    library = espeak_library()
    with ESPEAK_LOCK:
        if library.espeak_SetVoiceByName(espeak_voice.encode()) != 0:
            raise BriefingError(f"espeak-ng has no voice {espeak_voice!r}")
        remaining = ctypes.c_char_p(text.encode("utf-8"))
        pointer = ctypes.pointer(remaining)
        clauses = []
        while pointer.contents.value:
            clauses.append(library.espeak_TextToPhonemes(pointer, UTF8, IPA | TIED)
                           .decode("utf-8"))
    return " ".join(clause.strip() for clause in clauses if clause.strip())


# --- text -> phonemes ---------------------------------------------------------------------------


def phonemes(text: str, language_code: str) -> str:
    """Kokoro's phonemes for text, for a voice of the language code ("a", "b", "e", ...)."""
    espeak_voice = ESPEAK_LANGUAGES[language_code]
    replacements = REPLACEMENTS.get(language_code, OTHER_LANGUAGES)
    pieces = []
    position = 0
    for punctuation in PUNCTUATION_RUN.finditer(text):
        pieces.append(words(text[position:punctuation.start()], espeak_voice, replacements))
        pieces.append(punctuation.group(0))
        position = punctuation.end()
    pieces.append(words(text[position:], espeak_voice, replacements))
    return re.sub(r"\s+", " ", "".join(pieces)).strip()


def words(text: str, espeak_voice: str, replacements: tuple[tuple[str, str], ...]) -> str:
    if not text.strip():
        return text
    ipa = espeak_ipa(text, espeak_voice)
    for written, kokoro in replacements:
        ipa = ipa.replace(written, kokoro)
    ipa = re.sub(r"(\S)\u0329", r"ᵊ\1", ipa).replace(TIE, "").replace("-", "")
    lead = " " if text[:1].isspace() else ""
    tail = " " if text[-1:].isspace() else ""
    return f"{lead}{ipa}{tail}"
