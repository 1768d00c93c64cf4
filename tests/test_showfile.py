from pathlib import Path

import pytest
from PIL import Image

from briefing.config import Settings
from briefing.errors import BriefingError
from briefing.showfile import load_show_config, parse_daily_time, write_show_template


def test_template_loads_with_defaults(tmp_path: Path):
    path = tmp_path / "show.toml"
    write_show_template(path)
    config = load_show_config(path)
    assert config.show.title == "News Briefing" and config.show.explicit is False
    assert config.voice == "" and config.correspondents is None  # the default cast
    assert config.minutes == 3.5 and config.keep == 30
    assert config.out_dir == (tmp_path / "out").resolve()
    assert config.sources == ()


def test_template_is_never_overwritten(tmp_path: Path):
    path = tmp_path / "show.toml"
    path.write_text("mine")
    with pytest.raises(BriefingError, match="already exists"):
        write_show_template(path)
    assert path.read_text() == "mine"


def test_template_into_a_missing_folder_is_one_error_and_leaves_nothing(tmp_path: Path):
    with pytest.raises(BriefingError, match="cannot write .*show.toml"):
        write_show_template(tmp_path / "missing" / "show.toml")
    assert list(tmp_path.iterdir()) == []


def test_template_leaves_no_temporary_file_and_is_readable(tmp_path: Path):
    path = tmp_path / "show.toml"
    write_show_template(path)
    assert [p.name for p in tmp_path.iterdir()] == ["show.toml"]
    assert path.stat().st_mode & 0o777 == 0o644


def test_config_feeds_settings_and_cli_overrides_win(tmp_path: Path):
    path = tmp_path / "show.toml"
    path.write_text('[show]\ntitle = "Morning"\n[briefing]\nvoice = "espeak"\nminutes = 2\n')
    settings = load_show_config(path).settings(minutes=5.0, voice=None)
    assert settings.show == "Morning" and settings.voice == "espeak" and settings.minutes == 5.0
    assert settings.pronunciations is None
    assert settings.language == "en"  # the show's language is the briefing's


def test_a_shows_voices_table_names_the_anchor_and_the_correspondents(tmp_path: Path):
    path = tmp_path / "show.toml"
    path.write_text('[voices]\nanchor = "espeak"\ncorrespondents = ["flite", "festival"]\n')
    settings = load_show_config(path).settings()
    assert settings.voice == "espeak" and settings.correspondents == ("flite", "festival")
    assert load_show_config(path).settings(correspondents=()).correspondents == ()
    path.write_text('[voices]\ncorrespondents = []\n')
    assert load_show_config(path).settings().correspondents == ()  # the anchor reads it all


def test_a_shows_language_is_the_briefings(tmp_path: Path):
    path = tmp_path / "show.toml"
    path.write_text('[show]\nlanguage = "pt-BR"\n[briefing]\nlanguages = ["es", "en"]\n')
    assert load_show_config(path).settings().language == "pt-BR"
    assert load_show_config(path).settings().languages == ("es", "en")
    assert load_show_config(path).settings(language="en").language == "en"
    path.write_text('[briefing]\nlanguages = "pt"\n')
    with pytest.raises(BriefingError, match="languages must be a list of language codes"):
        load_show_config(path)
    path.write_text('[briefing]\nlanguages = ["portuguese!"]\n')
    with pytest.raises(BriefingError, match="\\[briefing\\] languages 'portuguese!' is not"):
        load_show_config(path)


def test_a_shows_pronunciations_file_is_found_beside_it(tmp_path: Path):
    path = tmp_path / "show.toml"
    path.write_text('[briefing]\npronunciations = "names.toml"\n')
    with pytest.raises(BriefingError, match="names.toml: no such pronunciations file"):
        load_show_config(path)  # found missing before anything is fetched
    (tmp_path / "names.toml").write_text('"Qasem" = "Kah-sem"\n', encoding="utf-8")
    settings = load_show_config(path).settings()
    assert settings.pronunciations == (tmp_path / "names.toml").resolve()


