from datetime import date

from briefing.model import Article, Sentence, Story
from briefing.script import build_script, opening_line


def story(title: str, source: str, paragraphs: list[int]) -> Story:
    sentences = tuple(Sentence(f"Sentence {i}.", p, i) for i, p in enumerate(paragraphs))
    return Story(Article(title, ("x",), source=source), sentences)


def test_script_runs_intro_stories_with_transitions_then_outro():
    stories = [story("First", "Reuters", [0, 0, 1]), story("Second", "", [0])]
    script = build_script(stories, "The Show", date(2026, 11, 25))
    kinds = [p.kind for p in script.parts]
    assert kinds == ["intro_tone", "opening", "title", "sentence", "sentence", "sentence",
                     "transition", "title", "sentence", "closing", "outro_tone"]
    assert script.parts[2].text == "From Reuters: First."
    assert script.parts[7].text == "Second."
    assert "Wednesday, November 25, 2026" in script.parts[1].text


def test_pauses_are_longer_between_paragraphs_than_sentences():
    script = build_script([story("A", "", [0, 0, 1])], "S", date(2026, 1, 1))
    sentences = [p for p in script.parts if p.kind == "sentence"]
    assert sentences[0].pause_after_ms < sentences[1].pause_after_ms


def test_opening_counts_stories():
    assert opening_line("S", date(2026, 1, 1), 1).endswith("One story.")
    assert opening_line("S", date(2026, 1, 1), 3).endswith("3 stories.")


def test_a_question_title_keeps_its_mark():
    script = build_script([story("Who pays?", "AP", [0]), story("Stop!", "", [0])], "S",
                          date(2026, 1, 1))
    titles = [p.text for p in script.parts if p.kind == "title"]
    assert titles == ["From AP: Who pays?", "Stop!"]


def test_an_opinion_piece_is_announced_as_one():
    from dataclasses import replace

    from briefing.script import phrases_for, title_line

    piece = story("Republicans Are Giving Up", "The Times", [0])
    piece = replace(piece, article=replace(piece.article, genre="opinion"))
    assert title_line(piece) == "An opinion piece from The Times: Republicans Are Giving Up."
    unsourced = replace(piece, article=replace(piece.article, source=""))
    assert title_line(unsourced) == "An opinion piece: Republicans Are Giving Up."
    assert title_line(piece, phrases_for("de")).startswith("Ein Kommentar von The Times")


def said(title: str, source: str, *texts: str, language: str = "en") -> Story:
    sentences = tuple(Sentence(text, 0, i) for i, text in enumerate(texts))
    return Story(Article(title, texts, source=source, language=language), sentences)


def test_a_piece_whose_writer_speaks_as_i_is_announced_as_first_person():
    from briefing.script import phrases_for, title_line

    verge = said("Vision Pro is the Retina moment", "The Verge",
                 "Apple's headset goes on sale in March.",
                 "I still remember using the iPhone 4 for the first time in 2010.")
    assert title_line(verge) == ("A first-person piece from The Verge: "
                                 "Vision Pro is the Retina moment.")
    essay = said("Was ich gelernt habe", "", "Ich habe zehn Jahre in Berlin gelebt.",
                 language="de")
    assert title_line(essay, phrases_for("de")) == "Ein persönlicher Bericht: Was ich gelernt habe."


def test_an_i_inside_a_quotation_or_a_name_leaves_the_title_as_it_is():
    from briefing.script import phrases_for, title_line

    quoted = said("Oz hits back", "AP", '"I have never judged GMO foods," he said.',
                  '"It is ironic that I am being accused.',
                  'I will not stop," he added.',
                  "He fought in World War I and later became a doctor.",
                  "The phase I trial of the drug ended after World War I's centenary.",
                  "The mine collapsed, and a film, Call Me by Your Name, was shown there.",
                  "The I Am Sam actor is said to have proposed.",
                  "At its annual I/O conference, Google showed its new maps.")
    assert title_line(quoted) == "From AP: Oz hits back."
    quoted_abroad = said("Le ministre se défend", "Le Monde",
                         "« Je ne suis pas coupable », a déclaré le ministre.",
                         "Me Dupont, son avocat, a plaidé la relaxe.", language="fr")
    assert title_line(quoted_abroad, phrases_for("fr")) == "De Le Monde : Le ministre se défend."
