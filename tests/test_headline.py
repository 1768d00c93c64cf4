"""Tests for briefing.headline: headlines as a newsreader says them."""

from __future__ import annotations

import pytest

from briefing.headline import best_headline, clean_headline, credible_site, spoken_site


@pytest.mark.parametrize(("title", "site", "url", "expected"), [
    ("Fact Check: Is This Gas Cylinder For Rs 300? - News Nation", "", "",
     "Fact Check: Is This Gas Cylinder For Rs 300?"),
    ("Alibaba set to raise $12.9bn in Hong Kong listing | Reuters", "", "",
     "Alibaba set to raise $12.9bn in Hong Kong listing"),
    ("Obama admits US gun laws are his 'biggest frustration' - BBC News", "BBC News", "",
     "Obama admits US gun laws are his 'biggest frustration'"),
    ("Samantha and The Great Big Lie - John C. Welch - Medium", "", "",
     "Samantha and The Great Big Lie"),
    ("Mozilla - Wikipedia", "Wikipedia", "", "Mozilla"),
    ("Jak na to | Aktuálně.cz", "", "https://zpravy.aktualne.cz/a", "Jak na to"),
    ("How we designed Dropbox’s ATF - an async task framework", "", "https://dropbox.tech/x",
     "How we designed Dropbox’s ATF - an async task framework"),
    ("Covid-19 - what you need to know", "", "", "Covid-19 - what you need to know"),
    ("Superbugs: What They Are and How You Get Them", "", "",
     "Superbugs: What They Are and How You Get Them"),
    ("United States to Lift Sudan Sanctions - The New York Times", "",
     "https://www.nytimes.com/2017/01/13/world/africa/sudan.html",
     "United States to Lift Sudan Sanctions"),
    ("Fed holds rates steady - The Wall Street Journal", "", "https://www.wsj.com/articles/x",
     "Fed holds rates steady"),
    ("Breaking: Houston hires Major Applewhite as head coach", "", "",
     "Houston hires Major Applewhite as head coach"),
    ("Politics: Senate passes the budget after a long night", "", "",
     "Senate passes the budget after a long night"),
    ("Ein Albtraum - DER SPIEGEL 52/2018", "SPIEGEL ONLINE, Hamburg, Germany",
     "https://www.spiegel.de/spiegel/print/d-161500790.html", "Ein Albtraum"),
])
def test_site_names_and_section_labels_are_dropped(title, site, url, expected):
    assert clean_headline(title, site, url).text == expected


@pytest.mark.parametrize("title", [
    "Opinion | Republicans Are Giving Up on Democracy",
    "Opinion: Republicans Are Giving Up on Democracy",
    "OPINION - Republicans Are Giving Up on Democracy",
])
def test_an_opinion_label_becomes_the_genre(title):
    headline = clean_headline(title)
    assert headline.text == "Republicans Are Giving Up on Democracy"
    assert headline.genre == "opinion"


def test_an_opinion_address_marks_the_genre():
    headline = clean_headline("The Fed is wrong about rates", "", "https://x.com/opinion/fed")
    assert headline.genre == "opinion"
    assert clean_headline("The Fed is wrong about rates").genre == ""


PARAGRAPHS = [
    "An unmanned Russian cargo spaceship broke up in the atmosphere over Siberia on Thursday "
    "minutes after its launch, the Russian space agency said.",
    "Malfunctions",
    "The craft was carrying fuel, water and food to the International Space Station.",
]


def test_a_promotion_or_site_name_gives_way_to_the_page_headline():
    candidates = ["Take your next trip with Atlas Obscura!",
                  "Russian cargo spaceship breaks up over Siberia after launch"]
    assert best_headline(candidates, PARAGRAPHS).text == candidates[1]


def test_the_page_title_stays_when_the_article_is_about_it():
    candidates = ["Spaceship breaks up over Siberia", "Malfunctions and repairs of the station"]
    assert best_headline(candidates, PARAGRAPHS).text == candidates[0]


def test_a_subheading_of_the_article_is_never_its_headline():
    candidates = ["Take your next trip with Atlas Obscura!", "Malfunctions"]
    assert best_headline(candidates, PARAGRAPHS).text == candidates[0]


def test_the_sites_own_name_or_a_promotion_is_no_headline():
    paragraphs = ["Train drivers at nine rail companies have voted to strike over pay, their "
                  "union said on Tuesday.", "Subscribe to our newsletter for more."]
    candidates = ["The Morning Post", "Subscribe now and get 50% off",
                  "Train drivers vote to strike over pay"]
    assert best_headline(candidates, paragraphs, site="The Morning Post").text == candidates[2]


def test_a_title_too_short_for_a_headline_gives_way_to_the_pages_longer_title():
    candidates = ["Malfunctions", "Russian cargo ship breaks up", "Malfunctions"]
    chosen = best_headline(candidates, PARAGRAPHS, page_titles=candidates[1:2])
    assert chosen.text == "Russian cargo ship breaks up"


def test_a_short_title_stays_when_the_pages_title_says_no_more():
    candidates = ["Hermitian matrix", "Hermitian matrix - Wikipedia"]
    chosen = best_headline(candidates, ["A Hermitian matrix is a complex square matrix."],
                           url="https://en.wikipedia.org/wiki/Hermitian_matrix",
                           page_titles=candidates[1:])
    assert chosen.text == "Hermitian matrix"


def test_chinese_sites_set_their_section_and_name_apart_with_underscores():
    title = "DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶_科技_腾讯网"
    assert clean_headline(title).text == "DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶"
    assert clean_headline("Using __init__ in Python classes").text == (
        "Using __init__ in Python classes")