@pytest.mark.parametrize(("text", "message"), [
    ("[show]\ntitel = 'x'\n", "unknown key \\[show\\] titel"),
    ("[briefing]\nminutes = 'long'\n", "\\[briefing\\] minutes must be a number, not 'long'"),
    ("[briefing]\nminutes = true\n", "minutes must be a number, not True"),
    ("[briefing]\nminutes = 500\n", "\\[briefing\\] minutes must be more than 0 and at most 180"),
    ("[briefing]\nmax_stories = 2.5\n", "max_stories must be a whole number, not 2.5"),
    ("[briefing]\nout = 5\n", "\\[briefing\\] out must be a string in quotes, not 5"),
    ("[briefing]\nkeep = 0\n", "\\[briefing\\] keep = 0: it must be at least 1"),
    ("[briefing]\nmax_stories = 0\n", "\\[briefing\\] max_stories = 0: it must be at least 1"),
    ("[briefing]\nat = '25:00'\n", "not HH:MM"),
    ("[show\n", "not a valid TOML"),
    ("[show]\nexplicit = 'no'\n", "explicit must be true or false \\(no quotes\\), not 'no'"),
    ("[show]\ntitle = 5\n", "title must be a string in quotes, not 5"),
    ("[show]\nlanguage = 'english'\n", "language 'english' is not a language code"),
    ("[briefing]\nsources = 'https://example.org/rss'\n", "sources must be a list of strings"),
    ("[briefing]\nsources = [1, 2]\n", "sources must be a list of strings"),
    ("[show]\nbase_url = ''\n", "base_url '' is not the http\\(s\\) address"),
    ("briefing = 3\n", "briefing must be a \\[briefing\\] table, not 3"),
    ("show = 'x'\n", "show must be a \\[show\\] table, not 'x'"),
    ("[voices]\nanchor = 'nobody'\n", "\\[voices\\] anchor: unknown voice 'nobody'"),
    ("[briefing]\nvoice = 'nobody'\n", "\\[briefing\\] voice: unknown voice 'nobody'"),
    ("[voices]\ncorrespondents = 'flite'\n", "correspondents a list of them"),
    ("[voices]\ncorrespondents = ['flite', 'nobody']\n",
     "\\[voices\\] correspondents: unknown voice 'nobody'"),
    ("[voices]\nanchor = 'espeak'\n[briefing]\nvoice = 'flite'\n", "not both"),
    ("[voices]\nanchors = 'espeak'\n", "unknown key \\[voices\\] anchors"),
    ("[show]\nbase_url = 'ftp://example.org/'\n", "base_url 'ftp://example.org/' is not"),
    ("[show]\nbase_url = 'not a url'\n", "base_url 'not a url' is not"),
    ("[show]\nbase_url = 'http://[oops/'\n", "base_url 'http://\\[oops/' is not"),
])
def test_bad_config_is_one_clear_error(tmp_path: Path, text: str, message: str):
    path = tmp_path / "show.toml"
    path.write_text(text)
    with pytest.raises(BriefingError, match=message):
        load_show_config(path)


def test_minutes_must_be_positive():
    with pytest.raises(BriefingError, match="more than 0"):
        Settings(minutes=0)


def test_daily_time():
    assert parse_daily_time("06:30") == (6, 30)
    with pytest.raises(BriefingError):
        parse_daily_time("6.30")


@pytest.mark.parametrize("image", ["cover.jpeg", "cover.JPG", "cover.gif"])
def test_a_cover_podcast_apps_would_not_take_is_refused(tmp_path: Path, image: str):
    path = tmp_path / "show.toml"
    path.write_text(f'[show]\nimage = "{image}"\n')
    with pytest.raises(BriefingError, match="must be a .jpg or .png"):
        load_show_config(path)


def test_a_category_apple_does_not_know_is_refused(tmp_path: Path):
    path = tmp_path / "show.toml"
    path.write_text('[show]\ncategory = "Nws"\n')
    with pytest.raises(BriefingError, match="category 'Nws' is not one of Apple's"):
        load_show_config(path)
    path.write_text('[show]\ncategory = "News/Daily News"\n')
    assert load_show_config(path).show.category == "News/Daily News"
    path.write_text('[show]\ncategory = "News/Bogus"\n')
    with pytest.raises(BriefingError, match="'Bogus' is not one of Apple's subcategories of News"
                                            " \\(Business News, Daily News"):
        load_show_config(path)
    path.write_text('[show]\ncategory = "Technology/Gadgets"\n')
    with pytest.raises(BriefingError, match="subcategories of Technology \\(none\\)"):
        load_show_config(path)


@pytest.mark.parametrize("language", ["en", "en-GB", "pt_BR", "de"])
def test_a_language_code_with_or_without_its_region_is_taken(tmp_path: Path, language: str):
    path = tmp_path / "show.toml"
    path.write_text(f'[show]\nlanguage = "{language}"\n')
    assert load_show_config(path).show.language == language


def test_a_shows_image_is_checked_when_the_config_is_read(tmp_path: Path):
    path = tmp_path / "show.toml"
    path.write_text('[show]\nimage = "art.png"\n\n[briefing]\nout = "out"\n')
    with pytest.raises(BriefingError, match="image 'art.png' is not in"):
        load_show_config(path)
    (tmp_path / "out").mkdir()
    Image.new("RGB", (800, 800)).save(tmp_path / "out" / "art.png")
    with pytest.raises(BriefingError, match="art.png will not be taken by podcast apps"):
        load_show_config(path)
    Image.new("RGB", (1400, 1400)).save(tmp_path / "out" / "art.png")
    assert load_show_config(path).show.image == "art.png"


def test_a_show_without_a_base_url_is_served_where_briefing_serve_serves_it(tmp_path: Path):
    path = tmp_path / "show.toml"
    path.write_text('[show]\ntitle = "Mine"\n')
    assert load_show_config(path).show.base_url == "http://localhost:8000/"
