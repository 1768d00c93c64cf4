"""A story's headline as a newsreader says it.

A page names itself in several places (<title>, og:title, <h1>, <h2>), and each may carry the
site's name ("... - BBC News", "... | Reuters"), a section label ("Opinion | ...") or be no
headline at all: a promotion ("Take your next trip with Atlas Obscura!"), a section's name
("Allergies Health Center"), the site's greeting ("Hi, I'm Nicolas."). Two principles decide:
- a headline is about its article: of the page's candidates, the one whose words the article's
  opening uses most is its headline;
- what a separator sets apart at either end of it is the site's name or a label, when it names
  the site, is a known label, or is a short tail after a full headline;
- a headline names its story in a few words: a title of one or two ("Lorem", "Obituaries")
  is a logo or a section, and the page's own <title> or og:title, when longer, is read instead.
An opinion piece keeps that fact as the article's genre, so that it is announced as one.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from briefing.furniture import FURNITURE_LINE_RE, READER_PROMPT_RE
from briefing.languages import CJK_CHARS, WORD_OR_CJK_RE

# " | ", " - ", " -- ", " – ", " — ", " :: ", " : ", " · ", " » ", " • "; a pipe needs no
# spaces, nor does an underscore between Chinese or Japanese characters ("人工智能_科技_腾讯网").
SEPARATOR_RE = re.compile(
    rf"\s+(?:--?|–|—|::|:|·|»|•|\|)\s+|\s*\|\s*|(?<=[{CJK_CHARS}])_(?=[{CJK_CHARS}])")
OPINION_LABELS = frozenset({
    "opinion", "opinions", "op-ed", "oped", "op ed", "commentary", "comment", "column",
    "editorial", "perspective", "viewpoint", "point of view", "letters", "guest essay",
    "opinião", "opinion y análisis", "tribune", "meinung", "kommentar", "opinione",
})
SECTION_LABELS = frozenset({
    "news", "world", "world news", "politics", "business", "sport", "sports", "tech",
    "technology", "science", "health", "entertainment", "culture", "us", "uk", "us news",
    "uk news", "latest news", "breaking news", "home", "video", "live", "analysis",
    "features", "local", "markets", "economy",
})
# Labels of how news comes, said before a headline as a section's name is ("Breaking: ...").
BULLETIN_LABELS = frozenset({
    "breaking", "exclusive", "just in", "developing", "update", "updated", "watch", "photos",
    "listen", "podcast",
})
# "Opinion: ...", "OPINION — ...": a label and a colon or dash before the headline.
LABEL_PREFIX_RE = re.compile(r"^\s*([A-Za-zÀ-ÿ][\w' -]{1,24}?)\s*(?::|\s[|–—-])\s+(?=\S)")
OPINION_PATH_RE = re.compile(r"/(?:opinions?|commentisfree|op-?ed|editorials?|meinung|opiniao)/",
                             re.IGNORECASE)
WORD_RE = re.compile(r"\w+")
ISSUE_NUMBER_RE = re.compile(r"\b(?:no\.?\s*)?\d+(?:[/.-]\d+)*\b", re.IGNORECASE)
DOMAIN_RE = re.compile(r"^[\w.-]+\.[a-z]{2,6}$", re.IGNORECASE)
MIN_HOST_NAME = 3  # "wsj" in wsj.com names the site; "co" in bbc.co.uk does not
SHORT_TAIL_WORDS = 3  # a tail this short after a headline of at least ...
FULL_HEADLINE_WORDS = 4  # ... this many words is the site's name or a section
NOT_ABOUT = 0.34  # an article using fewer of its title's words is not about that title
MIN_RELEVANCE = 0.5  # share of a stand-in's words the article must use
CONTENT_WORD_LETTERS = 5
MATCHED_LETTERS = 5
MIN_HEADLINE_WORDS = 3
BYLINE_WORDS = frozenset({"and", "by", "with"})
DOMAIN_ENDINGS = frozenset({"co", "com", "org", "net", "uk", "us", "de", "fr", "es", "it", "au",
                            "ca", "in", "jp"})
DOMAIN_NAME_RE = re.compile(r"^www\.[\w-]+(?:\.[\w-]+)+$", re.IGNORECASE)
MAX_SITE_NAME_WORDS = 5  # "South China Morning Post"; a longer site name may be a headline
CJK_RE = re.compile(f"[{CJK_CHARS}]")
# What kind of page it is, said after the headline: "(photos)", "[VIDEO]", ": latest", "- live".
MEDIA_TAG_RE = re.compile(
    r"\s*(?:[(\[](?:with\s+)?(?:photos?|pictures|pics|video|videos|watch|gallery|slideshow|poll"
    r"|infographic|audio|podcast|interactive|updated?)[)\]]"
    r"|(?::|\s[–—-])\s*(?:latest|live|live\s+updates|latest\s+updates|as\s+it\s+happened))"
    r"\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Headline:
    text: str
    genre: str = ""  # "opinion" when the page labels the piece as one


def squashed(text: str) -> str:
    """'BBC News', 'bbcnews.co.uk', 'Aktuálně' and 'aktualne' alike: lower-case letters and
    digits only, without accents."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in plain if c.isalnum() and not unicodedata.combining(c))


