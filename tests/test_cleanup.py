"""Tests for briefing.cleanup: the article's own paragraphs out of messy page text."""

from __future__ import annotations

import textwrap
import time
from pathlib import Path

import justext
import pytest

from briefing.cleanup import TOKEN_RE, CleanPage, Line, clean_page_text, line_score, stoplist

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "us-will-defend-its-forces.txt"
FIXTURES = Path(__file__).resolve().parent / "data" / "extraction"


def page_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def body(page: CleanPage) -> str:
    return "\n".join(page.paragraphs)


@pytest.fixture(scope="module")
def seed() -> CleanPage:
    return clean_page_text(EXAMPLE.read_text(encoding="utf-8"))


def test_seed_title_is_the_headline(seed: CleanPage) -> None:
    assert seed.title == "U.S. Will Defend Its Forces in Iraq and Syria"


def test_seed_keeps_exactly_the_five_body_paragraphs(seed: CleanPage) -> None:
    assert len(seed.paragraphs) == 5
    assert seed.paragraphs[0].startswith("The U.S. mission in Iraq has officially transitioned")
    assert seed.paragraphs[-1].startswith("Both Spokesperson Kirby and the Commander")
    assert seed.paragraphs[-1].endswith("enduring defeat of Daesh [ISIS].”")


def test_seed_pull_quote_only_survives_inside_its_paragraph(seed: CleanPage) -> None:
    quote = "The Coalition reserves the right to defend itself"
    assert body(seed).count(quote) == 1
    assert quote in seed.paragraphs[-1]


@pytest.mark.parametrize(
    "furniture",
    ["Accessibility links", "Breaking News", "please wait", "No media source", "0:00", "(file)"],
)
def test_seed_furniture_is_gone(seed: CleanPage, furniture: str) -> None:
    assert furniture not in body(seed)


def test_seed_size_picker_is_gone(seed: CleanPage) -> None:
    assert not any(paragraph in {"XS", "SM", "MD", "LG"} for paragraph in seed.paragraphs)


@pytest.mark.parametrize("width", [50, 72, 100])
def test_hard_wrapped_seed_gives_the_same_paragraphs(seed: CleanPage, width: int) -> None:
    wrapped = "\n".join(
        textwrap.fill(line, width) if len(line) > width else line
        for line in EXAMPLE.read_text(encoding="utf-8").splitlines()
    )
    assert clean_page_text(wrapped) == seed


def test_wrapped_paragraphs_without_blank_lines_are_split_at_short_lines(seed: CleanPage) -> None:
    source = EXAMPLE.read_text(encoding="utf-8")
    wrapped = "\n".join(textwrap.fill(line, 72) for line in source.splitlines() if line.strip())
    assert clean_page_text(wrapped).paragraphs == seed.paragraphs


def test_ap_page_keeps_the_story_and_drops_captions() -> None:
    page = clean_page_text(page_text("ap-tories-twitter.txt"))
    text = body(page)
    assert page.title == "UK Tories under fire for Twitter name switch during debate"
    assert page.paragraphs[0].startswith("LONDON (AP) — Britain's Conservative Party was accused")
    assert "Foreign Secretary Dominic Raab defended the party’s actions" in text
    assert "In this photo issued by ITV" not in text
    assert "View all (4)" not in text
    assert "Skip to main content" not in text


def test_reader_comments_are_not_part_of_the_article() -> None:
    page = clean_page_text(page_text("pft-lynn-comments.txt"))
    text = body(page)
    assert page.paragraphs[0].startswith("Chargers coach Anthony Lynn recognizes")
    assert "It’s a good thing we have no fans left" not in text
    assert "Click to share on Facebook" not in text
    assert "responses to" not in text


def test_express_page_drops_image_credits_and_links_to_other_stories() -> None:
    text = body(clean_page_text(page_text("express-hong-kong.txt")))
    assert "China’s ambassador to Britain Liu Xiaming has said" in text
    assert "(Image: GETTY )" not in text
    assert "SEE MORE:" not in text
    assert "Munich incident" not in text


@pytest.mark.parametrize("text", ["", "   \n\n\t\n", "\u00a0"])
def test_empty_input_gives_an_empty_page(text: str) -> None:
    assert clean_page_text(text) == CleanPage(title="", paragraphs=())


