"""DNSMOS P.835 (Microsoft's non-intrusive speech quality model): SIG, BAK and OVRL, 1 to 5.

An instrument none of us built, for how natural and clean a voice sounds. The ONNX model
travels inside the PyPI wheel `speechmos` 0.0.1.1 (MIT, by Microsoft's DNS Challenge
organisers); only the file is used, checked by its hash (speechmos's own code imports librosa,
which we do not need: P.835 takes the raw 16 kHz samples). As Microsoft's dnsmos_local.py:
9.01-second windows a second apart (a clip shorter than that is repeated), each scored, the raw
scores mapped by the published polynomials and averaged.

Run: .venv/bin/python benchmarks/dnsmos.py FILE... (any format ffmpeg reads)
"""

from __future__ import annotations

import hashlib
import importlib.util
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import numpy as np

RATE = 16_000
WINDOW_S = 9.01
MODEL = "dnsmos_models/sig_bak_ovr.onnx"
MODEL_SHA256 = "269fbebdb513aa23cddfbb593542ecc540284a91849ac50516870e1ac78f6edd"
# Microsoft's fits from the model's raw outputs to MOS (personalized=False).
FITS = {
    "SIG": np.poly1d([-0.08397278, 1.22083953, 0.0052439]),
    "BAK": np.poly1d([-0.13166888, 1.60915514, -0.39604546]),
    "OVRL": np.poly1d([-0.06766283, 1.11546468, 0.04602535]),
}


def model_path() -> Path:
    spec = importlib.util.find_spec("speechmos")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("DNSMOS needs the model in PyPI's speechmos: pip install speechmos")
    path = Path(list(spec.submodule_search_locations)[0]) / MODEL
    if hashlib.sha256(path.read_bytes()).hexdigest() != MODEL_SHA256:
        raise RuntimeError(f"{path} is not DNSMOS's sig_bak_ovr.onnx (hash differs)")
    return path


@lru_cache(maxsize=1)
def session():  # -> onnxruntime.InferenceSession
    import onnxruntime

    return onnxruntime.InferenceSession(str(model_path()), providers=["CPUExecutionProvider"])


def dnsmos(samples: np.ndarray) -> dict[str, float]:
    """SIG, BAK and OVRL of mono float samples at 16 kHz."""
    window = int(WINDOW_S * RATE)
    audio = np.asarray(samples, dtype=np.float32)
    while len(audio) < window:
        audio = np.concatenate([audio, audio])
    starts = range(0, len(audio) - window + 1, RATE)
    raw = np.array([session().run(None, {"input_1": audio[s:s + window][np.newaxis, :]})[0][0]
                    for s in starts], dtype=np.float64)
    return {name: float(fit(raw[:, column]).mean())
            for column, (name, fit) in enumerate(FITS.items())}


def decode(path: Path) -> np.ndarray:
    """Any audio file as mono float samples at 16 kHz (ffmpeg)."""
    pcm = subprocess.run(["ffmpeg", "-v", "error", "-i", str(path), "-ac", "1", "-ar",
                          str(RATE), "-f", "f32le", "-"], check=True, capture_output=True).stdout
    return np.frombuffer(pcm, dtype="<f4")


def main(paths: list[str]) -> int:
    for path in paths:
        scores = dnsmos(decode(Path(path)))
        print(f"{path}: " + ", ".join(f"{k} {v:.2f}" for k, v in scores.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
