"""Which sentences of an article can be read aloud on their own, and why the others cannot.

A listener hears one sentence after another with nothing on screen, so a sentence is aired only
if it stands alone: not page furniture (bylines, credits, calls to action in any language,
bracketed links, reference entries and what follows a "References" heading), not code, not a
caption or an embedded post, not a sub-heading (what the page sets as a heading), not a fragment
too short to carry news, not a piece: a sentence without an end mark in an article that ends its
sentences with one (a standfirst, a list item), with a hole where extraction cut something out,
or the rest, in lower case, of a sentence that is not aired.
Whether a sentence leans on the one before it ("He said ...", "to do just that", or one so short
that the one before carries it) is judged here too; summary.py then keeps it only with what it
leans on. Whether the writer speaks as "I" outside quotations (in_writers_voice) is told here
too; script.py then announces the piece as a first-person one. The patterns of furniture
live in furniture.py; the words by which a language's sentences lean on others ("he", "but",
"just that") in its module, languages/xx.py (Discourse), so that an English "He" never makes
a Spanish "He visto ..." lean back.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from briefing import languages
from briefing.furniture import (
    APPARATUS_HEADING_RE,
    BRACKETED_RE,
    CAPTION_RE,
    CITED_TITLE_RE,
    CODE_WORD_RE,
    CREDIT_LINE_RE,
    DATELINE_RE,
    EMBEDDED_POST_CREDIT_RE,
    LABEL_CAPTION_RE,
    LEADING_MARK_RE,
    LINK_LIST_RE,
    LIST_ITEM_RE,
    MAIN_PICTURE_RE,
    MARKUP_RE,
    PAGE_POINTER_RE,
    PHOTO_CAPTION_RE,
    PICTURE_CREDIT_RE,
    READER_PROMPT_RE,
    READING_TIME_RE,
    REFERENCE_ENTRY_RE,
    SELF_REFERENCE_RE,
    SENTENCE_FURNITURE_ANYWHERE_RE,
    SENTENCE_FURNITURE_RE,
    SITE_PROMPT_RE,
    SUMMARY_BOX_LABEL_RE,
    WIRE_CREDIT_RE,
)
from briefing.languages import CJK_CHARS
from briefing.languages.base import Discourse
from briefing.languages.en import SPEECH_VERB_RE
from briefing.model import Sentence


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A word; a Chinese or Japanese character counts as one (their text has no spaces).
WORD_RE = re.compile(rf"[{CJK_CHARS}]|[^\W_{CJK_CHARS}](?:[^\W_{CJK_CHARS}]|['’.-]"
                     rf"(?=[^\W_{CJK_CHARS}]))*")
# Fewer words than this is a fragment ("The usual banking stuff.", "Cutting edge, I know."):
# no sentence that short carries a story's news on air. None of the summary bench's reference
# summaries has a sentence under 6 words.
MIN_WORDS = 6
# ... unless it is a sentence of this many words inside a paragraph, with a verb.
SHORT_MIN_WORDS = 4
# A sentence under this many words leans on the one before it, which carries its sense.
LEANING_MAX_WORDS = 6
# A quotation runs at most this many sentences: a stray quote mark (a page's '| Study
# Webtext "Bartleby ...') must not glue the rest of a paragraph to one sentence.
MAX_QUOTE_SENTENCES = 6
# A sentence reporting speech at this length under a "Further reading" heading is the story
# resuming after the box.
REPORTED_MIN_WORDS = 12
# A paragraph of one sentence this short without an end mark is a sub-heading.
HEADING_MAX_WORDS = 15
CAPTION_MAX_SENTENCES = 3  # a caption or an embedded post is short
END_MARKS = ".!?…。！？।؟"
CLOSING_MARKS = "\"'”’»)]"
# An article that ends at least this share of its sentences with a mark writes them that way.
MIN_ENDED_SHARE = 0.5
LOWER_CASE_MIN_SENTENCES = 3
# A closing credit ends the story only after this many sentences (not a credit at its top).
STORY_MIN_SENTENCES = 3
LOWER_CASE_SHARE = 0.5

# A quoted title has most of its words of this many letters capitalised.
TITLE_WORD_LETTERS = 4
TITLE_CASE_SHARE = 0.6
# A sentence with at least this many words of code, making up this share of it, is code.
MIN_CODE_WORDS = 3
CODE_WORD_SHARE = 0.25

# A sentence that is all quotation: '"I could see a lot of downsides."', '"We want hackers."'.
WHOLE_QUOTE_RE = re.compile(r"^\s*[\"“‘«„]\S.*[.!?…,][\"”’»]\s*$")
# A comma or full stop after a space: something (a formula, a link) was cut out before it.
HOLE_RE = re.compile(r"\w\s+[,.](?=\s|$)")
# A paragraph cut short, as a teaser is: an ellipsis after a space ("... Mr. Kerry's proposal
# to restart ..."; a language's Discourse.trailing_off adds the words no sentence ends on).
# One inside a quotation trails off in style ('"I just don't know ..."'); four dots end one.
CUT_SHORT_RE = re.compile(r"\s(?:\.\.\.|…)\s*$")

# Why a sentence is not aired (summary.py adds "repeat", "time" and "dangling").
FRAGMENT = "fragment"
HEADING = "heading"
FURNITURE = "furniture"
CODE = "code"
CAPTION = "caption"
DANGLING = "dangling"
BOX = "box"  # the items of a key-points box above the article's prose

# Nouns a Roman numeral follows: "phase I", "stage I", "type I", "class I".
NUMBERED_NOUNS = word_set(
    "phase stage type class grade level category tier division part chapter article title "
    "schedule act volume book round section step war"
)
LEADING_QUOTES = "'\"‘“‚„«»`([ "
# A quotation in guillemets or German marks, or the end of one begun in the sentence before:
# "« Je ne suis pas coupable », a déclaré ...", "„Ich habe nichts falsch gemacht“, sagte ...".
OTHER_QUOTATION_RE = re.compile(r"«[^»]*(?:»|$)|„[^“”]*(?:[“”]|$)|^[^«»„]*»")
# An apostrophe before two digits is a year cut short ("the '90s", "his '92 Ninja"), not a quote.
OPEN_QUOTE_RE = re.compile(r"(?:^|(?<=[\s(\[—–-]))(?:['‘](?!\d\d(?:s\b|\b))|[\"“])(?=\S)")
DOUBLE_QUOTES = "\"“”„«»"
CLOSE_QUOTE_RE = re.compile(r"(?<=\S)['’\"”](?=$|[\s,.;:!?)\]—–-])")


@dataclass(frozen=True)
class Judged:
    """A sentence (its dateline dropped) and why it cannot be aired ("" when it can)."""

    sentence: Sentence
    reason: str = ""


def words_of(text: str) -> list[str]:
    return WORD_RE.findall(text)


def discourse(language: str) -> Discourse:
    """How sentences of the language lean on others (languages/xx.py)."""
    return languages.language(language).discourse


def judge(sentences: Sequence[Sentence], language: str = "en") -> list[Judged]:
    """Every sentence, in order, with the reason it cannot be aired alone, if any, by the
    rules of the article's language."""
    rules = discourse(language)
    punctuated = writes_end_marks(sentences)
    references = apparatus(sentences)
    texts = [strip_dateline(sentence.text) for sentence in sentences]
    capitalised = not writes_in_lower_case(texts)
    credited = credited_media(sentences)
    reasons = [FURNITURE if position in references
               else CAPTION if position in credited
               else unspeakable_reason(sentences, position, text, punctuated, capitalised, rules)
               for position, text in enumerate(texts)]
    for position in items_of_unaired_lists(sentences, reasons):
        reasons[position] = DANGLING
    for position in key_points_box(sentences, reasons):
        reasons[position] = BOX
    for position in call_out_questions(sentences, texts, reasons, rules):
        reasons[position] = FURNITURE
    if capitalised:
        for position in rests_of_unaired_sentences(sentences, texts, reasons):
            reasons[position] = FRAGMENT
    for position in openings_of_quotations(sentences, texts, reasons):
        reasons[position] = ""
    for position in rests_of_quotations(sentences, texts, reasons):
        reasons[position] = ""
    for position in lead_ins_to_aired(sentences, reasons, rules):
        reasons[position] = ""
    return [Judged(sentence if text == sentence.text else replace(sentence, text=text), reason)
            for sentence, text, reason in zip(sentences, texts, reasons, strict=True)]