def test_clean_text_passes_through_whole() -> None:
    paragraphs = (
        "The city council voted on Tuesday to extend the night bus service until two in the "
        "morning, after a year-long trial showed that riders used it far more than expected.",
        "Officials said the extension would cost about four million a year and would be paid "
        "for by the transport levy that the council approved in the spring.",
        "Buses will run every twenty minutes on the six busiest routes from next month.",
    )
    text = "Council extends night buses\n\n" + "\n\n".join(paragraphs)
    assert clean_page_text(text) == CleanPage("Council extends night buses", paragraphs, "en")


def test_cleaning_is_deterministic_and_fast() -> None:
    text = page_text("pft-lynn-comments.txt")
    start = time.perf_counter()
    first = clean_page_text(text)
    elapsed = time.perf_counter() - start
    assert clean_page_text(text) == first
    assert elapsed < 1.0


def test_the_page_language_is_told_by_its_stopwords():
    german = ("Die Bahn will in den kommenden Jahren Milliarden in neue Strecken investieren. "
              "Das teilte der Konzern am Dienstag in Berlin mit, und die ersten Züge sollen "
              "schon bald fahren.")
    assert clean_page_text(f"Bahn investiert\n\n{german}\n").language == "de"
    assert clean_page_text(EXAMPLE.read_text()).language == "en"


def test_stopword_lists_are_read_as_justext_reads_them():
    for name in sorted(justext.get_stoplists()):
        assert stoplist(name) == justext.get_stoplist(name), name


ARTICLE = (
    "The city council voted on Tuesday to extend the night bus service until two in the "
    "morning, after a year-long trial showed that riders used it far more than expected.",
    "Officials said the extension would cost about four million a year and would be paid "
    "for by the transport levy that the council approved in the spring.",
    "Buses will run every twenty minutes on the six busiest routes from next month, and the "
    "council will review the service again after a second year of running it.",
)


def test_a_text_browsers_marks_for_inserted_text_are_not_read() -> None:
    marked = ARTICLE[1].replace("four million", "[INS:four million:INS]")
    page = clean_page_text("\n\n".join([ARTICLE[0], marked, ARTICLE[2]]))
    assert page.paragraphs[1] == ARTICLE[1]


def test_a_code_block_inside_an_article_does_not_cut_it_in_two() -> None:
    query = ["SELECT route, riders", "FROM night_buses", "WHERE riders > 100", "AND year = 2024",
             "GROUP BY route", "ORDER BY riders DESC;"]
    before = ("How the council counted riders is worth a look, because the query it ran on "
              "the ticket data was published with the report for anyone to check.")
    blocks = [*ARTICLE[:2], before, "\n".join(query), "Run it again on last year's figures:",
              "\n".join(query).replace("2024", "2023"), ARTICLE[2]]
    page = clean_page_text("\n\n".join(blocks))
    assert page.paragraphs[0] == ARTICLE[0] and page.paragraphs[-1] == ARTICLE[2]


def test_a_count_of_comments_in_words_ends_the_article() -> None:
    comment = ("I have been riding these buses for years and honestly the drivers deserve a "
               "medal for putting up with the crowds that come out after the pubs close.")
    last = ("Riders who want a route added can write to the council before the end of the "
            "month, and the transport committee will answer every letter in its next meeting.")
    page = clean_page_text("\n\n".join([*ARTICLE, last, "There are 13 comments", comment]))
    assert comment not in page.paragraphs
    assert page.paragraphs[-1] == last


def test_a_line_of_leaked_markup_is_machinery() -> None:
    leaked = ('<div style="width:300px"><img src="https://cdn.example.com/img%2Fbus%2Fnight.jpg" '
              'alt="" class="hero"></div><a href="https://example.com/a%20b">Night buses</a>')
    page = clean_page_text("\n\n".join([ARTICLE[0], leaked, *ARTICLE[1:]]))
    assert page.paragraphs == ARTICLE


def test_a_cookie_consent_notice_is_not_the_article() -> None:
    notice = [
        "We and our selected partners use cookies or similar technologies for technical "
        "purposes and, with your consent, for other purposes such as measuring audiences and "
        "showing you advertising that is based on the pages you have visited on this site.",
        "You can freely give, deny, or withdraw your consent at any time by opening the "
        "preferences panel of this site.",
        "Use the Accept all button to agree to the use of these technologies, or use the Reject "
        "all button or close this notice to continue browsing without accepting any of them.",
    ]
    page = clean_page_text("\n\n".join([ARTICLE[0], ARTICLE[1], *notice]))
    assert page.paragraphs == ARTICLE[:2]


