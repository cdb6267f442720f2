"""Stage 7, the Hugo twin: a Hugo site made from a build of ours, one page per page of ours (redirect
pages left out) at the same address and holding the same visible text, with a minimal layout. Our
cold build and `hugo` are then timed in turn, each in a fresh process: ours, Hugo, ours, Hugo …"""

from __future__ import annotations

import json
import re
import shutil
import statistics
import subprocess
import time
from html.parser import HTMLParser
from pathlib import Path

from .measure import build_command, count_pages, log, measured_run, set_aside, stats, tail
from .weight import REDIRECT

TIMEOUT_S = 300
PAGES_SLACK = 0.05  # Hugo's page count may differ from the twin's by this share of it
HIDDEN = {"script", "style", "template"}  # elements whose text is not shown
BLOCKS = {  # elements that start a new line of text (a paragraph of the twin's Markdown)
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "label",
    "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul",
}
MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation: escaped, so shown as is

CONFIG = """\
baseURL = "/"
title = {title}
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
"""
# A header with the site's sections (each language, and the sections under it) and the page's
# ancestors, the page's title and text, a footer; a list page lists its pages as well.
LAYOUTS = {
    "baseof.html": """\
<!DOCTYPE html>
<html lang="{{ with .FirstSection }}{{ .Section }}{{ end }}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }}</title></head>
<body>
<header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
<nav><ul>{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
<ul>{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></li>{{ end }}</ul></nav>
<ol>{{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol>
</header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>{{ .Site.Title }}: {{ .Title }}</footer>
</body>
</html>
""",
    "single.html": '{{ define "main" }}<article><h1>{{ .Title }}</h1>\n{{ .Content }}</article>{{ end }}\n',
    "list.html": """\
{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
""",
}


# -- the twin ------------------------------------------------------------------------------------


class VisibleText(HTMLParser):
    """A page's title, and the text of its <body> as lines (one per block), without scripts and styles."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.title: list[str] = []
        self.lines: list[str] = []
        self._line: list[str] = []
        self._in_title = self._in_body = False
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self._in_body = True
        elif tag == "title" and not self._in_body:
            self._in_title = True
        elif tag in HIDDEN:
            self._hidden += 1
        elif tag in BLOCKS:
            self._end_line()

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag in HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in BLOCKS or tag == "body":
            self._end_line()

    def handle_data(self, data):
        if self._in_title:
            self.title.append(data)
        elif self._in_body and not self._hidden:
            self._line.append(data)

    def close(self):
        super().close()
        self._end_line()

    def _end_line(self) -> None:
        line = " ".join("".join(self._line).split())
        if line:
            self.lines.append(line)
        self._line = []


def visible_text(html: str) -> tuple[str, list[str]]:
    """(title, lines of body text) of one HTML page."""
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.title).split()), parser.lines


def content_file(page: str, has_children: bool) -> str:
    """Where the twin's content for our page goes, so that Hugo writes it at the same address:
    a/b/index.html -> content/a/b/_index.md (a section: pages below it) or a/b/index.md (a leaf);
    a/404.html -> content/a/404.md (its front matter sets the address)."""
    folder, _, name = page.rpartition("/")
    if name != "index.html":
        return f"{folder}/{name[:-5]}.md".lstrip("/")
    return f"{folder}/{'_index' if has_children or not folder else 'index'}.md".lstrip("/")


def ancestors(folder: str) -> set[str]:
    """The folders above a folder: "a/b" -> {"", "a"}; "" -> none."""
    parts = folder.split("/") if folder else []
    return {"/".join(parts[:i]) for i in range(len(parts))}


def markdown(title: str, lines: list[str], url: str | None) -> str:
    """A content file: front matter (the title; the address when it is not a folder's), then one
    paragraph per line of text, its punctuation escaped so that it shows as written."""
    front = [f"title: {json.dumps(title, ensure_ascii=False)}"]
    if url:
        front.append(f"url: {json.dumps(url)}")
    body = "\n\n".join(MARKDOWN_PUNCTUATION.sub(r"\\\1", line) for line in lines)
    return "---\n" + "\n".join(front) + "\n---\n\n" + body + "\n"


def our_pages(dist: Path) -> tuple[dict[str, str], int]:
    """Our pages that are not redirect pages, {dist-relative path: HTML}; and the redirect pages' count."""
    pages, redirects = {}, 0
    for path in sorted(dist.rglob("*.html")):
        data = path.read_bytes()
        if REDIRECT in data:
            redirects += 1
        else:
            pages[path.relative_to(dist).as_posix()] = data.decode("utf-8", "replace")
    return pages, redirects


def make_twin(dist: Path, twin: Path) -> dict:
    """Write the Hugo site for our build in dist: config, layouts, one content file per page."""
    pages, redirects = our_pages(dist)
    parents = {ancestor for p in pages for ancestor in ancestors(p.rpartition("/")[0])}
    text_bytes, site_title = 0, "Hugo twin"
    for page, html in pages.items():
        title, lines = visible_text(html)
        folder, _, name = page.rpartition("/")
        if page == "index.html":
            site_title = title or site_title
        target = twin / "content" / content_file(page, folder in parents)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown(title, lines, None if name == "index.html" else "/" + page), encoding="utf-8")
        text_bytes += sum(len(line.encode("utf-8")) for line in lines)
    layouts = twin / "layouts" / "_default"
    layouts.mkdir(parents=True, exist_ok=True)
    for name, text in LAYOUTS.items():
        (layouts / name).write_text(text, encoding="utf-8")
    (twin / "hugo.toml").write_text(CONFIG.format(title=json.dumps(site_title, ensure_ascii=False)), encoding="utf-8")
    return {"content_files": len(pages), "redirect_pages_left_out": redirects, "text_bytes": text_bytes}