def apparatus(sentences: Sequence[Sentence]) -> set[int]:
    """Positions of the article's apparatus: what follows a "References" or "See also" heading,
    every sentence of a reference entry, and whatever follows a wire story's closing credit
    ("(Reporting by ...; Editing by ...)"), where the story ends and a box of others begins."""
    entries = {s.paragraph for s in sentences if REFERENCE_ENTRY_RE.match(s.text)}
    found = set()
    under_heading = ended = False
    for position, sentence in enumerate(sentences):
        if sentence.heading or (alone_in_paragraph(sentences, position)
                                and is_heading(sentence.text)):
            under_heading = bool(APPARATUS_HEADING_RE.match(sentence.text))
        elif under_heading and reports_speech(sentence.text):
            under_heading = False  # the story again, after a box whose links were dropped
        if under_heading or ended or sentence.paragraph in entries:
            found.add(position)
        ended = ended or (position >= STORY_MIN_SENTENCES
                          and bool(WIRE_CREDIT_RE.match(sentence.text)))
    return found


def reports_speech(text: str) -> bool:
    """A sentence of a story, not an entry of a list of reading: someone said something
    ("ACCA said a speedy jump would facilitate trade ..."), at some length, not as a list item."""
    return (len(words_of(text)) >= REPORTED_MIN_WORDS and bool(SPEECH_VERB_RE.search(text))
            and not LIST_ITEM_RE.match(text) and not REFERENCE_ENTRY_RE.match(text))


