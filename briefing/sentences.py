"""Article text -> sentences, with NLTK's Punkt and news-aware fixes.

Punkt (nltk.tokenize.punkt) does the splitting with the pretrained tables that the `punkt`
package ships as Python literals, so nothing is downloaded and no NLTK data directory is read.
News prose trips Punkt in known places (titles, "No. 2", "a.m.", "U.S.", initials, list
markers, spaced ellipses), so its output goes through small named passes:

    shadow text -> Punkt spans -> merge_list_markers -> merge_punctuation_fragments
    -> merge_question_continuations -> merge_false_breaks -> split_missed_breaks -> clean
"""

from __future__ import annotations

import re
import textwrap
from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from functools import lru_cache, partial
from typing import TYPE_CHECKING

import punkt

from briefing.languages import KNOWN, NewsRules, language
from briefing.model import Sentence

if TYPE_CHECKING:  # nltk is imported when first needed: loading it takes about two seconds
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

DEFAULT_MODEL = "english"
# A piece opening with one of these continues the sentence before it.
CONTINUING_MARKS = (")", "]", "}", ",", ";")
# A quotation that ends on its own question or exclamation mark: '... go to St. Petersburg?”'
ENDS_QUOTED_QUESTION_RE = re.compile(r"[?!][\"”’']+\s*$")
MAX_SPEAKER_WORDS = 4  # "Sen. Lindsey O. Graham said"
CLAUSE_JOINT_RE = re.compile(r"[,;]\s+(?:and|but|or|so|while|as)\b|;")



def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


SPACED_ELLIPSIS = re.compile(r"\.(?:[ \t]\.){2,}")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
WHITESPACE = re.compile(r"\s+")
OPENING_PUNCTUATION = "\"'“‘«([{"
CLOSING_PUNCTUATION = "\"'”’»)]}"
INITIAL = re.compile(r"[^\W\d_]")
INITIALISM = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
# A part's number in Roman numerals after "Pt." or "Vol.": "Cold War Pt. II" ("I" alone is a word).
ROMAN_NUMERAL = re.compile(r"(?=[IVX]{2,})X{0,3}(?:IX|IV|V?I{0,3})|[VX]")
LIST_MARKER = re.compile(r"\(?\d{1,2}[.)]")
LIST_MARKER_AFTER_COLON = re.compile(r":\s+\d{1,2}\.$")
NAME_PARTICLES = _words("de del della der di da dos du la le van von al el bin ibn ben ter")
LONG_SYMBOL_RUN_RE = re.compile(r"([^\w\s])\1{3,}")
# Longer than any real sentence: a run-on, said in pieces (none of which is aired: each ends
# on a comma or starts in lower case). News does write sentences of 61 to 100 words (59 on the
# English pages of the extraction sets), and such a sentence can be a story's lead.
MAX_SENTENCE_WORDS = 100
RUN_ON_PIECE_WORDS = 40
CLAUSE_END = re.compile(r"(?<=[,;:])\s+")
LONG_WORD_CHARS = 300  # longer than any real word or link
LONG_WORD_RE = re.compile(rf"\S{{{LONG_WORD_CHARS + 1},}}")
# A piece that closes a quotation it never opened, and the word after it: 'We're on it.” awareness'.
QUOTATION_CLOSED_RE = re.compile(r"[^“”\"]*[.!?…][”\"]\s+([^\W\d_]+)")
# A period-final token, any closing quotes after it, the gap, and the next word.
PERIOD_GAP = re.compile(r"(\S+\.)([\"'”’»)\]]*)(\s+)(?=(\S+))")


def punkt_model_name(code: str) -> str:
    """Map an ISO code ("de", "en-GB", "pt_BR") or a model name to a bundled Punkt model."""
    name = code.strip().lower()
    if name in punkt.available_languages():
        return name
    return language(name).punkt_model


def pretrained_parameters(model: str = DEFAULT_MODEL) -> PunktParameters:
    """NLTK PunktParameters converted from the `punkt` package's pretrained tables."""
    from nltk.tokenize.punkt import PunktParameters

    source = punkt.load_model(model)
    params = PunktParameters()
    params.abbrev_types = set(source.abbrev_types)
    params.collocations = set(source.collocations)
    params.sent_starters = set(source.sent_starters)
    params.ortho_context = defaultdict(int, source.ortho_context)
    return params