def test_a_double_hyphen_sets_the_site_apart_as_a_dash_does():
    title = "New court files expose a spy operation against Julian Assange -- Sott.net"
    assert clean_headline(title).text == (
        "New court files expose a spy operation against Julian Assange")


@pytest.mark.parametrize(("title", "expected"), [
    ("Echoes of the Past : The Hotel Syracuse Ghostwalk (photos)",
     "Echoes of the Past - The Hotel Syracuse Ghostwalk"),
    ("Jennifer Lawrence Made An Appearance At The Flop Fest [VIDEO]",
     "Jennifer Lawrence Made An Appearance At The Flop Fest"),
    ("AirAsia plane found in Java Sea: latest", "AirAsia plane found in Java Sea"),
    ("Going Gray: Perfect Wardrobe : Details", "Going Gray: Perfect Wardrobe"),
])
def test_what_kind_of_page_it_is_and_a_spaced_colon_set_apart_are_not_read(title, expected):
    assert clean_headline(title).text == expected


def test_the_authors_names_after_the_headline_are_its_byline():
    title = "2012 map takes unfamiliar shape - Maggie Haberman and Shira Toeplitz - POLITICO.com"
    authors = "Maggie Haberman; Shira Toeplitz"
    assert clean_headline(title, "POLITICO", authors=authors).text == (
        "2012 map takes unfamiliar shape")
    # A part that names someone else stays: it is the headline's own.
    assert clean_headline("Interview - Shira Toeplitz and Ann Lee", authors=authors).text == (
        "Interview - Shira Toeplitz and Ann Lee")


def test_a_columnists_name_before_a_colon_is_a_label():
    authors = "Greg Garber Writer; Reporter Archive"  # ESPN's byline, as the page gives it
    assert clean_headline("Garber: Sharapova, Jankovic ready to duel", authors=authors).text == (
        "Sharapova, Jankovic ready to duel")
    # The story's subject before a colon stays: the author is someone else.
    assert clean_headline("Sharapova: I am ready to duel", authors=authors).text == (
        "Sharapova: I am ready to duel")


def test_the_sites_name_written_as_its_address_is_no_headline():
    candidates = ["How-To Geek", "Amazon Echo vs. Google Home: Which One Should You Buy?"]
    chosen = best_headline(candidates, ["Amazon Echo and Google Home both play music."],
                           url="http://www.howtogeek.com/282568/amazon-echo-vs-google-home/",
                           page_titles=candidates[1:])
    assert chosen.text == candidates[1]


def test_a_headline_taken_for_the_sites_name_is_not_the_sites_name():
    # trafilatura took the <title>'s first part for the site's name; it is the headline.
    headline = "U.S. Stocks Rise to Records, Bonds Gain on ECB Stimulus Optimism"
    candidates = ["Bloomberg", f"{headline} - Bloomberg", headline]
    assert credible_site(headline, candidates) == ""
    assert credible_site("The Verge", ["The Verge", "Apple’s Vision Pro is here"]) == "The Verge"
    chosen = best_headline(candidates, ["U.S. stocks rose to records as bonds gained."],
                           site=credible_site(headline, candidates),
                           url="https://www.bloomberg.com/news/articles/2016-12-06/stocks",
                           page_titles=candidates[1:2])
    assert chosen.text == headline


def test_a_whole_title_taken_for_the_sites_name_gives_the_name_after_the_headline():
    # The Dallas Morning News, 2013 (htmlparser-benchmark): "From Dallas Cowboys QB ..." was read
    headline = "Dallas Cowboys QB Tony Romo will be ready to go on day 1 of training camp"
    candidates = [headline, f"{headline} | Dallasnews.com - News for Dallas, Texas"]
    assert credible_site(candidates[1], candidates) == "Dallasnews.com"
    title = "Latin American Countries Challenge Amazon's Bid for .Amazon Domain"
    assert credible_site(f"{title} | News & Opinion", [title]) == ""  # a section, no name


@pytest.mark.parametrize("label", ["About this author", "Related articles", "More From CNN"])
def test_a_boxs_label_never_stands_in_for_the_headline(label: str) -> None:
    # The article (a paywalled opening) does not use the title's words, so a stand-in is sought.
    title = "The Anglosphere: new enthusiasm for an old dream"
    paragraphs = ["Theresa May’s government is trying to square all sorts of circles, and this "
                  "author thinks it cannot conceal its confusion about the world."]
    assert best_headline([title, label], paragraphs).text == title


@pytest.mark.parametrize(("site", "spoken"), [
    ("Reuters_Co_Uk", "Reuters"), ("Grazia_Live", "Grazia Live"), ("@bbc_news", "bbc news"),
    ("The New York Times", "The New York Times"), ("msnbc.com", "msnbc.com"),
    ("www.cbc.ca", "cbc.ca"), ("www.JPost.com", "JPost.com"),
])
def test_a_handle_taken_for_the_sites_name_is_said_as_a_name(site: str, spoken: str) -> None:
    assert spoken_site(site) == spoken


def test_a_title_escaped_twice_is_read_unescaped() -> None:
    assert clean_headline("Sean Penn &#039;proposes to Charlize Theron&#039;").text == (
        "Sean Penn 'proposes to Charlize Theron'")
    assert clean_headline("AT&T and T-Mobile cut prices").text == "AT&T and T-Mobile cut prices"


def test_a_standfirst_never_stands_in_for_the_headline() -> None:
    candidates = ["How Today's Toys May Be Harming Your Daughter",
                  "Separate toys for girls and boys show that marketing by gender has a "
                  "profound impact on children.",
                  "Russian cargo spaceship breaks up over Siberia after launch"]
    paragraphs = ["Separate toys for girls and boys show that marketing by gender has a "
                  "profound impact on children, and on what they learn to play."]
    assert best_headline(candidates[:2], paragraphs).text == candidates[0]
