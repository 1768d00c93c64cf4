"""RHVoice: four good English voices, very fast (Debian non-free rhvoice + rhvoice-english)."""

from __future__ import annotations

from pathlib import Path

from pydub import AudioSegment

from briefing.engines.base import has_program, run_to_wav_file
from briefing.voices import Voice

VOICES_DIR = Path("/usr/share/RHVoice/voices")


class RhvoiceEngine:
    name = "rhvoice"
    install_hint = ("add `contrib non-free` to Debian's apt sources, then "
                    "apt-get install rhvoice rhvoice-english")
    sample_rate = 24000

    def available(self) -> bool:
        return has_program("RHVoice-test") and VOICES_DIR.is_dir()

    def languages(self) -> frozenset[str]:
        return frozenset({"en"})  # the voices of rhvoice-english

    def synthesize(self, text: str, voice: Voice) -> AudioSegment:
        rate = round(100 * voice.speed)  # RHVoice's own rate: percent of its normal pace
        command = ["RHVoice-test", "-p", voice.voice or "alan", "-r", str(rate),
                   "-i", "{text}", "-o", "{wav}"]
        return run_to_wav_file(command, text)
