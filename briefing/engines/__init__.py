"""Speech engines, one module each, all behind the Engine interface in base.py."""

from __future__ import annotations

from briefing.engines.base import Engine
from briefing.engines.espeak import EspeakEngine
from briefing.engines.festival import FestivalEngine
from briefing.engines.flite import FliteEngine
from briefing.engines.gtts import GttsEngine
from briefing.engines.kokoro import KokoroEngine
from briefing.engines.piper import PiperEngine
from briefing.engines.rhvoice import RhvoiceEngine
from briefing.errors import BriefingError

ENGINES: dict[str, type] = {
    "kokoro": KokoroEngine,
    "piper": PiperEngine,
    "espeak-ng": EspeakEngine,
    "festival": FestivalEngine,
    "flite": FliteEngine,
    "gtts": GttsEngine,
    "rhvoice": RhvoiceEngine,
}


def get_engine(name: str) -> Engine:
    try:
        return ENGINES[name]()
    except KeyError:
        raise BriefingError(f"unknown engine {name!r}; known: {', '.join(ENGINES)}") from None


def require_engine(name: str) -> Engine:
    """The engine, or a one-line error saying how to install it."""
    engine = get_engine(name)
    if not engine.available():
        raise BriefingError(f"the {name} engine is not installed: {engine.install_hint}")
    return engine


__all__ = ["ENGINES", "Engine", "get_engine", "require_engine"]
