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
from briefing.languages import base_language
from briefing.voices import Voice

Fetch = Callable[[str, str, str], bytes]  # (text, lang, tld) -> mp3 bytes
TIMEOUT_S = (10, 30)  # connect, read: gTTS itself would wait for ever on a stalled connection
# ISO 639-1 codes Google knows under older names.
GOOGLE_LANGUAGES = {"he": "iw", "jv": "jw", "nb": "no"}


def google_language(lang: str) -> str:
    """The code Google's voice wants for a language ("en-GB" -> "en", "he" -> "iw")."""
    from gtts.lang import tts_langs

    known = tts_langs()
    for code in (lang, lang.replace("_", "-"), base_language(lang)):
        code = GOOGLE_LANGUAGES.get(code, code)
        if code in known:
            return code
    raise BriefingError(f"gTTS has no voice for the language {lang!r}")


def fetch_from_google(text: str, lang: str, tld: str) -> bytes:
    from gtts import gTTS, gTTSError

    lang = google_language(lang)
    buffer = io.BytesIO()
    for attempt in range(4):
        try:
            gTTS(text, lang=lang, tld=tld, lang_check=False, timeout=TIMEOUT_S).write_to_fp(
                buffer)
            if not buffer.getvalue():  # a 200 with no audio: a captive portal's login page
                raise BriefingError("gTTS: Google's answer held no audio (is a login page "
                                    "between this machine and the internet?)")
            return buffer.getvalue()
        except AssertionError:  # gTTS's own check: nothing in the text it can say
            raise BriefingError(f"gTTS: nothing to say in {text[:40]!r}") from None
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
    online = True  # it speaks through Google's servers (`briefing voices` says so)

    def __init__(self, fetch: Fetch = fetch_from_google) -> None:
        self.fetch = fetch

    def available(self) -> bool:
        return has_module("gtts")

    def languages(self) -> frozenset[str]:
        from gtts.lang import tts_langs

        return frozenset(base_language(code) for code in tts_langs())

    def synthesize(self, text: str, voice: Voice) -> AudioSegment:
        if voice.speed < 1.0:
            raise BriefingError(f"voice {voice.name!r}: gTTS can only speak faster (speed >= 1), "
                                f"not {voice.speed:g}")
        mp3 = self.fetch(text, voice.language, voice.options.get("tld", "com"))
        try:
            audio = AudioSegment.from_file(io.BytesIO(mp3), format="mp3")
        except Exception as exc:  # pydub raises bare errors with ffmpeg's whole output
            raise BriefingError("gTTS: Google's answer was not audio") from exc
        return audio.speedup(playback_speed=voice.speed) if voice.speed > 1.0 else audio
