"""Tests for briefing.htmlpage: the article and its metadata out of a saved HTML page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from briefing.htmlpage import HtmlArticle, extract_html, html_language, with_page_repeats
from briefing.htmltree import visible_tree

FIXTURES = Path(__file__).resolve().parent / "data" / "extraction"
AP_URL = "https://hosted.ap.org/citizensvoice/article/2896af5086674d4bbbbd454dec217c63/"
PFT_URL = (
    "https://profootballtalk.nbcsports.com/2019/11/19/anthony-lynn-we-needed-to-win-this-game/"
)
NAV_ONLY_PAGE = """<!DOCTYPE html><html><head><title>Site</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<footer><p>© 2024 Example Media. All rights reserved.</p></footer></body></html>"""


def load(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def body(article: HtmlArticle) -> str:
    return "\n".join(article.paragraphs)


@pytest.fixture(scope="module")
def ap() -> HtmlArticle:
    article = extract_html(load("ap-tories-twitter.html"), AP_URL)
    assert article is not None
    return article


@pytest.fixture(scope="module")
def pft() -> HtmlArticle:
    article = extract_html(load("pft-lynn-comments.html"), PFT_URL)
    assert article is not None
    return article


def test_ap_article_text(ap: HtmlArticle) -> None:
    text = body(ap)
    assert ap.paragraphs[0].startswith("LONDON (AP) — Britain's Conservative Party was accused")
    assert "Foreign Secretary Dominic Raab defended the party’s actions" in text
    assert "In this photo issued by ITV" not in text
    assert "Skip to main content" not in text


def test_ap_metadata(ap: HtmlArticle) -> None:
    assert ap.title == "UK Tories under fire for Twitter name switch during debate"
    assert ap.published == "2019-11-20"
    assert "KIRKA" in ap.author.upper()
    assert ap.url.startswith("https://hosted.ap.org/citizensvoice/article/")
    assert ap.language == "en"


@pytest.mark.parametrize("footer", ["Copyright 2024 The Daily Gazette", "© 2019-2024 Gazette"])
def test_a_copyright_year_is_no_publication_date(footer: str) -> None:
    story = " ".join(["The city council voted on Tuesday to close the old harbour bridge for "
                      "repairs that engineers say will take a year."] * 6)
    page = (f"<html><head><title>Bridge closed</title></head><body><article><h1>Bridge closed"
            f"</h1><p>{story}</p></article><footer>{footer}</footer></body></html>")
    article = extract_html(page)
    assert article is not None and article.published == ""
    dated = page.replace("</head>", '<meta property="article:published_time" '
                                    'content="2024-03-05T10:00:00Z"></head>')
    assert extract_html(dated).published == "2024-03-05"


def test_comments_and_share_buttons_are_excluded(pft: HtmlArticle) -> None:
    text = body(pft)
    assert pft.paragraphs[0].startswith("Chargers coach Anthony Lynn recognizes")
    assert "At 4-7, including 2-6 in the AFC" in text
    assert "It’s a good thing we have no fans left" not in text
    assert "Click to share on Facebook" not in text


def test_pft_metadata(pft: HtmlArticle) -> None:
    assert pft.title == "Anthony Lynn: “We needed to win this game”"
    assert pft.published == "2019-11-19"
    assert pft.site_name == "ProFootballTalk"


def test_page_without_an_article_gives_none() -> None:
    assert extract_html(NAV_ONLY_PAGE, "https://example.com/") is None


@pytest.mark.parametrize("html", ["", "   ", "<html></html>", "not html at all <<<"])
def test_empty_or_broken_input_gives_none(html: str) -> None:
    assert extract_html(html) is None


def test_falls_back_when_trafilatura_finds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    import briefing.htmlpage as htmlpage

    monkeypatch.setattr(htmlpage, "trafilatura_document", lambda *args, **kwargs: None)
    article = extract_html(load("ap-tories-twitter.html"), AP_URL)
    assert article is not None
    assert "Foreign Secretary Dominic Raab defended the party’s actions" in body(article)
    assert article.published == "2019-11-20"


@pytest.mark.parametrize(("html", "language"), [
    ('<html data-lang="fr" lang="de">', "de"), ('<html lang="en-GB">', "en"),
    ('<HTML xml:lang="es" lang="es">', "es"), ('<html data-lang="fr">', ""),
])
def test_the_page_language_is_the_lang_attribute_itself(html: str, language: str):
    assert html_language(html) == language


REPEAT = ("Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor "
          "incididunt ut labore et dolore magna aliqua.")
OTHER = ("Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip "
         "ex ea commodo consequat, duis aute irure dolor in reprehenderit.")


def test_a_paragraph_the_page_repeats_side_by_side_is_kept_as_often():
    html = (f"<html><head><title>Repeats</title></head><body><article><h1>Repeats</h1>"
            f"<p>{REPEAT}</p><p>{REPEAT}</p><p>{OTHER}</p><p>{REPEAT}</p></article>"
            f"</body></html>")
    article = extract_html(html)
    assert article is not None
    assert article.paragraphs.count(REPEAT) == 3
    assert article.paragraphs.index(OTHER) == article.paragraphs.index(REPEAT) + 2


def test_a_paragraph_in_two_copies_of_a_layout_is_not_repeated_for_them():
    copy = f"<p>{REPEAT}</p><p>{OTHER}</p>"
    page = visible_tree(f"<html><body><article><div class='wide'>{copy}</div>"
                        f"<div class='narrow'>{copy}</div></article></body></html>")
    assert with_page_repeats((REPEAT, OTHER), page) == (REPEAT, OTHER)


def test_paragraphs_the_page_sets_as_headings_are_marked():
    lead = ("Horror stories about the increasingly unpopular taxi service Uber have been "
            "commonplace in recent months, but there is still much to be learned from it.")
    standfirst = "Disruptive companies talk a good game about sharing with their users."
    html = (f"<html><head><title>The sharing economy is a lie</title></head><body><article>"
            f"<h1>The sharing economy is a lie</h1><h2>{standfirst}</h2><p>{lead}</p>"
            f"<p>{OTHER}</p></article></body></html>")
    article = extract_html(html)
    assert article is not None
    marked = [article.paragraphs[i] for i in article.headings]
    assert standfirst in marked
    assert lead not in marked and OTHER not in marked


def test_an_article_precision_mode_discards_is_found_by_recall() -> None:
    # The article is a jQuery UI tab ("ui-widget-content"), which trafilatura's precision mode
    # discards; it keeps the comment policy beside it, a fraction of what recall finds.
    article = extract_html(load("article-in-a-widget-tab.html"))
    assert article is not None
    assert article.paragraphs[0].startswith("The new ferry terminal in Harbour City opened")


def test_a_time_zone_dateutil_cannot_place_prints_no_warning() -> None:
    # trafilatura's date finder reads "EST" through dateutil, which warns on stderr.
    page = ("<html><head><title>Ferry terminal opens</title><meta name='last-modified' "
            "content='2014-12-29 08:57:25 EST'></head><body><article><p>The new ferry terminal "
            "opened on Monday, two years later than planned, after a dispute over its sea "
            "wall.</p><p>The first boat left at six in the morning with forty passengers on "
            "board, and the crossing took eleven minutes.</p></article></body></html>")
    run = subprocess.run([sys.executable, "-c", "import sys; from briefing.htmlpage import "
                          "extract_html; assert extract_html(sys.stdin.read())"],
                         input=page, capture_output=True, text=True, check=False)
    assert run.returncode == 0 and run.stderr == ""