def news_rules(model: str) -> NewsRules:
    """The news fixes for a Punkt model; languages without a table get the neutral rules."""
    return next((known.news_rules for known in KNOWN.values() if known.punkt_model == model),
                NewsRules())


@lru_cache(maxsize=64)
def known_abbreviations(model: str = DEFAULT_MODEL) -> frozenset[str]:
    """The pretrained abbreviations of a model plus our news ones."""
    return frozenset(punkt.load_model(model).abbrev_types) | news_rules(model).abbreviations


@lru_cache(maxsize=64)
def punkt_tokenizer(model: str = DEFAULT_MODEL) -> PunktSentenceTokenizer:
    """The NLTK Punkt tokenizer for a model, with the news abbreviations added."""
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    params = pretrained_parameters(model)
    params.abbrev_types = set(known_abbreviations(model) - news_rules(model).wordlike)
    return PunktSentenceTokenizer(params)


def shadow_text(text: str) -> str:
    """Same-length copy of text that Punkt reads better; spans into it index the original.

    ". . ." becomes "....." so Punkt sees one ellipsis instead of three full stops.
    """
    return SPACED_ELLIPSIS.sub(lambda match: "." * len(match.group()), text)


def punkt_sentences(text: str, model: str) -> list[str]:
    """Punkt's own split of text, cut from the original characters."""
    spans = punkt_tokenizer(model).span_tokenize(shadow_text(text))
    return [text[start:end] for start, end in spans]


def bare_token(token: str) -> str:
    """A token without the quotes and brackets around it."""
    return token.lstrip(OPENING_PUNCTUATION).rstrip(CLOSING_PUNCTUATION)


def abbreviation_kind(token: str, rules: NewsRules, known: frozenset[str]) -> str:
    """Classify a period-final token: title, numeric, ender, initial, abbreviation, or ""."""
    token = bare_token(token)
    if not token.endswith(".") or token.endswith(".."):
        return ""
    stem = token[:-1].lower()
    tail = stem.rsplit("-", 1)[-1]  # "R-Ariz." is "ariz", as Punkt reads it
    if tail in rules.wordlike:
        return "abbreviation" if token.rsplit("-", 1)[-1][:1].isupper() else ""
    if stem in rules.titles:
        return "title"
    if stem in rules.numeric_prefixes:
        return "numeric"
    if stem in rules.enders:
        return "ender"
    if INITIAL.fullmatch(tail):
        return "initial"
    if INITIALISM.fullmatch(tail) or tail in known:
        return "abbreviation"
    return ""


def starts_sentence_after_abbreviation(kind: str, next_token: str, rules: NewsRules) -> bool:
    """Whether the word after an abbreviation of this kind begins a new sentence. A
    parenthesis continues it: "at 8:51 p.m. (1451 GMT) from Baikonur", "The U.S. (and ...)"."""
    if next_token[:1] in "([":
        return False
    if next_token[:1] in OPENING_PUNCTUATION and kind not in ("title", "numeric"):
        return True
    word = bare_token(next_token).rstrip(",;:.!?")
    if not word[:1].isupper():
        return False
    if kind == "ender":
        return word.rstrip(".") not in rules.time_words
    if kind in ("abbreviation", "initial"):
        return word in rules.starters
    return kind == "numeric" and not ROMAN_NUMERAL.fullmatch(word)


def breaks_after(
    token: str, next_token: str, rules: NewsRules, known: frozenset[str]
) -> bool | None:
    """Our verdict on a break between two tokens, or None to keep Punkt's."""
    kind = abbreviation_kind(token, rules, known)
    if not kind:
        return None
    return starts_sentence_after_abbreviation(kind, next_token, rules)


