"""gTTS: Google's online voice. Needs the internet; everything else here works offline.

The only seam is `fetch`: text and language in, MP3 bytes out. Tests replace it;
the real one talks to Google through the gtts package.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable

from pydub import AudioSegment

from briefing.engines.base import has_module
from briefing.errors import BriefingError
from briefing.voices import Voice, base_language

Fetch = Callable[[str, str, str], bytes]  # (text, lang, tld) -> mp3 bytes


def fetch_from_google(text: str, lang: str, tld: str) -> bytes:
    from gtts import gTTS, gTTSError

    buffer = io.BytesIO()
    for attempt in range(4):
        try:
            gTTS(text, lang=lang, tld=tld).write_to_fp(buffer)
            return buffer.getvalue()
        except gTTSError as exc:
            status = getattr(getattr(exc, "rsp", None), "status_code", None)
            if status == 429 and attempt < 3:
                time.sleep(2**attempt)
                buffer = io.BytesIO()
                continue
            if status is None:
                raise BriefingError(
                    "gTTS needs the internet and cannot reach Google; "
                    "use an offline voice such as --voice piper"
                ) from exc
            raise BriefingError(f"gTTS failed: {exc}") from exc
    raise BriefingError("gTTS: Google kept answering 429 (too many requests); try later")


class GttsEngine:
    name = "gtts"
    install_hint = "pip install gtts (and be online)"
    sample_rate = 24000

    def __init__(self, fetch: Fetch = fetch_from_google) -> None:
        self.fetch = fetch

    def available(self) -> bool:
        return has_module("gtts")

    def languages(self) -> frozenset[str]:
        from gtts.lang import tts_langs

        return frozenset(base_language(code) for code in tts_langs())

    def synthesize(self, text: str, voice: Voice) -> AudioSegment:
        mp3 = self.fetch(text, voice.language, voice.options.get("tld", "com"))
        audio = AudioSegment.from_file(io.BytesIO(mp3), format="mp3")
        if voice.speed != 1.0:
            audio = audio.speedup(playback_speed=voice.speed) if voice.speed > 1 else audio
        return audio