def credited_media(sentences: Sequence[Sentence]) -> set[int]:
    """Positions of what a credit line marks as a picture's caption or an embedded post: the
    credit's own paragraph, and the one above when the credit stands alone (a picture's
    "Credit: WhiteHaven/Shutterstock.com", a post's "— Name (@handle) December 29, 2014"), when
    it is short, as a caption is. A post is the page quoting someone's screen ("Aaron Rodgers u
    da real MVP!"), not the story's sentences; like a caption, it is not read. A picture's
    credit at the article's end, or one for the page's main picture ("[Featured Image by
    ...]"), names no caption above it."""
    posts = [i for i, s in enumerate(sentences) if EMBEDDED_POST_CREDIT_RE.match(s.text)]
    pictures = [i for i, s in enumerate(sentences) if PICTURE_CREDIT_RE.match(s.text)]
    sizes = Counter(s.paragraph for s in sentences)
    marked = {sentences[i].paragraph for i in posts + pictures
              if sizes[sentences[i].paragraph] <= CAPTION_MAX_SENTENCES + 1}
    under_caption = posts + [i for i in pictures if i + 1 < len(sentences)
                             and not MAIN_PICTURE_RE.search(sentences[i].text)]
    marked |= {sentences[i - 1].paragraph for i in under_caption
               if i > 0 and alone_in_paragraph(sentences, i)
               and sizes[sentences[i - 1].paragraph] <= CAPTION_MAX_SENTENCES}
    return {position for position, s in enumerate(sentences) if s.paragraph in marked}


def items_of_unaired_lists(sentences: Sequence[Sentence], reasons: Sequence[str]) -> set[int]:
    """Positions of the items of a list whose introduction ("Two things must be true:") is not
    aired, as a sentence that introduces what follows never is: without it they answer nothing.
    A label ("Key points:") is no such introduction; its items stand alone."""
    found: set[int] = set()
    introduced = False
    for position, sentence in enumerate(sentences):
        same_item = (position - 1 in found
                     and sentences[position - 1].paragraph == sentence.paragraph)
        if introduced and (LIST_ITEM_RE.match(sentence.text) or same_item):
            found.add(position)
        else:
            introduced = reasons[position] == DANGLING and sentence.text.rstrip().endswith(":")
    return found


def call_out_questions(sentences: Sequence[Sentence], texts: Sequence[str],
                       reasons: Sequence[str], rules: Discourse) -> set[int]:
    """Positions of the questions put to the reader just before the page asks them to act, in
    one paragraph ("Are you in the grips of the storm? Please share your videos ...", "Have you
    been affected? Tell us ..."): the call-out's opening, not the story's."""
    return {position - 1 for position in range(1, len(sentences))
            if reasons[position] == FURNITURE and READER_PROMPT_RE.match(texts[position])
            and sentences[position - 1].paragraph == sentences[position].paragraph
            and texts[position - 1].rstrip().endswith("?")
            and rules.reader.search(texts[position - 1])}


