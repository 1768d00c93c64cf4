"""Portuguese: everything briefing knows about it, in one place."""

from __future__ import annotations

from briefing.languages.base import Language, Phrases, words

PHRASES = Phrases(
    "pt", "Este é o {show} de {date}. {count}", "EEEE, d 'de' MMMM 'de' y",
    "Uma notícia.", "{n} notícias.", "De {source}: {title}.",
    "Este foi o {show}. Obrigado por ouvir.",
    "Um artigo de opinião: {title}.", "Um artigo de opinião de {source}: {title}.",
    "Um relato em primeira pessoa: {title}.",
    "Um relato em primeira pessoa de {source}: {title}.",
)

CALIBRATION_TEXT = (
    "O governo anunciou na terça-feira que vai investir dois mil milhões de euros em novas "
    "linhas de comboio nos próximos cinco anos. Segundo os responsáveis, os primeiros "
    "comboios poderão circular no final do próximo ano, embora os críticos tenham avisado "
    "que promessas semelhantes já foram quebradas antes."
)

LANGUAGE = Language(
    code="pt",
    stemmer="portuguese",
    punkt_model="portuguese",
    phrases=PHRASES,
    calibration_text=CALIBRATION_TEXT,
    first_person=words("eu me mim meu minha meus minhas comigo"),
)
