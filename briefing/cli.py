"""The `briefing` command line: parse options, call the library, print. Nothing else."""

from __future__ import annotations

import signal
import sys


def interrupted(signum: int, frame: object) -> None:
    """Ctrl-C: one line, exit 130. SystemExit still runs every `finally`, so temporary files
    are removed and nothing half-written is published."""
    sys.stderr.write("briefing: error: interrupted; nothing was published\n")
    raise SystemExit(130)


# Installed before the heavy imports below, which take a second: Ctrl-C during them too.
signal.signal(signal.SIGINT, interrupted)

import json
import math
import os
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import click

from briefing import daily, pipeline
from briefing import schedule as schedules
from briefing.calibrate import calibrate, write_sample
from briefing.config import Settings
from briefing.engines import ENGINES, get_engine
from briefing.engines.base import prepare
from briefing.errors import BriefingError, Interrupted
from briefing.fitting import planned_selections, select_words
from briefing.fleet import EditionOutcome, run_fleet
from briefing.fleetfile import load_fleet
from briefing.languages import is_language_code, parse_languages
from briefing.model import Article, Episode, Story
from briefing.sentences import article_sentences
from briefing.serve import serve as serve_directory
from briefing.showfile import load_show_config, write_show_template
from briefing.summary import Selection
from briefing.voices import list_voices, load_voice
from briefing.voicing import Cast

EXIT_BAD_INPUT = 2
EXIT_SOME_SOURCES_FAILED = 3
EXIT_INTERRUPTED = 130  # as a shell reports Ctrl-C


class TerminalProgress:
    """Stage names and a synthesis bar on stderr, only when a person is watching."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def stage(self, name: str) -> None:
        if self.enabled:
            click.echo(f"\r\033[K• {name}", err=True)

    def spoken(self, done: int, total: int) -> None:
        if self.enabled:
            filled = 30 * done // max(total, 1)
            bar = "#" * filled + "-" * (30 - filled)
            end = "\n" if done == total else ""
            click.echo(f"\r  speaking [{bar}] {done}/{total}", err=True, nl=False)
            if end:
                click.echo("", err=True)


class LogProgress:
    """For unattended runs: one line per stage with the time it started."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.started = time.monotonic()

    def stage(self, name: str) -> None:
        if self.enabled:
            click.echo(f"[{time.monotonic() - self.started:7.1f} s] {name}", err=True)

    def spoken(self, done: int, total: int) -> None:
        pass


def fail(message: str, code: int = EXIT_BAD_INPUT) -> None:
    click.echo(f"briefing: error: {message}", err=True)
    sys.exit(code)


def finite(value: float, param: click.Parameter) -> float:
    if not math.isfinite(value):  # FloatRange lets nan and inf through
        raise click.BadParameter(f"{value} is not a number of seconds", param=param)
    return value


def report_failures(failures: list[pipeline.Failure]) -> None:
    for failure in failures:
        if failure.skipped:
            click.echo(f"briefing: skipped {failure.reason}", err=True)
        else:
            click.echo(f"briefing: {failure.reason} (the summary is read instead)", err=True)


LANG_HELP = ("The briefing's language, e.g. en, de, es (default: the voice's, else the one "
             "most stories are in); stories in others are left out. en,pt also reads stories "
             "in Portuguese, each with a voice that speaks it.")


def language_settings(value: str) -> dict:
    """--lang en,pt -> the briefing's language and the others it reads."""
    codes = parse_languages(value)
    wrong = [code for code in value.split(",") if code.strip() and not is_language_code(code)]
    if wrong:
        fail(f"--lang {wrong[0].strip()!r} is not a language code (e.g. en, pt, de-AT)")
    return {"language": codes[0] if codes else "", **({"languages": codes[1:]} if codes[1:]
                                                       else {})}