def key_points_box(sentences: Sequence[Sentence], reasons: Sequence[str]) -> set[int]:
    """Positions of a box that sums up the story above its first sentence of prose: list
    items ("Key takeaways: - ..."), or the paragraph under a box's label ("Quickly"). It is the
    page's summary of the story that follows, which a briefing tells from its lead. Items that
    a heading parts from the prose are the article itself (a list of findings, then a how-to),
    and so is a box with no prose after it."""
    firsts = {s.paragraph: s for s in reversed(sentences)}.values()
    # A list mark opens its paragraph: one inside it ("... being restored.* This latest ...") is
    # a footnote's mark, not an item.
    boxed = {s.paragraph for s in firsts if LIST_ITEM_RE.match(s.text)}
    boxed |= {s.paragraph + 1 for s in sentences if SUMMARY_BOX_LABEL_RE.match(s.text)}
    items: set[int] = set()
    for position, sentence in enumerate(sentences):
        if sentence.paragraph in boxed:
            items |= set() if reasons[position] else {position}
        elif not reasons[position]:
            return items
        elif items and (sentence.heading or reasons[position] == HEADING):
            return set()
    return set()


def openings_of_quotations(sentences: Sequence[Sentence], texts: Sequence[str],
                           reasons: Sequence[str]) -> set[int]:
    """Positions of the short sentences that open a quotation an aired sentence goes on with
    ('"Should you go? My advice to you is, I wouldn't go to St. Petersburg.'): its start, said
    with it, not a fragment (without it the rest of the quotation airs with no start)."""
    marks = open_quotations(sentences, texts)
    found: set[int] = set()
    for position in range(len(texts)):
        if marks[position] or not is_short_fragment(texts, reasons, position):
            continue
        following = position + 1
        while following < len(texts) and marks[following]:
            if not reasons[following]:
                found.add(position)
            if not is_short_fragment(texts, reasons, following):
                break
            following += 1
    return found


def is_short_fragment(texts: Sequence[str], reasons: Sequence[str], position: int) -> bool:
    return reasons[position] == FRAGMENT and len(words_of(texts[position])) < MIN_WORDS


def rests_of_quotations(sentences: Sequence[Sentence], texts: Sequence[str],
                        reasons: Sequence[str]) -> set[int]:
    """Positions of the short sentences that carry on a quotation an aired sentence of their
    paragraph opened ('... I would be the first to let you know. Unfortunately, that day has
    come."'): part of the quotation, said with it (summary.py keeps a quotation whole), not
    fragments."""
    found: set[int] = set()

    def aired(position: int, inside: bool) -> bool:
        if inside and reasons[position] == FRAGMENT and len(words_of(texts[position])) < MIN_WORDS:
            found.add(position)
        return not reasons[position] or position in found

    inside_quotations(sentences, texts, aired)
    return found


def inside_quotations(sentences: Sequence[Sentence], texts: Sequence[str],
                      aired: Callable[[int, bool], bool] = lambda position, inside: True
                      ) -> list[bool]:
    """For each sentence, whether it carries on a quotation that an earlier sentence of its
    paragraph left open (see open_quotations)."""
    return [bool(mark) for mark in open_quotations(sentences, texts, aired)]


def open_quotations(sentences: Sequence[Sentence], texts: Sequence[str],
                    aired: Callable[[int, bool], bool] = lambda position, inside: True
                    ) -> list[str]:
    """For each sentence, the kind of quotation mark ("double", "single") of a quotation that
    an earlier sentence of its paragraph left open, "" when none (a quotation runs at most
    MAX_QUOTE_SENTENCES). A sentence that is not aired (`aired(position, inside)` false) ends
    any quotation."""
    marks: list[str] = []
    open_mark, quoted = "", 0
    for position, text in enumerate(texts):
        same_paragraph = (position > 0
                          and sentences[position - 1].paragraph == sentences[position].paragraph)
        inside = bool(open_mark) and same_paragraph and quoted < MAX_QUOTE_SENTENCES
        marks.append(open_mark if inside else "")
        if not aired(position, inside):
            open_mark, quoted = "", 0
            continue
        quoted = quoted + 1 if inside else 1
        open_mark = quote_left_open(text, open_mark if inside else "")
    return marks


