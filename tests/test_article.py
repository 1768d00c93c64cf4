"""Documents to articles: text, HTML, and a feed's summary when its page cannot be had."""

from __future__ import annotations

import pytest

from briefing.article import from_summary, to_article
from briefing.model import Document


@pytest.mark.parametrize(("title", "summary", "language"), [
    ("Steuern bleiben gleich", "Die Regierung hat am Dienstag beschlossen, dass die Steuern "
     "nicht erhöht werden und die Bürger mehr Geld behalten.", "de"),
    ("Taxes stay", "The government said on Tuesday that taxes will not rise this year.", "en"),
])
def test_a_feed_summary_keeps_the_language_it_is_written_in(title: str, summary: str,
                                                          language: str):
    entry = Document(text=f"<p>{summary}</p>", origin="feed#entry-1", kind="html", title=title,
                     from_feed=True)
    article = from_summary(entry)
    assert article.language == language and article.paragraphs == (summary,)


def test_mojibake_in_a_text_is_mended_and_sound_text_is_left_alone():
    broken = Document(text="Deal worth Â£1bn agreed\n\nThe firm said the Â£1bn deal with SÃ£o "
                           "Paulo partners would close next year, creating 200 jobs in the city.",
                      origin="deal.txt")
    article = to_article(broken)
    assert article.title == "Deal worth £1bn agreed"
    assert article.paragraphs[-1].startswith("The firm said the £1bn deal with São Paulo")
    sound = Document(text="Café prices rise\n\nThe price of an espresso in the city’s cafés "
                          "rose to 2,40 € on average this spring, the consumer office said.",
                     origin="cafe.txt")
    assert to_article(sound).paragraphs[-1].startswith("The price of an espresso in the city’s")
