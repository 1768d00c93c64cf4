"""espeak-ng: instant, robotic, 100+ languages; the fast engine for tests."""

from __future__ import annotations

from pydub import AudioSegment

from briefing.engines.base import has_program, run_to_wav
from briefing.voices import Voice

BASE_WORDS_PER_MINUTE = 165


class EspeakEngine:
    name = "espeak-ng"
    install_hint = "apt-get install espeak-ng"

    def available(self) -> bool:
        return has_program("espeak-ng")

    def synthesize(self, text: str, voice: Voice) -> AudioSegment:
        command = [
            "espeak-ng", "--stdout", "-b", "1",
            "-v", voice.voice or voice.language,
            "-s", str(round(BASE_WORDS_PER_MINUTE * voice.speed)),
            "-p", str(voice.pitch),
        ]
        # Text on stdin: no argument-length limit, nothing read as an option.
        return run_to_wav(command, text)