def names_site(segment: str, site: str, url: str) -> bool:
    """Whether a piece of a title is the site's own name (or its web address), with or
    without the issue's number ("DER SPIEGEL 52/2018")."""
    piece = squashed(segment)
    if not piece or DOMAIN_RE.match(segment.strip()):
        return True
    names = site_names(site, url)
    short = len(WORD_RE.findall(segment)) <= SHORT_TAIL_WORDS
    if any(piece == name or piece in name or (short and name in piece)
           or name in abbreviations(segment) for name in names):
        return True
    unnumbered = ISSUE_NUMBER_RE.sub(" ", segment)
    short = len(WORD_RE.findall(unnumbered)) <= SHORT_TAIL_WORDS
    return unnumbered != segment and short and any(name in squashed(unnumbered)
                                                   for name in names)


def site_names(site: str, url: str) -> set[str]:
    """The site's name and its web address's names, squashed ('How-To Geek', howtogeek.com;
    "co" in bbc.co.uk names nothing)."""
    host = re.sub(r"^(?:https?://)?(?:www\.)?", "", url.casefold()).split("/")[0]
    parts = [part for part in host.split(".")[:-1] if len(part) >= MIN_HOST_NAME]
    return {name for name in map(squashed, [site, *parts]) if name}


def credible_site(site: str, candidates: Sequence[str]) -> str:
    """The site's name from the page's metadata, unless it is as long as a headline and is one
    of the page's headlines: an extractor may take a title's first part ("Prince -- Woman
    Warns Estate ... | TMZ.com") for the site's name, which would then be cut from the
    headline as one. (A short one may be a heading too: the site's logo.) A whole title taken
    for it ("Tony Romo will be ready ... | Dallasnews.com - News for Dallas, Texas") gives the
    name after the headline."""
    if word_count(site) <= MAX_SITE_NAME_WORDS:
        return site
    headlines = {squashed(candidate) for candidate in candidates if candidate}
    parts = [part for part in SEPARATOR_RE.split(site) if part.strip()]
    others = [part for part in parts if squashed(part) not in headlines]
    if len(others) == len(parts):
        return "" if squashed(site) in headlines else site  # else a long name
    names = [part for part in others if not all(
        is_label(word) for word in WORD_RE.findall(part))]  # "News & Opinion" is a section
    return names[0] if names and word_count(names[0]) <= MAX_SITE_NAME_WORDS else ""


def spoken_site(site: str) -> str:
    """A site's name as it can be said: a handle taken for it ("Reuters_Co_Uk", from
    twitter:site "@reuters_co_uk") loses its underscores and its domain's ending, an address
    its "www."."""
    if DOMAIN_NAME_RE.match(site.strip()):
        return site.strip()[len("www."):]  # "www.cbc.ca" is said "cbc.ca"
    if "_" not in site or " " in site.strip():
        return site
    parts = [part for part in site.strip("@_ ").split("_") if part]
    while len(parts) > 1 and parts[-1].casefold() in DOMAIN_ENDINGS:
        parts.pop()
    return " ".join(parts)


def abbreviations(name: str) -> set[str]:
    """How a site's name is shortened in its address: 'The New York Times' -> nyt, nytimes,
    tnyt; 'The Wall Street Journal' -> wsj, wsjournal."""
    words = [squashed(w) for w in WORD_RE.findall(name)]
    words = [w for w in words if w]
    if len(words) < 2:
        return set()
    forms = set()
    for start in {0, 1 if words[0] == "the" and len(words) > 2 else 0}:
        kept = words[start:]
        forms.add("".join(w[0] for w in kept))
        forms.add("".join(w[0] for w in kept[:-1]) + kept[-1])
    return forms


def is_label(segment: str) -> bool:
    return segment.strip().casefold() in OPINION_LABELS | SECTION_LABELS


def names_authors(segment: str, authors: str, fewest_words: int = 2) -> bool:
    """Whether a piece of a title is its byline: names of the article's authors, and "and",
    "by" ("2012 map takes unfamiliar shape - Maggie Haberman and Shira Toeplitz")."""
    named = {w.casefold() for w in WORD_RE.findall(authors)}
    words = [w.casefold() for w in WORD_RE.findall(segment) if w.casefold() not in BYLINE_WORDS]
    return len(words) >= fewest_words and all(w in named for w in words)


