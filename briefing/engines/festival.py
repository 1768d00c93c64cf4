"""Festival with the HTS voice from Debian's festvox-us-slt-hts: very intelligible."""

from __future__ import annotations

from pathlib import Path

from pydub import AudioSegment

from briefing.engines.base import has_program, run_to_wav_file
from briefing.voices import Voice


class FestivalEngine:
    name = "festival"
    install_hint = "apt-get install festival festvox-us-slt-hts"
    sample_rate = 32000  # the HTS voice's own rate

    def available(self) -> bool:
        return has_program("text2wave") and Path("/usr/share/festival/voices").is_dir()

    def languages(self) -> frozenset[str]:
        return frozenset({"en"})

    def synthesize(self, text: str, voice: Voice) -> AudioSegment:
        voice_id = voice.voice or "cmu_us_slt_arctic_hts"
        command = ["text2wave", "-eval", f"(voice_{voice_id})",
                   "-eval", f"(Parameter.set 'Duration_Stretch {1 / voice.speed:.3f})",
                   "{text}", "-o", "{wav}"]
        return run_to_wav_file(command, text)