def rests_of_unaired_sentences(sentences: Sequence[Sentence], texts: Sequence[str],
                               reasons: Sequence[str]) -> set[int]:
    """Positions of the pieces that continue, in lower case, a sentence that is not aired (a
    run-on cut for the voice after its first piece, a fragment): a piece of a fragment."""
    found: set[int] = set()
    for position in range(1, len(sentences)):
        if (continues_in_lower_case(texts[position])
                and sentences[position - 1].paragraph == sentences[position].paragraph
                and (reasons[position - 1] or position - 1 in found)):
            found.add(position)
    return found


def writes_in_lower_case(texts: Sequence[str]) -> bool:
    """Whether the article opens most of its sentences in lower case: then one in lower case is
    the writer's way, not the rest of another sentence."""
    lower = sum(continues_in_lower_case(text) for text in texts)
    return len(texts) >= LOWER_CASE_MIN_SENTENCES and lower > len(texts) * LOWER_CASE_SHARE


def writes_end_marks(sentences: Sequence[Sentence]) -> bool:
    """Whether the article ends most of its sentences with a mark, so that one without is a
    piece (a standfirst, a list item, a caption), not a run-on copy's way of writing."""
    ended = sum(ends_as_sentence(s.text) for s in sentences)
    return ended >= len(sentences) * MIN_ENDED_SHARE


def speakable_sentences(sentences: Sequence[Sentence], language: str = "en") -> list[Sentence]:
    """The sentences that can be aired, without their datelines."""
    return [j.sentence for j in judge(sentences, language) if not j.reason]


def unspeakable_reason(sentences: Sequence[Sentence], position: int, text: str,
                       punctuated: bool, capitalised: bool, rules: Discourse) -> str:
    if is_furniture(text):
        return FURNITURE
    if is_code(text):
        return CODE
    if sentences[position].heading:
        return HEADING  # a sub-heading or a standfirst: the lead is the body's first sentence
    if len(words_of(text)) < MIN_WORDS and not short_sentence(sentences, position, text, rules):
        return FRAGMENT
    if broken_off(sentences, position, text, capitalised, rules):
        return FRAGMENT
    alone = alone_in_paragraph(sentences, position)
    if PHOTO_CAPTION_RE.match(text) or (alone and (is_caption(text) or CAPTION_RE.search(text))):
        return CAPTION
    if introduces_what_follows(text, rules):
        return DANGLING
    if alone and is_heading(text):
        return HEADING
    if punctuated and not ends_as_sentence(text):
        return FRAGMENT
    return ""


def ends_as_sentence(text: str) -> bool:
    return text.rstrip().rstrip(CLOSING_MARKS).rstrip().endswith(tuple(END_MARKS))


def short_sentence(sentences: Sequence[Sentence], position: int, text: str, rules: Discourse
                   ) -> bool:
    """A short sentence that is one ("Base defenses destroyed both drones."): at least
    SHORT_MIN_WORDS, inside a paragraph of others, with a verb, no aside in the first person."""
    words = words_of(text)
    return (len(words) >= SHORT_MIN_WORDS and not alone_in_paragraph(sentences, position)
            and "I" not in words and text.rstrip().endswith(".")
            and any(w.lower() in rules.common_verbs or rules.past_tense.match(w)
                    for w in words[1:]))


def broken_off(sentences: Sequence[Sentence], position: int, text: str,
               capitalised: bool, rules: Discourse) -> bool:
    """A piece of a sentence that extraction broke: a paragraph that starts in lower case
    ("apply 'system of compassion' in ...") or ends on a comma ("doubles down on 'meth,") or
    trails off ("... Mr. Kerry's proposal to restart ..."), or
    a sentence with a hole where something was cut out ("if a matrix is denoted by , then")."""
    if HOLE_RE.search(text):
        return True
    paragraph = sentences[position].paragraph
    first = position == 0 or sentences[position - 1].paragraph != paragraph
    last = position + 1 == len(sentences) or sentences[position + 1].paragraph != paragraph
    starts_low = capitalised and continues_in_lower_case(text)
    return (first and starts_low) or (last and (text.rstrip().rstrip(CLOSING_MARKS).endswith(
        (",", ";")) or bool(CUT_SHORT_RE.search(text) or rules.trailing_off.search(text))))


