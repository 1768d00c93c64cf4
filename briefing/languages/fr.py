"""French: everything briefing knows about it, in one place."""

from __future__ import annotations

from briefing.languages.base import Language, NewsRules, Phrases, words

NEWS_RULES = NewsRules(
    abbreviations=words("m mm mme mlle dr pr st ste av etc"),
    titles=words("m mm mme mlle dr pr st ste"),
    numeric_prefixes=words("no art"),
)

PHRASES = Phrases(
    "fr", "Voici {show} du {date}. {count}", "EEEE d MMMM y",
    "Une information.", "{n} informations.", "De {source} : {title}.",
    "C'était {show}. Merci de votre écoute.",
    "Une tribune : {title}.", "Une tribune de {source} : {title}.",
    "Un récit à la première personne : {title}.",
    "Un récit à la première personne publié par {source} : {title}.",
)

CALIBRATION_TEXT = (
    "Le gouvernement a annoncé mardi qu'il allait investir deux milliards d'euros dans de "
    "nouvelles lignes de train au cours des cinq prochaines années. Selon les responsables, "
    "les premiers trains pourraient circuler d'ici la fin de l'année prochaine, mais les "
    "critiques ont rappelé que des promesses semblables n'avaient pas été tenues."
)

LANGUAGE = Language(
    code="fr",
    stemmer="french",
    punkt_model="french",
    news_rules=NEWS_RULES,
    phrases=PHRASES,
    calibration_text=CALIBRATION_TEXT,
    first_person=words("je j' moi me m' mon ma mes"),
)
