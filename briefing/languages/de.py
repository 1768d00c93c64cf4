"""German: everything briefing knows about it, in one place."""

from __future__ import annotations

from briefing.languages.base import Language, NewsRules, Phrases, words

NEWS_RULES = NewsRules(
    abbreviations=words(
        "dr prof nr st z.b d.h u.a bzw ca vgl inkl evtl sog hl mio mrd "
        "jan feb febr apr aug sept okt nov dez"
    ),
    titles=words("dr prof hl sog vgl inkl evtl z.b bzw ca"),
    numeric_prefixes=words("nr art abs"),
)

PHRASES = Phrases(
    "de", "Das ist {show} für {date}. {count}", "EEEE, 'den' d. MMMM y",
    "Eine Meldung.", "{n} Meldungen.", "Von {source}: {title}.",
    "Das war {show}. Danke fürs Zuhören.",
    "Ein Kommentar: {title}.", "Ein Kommentar von {source}: {title}.",
    "Ein persönlicher Bericht: {title}.", "Ein persönlicher Bericht von {source}: {title}.",
)

CALIBRATION_TEXT = (
    "Die Regierung hat am Dienstag angekündigt, in den nächsten fünf Jahren zwei "
    "Milliarden Euro in neue Bahnstrecken zu investieren. Die ersten Züge könnten nach "
    "Angaben von Beamten bis Ende des nächsten Jahres fahren. Kritiker warnten jedoch, "
    "dass ähnliche Versprechen schon früher gebrochen worden seien."
)

SYMBOL_WORDS = {
    "&": "und", "+": "plus", "@": "at", "=": "gleich", "°": "Grad", "%": "Prozent",
    "~": "etwa", "×": "mal", "§": "Paragraf", "dot": "Punkt", "to": "bis",
    "point": "Komma", "between": "zwischen", "and": "und",
}

CURRENCY_WORDS = {
    "$": "Dollar", "£": "Pfund", "€": "Euro", "¥": "Yen",
}

LANGUAGE = Language(
    code="de",
    stemmer="german",
    punkt_model="german",
    news_rules=NEWS_RULES,
    phrases=PHRASES,
    calibration_text=CALIBRATION_TEXT,
    symbol_words=SYMBOL_WORDS,
    currency_words=CURRENCY_WORDS,
    capitalises_nouns=True,
    first_person=words("ich mich mir mein meine meinen meinem meiner meines"),
)