def clean_headline(title: str, site: str = "", url: str = "", authors: str = "") -> Headline:
    """The headline without the site's name, section labels or byline; an opinion label kept
    as the genre ('Opinion | Republicans Are ...' -> 'Republicans Are ...', opinion)."""
    text = " ".join(html.unescape(title).split())  # a page may escape its title twice: &#039;
    text = MEDIA_TAG_RE.sub("", text)
    genre = "opinion" if url and OPINION_PATH_RE.search(url) else ""
    parts = [p for p in SEPARATOR_RE.split(text) if p.strip()]
    while len(parts) > 1:
        first, last = parts[0], parts[-1]
        rest_words = word_count(" ".join(parts[:-1]))
        if names_site(last, site, url) or is_label(last) or names_authors(last, authors) or (
                word_count(last) <= SHORT_TAIL_WORDS
                and rest_words >= FULL_HEADLINE_WORDS):
            genre = genre or opinion_of(last)
            parts.pop()
        elif names_site(first, site, url) or is_label(first):
            genre = genre or opinion_of(first)
            parts.pop(0)
        else:
            break
    text = " - ".join(parts) if parts else text
    if squashed(text) in site_names(site, url):
        return Headline("", genre)  # the site's own name ("How-To Geek"), no headline
    label = LABEL_PREFIX_RE.match(text)
    name = label.group(1).strip().casefold() if label else ""
    if name in OPINION_LABELS:
        genre, text = "opinion", text[label.end():]
    elif name in SECTION_LABELS | BULLETIN_LABELS or (
            label and names_authors(name, authors, fewest_words=1)):  # a columnist: "Garber: "
        text = text[label.end():]
    return Headline(text.strip(), genre)


def opinion_of(segment: str) -> str:
    return "opinion" if segment.strip().casefold() in OPINION_LABELS else ""


def relevance(candidate: str, text: str) -> float:
    """Share of the candidate's longer words (or, in Chinese and Japanese, characters) that the
    article uses; words match on their first letters, so 'mapuche' finds 'mapuches'."""
    if CJK_RE.search(candidate):
        chars = CJK_RE.findall(candidate)
        return sum(c in text for c in chars) / len(chars)
    words = WORD_RE.findall(candidate.casefold())
    words = [w for w in words if len(w) >= CONTENT_WORD_LETTERS] or words
    if not words:
        return 0.0
    used = {w[:MATCHED_LETTERS] for w in WORD_RE.findall(text.casefold())}
    return sum(w[:MATCHED_LETTERS] in used for w in words) / len(words)


def is_furniture(text: str) -> bool:
    """A prompt or a box's label, no headline: "Subscribe now and get 50% off", "Related
    articles", "About this author"."""
    return bool(READER_PROMPT_RE.match(text) or FURNITURE_LINE_RE.match(text))


def word_count(text: str) -> int:
    """Words, each Chinese or Japanese character counting as one."""
    return len(WORD_OR_CJK_RE.findall(text))


def is_headline_length(headline: Headline) -> bool:
    return word_count(headline.text) >= MIN_HEADLINE_WORDS


def best_headline(candidates: Sequence[str], paragraphs: Sequence[str], site: str = "",
                  url: str = "", page_titles: Sequence[str] = (), authors: str = "") -> Headline:
    """The page's own title (the first candidate), cleaned; another of its candidates only
    when the article is about it and clearly not about the title (a promotion, the site's
    name, a section). A title too short to be a headline gives way to the longer of what
    the page's head calls it (page_titles: <title>, og:title)."""
    cleaned = [clean_headline(c, site, url, authors) for c in candidates if c and c.strip()]
    if not cleaned:
        return Headline("")
    if not is_headline_length(cleaned[0]):
        titles = [clean_headline(t, site, url, authors) for t in page_titles if t and t.strip()]
        longer = [t for t in titles
                  if word_count(t.text) > word_count(cleaned[0].text)]
        cleaned = longer[:1] + cleaned
    # The page's own title may be short ("Hermitian matrix"); a stand-in must be a headline,
    # not a standfirst, which is a sentence ("The long history of separate toys ... children.").
    cleaned = cleaned[:1] + [h for h in cleaned[1:]
                             if is_headline_length(h) and not h.text.rstrip().endswith(".")]
    text = " ".join(paragraphs)
    scores = [0.0 if is_furniture(h.text) else relevance(h.text, text)
              for h in cleaned]
    subheads = {" ".join(p.split()) for p in paragraphs[1:]}
    better = 0
    if scores[0] < NOT_ABOUT:
        better = next((i for i, score in enumerate(scores)
                       if score >= MIN_RELEVANCE and cleaned[i].text not in subheads), 0)
    genre = next((h.genre for h in cleaned if h.genre), "")
    return Headline(cleaned[better].text, genre)