def alone_in_paragraph(sentences: Sequence[Sentence], position: int) -> bool:
    """Whether a sentence is a paragraph of its own, as a caption or a sub-heading is."""
    paragraph = sentences[position].paragraph
    neighbours = sentences[max(position - 1, 0) : position] + sentences[position + 1 : position + 2]
    return all(n.paragraph != paragraph for n in neighbours)


def strip_dateline(text: str) -> str:
    """'WASHINGTON (CNN) -- The Senate ...' -> 'The Senate ...'; a list or table mark before
    the sentence goes too."""
    stripped = DATELINE_RE.sub("", LEADING_MARK_RE.sub("", text, count=1), count=1)
    return stripped if words_of(stripped) else text


def is_furniture(text: str) -> bool:
    """Bylines, credits, the page talking to its reader or pointing at what is on it ("the video
    above"), bracketed links, link lists and markup."""
    return bool(
        SENTENCE_FURNITURE_RE.match(text)
        or SENTENCE_FURNITURE_ANYWHERE_RE.search(text)
        or READER_PROMPT_RE.match(text)
        or PAGE_POINTER_RE.search(text)
        or READING_TIME_RE.search(text)
        or ((SELF_REFERENCE_RE.search(text) or SITE_PROMPT_RE.search(text))
            and not SPEECH_VERB_RE.search(text))
        or BRACKETED_RE.match(text)
        or CREDIT_LINE_RE.match(text)
        or LINK_LIST_RE.search(text)
        or MARKUP_RE.search(text)
        or is_cited_title(text)
    )


def is_cited_title(text: str) -> bool:
    """A quoted title in title case, the full stop outside the quotes: a reference list's entry,
    not someone speaking ('"The ACA ... law of the land".' is said in sentence case)."""
    if not CITED_TITLE_RE.match(text):
        return False
    long_words = [w for w in words_of(text) if len(w) >= TITLE_WORD_LETTERS]
    capitalised = sum(w[0].isupper() for w in long_words)
    return bool(long_words) and capitalised >= TITLE_CASE_SHARE * len(long_words)


def is_code(text: str) -> bool:
    """A line of a changelog or a program rather than prose: many of its words are paths,
    hashes or identifiers, which a listener cannot follow."""
    words = text.split()
    code = sum(bool(CODE_WORD_RE.search(word)) for word in words)
    return code >= MIN_CODE_WORDS and code >= CODE_WORD_SHARE * len(words)


def is_caption(text: str) -> bool:
    """'Under fire: Faculty at ...': a short label and a colon, the label not someone speaking."""
    match = LABEL_CAPTION_RE.match(text)
    return bool(match) and not SPEECH_VERB_RE.search(text[: match.end()])


def is_heading(text: str) -> bool:
    """A short line without an end mark: '“U.S.-controlled bandit formations”'."""
    core = text.rstrip().rstrip(CLOSING_MARKS).rstrip()
    return len(words_of(text)) <= HEADING_MAX_WORDS and not core.endswith(tuple(END_MARKS))


def leans_back(text: str, language: str = "en") -> bool:
    """Whether a sentence cannot be understood without the one before it: one that points back,
    one so short that the sentence before it carries its sense ("The results are the same.",
    "The reality is messier."), a quotation that does not say whose it is, or says only "he
    said": it goes on quoting the speaker named before it ('"I could see a lot of
    downsides."'), and the end of a quotation begun before it."""
    rules = discourse(language)
    return (len(words_of(text)) <= LEANING_MAX_WORDS
            or opens_with_dangling_reference(text, language)
            or bool(rules.pointer.search(text) or rules.pronoun_speaker.search(text))
            or is_unattributed_quote(text) or closes_quotation_begun_before(text)
            or points_with_this(text, rules) or opens_with_pronoun_subject(text, rules))


def opens_with_pronoun_subject(text: str, rules: Discourse) -> bool:
    """'Per hour, they will use ...', 'If they lose enough weight, ...', 'Does it win you
    friends ...?': a pronoun whose antecedent is not in the sentence (an opening phrase with a
    capitalised word may name it)."""
    fronted = rules.fronted_pronoun.match(text)
    if fronted:
        return not any(word[:1].isupper() for word in fronted.group(1).split()[1:])
    return bool(rules.pronoun_question.match(text) or rules.pronoun_clause.match(text))