def voice_options(command: Callable) -> Callable:
    """--voice (or --anchor) and --correspondents, for the commands that read or size."""
    command = click.option(
        "--correspondents", default=None, metavar="NAME[,NAME]",
        help="Voices that read the stories in turn while the --voice anchors; `none`: the "
             "anchor reads everything (default: kokoro-michael with the default voice).")(command)
    return click.option(
        "--voice", "--anchor", "voice", default="",
        help="The voice from `briefing voices` that reads the briefing, or anchors it with "
             "--correspondents (default: kokoro, else piper, for English).")(command)


def correspondent_settings(value: str | None) -> dict:
    """--correspondents a,b -> the names; `none` -> the anchor reads everything."""
    if value is None:
        return {}
    names = tuple(name.strip() for name in value.split(",") if name.strip())
    return {"correspondents": () if names in ((), ("none",)) else names}


def report_left_out(episode: Episode | None) -> None:
    for left in episode.left_out if episode else ():
        click.echo(f"briefing: left out {left.article.title!r}: {left.reason}", err=True)


def articles_or_fail(sources: tuple[str, ...], max_stories: int,
                     settings: Settings | None = None
                     ) -> tuple[list[Article], list[pipeline.Failure]]:
    """The sources' articles, each source that gave none reported; none at all: exit 2. With
    settings, a story in a language the briefing does not read gives its place to the next."""
    articles, failures = pipeline.load_articles(
        list(sources), max_stories=max_stories,
        readable=pipeline.readable_by(settings) if settings else None)
    if not articles:
        fail("; ".join(f.reason for f in failures) or "no article in the sources given")
    report_failures(failures)
    return articles, failures


def exit_if_some_failed(failures: list[pipeline.Failure]) -> None:
    """Exit 3 when some sources gave nothing (what the others gave is out already)."""
    if failures:
        sys.exit(EXIT_SOME_SOURCES_FAILED)


def generate_for_show(config_path: Path, sources: list[str], options: dict,
                      progress: TerminalProgress, max_stories: int | None
                      ) -> tuple[Episode, list[pipeline.Failure]]:
    """generate --config: the show's settings, with the options given on the command line."""
    config = load_show_config(config_path)
    given = {k: v for k, v in options.items() if v is not None and v != "" and v is not False}
    result = daily.generate_for_show(config, sources, config.settings(**given), progress,
                                     max_stories or config.max_stories)
    return result.made, result.failures


class BriefingGroup(click.Group):
    """Turns BriefingError anywhere below, and a mistyped option, into one line on stderr and
    exit status 2."""

    def make_context(self, info_name, args, parent=None, **extra) -> click.Context:
        try:  # the group's own options: `briefing --verison`
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as exc:
            fail_usage(exc, info_name or "briefing")

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except BriefingError as exc:
            fail(str(exc))
        except click.UsageError as exc:
            fail_usage(exc, ctx.command_path)
        except Interrupted as exc:  # Ctrl-C that waited for files or a feed to be whole
            fail(f"interrupted; {exc}", EXIT_INTERRUPTED)
        except OSError as exc:  # the machine's part: a full disk, a folder that is a file
            fail(os_error_line(exc))


def os_error_line(exc: OSError) -> str:
    """'<file>: No space left on device': what the system said, about which file."""
    reason = exc.strerror or str(exc)
    return f"{exc.filename}: {reason}" if exc.filename else reason


def fail_usage(exc: click.UsageError, command_path: str) -> None:
    where = exc.ctx.command_path if exc.ctx else command_path
    fail(f"{exc.format_message().rstrip('.')} (see '{where} --help')")


@click.group(cls=BriefingGroup)
@click.version_option(package_name="briefing")
def main() -> None:
    """News articles in, a broadcast-quality MP3 news briefing out."""


sources_argument = click.argument("sources", nargs=-1, required=True)
max_stories_option = click.option(
    "--max-stories", type=click.IntRange(min=1), default=pipeline.DEFAULT_MAX_STORIES,
    show_default=True, help="Use the newest N stories across all sources.")