def test_a_sentence_introducing_a_list_is_prose() -> None:
    lead_in = ("The council's report gives three reasons why the night buses were so busy "
               "this winter:")
    line = Line(text=lead_in, tokens=tuple(TOKEN_RE.findall(lead_in)))
    assert line_score(line, stoplist("English")) == len(line.tokens)
    reasons = ["• Cheaper fares", "• Later trains", "• More bars"]
    page = clean_page_text("\n\n".join([ARTICLE[0], lead_in, "\n".join(reasons), *ARTICLE[1:]]))
    assert page.paragraphs[0] == ARTICLE[0] and lead_in in page.paragraphs


def test_an_articles_list_of_sentences_is_the_article_not_the_promo_beside_it() -> None:
    # cleveland.com as w3m shows it (newspaper4k's test page): one paragraph, then its list.
    page = clean_page_text(page_text("cleveland-food-searches.txt"))
    assert page.paragraphs[0].startswith("Chia seeds and goji berries are the new kale")
    assert "Pizza was searched more than the World Cup." in page.paragraphs
    assert page.paragraphs[-1].startswith("Oh, and nine million people watched")
    assert not any("big-league foodie town" in p for p in page.paragraphs)


def test_a_list_of_links_with_their_read_counts_is_no_list_of_sentences() -> None:
    page = clean_page_text(page_text("pft-lynn-comments.txt"))
    assert page.paragraphs[0].startswith("Chargers coach Anthony Lynn recognizes")
    assert not any("Myles Garrett" in p for p in page.paragraphs)


def test_a_list_of_question_and_video_headlines_is_no_list_of_sentences() -> None:
    links = ["Read more",
             "• Is this the end of the road for the mayor and his plans for the city?",
             "• Why are the city's roads so much worse than they were ten years ago?",
             "• Council votes to close three libraries in the north of the city (VIDEO)",
             "• Police say the crash on the ring road was caused by black ice (PHOTOS)"]
    page = clean_page_text("\n\n".join([*ARTICLE, "\n".join(links)]))
    assert page.paragraphs == ARTICLE


def test_a_registration_form_is_not_the_article() -> None:
    form = ("We have linked your account and just need a few more details to complete your "
            "registration:")
    page = clean_page_text("\n\n".join([*ARTICLE, form, "First name [ ] Last name [ ]"]))
    assert page.paragraphs == ARTICLE


@pytest.mark.parametrize("marker", ["Comentar", "Comentários (4)", "3 Kommentare", "Commentaires"])
def test_comments_start_in_other_languages_too(marker: str) -> None:
    comment = ("I have been riding these buses for years and honestly the drivers deserve a "
               "medal for putting up with the crowds that come out after the pubs close.")
    last = ("Riders who want a route added can write to the council before the end of the "
            "month, and the transport committee will answer every letter in its next meeting.")
    page = clean_page_text("\n\n".join([*ARTICLE, last, marker, comment]))
    assert page.paragraphs == (*ARTICLE, last)


def test_an_article_the_page_shows_twice_is_kept_once() -> None:
    # A gallery page repeats the whole article, its short item labels too; repeated short
    # lines elsewhere are captions, but a section repeated in order is the article.
    article = [
        "The joint elevation of fan culture and nail art has left us with something magical: "
        "nail decals of pop stars. You can now wear your favourite television characters and "
        "even movie quotes on your nails with pride, and it all costs less than ten dollars.",
        "Here are our top five picks and the places to wear them. But remember the internet "
        "is a wonderland, so do not stop until you find your own favourite moment.",
        "For your high school reunion...",
        "The decals are printed in colour and in black and white, but if you are a fan of the "
        "show you are obviously choosing the neon ones for the big night.",
        "For a movie marathon...",
        "The shop has shrunk the young wizards until they are small enough to fit on a pinky, "
        "and a set of twenty costs five dollars and fifty cents.",
        "For a date...",
        "What better way to show how cultured you are than adding a film's famous crime family "
        "to your beauty routine, one nail at a time, for five dollars a sheet?",
    ]
    footer = ["Sign in to the site by connecting your account with one of our partners.",
              "Do you have feedback, questions or concerns? Send us an email using this form."]
    page = "\n\n".join(["Home | Beauty | Nails", *article, "Related Articles:", *article,
                        *footer])
    kept = clean_page_text(page).paragraphs
    prose = [p for p in article if not p.endswith("...")]  # the labels are not read, as ever
    assert list(kept) == prose
