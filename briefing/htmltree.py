"""A page as the reader sees it, before any extractor looks at it.

What a reader sees that extractors miss, each measured on the two extraction sets and
the three unseen ones (benchmarks/extraction.py, readability.py, unseen.py):
- whitespace: in HTML a run of spaces and line breaks is one space (<pre> aside), so a
  paragraph hard-wrapped in the source is still one paragraph, not one per source line;
- hidden elements (the `hidden` attribute, an inline `display: none` or `visibility: hidden`)
  are not on the page, unless they hold MathML (a formula hidden behind its picture is still
  the formula's text) or paragraphs of their own: a page saved without its scripts may hide
  the very article that a script would have shown;
- a cluster of links inside a paragraph, with no words of its own (a hover card of a person's
  other stories, a row of tags), is not part of the sentence around it;
- a link inside a paragraph is some of its words, whatever its class says;
- a drop cap is the first letter of its word ("T he Smithsonian" is "The Smithsonian");
- a table that lays out the page (a cell holding a page's worth of words) is columns of the
  page, not data, and a line break in it is a line break;
- text laid out in stretches parted by blank lines (<br><br>) is paragraphs, and so are the
  <div>s of words beside it; a single <div> ending on a blank line is left as written;
- text that sits loose after a block among paragraphs (an agency's lead after a box of related
  links, where a stray </p> closed nothing) is shown as a block of its own: a paragraph;
- an empty inline element shows nothing: WordPress's `<span id="more-91292"></span>` mid-
  paragraph is no break in it (trafilatura, favouring precision, dropped the text after it:
  TIME's lead, the sentence after the kicker);
- an article the page splits into containers of one class around empty ad slots, with
  nothing to read between them (Ars Technica's `post-content` divs), or around a box beside it
  (the Washington Post's `article-side-rail` of teasers), reads as one: extractors take one
  container and lose the rest (Ars: 11% of its words; the Post: its first paragraphs);
- readers' comments under a heading that says so ("COMMENTS", "17 Responses", "Leave a
  Reply") below an article are not the article, whatever their containers are called:
  trafilatura knows comments by name (class="comments"), and aired The Register's readers.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from briefing.furniture import COMMENTS_HEADING_RE, RELATED_LABEL_RE

SPACES_RE = re.compile(r"\s+")
HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
WORD_RE = re.compile(r"\w")
# A hidden element with this many paragraphs is the article a script would show.
MIN_HIDDEN_ARTICLE_PARAGRAPHS = 2
PREFORMATTED = frozenset({"pre", "textarea", "code", "script", "style"})
MIN_CLUSTER_LINKS = 3
MIN_PARAGRAPH_SIBLINGS = 2
# A container of text parted by blank lines into this many stretches is written in paragraphs.
MIN_BROKEN_PARAGRAPHS = 3
DROP_CAP_RE = re.compile(r"\s*[A-ZÀ-Þ]\s*")
LOWER_START_RE = re.compile(r"\s*[a-zß-ÿ]")
DROP_CAP_CLASS_RE = re.compile(r"drop|initial|first-letter|firstletter|\bcap\b", re.IGNORECASE)
LAYOUT_CELL_WORDS = 100  # a table cell holding this many words is a column of a page
TABLE_PARTS = ("table", "thead", "tbody", "tfoot", "tr", "td", "th")
CONTAINER_TAGS = ("article", "aside", "blockquote", "body", "dd", "details", "div", "fieldset",
                  "figure", "footer", "form", "header", "main", "section", "td", "th")
BLOCK_TAGS = frozenset(CONTAINER_TAGS + (
    "address", "dl", "dt", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "nav",
    "ol", "p", "pre", "table", "ul"))
# A container holds an article's prose when it has this many paragraphs of its own, each of
# at least PROSE_PARAGRAPH_WORDS words.
MIN_PROSE_PARAGRAPHS = 2
PROSE_PARAGRAPH_WORDS = 8
HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# What a page calls a box beside its article, in its classes and ids ("article-side-rail").
ASIDE_NAMES = frozenset({"aside", "sidebar", "rail", "related", "promo", "widget", "teaser",
                         "teasers", "recommended"})
NAME_PART_RE = re.compile(r"[^a-z0-9]+")
# Comments close an article: a comments heading counts only below this many words of prose
# (a sidebar's "Recent comments" above the article is no end of it).
MIN_PROSE_BEFORE_COMMENTS = 50
MAX_COMMENTS_HEADINGS = 5  # each is a walk of the page: a hostile page may have thousands
# A list item or paragraph whose text is at least this share link text is a link to another
# page, not prose ("Something is afoot in the land of Qwen - 4th March 2026").
LINKED_SHARE = 0.5
LABEL_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "p")  # what a list's label is set in
INLINE_TAGS = ("a", "abbr", "b", "cite", "em", "i", "mark", "q", "small", "span", "strong", "sub",
               "sup", "time", "u")


def visible_tree(html: str) -> HtmlElement | None:
    """The page parsed, with hidden elements and in-sentence link clusters removed and its
    whitespace collapsed as a browser shows it; None when it cannot be parsed."""
    tree = load_html(html)
    if tree is None:
        return None
    remove_hidden(tree)
    unwrap_empty_inlines(tree)
    remove_link_clusters(tree)
    plain_links(tree)
    collapse_whitespace(tree)
    join_drop_caps(tree)
    unlay_tables(tree)
    paragraphs_from_breaks(tree)
    wrap_loose_text(tree)
    join_split_articles(tree)
    remove_comment_sections(tree)
    remove_related_lists(tree)
    return tree


def is_hidden(element: HtmlElement) -> bool:
    hidden = (element.get("hidden") is not None
              or bool(HIDDEN_STYLE_RE.search(element.get("style") or "")))
    return hidden and element.find(".//math") is None


def remove_hidden(tree: HtmlElement) -> None:
    for element in [e for e in tree.iter() if isinstance(e.tag, str) and is_hidden(e)]:
        if element.getparent() is None or element.tag in ("html", "body"):
            continue
        if len(element.findall(".//p")) < MIN_HIDDEN_ARTICLE_PARAGRAPHS:
            element.drop_tree()


def unwrap_empty_inlines(tree: HtmlElement) -> None:
    """Inline elements with no text and nothing inside go; the text after each stays put."""
    empty = [e for e in tree.iter(*INLINE_TAGS) if not len(e) and not (e.text or "").strip()]
    for element in empty:
        if element.getparent() is not None:
            element.drop_tag()


def is_link_cluster(element: HtmlElement) -> bool:
    """Several links and not a word outside them."""
    links = element.findall(".//a")
    if len(links) < MIN_CLUSTER_LINKS:
        return False
    outside = element.text_content()
    for link in links:
        outside = outside.replace(link.text_content(), " ", 1)
    return not WORD_RE.search(outside)


def remove_link_clusters(tree: HtmlElement) -> None:
    """Innermost first, so that a paragraph's own link to a name stays when only the card
    hanging from it goes."""
    for paragraph in tree.iter("p"):
        inner = [e for e in paragraph.iterdescendants() if isinstance(e.tag, str) and e.tag != "a"]
        for element in reversed(inner):
            if element.getparent() is not None and is_link_cluster(element):
                element.drop_tree()


def plain_links(tree: HtmlElement) -> None:
    """A link inside a paragraph is some of the sentence's words: its class or id, or that of
    an element wrapping just it (a shortcode link styled as "link"), must not make an extractor
    cut it out mid-sentence."""
    for paragraph in tree.iter("p"):
        for link in paragraph.iterdescendants("a"):
            element = link
            while element is not paragraph and is_wrapper_of(element, link):
                for attribute in ("class", "id"):
                    element.attrib.pop(attribute, None)
                element = element.getparent()


def is_wrapper_of(element: HtmlElement, link: HtmlElement) -> bool:
    return element is link or (element.tag in INLINE_TAGS
                               and element.text_content().strip() == link.text_content().strip())


def collapse_whitespace(tree: HtmlElement) -> None:
    """Runs of whitespace become one space, as a browser shows them, except inside <pre>,
    <code> and the like; the text after such an element (its tail) is the paragraph's again:
    "sensitive <code>Authorization</code>headers or\n    session cookies" is one line."""
    inside = {e for tag in PREFORMATTED for pre in tree.iter(tag) for e in pre.iter()
              if e is not pre}
    for element in tree.iter():
        if not isinstance(element.tag, str) or element in inside:
            continue
        if element.text and element.tag not in PREFORMATTED:
            element.text = SPACES_RE.sub(" ", element.text)
        if element.tail:
            element.tail = SPACES_RE.sub(" ", element.tail)


def join_drop_caps(tree: HtmlElement) -> None:
    """A paragraph's first letter set apart for a drop cap ('<span class="drop">T</span> <span>he
    Smithsonian') is part of its first word, whatever space the markup leaves after it."""
    for paragraph in tree.iter("p"):
        first = paragraph[0] if len(paragraph) else None
        if (first is None or (paragraph.text or "").strip() or len(first)
                or not DROP_CAP_RE.fullmatch(first.text or "")
                or not DROP_CAP_CLASS_RE.search(f"{first.get('class')} {first.get('style')}")):
            continue  # "<b>A</b> man" is a word, not a drop cap: its markup must say so
        if (first.tail or "").strip():
            first.tail = first.tail.lstrip() if LOWER_START_RE.match(first.tail) else first.tail
        elif first.getnext() is not None and LOWER_START_RE.match(first.getnext().text or ""):
            first.tail = None
            first.getnext().text = first.getnext().text.lstrip()


