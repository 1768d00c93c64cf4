"""English: everything briefing knows about it, in one place."""

from __future__ import annotations

from briefing.languages.base import Language, NewsRules, Phrases, words

TITLES = words(
    "mr mrs ms messrs dr prof rev hon gov sen sens rep reps pres supt insp det atty "
    "gen lt col maj capt cmdr cpl sgt pvt adm brig "
    "mt ft vs v e.g i.e approx cf"
)
# A month's abbreviation ends a sentence unless a number follows: "Jan. 3" / "in Jan. Prices".
MONTHS = words("jan feb mar apr jun jul aug sep sept oct nov dec")
ABBREVIATIONS = TITLES | MONTHS | words(
    "a.m p.m u.s u.k u.n u.s.a d.c inc corp co ltd llc plc jr sr st ave blvd rd "
    "ph.d al est dept univ fl ste "
    "ala ariz calif colo conn fla ga kan ky md mich minn "
    "nev n.h n.j n.m n.y n.c n.d okla r.i s.c s.d tenn vt va w.va wis wyo"
)
# State abbreviations that are also words ("fell ill.", "will miss."): taken out of Punkt's
# table, and abbreviations for us only when capitalised, as in "D-Mass." or "Springfield, Ill."
WORDLIKE = words("ark del ill ind la mass miss mo mont neb ore pa tex wash")
STARTERS = words(
    "The A An He She It They We I You His Her Its Their Our My This That These Those "
    "There Here But And Or So Yet Nor In On At For From After Before When While As If "
    "Since Although Though Because However Meanwhile Still Now Then Also Both Neither "
    "Many Most Some Several No Not Only What Why How Who Where Last Earlier Later "
    "According Despite Even Indeed Instead Under Among Thus Separately Similarly"
)
TIME_WORDS = words(
    "Eastern Central Mountain Pacific Atlantic Alaska Hawaii ET EST EDT CT CST CDT MT MST "
    "MDT PT PST PDT GMT UTC BST CET CEST Monday Tuesday Wednesday Thursday Friday Saturday "
    "Sunday Jan Feb March April May June July Aug Sept Oct Nov Dec"
)

NEWS_RULES = NewsRules(
    abbreviations=ABBREVIATIONS,
    wordlike=WORDLIKE,
    titles=TITLES,
    numeric_prefixes=words("no nos art pp pt vol ch") | MONTHS,
    enders=words("a.m p.m etc"),
    time_words=TIME_WORDS,
    starters=STARTERS,
    speech_verbs=words("said says asked asks told added wrote writes recalled replied shouted "
                       "yelled wondered explained continued tweeted"),
)

PHRASES = Phrases(
    "en", "This is {show} for {date}. {count}", "EEEE, MMMM d, y", "One story.",
    "{n} stories.", "From {source}: {title}.",
    "That was {show} for {date}. Thanks for listening.",
    "An opinion piece: {title}.", "An opinion piece from {source}: {title}.",
    "A first-person piece: {title}.", "A first-person piece from {source}: {title}.",
)

CALIBRATION_TEXT = (
    "The government announced on Tuesday that it would spend two billion dollars on new "
    "railway lines over the next five years. Officials said the first trains could run "
    "by the end of next year, although critics warned that similar promises had been "
    "broken before. In a statement, the transport minister said the plan would cut "
    "journey times between the largest cities by almost half."
)

SYMBOL_WORDS = {
    "&": "and", "+": "plus", "@": "at", "=": "equals", "°": "degrees", "%": "percent",
    "~": "about", "×": "by", "§": "section", "dot": "dot", "to": "to", "point": "point",
    "between": "between", "and": "and",
}

LANGUAGE = Language(
    code="en",
    punkt_model="english",
    news_rules=NEWS_RULES,
    phrases=PHRASES,
    calibration_text=CALIBRATION_TEXT,
    symbol_words=SYMBOL_WORDS,
    decimal_comma=False,
    voices=("kokoro", "piper"),
    first_person=words("i me my myself"),
)
