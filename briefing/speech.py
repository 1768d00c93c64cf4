"""Script -> speech: each part synthesized once, cached, in parallel where the engine allows."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pydub import AudioSegment
from pydub.silence import detect_leading_silence

from briefing.cachefiles import touch
from briefing.engines import Engine
from briefing.episode import atomic_path
from briefing.normalize import normalize_for
from briefing.striped import striped_lock
from briefing.voices import Voice

CACHE_VERSION = 1
SYNTHESIS_LOG = "synthesized.log"
SAMPLE_RATE = 44100
# The program-based engines run as separate processes, so two sentences at once use both
# cores. Piper is not here: onnxruntime already keeps both cores busy on one sentence, and
# two at once only contend (measured on 30 sentences: 10.4 s one by one, 10.5 s two at once).
PARALLEL_ENGINES = {"espeak-ng", "flite", "festival", "gtts", "rhvoice"}

OnSpoken = Callable[[int, int], None]  # (done, total)


class SpeechCache:
    """Synthesized audio on disk, keyed by engine, voice settings and text.

    Runs that share the folder (a fleet's editions, a cron run beside a manual one) share
    the work: a sentence being synthesised by one is waited for by the others, never said
    twice. Each synthesis is logged (SYNTHESIS_LOG: characters, key), so that a fleet can
    count what it said against what it aired."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory

    @contextlib.contextmanager
    def claim(self, key: str) -> Iterator[None]:
        """Hold the key while it is looked up and, if missing, synthesised and stored."""
        if self.directory is None:
            yield
            return
        try:
            lock = striped_lock(self.directory / "locks", key)
            lock.acquire()
        except OSError:  # a cache folder that cannot be written is no reason to fail
            yield
            return
        try:
            yield
        finally:
            lock.release()

    def log_synthesis(self, key: str, characters: int) -> None:
        if self.directory is None:
            return
        with contextlib.suppress(OSError), (self.directory / SYNTHESIS_LOG).open("a") as log:
            log.write(f"{characters}\t{key}\n")  # one short append: whole lines, any process

    def key(self, engine: Engine, voice: Voice, text: str) -> str:
        settings = [CACHE_VERSION, engine.name, voice.voice, voice.language, voice.speed,
                    voice.pitch, sorted(voice.options.items()), text]
        return hashlib.sha256(json.dumps(settings).encode()).hexdigest()

    def get(self, key: str) -> AudioSegment | None:
        path = self._path(key)
        if path is None or not path.is_file():
            return None
        try:
            audio = AudioSegment.from_wav(path)
        except Exception:  # a damaged entry is re-made, never fatal
            return None
        touch(path)
        return audio

    def put(self, key: str, audio: AudioSegment) -> None:
        """Keep the audio; a cache that cannot be written (full, read-only) is skipped."""
        path = self._path(key)
        if path is None:
            return
        # The cache only saves time: a full or read-only disk is never a reason to fail.
        with contextlib.suppress(OSError), atomic_path(path) as tmp:
            audio.export(tmp, format="wav").close()

    def _path(self, key: str) -> Path | None:
        return self.directory / key[:2] / f"{key}.wav" if self.directory else None


def speak(
    texts: list[str],
    engine: Engine,
    voice: Voice,
    cache: SpeechCache,
    on_spoken: OnSpoken | None = None,
) -> list[AudioSegment]:
    """Speak each text; returns 44.1 kHz mono 16-bit audio in the same order."""
    total = len(texts)
    done = 0

    def speak_one(text: str) -> AudioSegment:
        spoken = normalize_for(voice, text)
        key = cache.key(engine, voice, spoken)
        with cache.claim(key):
            audio = cache.get(key)
            if audio is None:
                audio = conform(engine.synthesize(spoken, voice))
                cache.put(key, audio)
                cache.log_synthesis(key, len(spoken))
        return audio

    workers = min(os.cpu_count() or 1, 4) if engine.name in PARALLEL_ENGINES else 1
    results: list[AudioSegment] = []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for audio in pool.map(speak_one, texts):
            results.append(audio)
            done += 1
            if on_spoken:
                on_spoken(done, total)
    return results


def conform(audio: AudioSegment) -> AudioSegment:
    """Every engine's output in one format, trimmed of the engine's own leading/trailing hush."""
    audio = audio.set_frame_rate(SAMPLE_RATE).set_channels(1).set_sample_width(2)
    return trim_silence(audio)


def trim_silence(
    audio: AudioSegment, threshold_db: float = -50.0, keep_ms: int = 30
) -> AudioSegment:
    """Cut the engine's own hush at both ends (quieter than threshold_db below the peak)."""
    silence = audio.max_dBFS + threshold_db
    start = detect_leading_silence(audio, silence_threshold=silence, chunk_size=10)
    end = len(audio) - detect_leading_silence(audio.reverse(), silence_threshold=silence,
                                              chunk_size=10)
    if end <= start:
        return audio
    return audio[max(0, start - keep_ms): min(len(audio), end + keep_ms)]
