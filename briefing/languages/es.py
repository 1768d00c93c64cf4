"""Spanish: everything briefing knows about it, in one place."""

from __future__ import annotations

from briefing.languages.base import Language, NewsRules, Phrases, words

NEWS_RULES = NewsRules(
    abbreviations=words("sr sra srta dr dra ud uds pág núm etc"),
    titles=words("sr sra srta dr dra"),
    numeric_prefixes=words("núm pág art"),
)

PHRASES = Phrases(
    "es", "Esto es {show} del {date}. {count}", "EEEE d 'de' MMMM 'de' y",
    "Una noticia.", "{n} noticias.", "De {source}: {title}.",
    "Esto fue {show}. Gracias por escuchar.",
    "Una columna de opinión: {title}.",
    "Una columna de opinión de {source}: {title}.",
    "Un relato en primera persona: {title}.",
    "Un relato en primera persona de {source}: {title}.",
)

CALIBRATION_TEXT = (
    "El gobierno anunció el martes que invertirá dos mil millones de euros en nuevas "
    "líneas de tren durante los próximos cinco años. Según los funcionarios, los primeros "
    "trenes podrían circular a finales del próximo año, aunque los críticos advirtieron "
    "que promesas similares ya se habían incumplido antes."
)

SYMBOL_WORDS = {
    "&": "y", "+": "más", "@": "arroba", "=": "igual a", "°": "grados",
    "%": "por ciento", "~": "unos", "×": "por", "§": "sección", "dot": "punto",
    "to": "a", "point": "coma", "between": "entre", "and": "y",
}

CURRENCY_WORDS = {
    "$": "dólares", "£": "libras", "€": "euros", "¥": "yenes",
}

LANGUAGE = Language(
    code="es",
    stemmer="spanish",
    punkt_model="spanish",
    news_rules=NEWS_RULES,
    phrases=PHRASES,
    calibration_text=CALIBRATION_TEXT,
    symbol_words=SYMBOL_WORDS,
    currency_words=CURRENCY_WORDS,
    first_person=words("yo me mí mi mis conmigo"),
)
