"""Tests for briefing.htmltree: the page as a reader sees it, before extraction."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.htmlpage import extract_html
from briefing.htmltree import visible_tree

DATA = Path(__file__).parent / "data"

LOREM = ("Harbour officials said on Monday that the new ferry terminal would open in the spring, "
         "two years later than planned, after a dispute over the cost of the sea wall. ")


def page(body: str) -> str:
    return (f"<html><head><title>Ferry terminal</title></head><body><article>{body}</article>"
            "</body></html>")


def text_of(html: str) -> str:
    tree = visible_tree(html)
    assert tree is not None
    return tree.text_content()


@pytest.mark.parametrize(("wrapped", "first"), [
    # With a <br> in it, trafilatura kept the source's line breaks as paragraph breaks.
    ("<p>Harbour officials said on Monday that the new\n   ferry terminal would open in"
     "\n   the spring.<br>Work starts in May.</p>",
     "Harbour officials said on Monday that the new ferry terminal would open in the spring."),
    # The tail of a <code> is the paragraph's own text; it was left with the source's breaks.
    ("<p>This can lead to the stealing of sensitive <code>Authorization</code> headers or"
     "\n    session cookies by redirecting them to an\n    attacker's server.</p>",
     "This can lead to the stealing of sensitive Authorization headers or session cookies by "
     "redirecting them to an attacker's server."),
])
def test_a_hard_wrapped_paragraph_is_one_paragraph(wrapped: str, first: str) -> None:
    article = extract_html(page(wrapped + f"<p>{LOREM * 2}</p>"))
    assert article is not None
    assert article.paragraphs[0] == first


def test_preformatted_text_keeps_its_line_breaks() -> None:
    assert "line one\n  line two" in text_of(page("<pre>line one\n  line two</pre>"))


def test_hidden_elements_are_not_on_the_page() -> None:
    html = page(f"<p>{LOREM}</p><p style='display: none'>Secret draft text.</p>"
                "<p hidden>Another hidden note.</p><div style='visibility:hidden'>Ghost.</div>")
    text = text_of(html)
    assert LOREM.strip() in text
    for hidden in ("Secret draft", "hidden note", "Ghost"):
        assert hidden not in text


def test_a_hidden_article_that_a_script_would_show_is_kept() -> None:
    html = page(f"<div style='display:none'><p>{LOREM}</p><p>{LOREM}</p></div>")
    assert LOREM.strip() in text_of(html)


def test_hidden_mathml_is_the_formula_text() -> None:
    html = page(f"<p>{LOREM}<span style='display: none'><math><mi>x</mi></math></span></p>")
    assert "x" in text_of(html).split(LOREM.strip())[1]


def test_a_hover_card_of_links_inside_a_sentence_goes_and_the_name_stays() -> None:
    card = ("<span class='person'><a href='/people/noem'>Kristi Noem</a>"
            "<span class='card'><img src='noem.jpg'><a href='/people/noem'>Kristi Lynn Noem</a>"
            "<a href='/a1'>South Dakota drops pipeline protest laws</a>"
            "<a href='/a2'>Governor doubles down on campaign</a>"
            "<a href='/people/noem'>MORE</a></span></span>")
    html = page(f"<p>South Dakota Gov. {card} (R) is defending the state's campaign.</p>")
    text = " ".join(text_of(html).split())
    assert "South Dakota Gov. Kristi Noem (R) is defending the state's campaign." in text
    assert "MORE" not in text


def test_links_with_words_between_them_are_prose() -> None:
    links = "<span><a href='/a'>Oslo</a>, <a href='/b'>Bergen</a> and <a href='/c'>Bodø</a></span>"
    assert "Oslo, Bergen and Bodø" in text_of(page(f"<p>Ferries leave {links} daily.</p>"))


def test_a_link_styled_as_a_link_is_not_cut_from_its_sentence() -> None:
    # trafilatura's precision mode discards elements of class "link"; inside a sentence that
    # left "Según explicó en un comunicado ahora estará disponible..."
    sentence = ("<p>Según explicó en un comunicado <span class='link'><a href='/t'>Twitter Lite</a>"
                "</span> ahora estará disponible en Bolivia, Brasil, Chile y Colombia.</p>")
    article = extract_html(page(sentence + f"<p>{LOREM * 2}</p>"))
    assert article is not None
    assert "comunicado Twitter Lite ahora" in article.paragraphs[0]


def test_loose_text_after_a_box_among_paragraphs_is_a_paragraph() -> None:
    # An agency page: the lead's <p> opened before a box of related links, which closed it, so
    # the lead is loose text after the box (the stray </p> closes nothing).
    lead = ("HARBOUR CITY (AP) — The new ferry terminal will open in the spring, two years "
            "later than planned, harbour officials said on Monday.")
    html = page(f"<div><div class='related'><ul><li><a href='/a'>Earlier: ferry delays</a></li>"
                f"</ul></div>{lead}</p><p>{LOREM}</p><p>{LOREM}</p></div>")
    tree = visible_tree(html)
    assert tree is not None
    assert lead in [p.text_content() for p in tree.iter("p")]
    article = extract_html(html)
    assert article is not None and article.paragraphs[0] == lead


def test_text_at_the_start_of_a_div_is_left_as_the_editor_wrote_it() -> None:
    tree = visible_tree(page(f"<div>{LOREM}<br><br><figure><img src='a.jpg'></figure></div>"
                             f"<div>{LOREM}</div>"))
    assert tree is not None and not list(tree.iter("p"))


def test_a_table_that_lays_out_the_page_is_read_as_paragraphs() -> None:
    changes = "<br>".join(f"+ Added ferry route {n} to the harbour timetable" for n in range(20))
    html = page(f"<table><tr><td>Menu</td><td><p>{LOREM}</p><p>{changes}</p></td></tr></table>")
    article = extract_html(html)
    assert article is not None
    assert "+ Added ferry route 0 to the harbour timetable" in article.paragraphs
    assert not any(p.startswith("|") for p in article.paragraphs)


def test_a_data_table_stays_a_table() -> None:
    rows = "".join(f"<tr><td>Route {n}</td><td>{n * 10} riders</td></tr>" for n in range(5))
    tree = visible_tree(page(f"<p>{LOREM}</p><table>{rows}</table>"))
    assert tree is not None and len(list(tree.iter("td"))) == 10


def test_a_drop_cap_is_the_first_letter_of_its_word() -> None:
    html = page(f"<p><span class='g-drop'>T</span> <span class='g-upper'>he harbour</span> "
                f"officials said on Monday that the terminal would open.</p><p>{LOREM}</p>")
    assert "The harbour officials said" in " ".join(text_of(html).split())
    bold_word = page(f"<p><b>A</b> man walked into the harbour office on Monday.</p><p>{LOREM}</p>")
    assert "A man walked" in text_of(bold_word)


def test_text_laid_out_with_blank_lines_is_paragraphs() -> None:
    stretches = "<br><br>".join(f"Stretch {n}: {LOREM}" for n in range(3))
    tree = visible_tree(page(f"<div class='lead'>{LOREM}</div><div class='body'>{stretches}</div>"))
    assert tree is not None
    paragraphs = [" ".join(p.text_content().split()) for p in tree.iter("p")]
    assert [p[:9] for p in paragraphs[1:]] == ["Stretch 0", "Stretch 1", "Stretch 2"]
    assert paragraphs[0] == LOREM.strip()  # the sibling <div> of words is a paragraph too


def test_one_paragraph_ending_on_a_blank_line_is_left_as_written() -> None:
    # world.hey.com writes each paragraph as a <div> ending with <br><br>; making some of them
    # <p>s made trafilatura drop the rest.
    tree = visible_tree(page(f"<div>{LOREM}<br><br></div><div>{LOREM}<br><br></div>"))
    assert tree is not None and not list(tree.iter("p"))


def test_an_empty_inline_element_is_no_break_in_its_paragraph() -> None:
    # WordPress marks where a post's excerpt ends; trafilatura, favouring precision, dropped
    # the text after it: the lead that followed a kicker.
    paragraph = ("<p>Toppled lawn chairs were not the worst of the damage from the earthquake."
                 '<span id="more-91292"></span> The Washington Monument developed a crack near '
                 "its peak, and officials closed it indefinitely.</p>")
    article = extract_html(page(paragraph + f"<p>{LOREM * 2}</p>"))
    assert article is not None
    assert article.paragraphs[0].endswith("officials closed it indefinitely.")


SPLIT_PARTS = [
    ("The harbour board approved the new ferry terminal on Monday after a year of talks. "
     "The vote was seven to two, with both members from the north shore against it."),
    ("Work on the sea wall starts in May and should take eighteen months to finish. "
     "The contractor said the stone would come from the quarry at Bell Point."),
    ("Ferry operators welcomed the decision but warned that fares could rise next year. "
     "They said the old terminal had cost them two sailings a day in bad weather."),
]


def split_article(between: str) -> str:
    """An article in containers of one class around ad slots, as Ars Technica splits it."""
    parts = [f"<div class='grid'><div class='column'><div class='post-content'><p>{part}</p>"
             f"<p>{LOREM}</p></div></div><div class='rail'></div></div>" for part in SPLIT_PARTS]
    return ("<html><head><title>Ferry terminal</title></head><body><main>"
            + between.join(parts)
            + "<aside><p>Most read: a cat rescued from a tree.</p></aside></main></body></html>")


def test_an_article_split_around_empty_ad_slots_is_read_whole() -> None:
    article = extract_html(split_article("<div class='ad'><div class='ad-slot'></div></div>"))
    assert article is not None
    said = [p for p in article.paragraphs if p in SPLIT_PARTS]
    assert said == SPLIT_PARTS  # all three parts, in order


def test_containers_with_something_to_read_between_them_stay_apart() -> None:
    tree = visible_tree(split_article("<h2>Fares</h2>"))
    assert tree is not None
    containers = [div for div in tree.iter("div") if div.get("class") == "post-content"]
    assert len(containers) == 3
    assert [h2.text for h2 in tree.iter("h2")] == ["Fares", "Fares"]




def test_an_article_split_around_a_rail_of_teasers_is_read_whole() -> None:
    # The Washington Post, 2013 (npm htmlparser-benchmark 1.1.3), cut to its article column:
    # two div.article_body, a div.article-side-rail of teasers between them; trafilatura took
    # the second and the briefing never aired the news (6 of the Post's pages there).
    page = (DATA / "extraction" / "washingtonpost-side-rail.html").read_text(encoding="utf-8")
    article = extract_html(page)
    assert article is not None
    assert article.paragraphs[0].startswith("A coalition of technology companies")
    assert article.paragraphs[2].startswith("The letter will call on the government")
    assert not any("Latest stories" in p for p in article.paragraphs)


def sibling_parts(between: str) -> str:
    parts = [f"<div class='body'><p>{part}</p><p>{LOREM}</p></div>" for part in SPLIT_PARTS[:2]]
    return f"<html><body><main>{parts[0]}{between}{parts[1]}</main></body></html>"


@pytest.mark.parametrize(("between", "containers"), [
    ("<div class='side-rail'><h2>Most read</h2><p>A cat rescued from a tree.</p></div>", 1),
    ("<aside><h2>Most read</h2><p>A cat rescued from a tree.</p></aside>", 1),
    ("<div class='section'><h2>Fares</h2></div>", 2),  # the article's own sub-heading
    ("<div class='quote'><p>The terminal will change the harbour for good.</p></div>", 2),
])
def test_only_a_box_beside_the_article_joins_its_parts(between: str, containers: int) -> None:
    tree = visible_tree(sibling_parts(between))
    assert tree is not None
    assert len([d for d in tree.iter("div") if d.get("class") == "body"]) == containers


def test_readers_posts_under_a_comments_heading_are_not_the_article() -> None:
    # The Register, 2013 (npm htmlparser-benchmark 1.1.3), cut after two readers' posts: the
    # posts sit in div#in_article_forums under an <h2>COMMENTS</h2>, in no container that
    # says "comment"; their "There is, quite simply, a law against price-fixing." was aired.
    page = (DATA / "extraction" / "register-forum.html").read_text(encoding="utf-8")
    article = extract_html(page)
    assert article is not None
    assert article.paragraphs[-1].startswith("The five publishers have all settled")
    assert not any("price-fixing cartel" in p for p in article.paragraphs)


def page_with_comments(heading: str, comments_first: bool = False) -> str:
    """An article and a forum of readers' posts under a heading."""
    forum = (f"<div id='in_article_forums'><div class='heading'><h2>{heading}</h2>"
             "<a href='#form'>Post your comment</a></div>"
             "<div class='post reply'><h3>The law.</h3><p>A few posters here are implying that "
             "the regulator's job is to help small companies against big ones. It isn't.</p>"
             "<p>There is, quite simply, a law against price-fixing, whoever the companies "
             "are.</p></div></div>")
    article = "".join(f"<p>{part}</p>" for part in SPLIT_PARTS)
    body = forum + f"<div class='story'>{article}</div>" if comments_first else (
        f"<div class='story'>{article}</div>" + forum)
    return f"<html><head><title>Ferry terminal</title></head><body>{body}</body></html>"