def unlay_tables(tree: HtmlElement) -> None:
    """A table used to lay out the page (a cell holding a page's worth of words) is not data:
    its rows and cells become plain blocks, so that an extractor reads the article in it as
    paragraphs rather than as one row of table cells with its lines run together."""
    for table in list(tree.iter("table")):
        if any(len(cell.text_content().split()) >= LAYOUT_CELL_WORDS for cell in table.iter("td")):
            for part in [table, *table.iter(*TABLE_PARTS)]:
                part.tag = "div"


def paragraphs_from_breaks(tree: HtmlElement) -> None:
    """In a container whose text is laid out with blank lines (two or more <br> in a row) into
    at least MIN_BROKEN_PARAGRAPHS stretches, each stretch is a paragraph: a <p> (Readability
    turns every <br><br> into one; that broke pages written as one <div> per paragraph). An
    extractor favouring precision otherwise judges the stretches as loose text, and dropped an
    article's first paragraph (MacRumors) for its three links."""
    for container in list(tree.iter(*CONTAINER_TAGS)):
        children = list(container)
        if any(child.tag == "p" for child in children) or not any(
                is_blank_line(children, i) for i in range(len(children))):
            continue
        parts = layout(container, children)
        if sum(isinstance(part, tuple) and has_words(*part) for part in parts) \
                >= MIN_BROKEN_PARAGRAPHS:
            rebuild(container, children, parts)
            paragraphs_of_leaf_siblings(container)