def merge_list_markers(sentences: list[str]) -> list[str]:
    """Join "1." (alone, or after a colon) to the list item that follows it."""
    merged: list[str] = []
    carry = ""
    for sentence in sentences:
        sentence = f"{carry} {sentence}" if carry else sentence
        stripped = sentence.strip()
        if LIST_MARKER.fullmatch(stripped) or LIST_MARKER_AFTER_COLON.search(stripped):
            carry = sentence
            continue
        carry = ""
        merged.append(sentence)
    if carry:
        merged.append(carry)
    return merged


def merge_punctuation_fragments(sentences: list[str]) -> list[str]:
    """Glue pieces with no letters or digits (". .", "”"), and pieces that open with a mark no
    sentence opens with ("), but ..." after "(free video!"), onto the sentence before them."""
    merged: list[str] = []
    for sentence in sentences:
        if merged and (not any(char.isalnum() for char in sentence)
                       or sentence.startswith(CONTINUING_MARKS)):
            merged[-1] = f"{merged[-1]}{sentence}"
        else:
            merged.append(sentence)
    return merged


def merge_lowercase_continuations(sentences: list[str]) -> list[str]:
    """Join a piece that starts with a lower-case word onto the one before it: '"Why?" she
    asked.', "E! network", "5 yrs. in prison", '"I am leaving." and walked out'. A word with a
    capital inside ("iPhone", "eBay") or a name's particle ("de Gaulle") may start a sentence."""
    merged: list[str] = []
    for sentence in sentences:
        first = sentence.split(maxsplit=1)[0].strip(".,;:!?\"'”’)") if sentence.strip() else ""
        if merged and first.islower() and first.isalpha() and first not in NAME_PARTICLES:
            merged[-1] = f"{merged[-1]} {sentence}"
        else:
            merged.append(sentence)
    return merged


def merge_quotations_that_go_on(sentences: list[str]) -> list[str]:
    """Join the pieces of a quotation with full stops inside it that the sentence goes on
    after: 'South Dakota's viral “Meth.' + 'We're on it.” awareness campaign has ...'."""
    merged: list[str] = []
    for sentence in sentences:
        if merged and leaves_quotation_open(merged[-1]) and goes_on_after_quotation(sentence):
            merged[-1] = f"{merged[-1]} {sentence}"
        else:
            merged.append(sentence)
    return merged


def leaves_quotation_open(text: str) -> bool:
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


def goes_on_after_quotation(text: str) -> bool:
    """Whether a piece closes a quotation it did not open and goes on in lower case."""
    match = QUOTATION_CLOSED_RE.match(text)
    return bool(match) and match.group(1).islower()


def merge_attributions(sentences: list[str], rules: NewsRules) -> list[str]:
    """Join a speaker and a speech verb onto the question or exclamation they attribute:
    '"Should you go?"' + 'Mr. Graham said Wednesday on CNN.' is one sentence (a lower-case
    speaker is joined by merge_lowercase_continuations)."""
    merged: list[str] = []
    for sentence in sentences:
        if merged and ENDS_QUOTED_QUESTION_RE.search(merged[-1]) and attributes(sentence, rules):
            merged[-1] = f"{merged[-1]} {sentence}"
        else:
            merged.append(sentence)
    return merged


def attributes(text: str, rules: NewsRules) -> bool:
    """Whether a piece is an attribution: a capitalised speaker of a few words, a speech verb
    and where or when it was said, no clause of its own ('Democrats said no, and the vote
    went ahead.' is a sentence)."""
    words = text.split(maxsplit=MAX_SPEAKER_WORDS + 1)
    for count, word in enumerate(words[: MAX_SPEAKER_WORDS + 1]):
        if word.strip(",.;:").lower() in rules.speech_verbs:
            return count > 0 and not CLAUSE_JOINT_RE.search(text)
        if not word[:1].isupper():
            return False
    return False


def merge_false_breaks(sentences: list[str], rules: NewsRules, known: frozenset[str]) -> list[str]:
    """Undo Punkt's breaks after titles, initials and abbreviations that do not end a sentence."""
    merged: list[str] = []
    for sentence in sentences:
        words = sentence.split()
        if merged and words:
            previous = merged[-1].rsplit(maxsplit=1)[-1:]  # not .split(): merged[-1] grows
            if previous and breaks_after(previous[-1], words[0], rules, known) is False:
                merged[-1] = f"{merged[-1]} {sentence}"
                continue
        merged.append(sentence)
    return merged


