"""flite: small and fast CMU voices (Debian package flite)."""

from __future__ import annotations

from pydub import AudioSegment

from briefing.engines.base import has_program, run_to_wav_file
from briefing.voices import Voice


class FliteEngine:
    name = "flite"
    install_hint = "apt-get install flite"
    sample_rate = 16000

    def available(self) -> bool:
        return has_program("flite")

    def languages(self) -> frozenset[str]:
        return frozenset({"en"})

    def synthesize(self, text: str, voice: Voice) -> AudioSegment:
        stretch = f"duration_stretch={1 / voice.speed:.3f}"
        command = ["flite", "-voice", voice.voice or "slt", "--setf", stretch,
                   "-f", "{text}", "-o", "{wav}"]
        return run_to_wav_file(command, text)
