"""Festival with the HTS voice from Debian's festvox-us-slt-hts: very intelligible.

Festival takes about 0.15 s to start and load a voice, as long as it takes to say a short
sentence, so each worker thread keeps one festival process and sends it piece after piece.
Each piece is read as text2wave reads a text file (tts_file, one utterance per sentence), so
the audio is the same as text2wave's.
"""

from __future__ import annotations

import contextlib
import os
import queue
import select
import subprocess
import tempfile
import threading
import time
import weakref
from pathlib import Path

from pydub import AudioSegment

from briefing.engines.base import has_program
from briefing.errors import BriefingError
from briefing.voices import Voice

DEFAULT_VOICE = "cmu_us_slt_arctic_hts"
TIMEOUT_S = 120.0
DONE = "briefing-festival-done"


class FestivalEngine:
    name = "festival"
    install_hint = "apt-get install festival festvox-us-slt-hts"
    sample_rate = 32000  # the HTS voice's own rate

    def __init__(self) -> None:
        self._idle: queue.SimpleQueue[FestivalProcess] = queue.SimpleQueue()
        self._started: list[FestivalProcess] = []
        self._lock = threading.Lock()
        weakref.finalize(self, close_all, self._started)

    def available(self) -> bool:
        return has_program("festival") and Path("/usr/share/festival/voices").is_dir()

    def languages(self) -> frozenset[str]:
        return frozenset({"en"})

    def synthesize(self, text: str, voice: Voice) -> AudioSegment:
        process = self._take()
        try:
            audio = process.say(text, voice.voice or DEFAULT_VOICE, 1 / voice.speed)
        except BaseException:
            process.close()  # a process that failed or was interrupted is not reused
            raise
        self._idle.put(process)
        return audio

    def release(self) -> None:
        """Stop the festival processes; the next synthesis starts new ones."""
        with self._lock:
            close_all(self._started)
            self._idle = queue.SimpleQueue()

    def _take(self) -> FestivalProcess:
        """An idle process, or a new one: one per thread speaking at the same time."""
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            process = FestivalProcess()
            with self._lock:
                self._started.append(process)
            return process


def close_all(processes: list[FestivalProcess]) -> None:
    for process in processes:
        process.close()
    processes.clear()


class FestivalProcess:
    """One `festival --pipe`, fed Scheme on stdin; it prints a marker when a piece is said."""

    def __init__(self) -> None:
        self.workdir = tempfile.TemporaryDirectory(prefix="briefing-festival-")
        self.stderr_path = Path(self.workdir.name) / "stderr.txt"
        try:
            with open(self.stderr_path, "ab") as stderr:  # festival appends; we read apart
                self.process = subprocess.Popen(
                    ["festival", "--pipe"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                    stderr=stderr,
                )
        except FileNotFoundError as exc:
            self.workdir.cleanup()
            raise BriefingError(f"festival is not installed: {FestivalEngine.install_hint}"
                                ) from exc
        self.voice = ""
        self.pieces = 0

    def say(self, text: str, voice_id: str, stretch: float) -> AudioSegment:
        self.pieces += 1
        folder = Path(self.workdir.name) / str(self.pieces)
        folder.mkdir()
        (folder / "in.txt").write_text(text, encoding="utf-8")
        commands = [] if voice_id == self.voice else [f"(voice_{voice_id})"]
        commands += [
            f"(Parameter.set 'Duration_Stretch {stretch:.3f})",
            "(set! briefing_utts 0)",
            "(set! tts_hooks (list utt.synth (lambda (utt)"
            " (set! briefing_utts (+ 1 briefing_utts))"
            f' (utt.save.wave utt (format nil "{folder}/%05d.wav" briefing_utts) \'riff))))',
            f'(tts_file "{folder}/in.txt" nil)',
            f'(format t "{DONE}\\n")',
            "(fflush nil)",
        ]
        errors_from = self.stderr_path.stat().st_size
        self.send("\n".join(commands) + "\n")
        self.wait_for(DONE)
        # festival --pipe reports a failing command on stderr and goes on with the next one
        error = self.errors_since(errors_from)
        if error:
            raise BriefingError(f"festival failed: {error}")
        self.voice = voice_id
        waves = sorted(folder.glob("*.wav"))
        if not waves:
            raise BriefingError("festival failed: it said nothing")
        audio = sum((AudioSegment.from_wav(w) for w in waves[1:]),
                    AudioSegment.from_wav(waves[0]))
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()
        return audio

    def send(self, commands: str) -> None:
        try:
            self.process.stdin.write(commands.encode())
            self.process.stdin.flush()
        except (BrokenPipeError, OSError):
            raise BriefingError(f"festival failed: {self.last_error() or 'it stopped'}"
                                ) from None

    def wait_for(self, marker: str) -> None:
        """Read festival's output until the marker line, within TIMEOUT_S."""
        deadline = time.monotonic() + TIMEOUT_S
        output = b""
        fd = self.process.stdout.fileno()
        while marker.encode() + b"\n" not in output:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise BriefingError(f"festival took longer than {TIMEOUT_S:.0f} s")
            ready, _, _ = select.select([fd], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(fd, 65536)
            if not chunk:
                raise BriefingError(f"festival failed: {self.last_error() or 'it stopped'}")
            output = output[-len(marker) - 1:] + chunk

    def errors_since(self, position: int) -> str:
        """The first Scheme error festival printed after position in its stderr, or ""."""
        with open(self.stderr_path, "rb") as stderr:
            stderr.seek(position)
            printed = stderr.read().decode(errors="replace")
        for line in printed.splitlines():
            if "SIOD ERROR" in line:
                return line.split("SIOD ERROR:", 1)[-1].strip()
        return ""

    def last_error(self) -> str:
        """The last line festival printed on stderr (why it stopped), or ""."""
        lines = [line for line in self.stderr_path.read_bytes().decode(errors="replace")
                 .splitlines() if line.strip()]
        return lines[-1].strip() if lines else ""

    def close(self) -> None:
        if self.process.poll() is None:
            try:
                self.process.stdin.close()  # festival quits at the end of its input
                self.process.wait(timeout=2)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe:
                with contextlib.suppress(OSError):
                    pipe.close()
        self.workdir.cleanup()