@main.command()
@sources_argument
@max_stories_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line per story.")
def extract(sources: tuple[str, ...], max_stories: int, as_json: bool) -> None:
    """Print the cleaned article of each SOURCE (a file, URL, feed, or - for stdin)."""
    articles, failures = articles_or_fail(sources, max_stories)
    for article in articles:
        if as_json:
            click.echo(json.dumps({
                "title": article.title, "author": article.author, "date": article.published,
                "source": article.source, "url": article.url, "text": article.text,
            }, ensure_ascii=False))
        else:
            click.echo(f"{article.title}\n\n{article.text}\n")
    exit_if_some_failed(failures)


@main.command()
@sources_argument
@max_stories_option
@click.option("--lang", "language", default="", help="Language (default: from the article).")
def sentences(sources: tuple[str, ...], max_stories: int, language: str) -> None:
    """Print the sentences of each SOURCE, one a line."""
    articles, failures = articles_or_fail(sources, max_stories)
    for article in articles:
        for sentence in article_sentences(article.paragraphs, language or article.language,
                                          article.headings):
            click.echo(sentence.text)
    exit_if_some_failed(failures)


@main.command()
@sources_argument
@click.option("--words", type=click.IntRange(min=1), help="Summary length in words, per story.")
@click.option("--minutes", type=float,
              help="Summary length in minutes of the voice, for all the stories (default: 3.5).")
@voice_options
@click.option("--lang", "language", default="", help=LANG_HELP)
@max_stories_option
@click.option("--explain", is_flag=True,
              help="Also show each story's lead and why every other sentence is left out.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line per story.")
def summarize(sources: tuple[str, ...], words: int | None, minutes: float | None, voice: str,
              correspondents: str | None, language: str, max_stories: int, explain: bool,
              as_json: bool) -> None:
    """Print an extractive summary of each SOURCE: its lead, then what matters most."""
    if words is not None and minutes is not None:
        fail("give --words or --minutes, not both")
    settings = Settings(minutes=3.5 if minutes is None else minutes, voice=voice,
                        **correspondent_settings(correspondents), **language_settings(language))
    read, failures = articles_or_fail(sources, max_stories, settings)
    articles, left_out, settings = pipeline.stories_to_read(read, settings)
    for left in left_out:
        click.echo(f"briefing: left out {left.article.title!r}: {left.reason}", err=True)
    # --words without --json neither sizes nor times anything, so it needs no voice.
    cast = (None if words is not None and not as_json
            else Cast.for_settings(settings, settings.language, articles))
    if words is not None:
        selections = [(a, select_words(a, words)) for a in articles]
    else:
        selections = planned_selections(articles, settings, cast)
        aired = [Story(a, s.chosen) for a, s in selections if s.chosen]
        for left in pipeline.not_aired(articles, aired, settings):
            click.echo(f"briefing: left out {left.article.title!r}: {left.reason}", err=True)
    for article, selection in selections:
        if not selection.chosen and not explain:
            continue
        texts = [s.text for s in selection.chosen]
        if as_json:
            seconds = sum(cast.cost_for(article)(t) for t in texts)
            line = {"title": article.title, "sentences": texts,
                    "words": sum(len(t.split()) for t in texts), "seconds": round(seconds, 1)}
            if explain:
                line |= {"lead": selection.lead.text if selection.lead else "",
                         "left_out": [{"text": s.text, "reason": why}
                                      for s, why in selection.left_out]}
            click.echo(json.dumps(line, ensure_ascii=False))
        elif explain:
            click.echo(explanation(article.title, selection))
        else:
            click.echo(f"{article.title}\n\n" + "\n".join(texts) + "\n")
    exit_if_some_failed(failures)


def explanation(title: str, selection: Selection) -> str:
    """A story's lead, what is aired (+) and what is not (-, with the reason), in order."""
    lines = [title, f"  lead: {selection.lead.text if selection.lead else '(none)'}"]
    marked = [(s, "+", "") for s in selection.chosen]
    marked += [(s, "-", f"[{why}] ") for s, why in selection.left_out]
    for sentence, mark, why in sorted(marked, key=lambda item: item[0].index):
        lines.append(f"  {mark} {why}{sentence.text}")
    return "\n".join(lines) + "\n"


@main.command()
@sources_argument
@click.option("--minutes", type=float,
              help="Length of the finished MP3 (default: 3.5, or the show's with --config).")