def paragraphs_of_leaf_siblings(container: HtmlElement) -> None:
    """The container's sibling <div>s of words alone are paragraphs too: a page whose article
    is <div>s must not become <p>s in one place only (trafilatura then drops the others)."""
    parent = container.getparent()
    for sibling in (parent if parent is not None else ()):
        if (sibling is not container and sibling.tag == "div"
                and not any(is_block(child) for child in sibling)
                and WORD_RE.search(sibling.text_content())):
            sibling.tag = "p"


Stretch = tuple[str | None, list[HtmlElement]]  # text, then inline elements with their tails


def layout(container: HtmlElement, children: list[HtmlElement]) -> list[Stretch | HtmlElement]:
    """The container's content in order: the stretches of text and inline elements that its
    blank lines and blocks part, and the blocks."""
    parts: list[Stretch | HtmlElement] = []
    text, run = container.text, []
    index = 0
    while index < len(children):
        if is_blank_line(children, index) or is_block(children[index]):
            parts.append((text, run))
            while is_blank_line(children, index):
                index += 1  # to the blank line's last <br>, whose tail opens the next stretch
            child = children[index]
            text, run = child.tail, []
            if child.tag != "br":
                parts.append(child)
        else:
            run.append(children[index])
        index += 1
    parts.append((text, run))
    return parts


def is_blank_line(children: list[HtmlElement], index: int) -> bool:
    """Whether the child at index is a <br> directly followed by another."""
    return (index + 1 < len(children) and children[index].tag == "br"
            and children[index + 1].tag == "br" and not (children[index].tail or "").strip())


def rebuild(container: HtmlElement, children: list[HtmlElement],
            parts: list[Stretch | HtmlElement]) -> None:
    """Lay the container's content out again: blocks as they are, stretches as paragraphs."""
    container.text = None
    for child in children:
        container.remove(child)  # each keeps its tail
    for part in parts:
        if isinstance(part, tuple):
            container.extend(paragraph_of(container, *part))
        else:
            part.tail = None  # it opened the next stretch
            container.append(part)


