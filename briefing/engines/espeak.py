"""espeak-ng: instant, robotic, 100+ languages; the fast engine for tests."""

from __future__ import annotations

import functools
import subprocess

from pydub import AudioSegment

from briefing.engines.base import has_program, run_to_wav
from briefing.languages import base_language
from briefing.voices import Voice

BASE_WORDS_PER_MINUTE = 165


class EspeakEngine:
    name = "espeak-ng"
    install_hint = "apt-get install espeak-ng"
    sample_rate = 22050

    def available(self) -> bool:
        return has_program("espeak-ng")

    def languages(self) -> frozenset[str]:
        return installed_languages()

    def synthesize(self, text: str, voice: Voice) -> AudioSegment:
        command = [
            "espeak-ng", "--stdout", "-b", "1",
            "-v", voice.voice or voice.language,
            "-s", str(round(BASE_WORDS_PER_MINUTE * voice.speed)),
            "-p", str(voice.pitch),
        ]
        # Text on stdin: no argument-length limit, nothing read as an option.
        return run_to_wav(command, text)


@functools.lru_cache(maxsize=1)
def installed_languages() -> frozenset[str]:
    """The languages of espeak-ng's installed voices (`espeak-ng --voices`, second column)."""
    try:
        listing = subprocess.run(["espeak-ng", "--voices"], capture_output=True, text=True,
                                 timeout=30, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    rows = [line.split() for line in listing.splitlines()[1:]]
    return frozenset(base_language(row[1]) for row in rows if len(row) > 1)
