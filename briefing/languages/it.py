"""Italian: everything briefing knows about it, in one place."""

from __future__ import annotations

from briefing.languages.base import Language, Phrases, words

PHRASES = Phrases(
    "it", "Questo è {show} di {date}. {count}", "EEEE d MMMM y",
    "Una notizia.", "{n} notizie.", "Da {source}: {title}.",
    "Era {show}. Grazie per l'ascolto.",
    "Un commento: {title}.", "Un commento da {source}: {title}.",
    "Un racconto in prima persona: {title}.",
    "Un racconto in prima persona da {source}: {title}.",
)

CALIBRATION_TEXT = (
    "Il governo ha annunciato martedì che investirà due miliardi di euro in nuove linee "
    "ferroviarie nei prossimi cinque anni. Secondo i funzionari, i primi treni potrebbero "
    "circolare entro la fine del prossimo anno, anche se i critici hanno ricordato che "
    "promesse simili erano già state tradite in passato."
)

LANGUAGE = Language(
    code="it",
    stemmer="italian",
    punkt_model="italian",
    phrases=PHRASES,
    calibration_text=CALIBRATION_TEXT,
    first_person=words("io mi me mio mia miei mie m'"),
)