def paragraph_of(maker: HtmlElement, text: str | None, run: list[HtmlElement]
                 ) -> list[HtmlElement]:
    """The stretch as a <p> when it has words, else its elements as they were."""
    if not has_words(text, run):
        return run
    paragraph = maker.makeelement("p", {})
    paragraph.text = text
    paragraph.extend(run)  # moves them, with their tails
    return [paragraph]


def wrap_loose_text(tree: HtmlElement) -> None:
    """Words and inline elements that follow a block inside a container of paragraphs become a
    <p> of their own, as a browser boxes them (Readability does the same). Only there: loose
    text at a <div>'s start, or in a <div> of line breaks, is how some editors write every
    paragraph, and wrapping it made trafilatura drop pages of them."""
    for container in list(tree.iter(*CONTAINER_TAGS)):
        if sum(child.tag == "p" for child in container) >= MIN_PARAGRAPH_SIBLINGS:
            for block, inline in loose_runs(container):
                wrap(block, inline)


def loose_runs(container: HtmlElement) -> list[tuple[HtmlElement, list[HtmlElement]]]:
    """Each run of loose content after a block child, with words: the block, and the inline
    elements up to the next block."""
    runs: list[tuple[HtmlElement, list[HtmlElement]]] = []
    for child in container:
        if is_block(child):
            runs.append((child, []))
        elif runs:
            runs[-1][1].append(child)
    return [(block, inline) for block, inline in runs if has_words(block.tail, inline)]


def is_block(element: HtmlElement) -> bool:
    """A block element, or any element holding one (a custom element wrapping a table)."""
    return isinstance(element.tag, str) and (
        element.tag in BLOCK_TAGS or next(element.iterdescendants(*BLOCK_TAGS), None) is not None)


def has_words(text: str | None, elements: list[HtmlElement]) -> bool:
    """Whether a stretch (text, then inline elements with their tails) holds a word."""
    return bool(WORD_RE.search((text or "") + "".join(
        (e.text_content() if isinstance(e.tag, str) else "") + (e.tail or "") for e in elements)))


def wrap(block: HtmlElement, inline: list[HtmlElement]) -> None:
    [paragraph] = paragraph_of(block, block.tail, inline)  # it has words: a <p>
    block.tail = None
    block.addnext(paragraph)


def join_split_articles(tree: HtmlElement) -> None:
    """Containers of prose of one tag and class, one after another with nothing to read
    between them (an empty ad slot) or only boxes beside the article (only_boxes_between), are
    one article: the later ones' children move into the first, and the boxes follow it."""
    groups: dict[tuple[str, str], list[HtmlElement]] = {}
    for element in tree.iter(*CONTAINER_TAGS):
        if element.get("class", "").strip() and holds_prose(element):
            groups.setdefault((element.tag, element.get("class")), []).append(element)
    if not any(len(members) > 1 for members in groups.values()):
        return
    spans, text = text_spans(tree)
    for members in groups.values():
        first, end = members[0], spans[members[0]][1]
        for later in members[1:]:
            start = spans[later][0]
            if start < end:
                continue  # inside the one before
            if WORD_RE.search(text[end:start]) and not only_boxes_between(first, later):
                first = later  # something to read between them: apart
            else:
                for child in list(later):
                    first.append(child)
                later.getparent().remove(later)
            end = spans[later][1]


def only_boxes_between(first: HtmlElement, later: HtmlElement) -> bool:
    """Whether all that stands between two sibling containers is boxes beside the article:
    an <aside>, or a container named as one (a rail of teasers floated beside the article,
    as the Washington Post sets one between its article's first paragraphs and the rest),
    with no prose of its own. A sub-heading's box or a pull quote is part of the article: it
    stays in place."""
    for sibling in first.itersiblings():
        if sibling is later:
            return True
        if not isinstance(sibling.tag, str):
            continue  # a comment
        if not is_box_beside(sibling) or holds_prose(sibling):
            return False
    return False


def is_box_beside(element: HtmlElement) -> bool:
    names = NAME_PART_RE.split(f"{element.get('class', '')} {element.get('id', '')}".lower())
    return element.tag == "aside" or (element.tag in CONTAINER_TAGS
                                      and not ASIDE_NAMES.isdisjoint(names))