def points_with_this(text: str, rules: Discourse) -> bool:
    """'... said this approach would ...', '... those guidelines go too far', 'in that
    county': a thing named before ("this week" is time, "those who" says whom it means)."""
    return (any(following not in rules.not_pointed_at
                for following in rules.this_noun.findall(text))
            or any(following.lower() not in (rules.not_pointed_at | rules.that_phrases
                                             | rules.dangling_words)
                   and not rules.participle.search(following)
                   for following in rules.that_noun.findall(text)))


def closes_quotation_begun_before(text: str) -> bool:
    """'I said, what do you think of waterboarding?”': the end of a quotation whose opening
    mark is in an earlier sentence (double marks only: "victims' lists" is a possessive, and
    '3-1/2"' a measure)."""
    marks = sorted(
        [(m.start(), True) for m in OPEN_QUOTE_RE.finditer(text) if m.group() in DOUBLE_QUOTES]
        + [(m.start(), False) for m in CLOSE_QUOTE_RE.finditer(text)
           if m.group() in DOUBLE_QUOTES and not text[m.start() - 1].isdigit()])
    is_open = False
    for _, opens in marks:
        if not opens and not is_open:
            return True
        is_open = opens
    return False


def is_unattributed_quote(text: str) -> bool:
    """A sentence that is all quotation, with no word of who says it."""
    return bool(WHOLE_QUOTE_RE.match(text)) and not SPEECH_VERB_RE.search(text)


def lead_ins_to_aired(sentences: Sequence[Sentence], reasons: Sequence[str], rules: Discourse
                      ) -> list[int]:
    """Positions of the sentences that lead into the next with a colon ("Lee wrote in a
    statement:") when the next can be aired: said with it (summary.py ties them), they are
    one telling, and the statement keeps its speaker."""
    return [position for position in range(len(sentences) - 1)
            if reasons[position] == DANGLING and not reasons[position + 1]
            and goes_on_into(sentences[position], sentences[position + 1], rules)]


def goes_on_into(lead_in: Sentence, following: Sentence, rules: Discourse) -> bool:
    """Whether a sentence and the one right after it are one telling, neither said alone:
    - a question the article asks and what follows it ("But do you know what I like more than
      collecting?" / "Well, because it just wasn't good enough!");
    - a colon's lead-in that is no set-up ("Here are six I like:"), when what follows is in its
      paragraph or a quotation (after a paragraph break without one, the colon introduced a
      chart or a list, not this)."""
    text = lead_in.text.rstrip()
    if lead_in.index + 1 != following.index:
        return False
    if text.endswith("?"):
        return True
    return (text.endswith(":") and not rules.set_up.search(lead_in.text)
            and (lead_in.paragraph == following.paragraph
                 or following.text.lstrip()[:1] in LEADING_QUOTES))


def introduces_what_follows(text: str, rules: Discourse) -> bool:
    """A sentence whose point is what comes after it: one that ends with a colon, or sets it up
    ("Here are seven more places to check.", "... something like the following line.")."""
    return text.rstrip().endswith(":") or bool(rules.set_up.search(text))


def continues_in_lower_case(text: str) -> bool:
    """A sentence that opens in lower case is the rest of the one before it (a run-on cut for
    the voice: "whether auditing is permitted, ..."); "iPhone" and "eBay" are names."""
    opening = opening_word(text)
    return opening.isalpha() and opening.islower()


def opening_word(text: str) -> str:
    words = words_of(text.lstrip(LEADING_QUOTES))
    return words[0] if words else ""


def opens_with_dangling_reference(text: str, language: str = "en") -> bool:
    """Whether a sentence starts with a pronoun or connective pointing at what came before."""
    rules = discourse(language)
    opening = text.lstrip(LEADING_QUOTES).lower()
    words = [w.lower() for w in words_of(opening)[:3]]
    if not words:
        return False
    if any(opening.startswith(phrase + " ") or opening.startswith(phrase + ",")
           for phrase in rules.dangling_phrases):
        return True
    if rules.ordinal_opening.match(opening) or rules.quantifier_subject.match(opening):
        return True
    first = words[0].replace("’", "'").split("'")[0]
    if first not in rules.dangling_words:
        return False
    return not (first in {"this", "that", "these", "those"} and len(words) > 1
                and words[1].rstrip("s") in rules.time_nouns)


