"""Measure how fast a voice really speaks, and write a short sample of it."""

from __future__ import annotations

from pathlib import Path

from briefing.audio import encode_mp3, level_speech, master
from briefing.engines import require_engine
from briefing.errors import BriefingError
from briefing.languages import base_language
from briefing.normalize import normalize_for
from briefing.speech import conform
from briefing.voices import Voice, save_calibration

CALIBRATION_TEXTS = {
    "en": (
        "The government announced on Tuesday that it would spend two billion dollars on new "
        "railway lines over the next five years. Officials said the first trains could run "
        "by the end of next year, although critics warned that similar promises had been "
        "broken before. In a statement, the transport minister said the plan would cut "
        "journey times between the largest cities by almost half."
    ),
    "de": (
        "Die Regierung hat am Dienstag angekündigt, in den nächsten fünf Jahren zwei "
        "Milliarden Euro in neue Bahnstrecken zu investieren. Die ersten Züge könnten nach "
        "Angaben von Beamten bis Ende des nächsten Jahres fahren. Kritiker warnten jedoch, "
        "dass ähnliche Versprechen schon früher gebrochen worden seien."
    ),
    "es": (
        "El gobierno anunció el martes que invertirá dos mil millones de euros en nuevas "
        "líneas de tren durante los próximos cinco años. Según los funcionarios, los primeros "
        "trenes podrían circular a finales del próximo año, aunque los críticos advirtieron "
        "que promesas similares ya se habían incumplido antes."
    ),
    "pt": (
        "O governo anunciou na terça-feira que vai investir dois mil milhões de euros em novas "
        "linhas de comboio nos próximos cinco anos. Segundo os responsáveis, os primeiros "
        "comboios poderão circular no final do próximo ano, embora os críticos tenham avisado "
        "que promessas semelhantes já foram quebradas antes."
    ),
    "fr": (
        "Le gouvernement a annoncé mardi qu'il allait investir deux milliards d'euros dans de "
        "nouvelles lignes de train au cours des cinq prochaines années. Selon les responsables, "
        "les premiers trains pourraient circuler d'ici la fin de l'année prochaine, mais les "
        "critiques ont rappelé que des promesses semblables n'avaient pas été tenues."
    ),
    "it": (
        "Il governo ha annunciato martedì che investirà due miliardi di euro in nuove linee "
        "ferroviarie nei prossimi cinque anni. Secondo i funzionari, i primi treni potrebbero "
        "circolare entro la fine del prossimo anno, anche se i critici hanno ricordato che "
        "promesse simili erano già state tradite in passato."
    ),
}


def calibration_text(language: str) -> str:
    return CALIBRATION_TEXTS.get(base_language(language), CALIBRATION_TEXTS["en"])


def measure_pace(voice: Voice) -> float:
    """Characters of normalised text per second of speech, sentence by sentence as the
    pipeline speaks, so pauses inside the engine count and our own pauses do not."""
    from briefing.sentences import split_sentences

    engine = require_engine(voice.engine)
    sentences = [normalize_for(voice, s)
                 for s in split_sentences(calibration_text(voice.language), voice.language)]
    seconds = sum(len(conform(engine.synthesize(s, voice))) for s in sentences) / 1000
    if seconds <= 0:
        raise BriefingError(f"voice {voice.name!r} said nothing when asked to read the "
                            "calibration text; check its profile")
    return sum(len(s) for s in sentences) / seconds


def calibrate(voice: Voice) -> tuple[float, Path]:
    """Measure the voice and store the result; returns (chars per second, where stored)."""
    pace = measure_pace(voice)
    return pace, save_calibration(voice, pace)


def write_sample(voice: Voice, path: Path) -> Path:
    """A short mastered MP3 of the voice reading news."""
    from briefing.episode import atomic_path

    engine = require_engine(voice.engine)
    text = normalize_for(voice, calibration_text(voice.language).split(". ")[0] + ".")
    audio = master(level_speech(conform(engine.synthesize(text, voice))))
    with atomic_path(path) as tmp:
        encode_mp3(audio, tmp)
    return path
