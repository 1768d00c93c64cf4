"""Documents to articles: text, HTML, and a feed's summary when its page cannot be had."""

from __future__ import annotations

import pytest

from briefing.article import from_summary
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