# -- timing, paired --------------------------------------------------------------------------------


def hugo_version() -> str | None:
    """`hugo version`'s line, or None when hugo is not on PATH."""
    exe = shutil.which("hugo")
    if exe is None:
        return None
    run = subprocess.run([exe, "version"], capture_output=True, text=True, timeout=60, check=False)
    return run.stdout.strip() or run.stderr.strip()


def timed(cmd: list[str], root: Path, out: Path, who: str) -> tuple[float, float, int]:
    """One build into out (the command's last argument) in a fresh process: wall time, peak RSS in MB,
    the HTML pages written (out is set aside afterwards: measure.set_aside)."""
    r = measured_run([*cmd, str(out)], root, TIMEOUT_S)
    if r["rc"] != 0:
        raise RuntimeError(f"{who} exited {r['rc']}: {tail(r['stderr'] or r['stdout'])}")
    pages = count_pages(out)
    set_aside(out)
    return r["wall"], r["maxrss_kb"] / 1024, pages


def twin_of_ours(root: Path, tmp: Path, ours: list[str]) -> tuple[Path, dict, int]:
    """Build our site once (the untimed first run of ours) and make the twin from it: its folder, what
    it holds, and our HTML pages (redirect pages included)."""
    source, twin = tmp / "hugo-ours-source", tmp / "hugo-twin"
    r = measured_run([*ours, str(source)], root, TIMEOUT_S)
    if r["rc"] != 0:
        raise RuntimeError(f"build.py exited {r['rc']}: {tail(r['stderr'] or r['stdout'])}")
    start = time.perf_counter()
    info = make_twin(source, twin)
    info["made_in_s"] = time.perf_counter() - start
    pages = count_pages(source)
    set_aside(source)
    return twin, info, pages


def paired(root: Path, tmp: Path, commands: dict[str, list[str]], runs: int) -> dict[str, list[tuple]]:
    """runs pairs, ours then Hugo, after one untimed Hugo build: {who: [(wall, peak RSS, pages)]}."""
    timed(commands["hugo"], root, tmp / "hugo-out-warm", "hugo")
    results: dict[str, list[tuple]] = {who: [] for who in commands}
    for i in range(runs):
        for who, cmd in commands.items():
            results[who].append(timed(cmd, root, tmp / f"hugo-{who}-{i}", who))
        log(f"pair {i + 1}/{runs}: ours {results['ours'][-1][0]:.2f} s, Hugo {results['hugo'][-1][0]:.2f} s")
    return results


def ratios(ours: list[float], hugo: list[float]) -> dict:
    """Ours / Hugo: the median of the per-pair ratios, and the ratio of the medians."""
    return {"median_of_pair_ratios": statistics.median(o / h for o, h in zip(ours, hugo)),
            "ratio_of_medians": statistics.median(ours) / statistics.median(hugo),
            "pairs": [round(o / h, 4) for o, h in zip(ours, hugo)]}


def bench_hugo(root: Path, tmp: Path, runs: int) -> dict:
    """Make the twin from a build of ours, then time ours and Hugo in turn (runs pairs); null with a
    reason when hugo is not installed."""
    version = hugo_version()
    if version is None:
        return {"ratio": None, "reason": "hugo is not on PATH (Debian: apt-get install hugo)"}
    ours = [*build_command(root), "--dist"]
    twin, info, our_pages_all = twin_of_ours(root, tmp, ours)
    runs_of = paired(root, tmp, {"ours": ours, "hugo": [shutil.which("hugo"), "--quiet", "-s", str(twin), "-d"]},
                     runs)
    set_aside(twin)
    walls = {who: [r[0] for r in rs] for who, rs in runs_of.items()}
    rss = {who: [r[1] for r in rs] for who, rs in runs_of.items()}
    hugo_pages, twin_pages = max(r[2] for r in runs_of["hugo"]), info["content_files"]
    return {
        "hugo_version": version,
        "commands": {"ours": "python " + " ".join(["build.py", *ours[2:], "TMP"]),
                     "hugo": "hugo --quiet -s TWIN -d TMP"},
        "twin": info,
        "pages": {"ours": our_pages_all, "ours_without_redirects": twin_pages, "hugo": hugo_pages,
                  "hugo_vs_ours": hugo_pages / twin_pages,
                  "close": abs(hugo_pages - twin_pages) <= PAGES_SLACK * twin_pages},
        "ours_s": stats(walls["ours"]), "hugo_s": stats(walls["hugo"]),
        "ours_peak_rss_mb": stats(rss["ours"]), "hugo_peak_rss_mb": stats(rss["hugo"]),
        "ratio": ratios(walls["ours"], walls["hugo"]),
    }
