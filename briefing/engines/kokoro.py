"""Kokoro-82M: the most natural offline voice here, run by onnxruntime on the CPU.

Text goes to phonemes (kokoro_phonemes, through espeak-ng), phonemes to the model's token ids,
and the ids with the voice's style vector and the pace to the model, which returns 24 kHz audio.
"""

from __future__ import annotations

import gc
import re
import threading
from functools import lru_cache

import numpy as np
from pydub import AudioSegment

from briefing.engines.kokoro_model import (
    INSTALL_HINT,
    STYLE_ROWS,
    check_installed,
    has_model,
    model_source,
    shipped_voices,
    voice_styles,
)
from briefing.engines.kokoro_phonemes import ESPEAK_LANGUAGES, has_espeak_library, phonemes
from briefing.engines.threads import session_options
from briefing.errors import BriefingError
from briefing.languages import base_language
from briefing.voices import Voice

# Kokoro's token ids for its phonemes (its config.json "vocab"); 0 pads both ends.
VOCAB = {
    ";": 1, ":": 2, ",": 3, ".": 4, "!": 5, "?": 6, "—": 9, "…": 10, '"': 11, "(": 12, ")": 13,
    "“": 14, "”": 15, " ": 16, "\u0303": 17, "ʣ": 18, "ʥ": 19, "ʦ": 20, "ʨ": 21, "ᵝ": 22,
    "\uab67": 23, "A": 24, "I": 25, "O": 31, "Q": 33, "S": 35, "T": 36, "W": 39, "Y": 41,
    "ᵊ": 42, "a": 43, "b": 44, "c": 45, "d": 46, "e": 47, "f": 48, "h": 50, "i": 51, "j": 52,
    "k": 53, "l": 54, "m": 55, "n": 56, "o": 57, "p": 58, "q": 59, "r": 60, "s": 61, "t": 62,
    "u": 63, "v": 64, "w": 65, "x": 66, "y": 67, "z": 68, "ɑ": 69, "ɐ": 70, "ɒ": 71, "æ": 72,
    "β": 75, "ɔ": 76, "ɕ": 77, "ç": 78, "ɖ": 80, "ð": 81, "ʤ": 82, "ə": 83, "ɚ": 85, "ɛ": 86,
    "ɜ": 87, "ɟ": 90, "ɡ": 92, "ɥ": 99, "ɨ": 101, "ɪ": 102, "ʝ": 103, "ɯ": 110, "ɰ": 111,
    "ŋ": 112, "ɳ": 113, "ɲ": 114, "ɴ": 115, "ø": 116, "ɸ": 118, "θ": 119, "œ": 120, "ɹ": 123,
    "ɾ": 125, "ɻ": 126, "ʁ": 128, "ɽ": 129, "ʂ": 130, "ʃ": 131, "ʈ": 132, "ʧ": 133, "ʊ": 135,
    "ʋ": 136, "ʌ": 138, "ɣ": 139, "ɤ": 140, "χ": 142, "ʎ": 143, "ʒ": 147, "ʔ": 148, "ˈ": 156,
    "ˌ": 157, "ː": 158, "ʰ": 162, "ʲ": 164, "↓": 169, "→": 171, "↗": 172, "↘": 173, "ᵻ": 177,
}  # fmt: skip
MAX_TOKENS = STYLE_ROWS - 2  # the model's context, less the two pads


class KokoroEngine:
    name = "kokoro"
    install_hint = INSTALL_HINT
    sample_rate = 24000

    def available(self) -> bool:
        return has_model() and has_espeak_library()

    def languages(self) -> frozenset[str]:
        return frozenset(base_language(ESPEAK_LANGUAGES[name[0]]) for name in shipped_voices()
                         if name[0] in ESPEAK_LANGUAGES)

    def synthesize(self, text: str, voice: Voice) -> AudioSegment:
        name = voice.voice or "af_heart"
        if name[0] not in ESPEAK_LANGUAGES:
            raise BriefingError(f"Kokoro voice {name!r}: no phonemes for its language here")
        styles = voice_styles(name)
        session = load_session()
        pieces = [say(session, ids, styles, voice.speed)
                  for ids in token_runs(phonemes(text, name[0]))]
        samples = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.float32)
        pcm = (np.clip(samples, -1.0, 1.0) * 32767).astype(np.int16)
        return AudioSegment(data=pcm.tobytes(), sample_width=2, frame_rate=self.sample_rate,
                            channels=1)

    def warm(self, voice: Voice) -> None:
        load_session()

    def prepare(self) -> str:
        """Check the installed model once, ahead of the first briefing."""
        return check_installed()

    def release(self) -> None:
        if loaded_session.cache_info().currsize:
            loaded_session.cache_clear()
            gc.collect()


def token_runs(said: str) -> list[list[int]]:
    """The phonemes as token ids, cut at pauses (else spaces) into runs the model can take."""
    runs = []
    while said:
        cut = len(said)
        if len(tokens(said)) > MAX_TOKENS:
            cut = cut_before(said, MAX_TOKENS)
        ids = tokens(said[:cut])
        if ids:
            runs.append(ids)
        said = said[cut:].strip()
    return runs


def tokens(said: str) -> list[int]:
    return [VOCAB[symbol] for symbol in said if symbol in VOCAB]


def cut_before(said: str, limit: int) -> int:
    """Where to cut so that the first part has at most `limit` tokens: after a pause if one is
    in the second half of the window, else at the last space, else anywhere."""
    window = said[:limit]
    pauses = [m.start() + 1 for m in re.finditer(r"[.!?;:,—…]\s", window)]
    if pauses and pauses[-1] > limit // 2:
        return pauses[-1]
    space = window.rfind(" ")
    return space if space > 0 else limit


def say(session, ids: list[int], styles: np.ndarray, speed: float) -> np.ndarray:
    feed = {
        "tokens": np.array([[0, *ids, 0]], dtype=np.int64),
        "style": styles[min(len(ids), STYLE_ROWS - 1)][np.newaxis, :],
        "speed": np.array([speed], dtype=np.float32),
    }
    return session.run(None, feed)[0].reshape(-1)


SESSION_LOADING = threading.Lock()


def load_session():  # -> onnxruntime.InferenceSession, one per process
    with SESSION_LOADING:
        return loaded_session()


@lru_cache(maxsize=1)
def loaded_session():
    import onnxruntime

    return onnxruntime.InferenceSession(model_source(), session_options(),
                                        providers=["CPUExecutionProvider"])