@pytest.mark.parametrize("heading", ["COMMENTS", "17 Comments", "Leave a Reply",
                                     "Join the conversation", "Responses to “Ferry terminal”"])
def test_a_comments_heading_ends_the_article(heading: str) -> None:
    tree = visible_tree(page_with_comments(heading))
    assert tree is not None
    assert [p.text for p in tree.iter("p")] == SPLIT_PARTS


def test_a_comments_heading_above_the_article_leaves_the_article_alone() -> None:
    tree = visible_tree(page_with_comments("Comments", comments_first=True))
    assert tree is not None
    assert [p.text for p in tree.iter("p")][-3:] == SPLIT_PARTS


@pytest.mark.parametrize("heading", ["Discussion", "Three reactions to the verdict",
                                     "5 responses to the Fed's move"])
def test_a_sub_heading_of_an_article_is_no_comments_heading(heading: str) -> None:
    tree = visible_tree(page_with_comments(heading))
    assert tree is not None
    assert len(list(tree.iter("p"))) == 5


def page_with_related(label: str) -> str:
    """An article with a list of the site's other stories in its middle (self.com, 2014), and
    a sidebar's list beside it."""
    paragraphs = "".join(f"<p>{part}</p>" for part in SPLIT_PARTS[:2])
    related = (f"<p><strong>{label}</strong></p><ul>"
               "<li><a href='/a'>The Game-Changing Oil for Dry Hair and Split Ends</a></li>"
               "<li><a href='/b'>Five Travel-Sized Hair Dryers</a> - 4th March 2026</li></ul>")
    sidebar = ("<div class='rail'><h2>Most Read</h2><ul><li><a href='/c'>A cat rescued from a "
               "tree</a></li></ul></div>")
    return (f"<html><body><div class='story'>{paragraphs}{related}<p>{LOREM}</p></div>"
            f"{sidebar}</body></html>")


@pytest.mark.parametrize("label", ["RELATED:", "Related stories:", "More from SB Nation:",
                                   "You may also like...", "Leia também"])
def test_a_list_of_other_stories_among_the_articles_paragraphs_is_not_the_article(
        label: str) -> None:
    tree = visible_tree(page_with_related(label))
    assert tree is not None
    text = tree.text_content()
    assert label not in text and "Split Ends" not in text and "Hair Dryers" not in text
    assert LOREM in text  # the article goes on after the list
    assert "A cat rescued" in text  # a sidebar's list is left to trafilatura


def test_a_sub_heading_and_a_paragraph_with_a_link_are_not_a_list_of_other_stories() -> None:
    page = page_with_related("Related research").replace(  # a sub-heading, not a label
        "<li><a href='/b'>", "<li>The dryers we tested for a month <a href='/b'>")
    text = visible_tree(page).text_content()
    assert "Related research" in text and "Split Ends" in text
    linked = page_with_related("Related:").replace(
        "<li><a href='/a'>",
        "<li>Our tester, who travels for work every week and packs light, liked it best: <a "
        "href='/a'>")
    assert "Our tester" in visible_tree(linked).text_content()  # prose, not a link to a story