def split_missed_breaks(sentences: list[str], rules: NewsRules, known: frozenset[str]) -> list[str]:
    """Break after abbreviations that do end a sentence: "in the U.S. The", "at 4 p.m. Police"."""
    result: list[str] = []
    for sentence in sentences:
        start = 0
        for match in PERIOD_GAP.finditer(sentence):
            if breaks_after(match.group(1), match.group(4), rules, known):
                result.append(sentence[start : match.end(2)])
                start = match.end(3)
        result.append(sentence[start:])
    return result


def clean(sentences: list[str]) -> list[str]:
    """Collapse whitespace and drop empty sentences."""
    cleaned = (WHITESPACE.sub(" ", sentence).strip() for sentence in sentences)
    return [sentence for sentence in cleaned if sentence]


def news_passes(model: str) -> list[Callable[[list[str]], list[str]]]:
    """The fix-up passes applied, in order, to Punkt's sentences."""
    rules, known = news_rules(model), known_abbreviations(model)
    return [
        merge_list_markers,
        merge_punctuation_fragments,
        merge_lowercase_continuations,
        merge_quotations_that_go_on,
        partial(merge_attributions, rules=rules),
        partial(merge_false_breaks, rules=rules, known=known),
        partial(split_missed_breaks, rules=rules, known=known),
        clean,
        split_run_ons,
    ]


def split_run_ons(sentences: list[str]) -> list[str]:
    """A run-on 'sentence' (a transcript, a list run together with commas) in pieces a voice
    can say and a summary can choose from, instead of one that outlasts the whole briefing."""
    pieces: list[str] = []
    for sentence in sentences:
        words = sentence.split()
        pieces.extend(run_on_pieces(sentence) if len(words) > MAX_SENTENCE_WORDS else [sentence])
    return pieces


def run_on_pieces(sentence: str) -> list[str]:
    """Pieces of at most RUN_ON_PIECE_WORDS words, cut after a comma, semicolon or colon
    where there is one, else between words."""
    pieces: list[str] = []
    current: list[str] = []
    for clause in CLAUSE_END.split(sentence):
        words = clause.split()
        if current and len(current) + len(words) > RUN_ON_PIECE_WORDS:
            pieces.append(" ".join(current))
            current = []
        while len(words) > RUN_ON_PIECE_WORDS:
            pieces.append(" ".join(words[:RUN_ON_PIECE_WORDS]))
            words = words[RUN_ON_PIECE_WORDS:]
        current += words
    if current:
        pieces.append(" ".join(current))
    return pieces


def tame_runs(text: str) -> str:
    """Runs no prose has ('....' for a whole line, a 'word' of thousands of letters) are cut
    short first: Punkt and the news passes would otherwise take quadratic time on them."""
    text = LONG_SYMBOL_RUN_RE.sub(r"\1\1\1", text)
    return LONG_WORD_RE.sub(lambda m: " ".join(textwrap.wrap(m[0], LONG_WORD_CHARS)), text)


def split_sentences(text: str, language: str = "en") -> list[str]:
    """Split text into sentences; blank lines are always boundaries, single newlines are not."""
    model = punkt_model_name(language)
    sentences: list[str] = []
    for block in PARAGRAPH_BREAK.split(tame_runs(text)):
        if not block.strip():
            continue
        block_sentences = punkt_sentences(block, model)
        for fix in news_passes(model):
            block_sentences = fix(block_sentences)
        sentences.extend(block_sentences)
    return sentences


def article_sentences(paragraphs: Sequence[str], language: str = "en",
                      headings: Collection[int] = ()) -> list[Sentence]:
    """Sentences of an article's paragraphs, with paragraph index and running index; those of
    the paragraphs in `headings` are marked as a heading's."""
    sentences: list[Sentence] = []
    for paragraph_index, paragraph in enumerate(paragraphs):
        for text in split_sentences(paragraph, language):
            sentences.append(Sentence(text=text, paragraph=paragraph_index, index=len(sentences),
                                      heading=paragraph_index in headings))
    return sentences
