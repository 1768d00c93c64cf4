"""English: everything briefing knows about it, in one place."""

from __future__ import annotations

import re

from briefing.languages.base import Discourse, Language, NewsRules, Phrases, words

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

# --- How its sentences lean on others (speakable.py, summary.py) ----------------------------

# A label that is someone speaking is no caption: "Obama said: ...".
SPEECH_VERB_RE = re.compile(
    r"\b(?:said|says|told|tells|added|adds|wrote|writes|explained|insisted|asked|warned|"
    r"stated|declared|announced|tweeted|revealed|admitted|claimed|spoke|reads?|replied|"
    r"continued|commented|noted|argued|concluded|joked|recalled|responded|remarked|urged)\b",
    re.IGNORECASE,
)
COMMON_VERBS = words(
    "is are was were has have had said says will would can could did does do died won lost "
    "fell rose left took made came went began ended agreed denied"
)

# A set-up for what follows: "Here are seven more places to check.", "Here's what caught our
# eye today.", "Let's start with ...", "the following line".
SET_UP_RE = re.compile(
    r"^\W*here(?:['’]s|\s+is|\s+are)\b[^:;]{0,80}[.!:]?\s*$"
    # "Here are five lessons we've learned ...", however long: the five are other sentences
    r"|^\W*here(?:['’]s|\s+is|\s+are)\s+(?:the\s+)?(?:two|three|four|five|six|seven|eight|nine"
    r"|ten|\d+|several|a\s+few)\s"
    # "There are three things to be watching here." (and the three are another sentence's)
    r"|^\W*there\s+are\s+(?:two|three|four|five|six|seven|eight|nine|ten|\d+|several|a\s+few)\s+"
    r"(?:\w+\s+)?(?:things|ways|reasons|questions|lessons|takeaways|steps|points)\b"
    # "Let's start with a brief history lesson.", "Let's take a look at what she wore:"
    r"|^\W*let(?:['’]s|\s+us)\s+(?:start|begin|look|dive|walk\s+through|get\s+started"
    r"|take\s+a\s+(?:\w+\s+)?look)\b"
    r"|\b(?:the\s+following|as\s+follows)\s*(?:[:.]|$|(?:\w+\s+)?(?:line|list|statement|passage|"
    r"quote|excerpt|example|code|steps?|tips?|items?|ways?|questions?|information|details)\b)",
    re.IGNORECASE,
)
# Words that speak to the reader.
READER_RE = re.compile(r"\b(?:you|your)\b", re.IGNORECASE)

# A paragraph cut short, as a teaser is: an ellipsis after a word no sentence ends on ("...
# lessons incorporating the latest..."; speakable.py: after a space, in any language). One
# written onto a last word ("the treatment she deserved…") trails off in style.
TRAILING_OFF_RE = re.compile(
    r"\b(?:a|an|the|and|or|but|of|to|in|on|for|with|from|by|at|that|which"
    r"|who|as|is|are|was|were|be|has|have|had|its|their|his|her|our|your|this|these|those"
    r"|latest|new)(?:\.\.\.|…)\s*$", re.IGNORECASE)


DANGLING_WORDS = words(
    "he she they it its his her their them him this that these those such but however also "
    "meanwhile moreover furthermore additionally and so yet still instead nevertheless "
    "nonetheless then thus hence therefore consequently similarly likewise indeed otherwise "
    "besides both neither or nor which whom whose another"
)
# "Second, ...", "A third lure ...": one of a count begun before ("A third of voters" is a share).
ORDINAL_OPENING_RE = re.compile(
    r"^(?:(?:second|third|fourth|fifth|finally|lastly),"
    r"|an?\s+(?:second|third|fourth|fifth)\s+(?!of\b)[a-z])", re.IGNORECASE)
# A share of a group as the subject, its noun left out ("A few carried signs", "Others
# signed the banners", "Some are warlords"): the group is named before. "Some" or "Many"
# before a noun ("Some affected users") is no such subject: it takes a verb after it ("are",
# "said") or one in the past before a preposition ("Some pleaded with Kerry ...").
QUANTIFIER_VERBS = (r"(?:are|were|is|was|have|had|has|will|would|could|can|may|might|must"
                    r"|should|did|do|does|said|say|says)")