def in_writers_voice(sentences: Sequence[Sentence], first_person: frozenset[str]) -> bool:
    """Whether the writer speaks as "I" in these sentences, outside any quotation ("I still
    remember using the iPhone 4 for the first time."): read by a presenter, that "I" would be
    theirs unless the piece is announced as the writer's. `first_person`: the language's
    words for it (languages/base.py)."""
    texts = [sentence.text for sentence in sentences]
    return any(says_i(unquoted(text, mark), first_person)
               for text, mark in zip(texts, open_quotations(sentences, texts), strict=True))


# Words joined by a slash are one name: "Google I/O", "TCP/IP".
SLASHED_WORDS_RE = re.compile(r"\w+(?:/\w+)+")


def says_i(text: str, first_person: frozenset[str]) -> bool:
    """Whether the text has one of the language's words for the writer's "I", as that."""
    words = words_of(SLASHED_WORDS_RE.sub(" ", text))
    return any(is_first_person(word, first_person) and not in_a_name(words, position)
               and not after_a_numbered_noun(words, position)
               for position, word in enumerate(words))


def is_first_person(word: str, first_person: frozenset[str]) -> bool:
    """ "I", "I'm", "my", "j'ai": one of the language's words for the writer, or one it begins
    ("I's" is a numeral's: "World War I's end"); not a capital-letter abbreviation ("ME",
    Maine) nor a list's "(i)"."""
    lower = word.lower().replace("’", "'")
    head, apostrophe, tail = lower.partition("'")
    return ((lower in first_person or (head in first_person and tail != "s")
             or head + apostrophe in first_person)
            and not (len(word) > 1 and word.isupper()) and word != "i")


def in_a_name(words: Sequence[str], position: int) -> bool:
    """A first-person word that is part of a name, a title or a numeral: an "I" after a
    capitalised word ("World War I"; the sentence's first word is capitalised anyway) or
    before two ("The I Am Sam actor"), a capitalised "Me" or "My" inside a sentence ("Call Me
    by Your Name", "The Captain and Me"), or one before a capitalised word or a number ("Me
    Dupont", the lawyer; "Mi 11")."""
    word = words[position]
    after = words[position + 1] if position + 1 < len(words) else ""
    if word == "I":
        title_case_after = all(w[:1].isupper() for w in words[position + 1 : position + 3])
        return ((position > 1 and words[position - 1][:1].isupper())
                or (position + 2 < len(words) and title_case_after))
    return ((position > 0 and word[:1].isupper())
            or (word[:1].isupper() and (after[:1].isupper() or after[:1].isdigit())))


def after_a_numbered_noun(words: Sequence[str], position: int) -> bool:
    """'phase I trial', 'stage I cancer', 'type I diabetes': a numeral."""
    return (words[position] == "I" and position > 0
            and words[position - 1].lower() in NUMBERED_NOUNS)


def unquoted(text: str, open_mark: str = "") -> str:
    """The sentence's words outside quotation marks; `open_mark`: the kind of quotation
    still open from the sentence before (see quote_left_open). Guillemets and German marks
    («...», „...“) are taken out first, one sentence at a time."""
    text = OTHER_QUOTATION_RE.sub(" ", text)
    pieces, start = [], 0
    for begin, end, kind, opens in quotation_marks(text):
        if not open_mark and opens:
            pieces.append(text[start:begin])
            open_mark = kind
        elif open_mark == kind and not opens:
            open_mark, start = "", end
    if not open_mark:
        pieces.append(text[start:])
    return " ".join(pieces)


def quotation_marks(text: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, "double" or "single", whether it opens) for each quotation mark, in order."""
    found = [(m.start(), m.end(), m.group(), True) for m in OPEN_QUOTE_RE.finditer(text)]
    found += [(m.start(), m.end(), m.group(), False) for m in CLOSE_QUOTE_RE.finditer(text)]
    return sorted((start, end, "double" if mark in DOUBLE_QUOTES else "single", opens)
                  for start, end, mark, opens in found)


def quote_left_open(text: str, open_mark: str = "") -> str:
    """The kind of quotation mark ("double" or "single") whose quotation is still open at the
    end of this sentence, "" when none is; `open_mark`: the one open before it. A quotation
    closes only with its own kind of mark: the apostrophe of "victims’ contact lists" does
    not close a quotation opened with “."""
    for _, _, kind, opens in quotation_marks(text):
        if not open_mark and opens:
            open_mark = kind
        elif open_mark == kind and not opens:
            open_mark = ""
    return open_mark
