"""Building a report: the pages it must contain, in both languages, linked relatively,
deterministic, and with nothing fetched from another host."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from reportsite.site import build

from .conftest import REPO


class Links(HTMLParser):
    """Collects the attributes a page would fetch or link, and its lang and alternates."""

    def __init__(self):
        super().__init__()
        self.fetched, self.links, self.alternates, self.ids, self.html_lang = [], [], {}, set(), None
        self.canonical = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "html":
            self.html_lang = a.get("lang")
        if tag in ("script", "img", "iframe", "source", "audio", "video") and a.get("src"):
            self.fetched.append(a["src"])
        if tag == "link" and a.get("rel") == "stylesheet":
            self.fetched.append(a["href"])
        if tag == "link" and a.get("rel") == "alternate":
            self.alternates[a["hreflang"]] = a["href"]
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical = a["href"]
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def html_files(dist: Path) -> list[str]:
    return sorted(p.relative_to(dist).as_posix() for p in dist.rglob("*.html"))


def test_the_small_report_builds_every_kind_of_page_in_both_languages(mini):
    built = build(mini)
    pages = set(html_files(mini.dist))
    for lang in ("zh", "en"):
        for page in ("index.html", "parts/review/index.html", "sections/review-economy/index.html",
                     "figures/index.html", "figures/gdp-2029/index.html", "targets/index.html",
                     "glossary/index.html", "about/index.html", "downloads/index.html", "search/index.html"):
            assert f"{lang}/{page}" in pages
    assert {"index.html", "404.html"} <= pages
    assert (mini.dist / "sitemap.xml").exists()
    assert built.pages == len(pages)


def test_the_same_page_has_the_same_path_in_both_languages(mini):
    build(mini)
    zh = {p[3:] for p in html_files(mini.dist) if p.startswith("zh/")}
    en = {p[3:] for p in html_files(mini.dist) if p.startswith("en/")}
    assert zh == en


def test_every_page_declares_its_language_alternates_and_canonical(mini):
    build(mini)
    page = parse(mini.dist / "en/sections/review-economy/index.html")
    assert page.html_lang == "en"
    assert page.canonical == "https://example.org/report/en/sections/review-economy/"
    assert page.alternates == {"zh-Hans": "https://example.org/report/zh/sections/review-economy/",
                               "en": "https://example.org/report/en/sections/review-economy/",
                               "x-default": "https://example.org/report/en/sections/review-economy/"}
    assert parse(mini.dist / "zh/sections/review-economy/index.html").html_lang == "zh-Hans"


def test_the_language_switch_points_at_the_counterpart_page(mini):
    build(mini)
    html = (mini.dist / "en/figures/gdp-2029/index.html").read_text(encoding="utf-8")
    assert re.search(r'<a class="lang-switch" data-keep-hash href="../../../zh/figures/gdp-2029/"', html)


def test_links_inside_the_site_are_relative_and_resolve(mini):
    build(mini)
    for name in html_files(mini.dist):
        if name == "404.html":
            continue  # served at any depth, so it links from the site root
        page = parse(mini.dist / name)
        for href in page.links + page.fetched:
            assert not href.startswith("/"), f"{name}: {href}"
            if href.startswith(("http:", "https:", "#")):
                continue
            target = (mini.dist / name).parent / href.split("#")[0]
            if href.split("#")[0].endswith("/") or href.split("#")[0] in ("", "."):
                target = target / "index.html"
            assert target.resolve().exists(), f"{name} links to missing {href}"


def test_no_page_fetches_anything_from_another_host(mini):
    build(mini)
    for name in html_files(mini.dist):
        for src in parse(mini.dist / name).fetched:
            assert not re.match(r"^(https?:)?//", src), f"{name} fetches {src}"
    css = (mini.dist / "assets/site.css").read_text()
    assert "@import" not in css and "url(" not in css and "@font-face" not in css


def test_every_page_forbids_other_origins_by_content_security_policy(mini):
    build(mini)
    for name in html_files(mini.dist):
        html = (mini.dist / name).read_text(encoding="utf-8")
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
        assert "default-src 'none'" in policy and "unsafe-inline" not in policy, name


def test_numbers_are_formatted_for_each_language(mini):
    build(mini)
    zh = (mini.dist / "zh/figures/gdp-2029/index.html").read_text(encoding="utf-8")
    en = (mini.dist / "en/figures/gdp-2029/index.html").read_text(encoding="utf-8")
    assert '<p class="big-value">1,200.5亿元</p>' in zh
    assert '<p class="big-value">CNY 120.05 billion</p>' in en


def test_derived_numbers_say_how_they_were_computed(mini):
    build(mini)
    en = (mini.dist / "en/figures/gdp-growth-2030/index.html").read_text(encoding="utf-8")
    assert "<strong>+0.8 percentage points</strong>" in en
    assert "Change: 6% (2030) − 5.2% (2029) = +0.8 percentage points" in en


def test_two_builds_of_the_same_input_are_byte_identical(mini, tmp_path):
    first = build(mini).files
    other = type(mini).at(REPO, data=mini.data, content=mini.content, dist=tmp_path / "again")
    second = build(other).files
    digest = lambda files: {k: hashlib.sha256(v).hexdigest() for k, v in files.items()}  # noqa: E731
    assert digest(first) == digest(second)
    assert sorted(p.relative_to(mini.dist).as_posix() for p in mini.dist.rglob("*") if p.is_file()) == sorted(first)


def test_the_build_command_prints_a_summary(mini):
    run = subprocess.run([sys.executable, str(REPO / "build.py"), "--data", str(mini.data), "--content",
                          str(mini.content), "--dist", str(mini.dist)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert re.fullmatch(r"built \S+: 40 pages, \d+ files, 6 figures in \d+\.\d\d s\n", run.stdout)


def test_each_command_has_help():
    for command in ([], ["build"], ["check"], ["serve"], ["bundle"]):
        run = subprocess.run([sys.executable, str(REPO / "build.py"), *command, "--help"],
                             capture_output=True, text=True)
        assert run.returncode == 0 and "usage:" in run.stdout, command


def test_each_language_has_a_share_image_made_by_the_build(mini):
    files = build(mini).files
    for lang in ("zh", "en"):
        png = files[f"assets/share-{lang}.png"]
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(png[16:20], "big") == 1200 and int.from_bytes(png[20:24], "big") == 630
        page = files[f"{lang}/index.html"].decode()
        assert f'<meta property="og:image" content="https://example.org/report/assets/share-{lang}.png">' in page
    assert files["assets/share-zh.png"] != files["assets/share-en.png"]


def test_nothing_is_written_outside_the_output_folder(tmp_path):
    from reportsite.write import OutputError, write_site
    for name in ("../escape.html", "/etc/passwd", "a/../../escape.html", ""):
        with pytest.raises(OutputError):
            write_site([("ok.html", b"x"), (name, b"x")], tmp_path / "dist")
        assert not (tmp_path / "escape.html").exists() and not (tmp_path / "dist").exists()
    with pytest.raises(OutputError, match="two outputs want the path a.html"):
        write_site([("a.html", b"1"), ("a.html", b"2")], tmp_path / "dist")