QUANTIFIER_SUBJECT_RE = re.compile(
    r"^\W*(?:others\s+(?!of\b|\w+ly\s+(?!\w+ed\b))"
    r"|a\s+few\s+(?=\w+ed\b)"
    rf"|(?:some|many|most|several|both)\s+(?:{QUANTIFIER_VERBS}\b|\w+ed(?:\s+(?:with|on|in|at|to"
    r"|for|as|after|before|that|the|a|an|their|his|her|its|our|by|from|into|about|up|out|off"
    r"|down|back|away|over|again|too|also)\b|\s*[,.;:!?]|\s*$)))",
    re.IGNORECASE)
DANGLING_PHRASES = (
    "in addition", "as a result", "in contrast", "by contrast", "on the other hand",
    "at the same time", "even so", "in turn", "after that", "in fact", "after all",
    "despite this", "despite that", "because of this", "because of that", "as well as this",
    "for example", "for instance", "in other words",
)

# Pointers anywhere in a sentence at something said before it: "A mission to do just that",
# "the latter said", "as mentioned above", "destroyed both drones", "..., that is." (the end of a
# sentence begun before it), "in the decades since".
POINTER_RE = re.compile(
    r"\b(?:(?:just|exactly|precisely)\s+(?:that|this)\b"
    r"|(?:do|does|did|doing|done)\s+(?:so|that)\s*[.,;!?]"
    r"|the\s+latter\b(?!\s+(?:part|half|stages?|years?|days?|months?|weeks?|end)\b)"
    r"|the\s+former\s*(?:[.,;!?]|\s+(?:is|was|has|had|will|would|said|says)\b)"
    r"|as\s+(?:mentioned|noted|stated|described)\s+(?:above|earlier|before)"
    r"|(?:mentioned|described|shown)\s+above"
    r"|\bboth\s+(?:of\s+them|the\s+\w+|\w+s)\b"
    r"|\bthe\s+same\s+(?:is|was|goes|went|holds|applies)\b"
    r"|\b(?:do|does|did|doing)\s+the\s+same(?:\s+thing)?\s*[.,;!?]"
    r"|^\W*(?:a|an|one|another)\s+(?:\w+\s+)?example\s+(?:is|was|of\s+(?:this|that|these|those))\b"
    r"|[,;]\s*however\b|\ba\s+similar\b|[,;]\s*(?:either|that\s+is)\s*[.!?]?[\"”’]?\s*$"
    # since what an earlier sentence told: "In the decades since, ...", "Since then, ..."
    r"|\bsince\s*[,.;!?]|\bsince\s+then\b)",
    re.IGNORECASE,
)

# A pronoun as the subject after a short opening phrase ("Per hour, they will use ...", "As a
# result of rape, she gave birth ...") or of a question ("Does it win you friends ...?"): whom
# it means, an earlier sentence says. A phrase naming someone ("In Paris, she ...") or a clause
# with its own subject ("When the minister arrived, he ...") may hold the antecedent itself.
SUBORDINATORS = (r"(?:when|whenever|if|although|though|while|because|since|once|unless|until"
                 r"|whereas|after|before)")
FRONTED_PRONOUN_RE = re.compile(
    rf"^\W*(?!{SUBORDINATORS}\b)((?:[\w’'-]+\s+){{0,4}}[\w’'-]+),\s+"
    r"(?:he|she|they|his|her|their)\b", re.IGNORECASE)
# ... and the subject of an opening clause: "If they lose enough weight, ...", "When he
# arrived, ..." (not "it": "If it rains" names nothing).
PRONOUN_CLAUSE_RE = re.compile(rf"^\W*(?:{SUBORDINATORS}|as)\s+(?:he|she|they)\b",
                               re.IGNORECASE)
PRONOUN_QUESTION_RE = re.compile(
    r"^\W*(?:does|did|is|was|will|would|can|could|should|has|have|had|are|were)\s+"
    r"(?:it|he|she|they|this|that|these|those)\b(?!\s+(?:who|which|that)\b)", re.IGNORECASE)
