"""The pipeline's own decisions: sharing time between stories, no story repeating another,
and feeds and pages from a real local HTTP server made into one briefing."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import Reply

from briefing import fitting, pipeline, plans
from briefing import voicing as voicing_module
from briefing.config import Settings
from briefing.errors import BriefingError
from briefing.model import Article, Story
from briefing.music import Music
from briefing.summary import word_count
from briefing.voicing import Cast, Voicing
from tests.helpers import DATA

SHARED = ("The agreement was signed in Geneva on Tuesday after three weeks of talks between "
          "the two delegations.")


def article(title: str, *paragraphs: str) -> Article:
    return Article(title, paragraphs)


def test_lead_story_gets_more_time_than_later_ones():
    budgets = fitting.share_budget([1000.0, 1000.0, 1000.0], 90)
    assert budgets[0] > budgets[1] > budgets[2]
    assert sum(budgets) == pytest.approx(90)


def test_a_story_that_fits_whole_leaves_its_time_to_the_others():
    budgets = fitting.share_budget([5.0, 1000.0, 1000.0], 90)
    assert budgets[0] == 5.0
    assert sum(budgets) == pytest.approx(90)


def test_time_a_share_cannot_spend_on_whole_sentences_goes_to_the_least_served_story():
    # The lead story's next sentence (30 words) outgrows its share of the 50 words left after
    # the leads (27.8), and the second story's short sentences leave 33 words unspent: they
    # go to the lead story's finding, not to its lead alone beside a fuller second story.
    finding = ("Air levels of the tobacco byproduct were more than seven times higher in the "
               "nonsmoking guest rooms of hotels that allowed smoking than in the rooms of "
               "hotels that were smoke-free.")
    first = article("Smoke lingers in hotels",
                    "Nonsmoking rooms in hotels that allow smoking are not free of smoke.",
                    finding)
    second = article("Council votes on bridge",
                     "The city council voted on Tuesday to repair the old harbour bridge.",
                     "The repairs will cost four million euros in all.",
                     "Work on the bridge will start in the early spring.",
                     "Ferries will carry commuters across the harbour meanwhile.",
                     "The bridge first opened to traffic in the year 1911.")
    stories = fitting.choose_stories([first, second], 74, lambda article: word_count)
    assert [s.text for s in stories[0].sentences][-1] == finding
    assert sum(word_count(s.text) for story in stories for s in story.sentences) <= 74


def test_a_later_story_never_repeats_what_an_earlier_one_said():
    first = article("Talks end", SHARED, "Officials from both sides praised the outcome of the "
                    "negotiations as a turning point for the region and its economy.")
    second = article("Deal signed", "Markets rose sharply in early trading on Wednesday as "
                     "investors welcomed the news from Switzerland.", SHARED)
    stories = fitting.choose_stories([first, second], 1000, lambda article: word_count)
    spoken = [s.text for story in stories for s in story.sentences]
    assert spoken.count(SHARED) == 1
    assert len(stories) == 2


def test_every_story_gets_at_least_its_best_sentence_when_time_is_short():
    news = ["The river flooded three villages overnight and rescue teams are still searching.",
            "Parliament passed the budget on Friday after a long debate over school funding.",
            "A new vaccine against malaria will be given to children in twelve countries.",
            "The national team won the final in extra time in front of a record crowd."]
    articles = [article(f"Story {n}", text) for n, text in enumerate(news)]
    stories = fitting.choose_stories(articles, 1, lambda article: word_count)
    assert [len(s.sentences) for s in stories] == [1, 1, 1, 1]


def test_every_story_opens_with_its_lead_however_tight_the_time():
    leads = ["Alibaba is set to raise up to 12.9 billion dollars in its Hong Kong listing, the "
             "largest share sale in the city since 2010, according to a filing on Tuesday.",
             "The river flooded three villages overnight and rescue teams are still searching "
             "for two missing fishermen near the coast."]
    sides = ["Its shares rose two percent.", "One New York share will be worth eight here.",
             "Rain is expected again on Sunday.", "Schools in the area stay closed for a week."]
    articles = [article("Alibaba", leads[0], *[f"Analysts said: {t}" for t in sides[:2]]),
                article("Floods", leads[1], *[f"Officials said: {t}" for t in sides[2:]])]
    for seconds in (1, 40, 60, 70, 1000):
        stories = fitting.choose_stories(articles, seconds, lambda article: word_count)
        assert [s.sentences[0].text for s in stories] == leads, seconds


def test_adding_seconds_keeps_every_sentence_said_and_repeats_nothing():
    first = article("Talks end", SHARED, "Officials from both sides praised the outcome of the "
                    "negotiations as a turning point for the region and its economy.",
                    "The next round of talks is planned for the spring in the same city.")
    second = article("Deal signed", "Markets rose sharply in early trading on Wednesday as "
                     "investors welcomed the news from Switzerland.", SHARED)
    cost = lambda article: word_count  # noqa: E731
    short = fitting.choose_stories([first, second], 30, cost)
    grown = fitting.added_to(short, 20, cost)
    for before, after in zip(short, grown, strict=True):
        assert {s.text for s in before.sentences} <= {s.text for s in after.sentences}
    added = sum(len(s.text.split()) for story in grown for s in story.sentences) - sum(
        len(s.text.split()) for story in short for s in story.sentences)
    assert 0 < added <= 20
    spoken = [s.text for story in grown for s in story.sentences]
    assert spoken.count(SHARED) == 1


def test_stories_in_another_language_are_left_out_with_a_reason():
    english = replace(article("Bridge", SHARED), language="en")
    portuguese = replace(article("Metro", "A Metro do Porto anunciou a nova linha."),
                         language="pt")
    kept, left = pipeline.in_language([english, portuguese], "en")
    assert kept == [english]
    assert [(out.article.title, out.for_good) for out in left] == [("Metro", True)]
    assert "Portuguese" in left[0].reason and "English" in left[0].reason
    settings = Settings()
    assert pipeline.programme_language([portuguese, english, english], settings) == "en"
    assert pipeline.programme_language([english], replace(settings, language="pt")) == "pt"
    assert pipeline.programme_language([portuguese], replace(settings, voice="espeak-de")) == "de"


def test_a_story_with_nothing_to_read_is_left_out_and_alone_is_one_line(tmp_path: Path):
    menu = article("Weekly roundup", "Read more about the week in our newsletter.",
                   "Click here to subscribe to the weekly roundup today.",
                   "[Related: Our best stories of the week, chosen by the editors]")
    settings = Settings(voice="espeak", out_dir=tmp_path / "out", cache_dir=None)
    with pytest.raises(BriefingError, match="nothing to read aloud: 'Weekly roundup'"):
        pipeline.make_episode([menu], settings)
    news = article("Bridge", SHARED)
    episode = pipeline.make_episode([menu, news], settings)
    assert [s.article.title for s in episode.stories] == ["Bridge"]
    assert [(out.article.title, out.reason.split(" (")[0]) for out in episode.left_out] == [
        ("Weekly roundup", "nothing in it can be read aloud")]


def test_when_the_leads_alone_outlast_the_promise_the_least_important_stories_go(
        tmp_path: Path, monkeypatch):
    """The voice's pace is guessed ten times too fast, so every story seems to fit; once the
    voice has said them, the least important stories go and the briefing keeps its minutes."""
    monkeypatch.setattr(voicing_module, "calibrated_pace", lambda voice: 150.0)
    bench = json.loads((DATA / "summary" / "bench-subset.json").read_text(encoding="utf-8"))
    articles = [article(f"Story {n}", *[p for p in item["article"].split("\n") if p.strip()])
                for n, item in enumerate(bench["articles"])]
    settings = Settings(minutes=0.75, voice="espeak", out_dir=tmp_path, cache_dir=None)
    episode = pipeline.make_episode(articles, settings)
    assert episode.duration_s <= 45 + fitting.DURATION_PROMISE_S
    assert 1 <= len(episode.stories) < len(articles)
    assert any("no time for its lead" in out.reason for out in episode.left_out)


def serve(server, path: str, name: str, content_type: str) -> str:
    return server.add(path, Reply.file(name, content_type))


def test_feed_and_page_from_the_web_make_one_briefing(http_server, tmp_path: Path,
                                                      monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE", str(tmp_path / "cache"))
    feed = serve(http_server, "/world.xml", "feeds/world-full.xml", "application/rss+xml")
    page = serve(http_server, "/bridge", "pages/night-trains.html", "text/html")
    settings = Settings(minutes=1.5, voice="espeak", out_dir=tmp_path / "out")
    episode, failures = pipeline.generate([feed, page], settings, max_stories=3)
    assert failures == []
    titles = [s.article.title for s in episode.stories]
    assert len(titles) == 3
    assert "Harbour bridge reopens after two-year repair" in titles
    assert episode.duration_s == pytest.approx(90, abs=5)
    chapters = json.loads(episode.mp3_path.with_suffix(".chapters.json").read_text())
    story_chapters = chapters["chapters"][1:-1]
    assert [c["title"] for c in story_chapters] == titles
    from_feed = [s.article for s in episode.stories if s.article.source == "Coastal Times: World"]
    assert from_feed and all(a.url.startswith("https://coastaltimes.example/") for a in from_feed)


def test_a_failing_source_is_reported_and_the_others_still_make_the_briefing(
        http_server, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE", str(tmp_path / "cache"))
    good = serve(http_server, "/ok", "pages/harbour-bridge.html", "text/html")
    missing = http_server.url("/gone")
    settings = Settings(minutes=0.5, voice="espeak", out_dir=tmp_path / "out")
    episode, failures = pipeline.generate([good, missing, str(DATA / "nope.txt")], settings)
    assert len(episode.stories) == 1
    reasons = [f.reason for f in failures]
    assert any("404" in r and "/gone" in r for r in reasons)
    assert any("nope.txt: no such file" in r for r in reasons)


def test_sources_whose_connection_breaks_are_reported_and_the_others_still_brief(
        http_server, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE", str(tmp_path / "cache"))
    good = serve(http_server, "/ok", "pages/harbour-bridge.html", "text/html")
    page = "pages/night-trains.html"
    reset = http_server.add("/reset", Reply.file(page, "text/html", cut_after=300, reset=True))
    cut = http_server.add("/cut", Reply.file(page, "text/html", cut_after=300))
    silent = http_server.add("/silent", Reply.file(page, "text/html", delay_s=60))
    settings = Settings(minutes=0.5, voice="espeak", out_dir=tmp_path / "out")
    started = time.monotonic()
    episode, failures = pipeline.generate([reset, good, cut, silent], settings)
    assert [s.article.title for s in episode.stories] == [
        "Harbour bridge reopens after two-year repair"]
    reasons = sorted(f.reason for f in failures)
    assert len(reasons) == 3 and all("\n" not in r for r in reasons)
    assert "/cut: connection lost mid-page" in reasons[0]
    assert "/reset: connection lost mid-page" in reasons[1]
    assert "/silent: timed out" in reasons[2]
    assert time.monotonic() - started < 60  # every wait is bounded


def test_the_same_story_from_two_places_is_briefed_once(tmp_path: Path):
    text = (DATA / "articles" / "oz-columbia.txt").read_text()
    (tmp_path / "a.txt").write_text(text)
    (tmp_path / "b.txt").write_text("Reposted from the wire\n\n" + text.split("\n", 2)[2])
    articles, failures = pipeline.load_articles([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    assert len(articles) == 1 and failures == []


def test_checking_for_copies_compares_only_stories_that_share_words(tmp_path: Path,
                                                                     monkeypatch):
    # 30 distinct stories (thirds of ten articles): every pair would be 435 comparisons.
    bench = json.loads((DATA / "summary" / "bench-subset.json").read_text())["articles"]
    sources = []
    for number, row in enumerate(bench):
        words = row["article"].split()
        for third in range(3):
            path = tmp_path / f"story-{number}-{third}.txt"
            part = words[third * len(words) // 3:(third + 1) * len(words) // 3]
            path.write_text(f"Story {number} part {third}\n\n{' '.join(part)}\n")
            sources.append(str(path))
    compared = []
    same_story = pipeline.Fingerprint.same_story
    monkeypatch.setattr(pipeline.Fingerprint, "same_story",
                        lambda self, other: compared.append(1) or same_story(self, other))
    articles, _ = pipeline.load_articles(sources, max_stories=30)
    assert len(articles) == 30
    assert len(compared) <= 30  # only stories sharing a five-word run are compared


def test_many_stories_still_fit_the_minutes(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE", str(tmp_path / "cache"))
    bench = json.loads((DATA / "summary" / "bench-subset.json").read_text())["articles"]
    sources = []
    for number, row in enumerate(bench):
        path = tmp_path / f"story-{number}.txt"
        path.write_text(f"Story number {number}\n\n{row['article']}\n")
        sources.append(str(path))
    settings = Settings(minutes=0.75, voice="espeak", out_dir=tmp_path / "out")
    episode, _ = pipeline.generate(sources, settings, max_stories=10)
    assert episode.duration_s <= 45 + 5
    assert 1 <= len(episode.stories) < 10  # not every story fits in 45 seconds


class CountingEngine:
    """The real espeak engine, noting every text it is asked to say."""

    def __init__(self, engine) -> None:
        self.engine, self.name, self.install_hint = engine, engine.name, engine.install_hint
        self.said: list[str] = []

    def available(self) -> bool:
        return self.engine.available()

    def synthesize(self, text, voice):
        self.said.append(text)
        return self.engine.synthesize(text, voice)


@pytest.fixture
def counting(monkeypatch) -> list[CountingEngine]:
    """Every engine the pipeline asks for, wrapped to note what it is asked to say."""
    engines: list[CountingEngine] = []
    real = voicing_module.require_engine
    monkeypatch.setattr(voicing_module, "require_engine",
                        lambda name: engines.append(CountingEngine(real(name))) or engines[-1])
    return engines


def test_length_fitting_wastes_no_synthesis_and_lands_on_the_minutes(tmp_path: Path,
                                                                       counting):
    articles = [str(p) for p in sorted((DATA / "articles").glob("*.txt"))]
    settings = Settings(minutes=1.5, voice="espeak", out_dir=tmp_path, cache_dir=None)
    episode, _ = pipeline.generate(articles, settings)
    assert episode.duration_s == pytest.approx(90, abs=5)
    aired = sum(len(s.part.text) for s in episode.segments if s.part.text)
    said = sum(len(text) for engine in counting for text in engine.said)
    # Normalised text is a little longer than written text; re-chosen sentences would add more.
    assert said <= 1.15 * aired
    texts = [text for engine in counting for text in engine.said]
    assert len(texts) == len(set(texts))  # nothing said twice, even with no cache on disk


def test_a_voicing_says_each_text_once_even_without_a_cache(counting):
    voicing = Voicing.for_settings(Settings(voice="espeak", cache_dir=None))
    first = voicing.speak(["One sentence.", "Two sentences."])
    again = voicing.speak(["Two sentences.", "Three sentences.", "One sentence."])
    assert len(counting[0].said) == 3  # three texts, each said once
    assert again[0] is first[1] and again[2] is first[0]
    assert voicing.speech_seconds("Three sentences.") == len(again[1]) / 1000


def test_pauses_after_sentences_stretch_a_little_to_land_on_the_minutes():
    from briefing.model import Part, Script

    parts = (Part("opening", "Hello.", pause_after_ms=800),
             *[Part("sentence", f"Sentence {n}.", 0, 700) for n in range(10)])
    take = fitting.Take([], Script(parts, "t"), None, [], over_s=2.1)
    assert fitting.pause_scale_to_fit(take) == pytest.approx(0.7)  # 7 s of pauses, 2.1 less
    assert fitting.pause_scale_to_fit(replace(take, over_s=-1.4)) == pytest.approx(1.2)
    assert fitting.pause_scale_to_fit(replace(take, over_s=6.0)) == fitting.MIN_PAUSE_SCALE
    assert fitting.pause_scale_to_fit(replace(take, over_s=-9.0)) == fitting.MAX_PAUSE_SCALE


def test_the_engine_hears_the_respelling_and_the_transcript_keeps_the_name(tmp_path: Path,
                                                                             counting):
    article = tmp_path / "talks.txt"
    article.write_text("Talks resume in Doha\n\nGeneral Qasem Haddad met Mayor Nguyen on "
                       "Monday. The two men agreed to meet again in June.\n", encoding="utf-8")
    mine = tmp_path / "names.toml"
    mine.write_text('"Nguyen" = "Win"\n', encoding="utf-8")
    settings = Settings(minutes=0.5, voice="espeak", out_dir=tmp_path / "out", cache_dir=None,
                        pronunciations=mine)
    episode, _ = pipeline.generate([str(article)], settings)
    said = " ".join(text for engine in counting for text in engine.said)
    assert "General Kah-sem Haddad met Mayor Win" in said  # bundled, then the user's
    assert "Qasem" not in said and "Nguyen" not in said
    transcript = episode.transcript_path.read_text(encoding="utf-8")
    assert "General Qasem Haddad met Mayor Nguyen" in transcript


@pytest.mark.parametrize("voice", ["festival", "flite", "piper"])
def test_every_offline_voice_lands_on_the_minutes(voice: str, tmp_path: Path):
    # Each voice's pace differs (and the sizing learns it as it speaks): the promise holds.
    articles = [str(p) for p in sorted((DATA / "articles").glob("*.txt"))]
    settings = Settings(minutes=1.0, voice=voice, out_dir=tmp_path, cache_dir=None)
    episode, _ = pipeline.generate(articles, settings)
    assert episode.duration_s == pytest.approx(60, abs=5)
    assert len(episode.stories) == 2


def test_a_rerun_replays_the_plan_without_fitting_again(tmp_path: Path, monkeypatch):
    articles = [str(p) for p in sorted((DATA / "articles").glob("*.txt"))]
    settings = Settings(minutes=1.0, voice="espeak", out_dir=tmp_path / "out",
                        cache_dir=tmp_path / "cache")
    first, _ = pipeline.generate(articles, settings)
    [plan] = (tmp_path / "cache" / "plans").glob("*.json")

    def no_fitting(*args, **kwargs):
        raise AssertionError("a re-run fitted again")

    monkeypatch.setattr(plans, "fit_to_length", no_fitting)
    again, _ = pipeline.generate(articles, settings)
    assert again.duration_s == first.duration_s
    assert [s.article.title for s in again.stories] == [s.article.title for s in first.stories]
    assert [s.sentences for s in again.stories] == [s.sentences for s in first.stories]

    monkeypatch.undo()
    for damaged in ("{damaged", '{"stories": [[-1, [0]]], "pause_scale": 1, "over_s": 0}',
                    '{"stories": [[0, [0]]], "pause_scale": 1, "over_s": "long"}'):
        plan.write_text(damaged, encoding="utf-8")  # a damaged plan is fitted again
        fitted, _ = pipeline.generate(articles, settings)
        assert fitted.duration_s == first.duration_s
        assert json.loads(plan.read_text(encoding="utf-8"))["stories"][0][0] == 0


def test_a_new_pronunciation_is_not_served_from_the_mastered_cache(tmp_path: Path):
    from briefing.model import Part, Script

    mine = tmp_path / "names.toml"
    mine.write_text('"Haddad" = "Ha-dad"\n', encoding="utf-8")
    script = Script((Part("sentence", "General Haddad spoke.", 0, 700),), "t")
    stories = [Story(article("Haddad", "General Haddad spoke."), ())]
    keys = {pipeline.programme_key(script, stories, Cast(Voicing.for_settings(settings)),
                                   settings)
            for settings in (Settings(voice="espeak", cache_dir=tmp_path),
                             Settings(voice="espeak", cache_dir=tmp_path, pronunciations=mine))}
    assert len(keys) == 2


def test_a_plan_is_for_its_articles_and_settings_only(tmp_path: Path):
    articles = [str(p) for p in sorted((DATA / "articles").glob("*.txt"))]
    cache = tmp_path / "cache"
    for minutes, sources in ((1.0, articles), (0.75, articles), (1.0, articles[:1])):
        settings = Settings(minutes=minutes, voice="espeak", out_dir=tmp_path / "out",
                            cache_dir=cache)
        episode, _ = pipeline.generate(sources, settings)
        assert episode.duration_s == pytest.approx(minutes * 60, abs=5) or len(sources) == 1
    assert len(list((cache / "plans").glob("*.json"))) == 3


def test_a_plan_keeps_sentences_as_chosen_without_their_dateline(tmp_path: Path, monkeypatch):
    article = tmp_path / "vote.txt"
    article.write_text("Senate passes the budget\n\nWASHINGTON (Reuters) - The Senate passed the "
                       "budget late on Tuesday after a long night of votes. The House is "
                       "expected to take up the bill next week.\n", encoding="utf-8")
    settings = Settings(minutes=0.5, voice="espeak", out_dir=tmp_path / "out",
                        cache_dir=tmp_path / "cache")
    first, _ = pipeline.generate([str(article)], settings)
    assert first.stories[0].sentences[0].text.startswith("The Senate passed")
    monkeypatch.setattr(plans, "fit_to_length", None)  # a re-run must not fit again
    again, _ = pipeline.generate([str(article)], settings)
    assert again.stories[0].sentences == first.stories[0].sentences
    assert again.duration_s == first.duration_s


def test_the_voice_loads_while_the_sources_are_read(tmp_path: Path, monkeypatch):
    from briefing.engines import piper

    piper.PiperEngine().release()
    read = pipeline.load_articles
    loaded_while_reading = []

    def slow_reading(*args, **kwargs):
        deadline = time.monotonic() + 30
        while not piper.loaded_model.cache_info().currsize and time.monotonic() < deadline:
            time.sleep(0.05)
        loaded_while_reading.append(piper.loaded_model.cache_info().currsize == 1)
        return read(*args, **kwargs)

    monkeypatch.setattr(pipeline, "load_articles", slow_reading)
    settings = Settings(minutes=0.6, voice="piper", out_dir=tmp_path, cache_dir=None)
    episode, _ = pipeline.generate([str(DATA / "articles" / "oz-columbia.txt")], settings)
    assert loaded_while_reading == [True]
    assert episode.mp3_path.is_file()


def test_a_voice_that_cannot_warm_up_is_left_for_the_run_to_report():
    pipeline.warm_voice(Settings(voice="no-such-voice"))  # nothing raised in the background


def test_an_article_of_one_run_on_sentence_still_lands_on_the_minutes(tmp_path: Path):
    # A page copied without its full stops: one 'sentence' longer than the whole briefing.
    words = (DATA / "articles" / "oz-columbia.txt").read_text(encoding="utf-8").split("\n\n", 1)
    run_on = " ".join(words[1].replace(".", ",").split())
    source = tmp_path / "run-on.txt"
    source.write_text(f"{words[0]}\n\n{run_on}\n", encoding="utf-8")
    settings = Settings(minutes=0.75, voice="espeak", out_dir=tmp_path / "out", cache_dir=None)
    episode, _ = pipeline.generate([str(source)], settings)
    assert episode.duration_s == pytest.approx(45, abs=5)


def test_ctrl_c_while_the_files_are_renamed_waits_until_all_are_new(tmp_path: Path,
                                                                    monkeypatch):
    import os
    import signal

    from briefing import episode as files
    from briefing.errors import Interrupted

    settings = Settings(minutes=0.5, voice="espeak", out_dir=tmp_path, cache_dir=None)
    sources = [str(DATA / "articles" / "oz-columbia.txt")]
    first, _ = pipeline.generate(sources, settings)
    old_transcript = first.transcript_path.read_text(encoding="utf-8")
    handler = signal.getsignal(signal.SIGINT)
    real_tag = files.tag

    def tag_then_ctrl_c(*args, **kwargs):
        real_tag(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGINT)  # between writing the files and renaming them

    monkeypatch.setattr(files, "tag", tag_then_ctrl_c)
    with pytest.raises(Interrupted, match="the episode's files were written whole"):
        pipeline.generate(sources, replace(settings, minutes=1))
    assert first.transcript_path.read_text(encoding="utf-8") != old_transcript  # all new
    vtt_end = first.mp3_path.with_suffix(".vtt").read_text().rsplit(" --> ", 1)[1][:12]
    h, m, s = vtt_end.split(":")
    assert 55 < int(h) * 3600 + int(m) * 60 + float(s) < 65  # the new, 1-minute captions
    assert not list(tmp_path.glob(".*.part"))
    assert signal.getsignal(signal.SIGINT) is handler  # put back as it was


def test_minutes_too_short_for_even_one_sentence_is_one_line(tmp_path: Path):
    settings = Settings(minutes=0.1, voice="espeak", out_dir=tmp_path, cache_dir=None)
    with pytest.raises(BriefingError, match="0.1 minutes is too short: the opening, the lead "
                                            "story's title and first sentence and the closing "
                                            "take about 0:\\d\\d with espeak; ask for "
                                            "(1 minute|[\\d.]+ minutes) or more"):
        pipeline.generate([str(DATA / "articles" / "oz-columbia.txt")], settings)
    assert not list(tmp_path.iterdir())  # nothing written


def test_a_short_take_keeps_what_it_said_and_fills_the_seconds_it_lacks():
    # Rounds that re-choose whole stories can jump over the target when sentences are long
    # (four Wikipedia and news pages landed 12 s short): the top-up adds to the short take.
    articles, _ = pipeline.load_articles(
        [str(p) for p in sorted((DATA / "articles").glob("*.txt"))][:2])
    settings = Settings(minutes=1.5, voice="espeak", cache_dir=None)
    cast = Cast.for_settings(settings, "en", articles)
    stories = fitting.choose_stories(articles, 30, cast.cost_for)
    short = fitting.record(stories, settings, cast, fitting.Silent(), Music())
    assert short.over_s < -fitting.DURATION_PROMISE_S
    filled = fitting.topped_up(short, settings, cast, fitting.Silent(), Music())
    assert abs(filled.over_s) < abs(short.over_s) / 2  # the pauses then take the rest
    kept = {s.text for story in filled.stories for s in story.sentences}
    assert {s.text for story in short.stories for s in story.sentences} <= kept


def test_a_story_left_out_of_one_minute_says_minute():
    lead = ("The river flooded three villages overnight and rescue teams are still searching "
            "for two missing fishermen near the coast, officials said on Tuesday morning.")
    story = article("Floods", lead)
    [line] = pipeline.not_aired([story], [], Settings(minutes=1))
    assert line.reason == "no time for its lead in 1 minute"


def test_a_story_in_another_language_gives_its_place_to_the_next_newest(http_server):
    porto = (DATA / "articles" / "porto-metro-pt.txt").read_text(encoding="utf-8")
    pages = {"porto": Reply(body=porto.encode(), content_type="text/plain; charset=utf-8")}
    for name in ("harbour-bridge", "night-trains", "school-meals", "cafe-prices-cp1252"):
        pages[name] = Reply.file(f"pages/{name}.html", "text/html")
    items = "".join(
        f"<item><title>{name}</title><link>{http_server.add(f'/pages/{name}', reply)}</link>"
        f"<pubDate>Mon, 06 May 2024 {12 - hour:02d}:00:00 GMT</pubDate></item>"
        for hour, (name, reply) in enumerate(pages.items()))
    feed = http_server.add("/feed", Reply(body=f'<rss version="2.0"><channel><title>News'
                                               f'</title>{items}</channel></rss>'.encode(),
                                          content_type="application/rss+xml"))
    settings = Settings(language="en")
    articles, failures = pipeline.load_articles([feed], max_stories=3,
                                                readable=pipeline.readable_by(settings))
    assert failures == []
    assert [a.language for a in articles] == ["pt", "en", "en", "en"]
    read, left_out, _ = pipeline.stories_to_read(articles, settings)
    assert len(read) == 3 and [x.reason for x in left_out] == [
        "it is in Portuguese; the briefing is in English"]
    fetched = [r.path for r in http_server.requests if r.path.startswith("/pages/")]
    assert fetched == ["/pages/porto", "/pages/harbour-bridge", "/pages/night-trains",
                       "/pages/school-meals"]  # the fourth English story is not needed
    unread, _ = pipeline.load_articles([feed], max_stories=3)
    assert len(unread) == 3  # without a language to read, the newest three as they come