def remove_comment_sections(tree: HtmlElement) -> None:
    """A heading that opens readers' comments, below an article, and all that follows it in
    the container that holds the article: the widest one around the heading with no prose
    before it, and its later siblings."""
    headings = [h for h in tree.iter(*HEADING_TAGS) if opens_comments(h)]
    for heading in headings[:MAX_COMMENTS_HEADINGS]:
        section, parent = heading, heading.getparent()
        while parent is not None and prose_words_before(parent, section) < (
                MIN_PROSE_BEFORE_COMMENTS):
            section, parent = parent, parent.getparent()
        if parent is not None:  # else no article above it: a sidebar's heading
            for later in [section, *section.itersiblings()]:
                later.drop_tree()
            return


def remove_related_lists(tree: HtmlElement) -> None:
    """A label among an article's paragraphs that offers the site's other stories
    ("Related:", "More from AllBusiness.com:") and the links under it: the siblings after it
    that are links to other pages, up to the first that is not (the article again, when the
    list stood in its middle). Inside the article's container trafilatura keeps such a list.
    Lists elsewhere are left to it: taking a sidebar's "Most Read" away made it lose Salon's
    article."""
    for label in [e for e in tree.iter(*LABEL_TAGS) if is_related_label(e)]:
        if label.getparent() is None or not holds_prose(label.getparent()):
            continue
        for sibling in list(label.itersiblings()):
            if not isinstance(sibling.tag, str) or not WORD_RE.search(sibling.text_content()):
                continue  # an empty slot for a widget
            if not is_linked(sibling):
                break
            sibling.drop_tree()
        label.drop_tree()


def is_related_label(element: HtmlElement) -> bool:
    return bool(RELATED_LABEL_RE.match(label_text(element)))


def is_linked(element: HtmlElement) -> bool:
    """Whether an element's text is mostly links to other pages, as a list of stories is: each
    item of a list, or the element itself."""
    items = element.findall("li") if element.tag in ("ul", "ol") else []
    if items:
        return all(is_linked(item) for item in items)
    text = SPACES_RE.sub("", element.text_content())
    linked = sum(len(SPACES_RE.sub("", link.text_content())) for link in element.iter("a"))
    return bool(text) and linked >= LINKED_SHARE * len(text)


def opens_comments(heading: HtmlElement) -> bool:
    return bool(COMMENTS_HEADING_RE.match(label_text(heading)))


def label_text(element: HtmlElement) -> str:
    """An element's text as one line, as a label is matched."""
    return SPACES_RE.sub(" ", element.text_content()).strip()


def prose_words_before(container: HtmlElement, child: HtmlElement) -> int:
    """Words of the paragraphs of prose in `container` before `child`."""
    words = 0
    for element in container.iter():
        if element is child:
            break
        if element.tag == "p":
            count = len(element.text_content().split())
            words += count if count >= PROSE_PARAGRAPH_WORDS else 0
    return words


def holds_prose(element: HtmlElement) -> bool:
    """Whether a container has MIN_PROSE_PARAGRAPHS paragraphs of prose of its own, or inside
    the one container it wraps (the Post's div.article_body wraps an <article>)."""
    children = [child for child in element if isinstance(child.tag, str)]
    if len(children) == 1 and children[0].tag in CONTAINER_TAGS:
        return holds_prose(children[0])
    paragraphs = [child for child in element if child.tag == "p"
                  and len(child.text_content().split()) >= PROSE_PARAGRAPH_WORDS]
    return len(paragraphs) >= MIN_PROSE_PARAGRAPHS


def text_spans(tree: HtmlElement) -> tuple[dict[HtmlElement, tuple[int, int]], str]:
    """Where each element's text starts and ends in the page's text, and that text."""
    pieces: list[str] = []
    starts: dict[HtmlElement, int] = {}
    spans: dict[HtmlElement, tuple[int, int]] = {}
    length = 0
    for event, element in etree.iterwalk(tree, events=("start", "end")):
        if event == "start":
            starts[element] = length
            if isinstance(element.tag, str) and element.text:
                pieces.append(element.text)
                length += len(element.text)
        else:
            spans[element] = (starts[element], length)
            if element.tail:
                pieces.append(element.tail)
                length += len(element.tail)
    return spans, "".join(pieces)