# A quotation whose speaker is a pronoun ('"I'm not worried," he said.'): who, the sentences
# before it say.
PRONOUN_SPEAKER_RE = re.compile(
    rf"[\"”’]\s+(?:he|she|they)\s+{SPEECH_VERB_RE.pattern}"
    rf"|[\"”’]\s+{SPEECH_VERB_RE.pattern}\s+(?:he|she|they)\b", re.IGNORECASE)

# "This week", "That night": time, not a reference back.
TIME_NOUNS = words(
    "year week month morning afternoon evening night weekend summer spring autumn fall winter "
    "season time day decade century"
)
# "this", "these" or "those" inside a sentence, and the word after it.
# "this 14-day window": a number or measure may stand between the pointer and its noun.
# "those" before a participle or a place is "those who": "those driving the nation towards
# chaos", "those in power", "those without the disease" name whom they mean.
THIS_NOUN_RE = re.compile(
    r"(?<=\w[\s,])\s*(?:this|these|those(?!\s+(?:[a-z]+ing|[a-z]+ed|in|on|at|under|over"
    r"|without|within|near|outside|inside|behind|across)\b))\s+(?:\d[\w.,‑-]*\s+)?([a-z]+)\b")
# "that" after a preposition points at a thing named before ("in that county", "By that
# criterion"), but for a few set phrases ("in that case", "for that matter").
THAT_NOUN_RE = re.compile(
    r"\b(?:of|in|on|at|for|from|with|by|about|into|under|over|against|behind|like)\s+that\s+"
    r"([a-z]+)\b", re.IGNORECASE)
# "from that provided by the authorities": "that" stands for a noun said in the sentence itself.
PARTICIPLE_RE = re.compile(r"(?<!e)ed$")
THAT_PHRASES = words("case matter regard respect sense point way end moment era period")
NOT_POINTED_AT = TIME_NOUNS | COMMON_VERBS | words(
    "days one ones of as and or to in on is are was were will would "
    "who whom whose which that with at from for by")  # "those who ...": what follows says who
# "also", "too": a sentence that goes on from what came before.
ALSO_RE = re.compile(r"\b(?:also|too|as\s+well)\b", re.IGNORECASE)
# A pronoun in a sentence's first words ("Part of its success ...") means someone said before.
PRONOUN_RE = re.compile(r"\b(?:he|she|it|its|they|them|his|her|their)\b", re.IGNORECASE)
# Words that carry no content (what a sentence is about is told without them).
STOP_WORDS = words(
    "a an the and or but if of at by for with about against between into through during before "
    "after above below to from up down in out on off over under again further then once here "
    "there when where why how all any both each few more most other some such no nor not only "
    "own same so than too very s t can will just don should now i me my myself we our ours you "
    "your he him his she her hers it its they them their what which who whom this that these "
    "those am is are was were be been being have has had having do does did doing would could "
    "said says say also one two new mr mrs ms"
)

PAST_TENSE_RE = re.compile(r".{3,}ed$")  # "rallied", "closed" (not "red", "bed")

DISCOURSE = Discourse(
    common_verbs=COMMON_VERBS,
    past_tense=PAST_TENSE_RE,
    dangling_words=DANGLING_WORDS,
    dangling_phrases=DANGLING_PHRASES,
    ordinal_opening=ORDINAL_OPENING_RE,
    quantifier_subject=QUANTIFIER_SUBJECT_RE,
    time_nouns=TIME_NOUNS,
    pointer=POINTER_RE,
    pronoun_speaker=PRONOUN_SPEAKER_RE,
    fronted_pronoun=FRONTED_PRONOUN_RE,
    pronoun_clause=PRONOUN_CLAUSE_RE,
    pronoun_question=PRONOUN_QUESTION_RE,
    this_noun=THIS_NOUN_RE,
    that_noun=THAT_NOUN_RE,
    participle=PARTICIPLE_RE,
    that_phrases=THAT_PHRASES,
    not_pointed_at=NOT_POINTED_AT,
    set_up=SET_UP_RE,
    reader=READER_RE,
    trailing_off=TRAILING_OFF_RE,
    also=ALSO_RE,
    pronoun=PRONOUN_RE,
)

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
    discourse=DISCOURSE,
)