@voice_options
@click.option("--lang", "language", default="", help=LANG_HELP)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (default: out; with --config, the show's).")
@click.option("--title", help="Episode title (default: show, date and lead story).")
@click.option("--show", help="Show name (default: News Briefing; with --config, the show's).")
@click.option("--date", "day", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="The day the briefing is for, YYYY-MM-DD (default: today).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--max-stories", type=click.IntRange(min=1),
              help=f"Use the newest N stories across all sources (default: "
                   f"{pipeline.DEFAULT_MAX_STORIES}, or the show's with --config).")
@click.option("--intro-music", type=click.Path(dir_okay=False, path_type=Path),
              help="Music that opens the briefing and ducks under the opening line.")
@click.option("--outro-music", type=click.Path(dir_okay=False, path_type=Path),
              help="Music under the closing line that then plays alone.")
@click.option("--music-bed", type=click.Path(dir_okay=False, path_type=Path),
              help="Quiet music under the whole briefing, dipping under speech.")
@click.option("--stereo", is_flag=True, help="Stereo MP3 at 128 kbps (default: mono, 96 kbps).")
@click.option("--pronunciations", type=click.Path(dir_okay=False, path_type=Path),
              help='A TOML file of names the voice says wrong: "Written" = "Respelling".')
@click.option("--config", "config_path", type=click.Path(path_type=Path),
              help="A show's TOML: use its settings and publish the episode to its feed.")
@click.option("--quiet", is_flag=True, help="No progress output.")
def generate(sources: tuple[str, ...], minutes: float | None, voice: str,
             correspondents: str | None, language: str, out_dir: Path | None,
             title: str | None, show: str | None, day: datetime | None,
             max_stories: int | None, intro_music: Path | None,
             outro_music: Path | None, music_bed: Path | None, stereo: bool,
             pronunciations: Path | None, config_path: Path | None, as_json: bool,
             quiet: bool) -> None:
    """Make an MP3 briefing from the SOURCES."""
    options = {"minutes": minutes, "voice": voice, **correspondent_settings(correspondents),
               **language_settings(language), "title": title,
               "stereo": stereo, "intro_music": intro_music, "outro_music": outro_music,
               "music_bed": music_bed, "pronunciations": pronunciations,
               "day": day.date() if day else None}
    progress = TerminalProgress(enabled=sys.stderr.isatty() and not quiet and not as_json)
    if config_path:
        if out_dir or show:
            fail("--out and --show come from the show's file with --config; leave them out")
        episode, failures = generate_for_show(config_path, list(sources), options, progress,
                                              max_stories)
    else:
        given = {k: v for k, v in {**options, "out_dir": out_dir, "show": show}.items()
                 if v is not None}
        settings = Settings(**given)  # what is not given keeps Settings' default
        episode, failures = pipeline.generate(
            list(sources), settings, progress,
            max_stories=max_stories or pipeline.DEFAULT_MAX_STORIES)
    report_failures(failures)
    report_left_out(episode)
    story_starts = [c.start_ms / 1000 for c in episode.chapters[1:-1]]
    if as_json:
        click.echo(json.dumps({
            "mp3": str(episode.mp3_path), "transcript": str(episode.transcript_path),
            "duration_s": round(episode.duration_s, 2),
            "stories": [{"title": s.article.title, "source": s.article.source,
                         "start_s": round(start, 2)}
                        for s, start in zip(episode.stories, story_starts, strict=True)],
        }, ensure_ascii=False))
    else:
        minutes_part, seconds_part = divmod(round(episode.duration_s), 60)
        stories = "1 story" if len(episode.stories) == 1 else f"{len(episode.stories)} stories"
        click.echo(f"{episode.mp3_path}  ({minutes_part}:{seconds_part:02d}, {stories})")
        click.echo(f"{episode.transcript_path}")
    exit_if_some_failed(failures)


@main.group(invoke_without_command=True)
@click.pass_context
def voices(context: click.Context) -> None:
    """List the voices in voices/ and whether each is installed."""
    if context.invoked_subcommand is not None:
        return
    profiles = list_voices()
    width = max((len(v.name) for v in profiles), default=12)
    for voice in profiles:
        engine = get_engine(voice.engine)
        if engine.available():
            languages = engine.languages()
            spoken = ("1 language" if len(languages) == 1 else f"{len(languages)} languages")
            where = "installed, online only" if getattr(engine, "online", False) else "installed"
            status = f"{where} ({engine.sample_rate / 1000:g} kHz, engine speaks {spoken})"
        else:
            status = f"not installed: {engine.install_hint}"
        click.echo(f"{voice.name:{width}} {voice.engine:10} {voice.language:4} {status}")
        click.echo(f"{'':{width}} {voice.description}")


@voices.command("calibrate")
@click.argument("name")
def voices_calibrate(name: str) -> None:
    """Measure how fast voice NAME speaks; briefings are then sized by it."""
    pace, stored = calibrate(load_voice(name))
    click.echo(f"{name}: {pace:.2f} characters a second "
               f"(about {pace * 60 / 6.1:.0f} words a minute); stored in {stored}")


@voices.command("prepare")
def voices_prepare() -> None:
    """Check the installed engines' models once (Kokoro's hash), before the first briefing."""
    for name in ENGINES:
        engine = get_engine(name)
        line = prepare(engine) if engine.available() else None
        if line:
            click.echo(f"{name}: {line}")


@voices.command("sample")
@click.argument("name")
@click.option("--out", "path", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write it (default: out/sample-NAME.mp3).")
def voices_sample(name: str, path: Path | None) -> None:
    """Write a short MP3 of voice NAME reading news."""
    written = write_sample(load_voice(name), path or Path("out") / f"sample-{name}.mp3")
    click.echo(str(written))


@main.group()
def fleet() -> None:
    """A newsroom's editions: many shows made and published in one run."""


@fleet.command("run")
@click.option("--config", "config_path", required=True, type=click.Path(path_type=Path),
              help="The fleet's TOML file: [fleet] and its [[editions]].")
@click.option("--quiet", is_flag=True, help="Print only the editions that failed.")
def fleet_run(config_path: Path, quiet: bool) -> None:
    """Make every edition of the fleet, each published to its own feed."""
    plan = load_fleet(config_path)

    def report(edition: EditionOutcome) -> None:
        if not quiet or not edition.ok:
            click.echo(f"{edition.name}: {edition.line}", err=not edition.ok)

    outcome = run_fleet(plan, report)
    failed = len(outcome.failed)
    if not quiet:
        click.echo(f"{len(outcome.editions)} editions: {len(outcome.editions) - failed} made, "
                   f"{failed} failed; {outcome.synthesized_chars:,} characters synthesised")
    if failed:
        sys.exit(EXIT_BAD_INPUT if failed == len(outcome.editions) else EXIT_SOME_SOURCES_FAILED)


@main.command()
@click.option("--broker", default="", metavar="URL",
              help="The fleet's Redis, e.g. redis://127.0.0.1:6379/0 (default: $BRIEFING_BROKER).")
@click.option("--concurrency", type=click.IntRange(min=1), default=1, show_default=True,
              help="Editions this worker makes at once (one per core suits slow voices).")
@click.option("--threads", type=click.IntRange(min=1), default=None,
              help="Threads each edition's voice uses (default: the cores shared out among "
                   "--concurrency; with several workers on one machine, cores divided by them).")
def worker(broker: str, concurrency: int, threads: int | None) -> None:
    """Make a fleet's editions sent by `fleet run` through Redis (a Celery worker)."""
    from briefing.fleetworkers import BROKER_ENV, reachable, start_worker

    url = broker or os.environ.get(BROKER_ENV, "")
    if not url:
        fail("give --broker redis://HOST:6379/0 (or set BRIEFING_BROKER)")
    reachable(url)
    start_worker(url, concurrency, threads)


config_option = click.option(
    "--config", "config_path", required=True, type=click.Path(path_type=Path),
    help="The show's TOML file (`briefing init` writes one).")


@main.command()
@click.argument("path", type=click.Path(path_type=Path), default=Path("briefing.toml"))
def init(path: Path) -> None:
    """Write a commented show configuration file (default: briefing.toml)."""
    write_show_template(path)
    click.echo(f"{path}: edit [show] and [briefing] sources, then `briefing run --config {path}`")


@main.command()
@config_option
@click.option("--wait", "wait_s", type=click.FloatRange(min=0), default=0, show_default=True,
              callback=lambda ctx, param, value: finite(value, param),
              help="Seconds to wait for another run to finish before giving up.")
@click.option("--quiet", is_flag=True, help="Print nothing but errors (for cron).")
def run(config_path: Path, wait_s: float, quiet: bool) -> None:
    """Fetch the show's sources, skip stories already aired, generate, publish, prune."""
    config = load_show_config(config_path)
    result = daily.run_show(config, LogProgress(enabled=not quiet), wait_s)
    report_failures(result.failures)
    report_left_out(result.made)
    if result.episode is None:
        if not quiet:
            click.echo(f"nothing new to brief ({result.skipped_aired} stories already aired)")
        return
    if not quiet:
        click.echo(f"published {result.episode.title!r}: {config.out_dir / result.episode.mp3} "
                   f"({result.episode.duration_s:.0f} s); feed {config.out_dir / 'feed.xml'}"
                   + (f"; pruned {result.pruned} old episodes" if result.pruned else ""))
    exit_if_some_failed(result.failures)


@main.command()
@config_option
@click.option("--wait", "wait_s", type=click.FloatRange(min=0), default=0, show_default=True,
              callback=lambda ctx, param, value: finite(value, param),
              help="Seconds to wait for a run to finish before giving up.")
def publish(config_path: Path, wait_s: float) -> None:
    """Rewrite feed.xml and index.html from the episodes published so far."""
    feed = daily.publish_show(load_show_config(config_path), wait_s)
    click.echo(str(feed))


@main.command()
@click.option("--dir", "directory", type=click.Path(path_type=Path, file_okay=False),
              default=Path("out"), show_default=True, help="The folder to serve.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 for the local network).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on.")
def serve(directory: Path, host: str, port: int) -> None:
    """Serve the output folder to podcast apps (byte ranges, right content types)."""
    serve_directory(directory, host, port)


@main.group()
def schedule() -> None:
    """The daily `briefing run --config FILE`: a systemd user timer where systemd runs,
    else a cron entry."""


using_option = click.option("--using", type=click.Choice(["auto", "systemd", "cron"]),
                            default="auto", show_default=True,
                            help="The scheduler: systemd where it runs (auto), else cron.")


@schedule.command("install")
@config_option
@click.option("--at", help="Daily time HH:MM (default: the config's `at`).")
@using_option
def schedule_install(config_path: Path, at: str | None, using: str) -> None:
    """Run the show daily at --at (or its config's `at`), logging beside the config."""
    config = load_show_config(config_path)
    entry = schedules.install(config.path, at or config.at, using)
    click.echo(f"installed ({entry.backend}): daily at {entry.at}; "
               f"next run {entry.next_run():%Y-%m-%d %H:%M}")
    if warning := schedules.warning(entry):
        click.echo(f"note: {warning}", err=True)


@schedule.command("remove")
@config_option
@using_option
def schedule_remove(config_path: Path, using: str) -> None:
    """Remove the show's daily run."""
    removed = schedules.remove(config_path, using)
    click.echo("removed" if removed else "no schedule was installed for this config")


@schedule.command("status")
@config_option
@using_option
def schedule_status(config_path: Path, using: str) -> None:
    """When the show runs next, and whether anything would start it."""
    entry = schedules.status(config_path, using)
    if entry is None:
        click.echo("not scheduled")
        return
    click.echo(f"daily at {entry.at} ({entry.backend}); next run "
               f"{entry.next_run():%Y-%m-%d %H:%M}\n{entry.line}")
    if warning := schedules.warning(entry):
        click.echo(f"note: {warning}", err=True)


if __name__ == "__main__":
    main()
