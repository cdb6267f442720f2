"""`python3 -m bench.search_compare`: the site's search against Pagefind, on 20 real queries in both languages.

Builds the site into a temporary folder, indexes a copy of it with Pagefind (`pip install 'pagefind[extended]'`,
not a dependency of the project: only this comparison uses it), and asks each query of QUERIES of both, in
Debian's Chromium (tests/browser.py), over a local HTTP server and with nothing cached. For each query it
prints the rank of the expected answer (the page a reader wants first, from the data), the first three
results of each, and the bytes a first query loads, gzipped as a host sends them: for the site's search,
every file its search page loads; for Pagefind, its script, WebAssembly, index pieces and the fragments
of the first ten results (the search page around it not counted, in its favour). It also opens Pagefind
from file://, as the offline bundle is opened. `--dist DIR` reuses a built site.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from .measure import ROOT

sys.path.insert(0, str(ROOT))
from tests.browser import chromium, serve_folder  # noqa: E402


@dataclass(frozen=True)
class Query:
    lang: str
    text: str
    expected: str  # a part of the address of the result a reader wants first ("" when several are as good)


QUERIES = [
    Query("en", "GDP", "figures/gdp-"),
    Query("en", "9.2%", "taiyuan-2022/figures/gdp-real-growth-2021/"),
    Query("en", "4500", "figures/high-tech-enterprises-"),
    Query("en", "high-tech enterprises", "figures/high-tech-enterprises-"),
    Query("en", "business environment", ""),
    Query("en", "unemployment rate", "figures/unemployment-rate-"),
    Query("en", "5G base stations", "figures/5g-base-stations-"),
    Query("en", "delegate-regulate-serve", "glossary/#"),
    Query("en", "carbon peak", ""),
    Query("en", "Five-Year Plan", ""),
    Query("zh", "地区生产总值", "figures/gdp-"),
    Query("zh", "9.2%", "taiyuan-2022/figures/gdp-real-growth-2021/"),
    Query("zh", "高新技术企业", "figures/high-tech-enterprises-"),
    Query("zh", "营商环境", ""),
    Query("zh", "放管服", "glossary/#"),
    Query("zh", "城镇新增就业", "figures/"),
    Query("zh", "5G基站", "figures/5g-base-stations-"),
    Query("zh", "十四五", ""),
    Query("zh", "碳达峰", ""),
    Query("zh", "4500家", "figures/high-tech-enterprises-"),
]

PAGEFIND_PROBE = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>probe</title></head>
<body><p>Pagefind probe</p></body></html>"""
PAGEFIND_SEARCH = """async (q) => {
  const pf = await import("./pagefind.js");
  await pf.options({excerptLength: 20});
  const found = await pf.search(q);
  const data = await Promise.all(found.results.slice(0, 10).map(r => r.data()));
  return {count: found.results.length, urls: data.map(d => d.url), titles: data.map(d => d.meta.title || d.url)};
}"""


@dataclass(frozen=True)
class Answer:
    count: int
    urls: list[str]
    titles: list[str]
    bytes: int  # gzipped, as sent


def sent_bytes(folder: Path, base: str, urls: list[str]) -> int:
    """The bytes of the files at these URLs (under base, served from folder), gzipped as a host would send
    them (Pagefind's index pieces are compressed already: their own size)."""
    total = 0
    for url in sorted(set(u.split("?")[0].split("#")[0] for u in urls if u.startswith(base))):
        path = folder / url[len(base):]
        path = path / "index.html" if path.is_dir() else path
        data = path.read_bytes()
        total += min(len(data), len(gzip.compress(data, 9)))
    return total


def ours(browser, base: str, folder: Path, q: Query) -> Answer:
    context = browser.new_context()
    page, requests = context.new_page(), []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{base}{q.lang}/search/?q={quote(q.text)}")
    page.locator("[data-search-results][data-state=shown]").wait_for(timeout=20000)
    links = page.locator(".search-results li > a")
    urls = [links.nth(i).get_attribute("href") for i in range(links.count())]
    count = int(page.locator("[data-search-results]").get_attribute("data-count"))
    answer = Answer(count, urls, links.all_inner_texts(), sent_bytes(folder, base, requests))
    context.close()
    return answer


def pagefind(browser, base: str, folder: Path, q: Query) -> Answer:
    context = browser.new_context()
    page, requests = context.new_page(), []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{base}pagefind/probe-{q.lang}.html")
    found = page.evaluate(PAGEFIND_SEARCH, q.text)
    page.wait_for_load_state("networkidle")
    probe = f"{base}pagefind/probe-{q.lang}.html"
    answer = Answer(found["count"], found["urls"], found["titles"],
                    sent_bytes(folder, base, [u for u in requests if u != probe]))
    context.close()
    return answer


def pagefind_from_disk(browser, folder: Path) -> str:
    """What Pagefind does opened from file:// (as the offline bundle is): its answer, or the error."""
    context = browser.new_context()
    page = context.new_page()
    page.goto((folder / "pagefind" / "probe-en.html").as_uri())
    try:
        found = page.evaluate(PAGEFIND_SEARCH, "GDP")
        return f"{found['count']} results"
    except Exception as error:  # the browser's own words are the finding
        return str(error).splitlines()[0][:160]
    finally:
        context.close()


def rank(answer: Answer, expected: str) -> str:
    if not expected:
        return "–"
    for n, url in enumerate(answer.urls, 1):
        if expected in url:
            return str(n)
    return ">10"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m bench.search_compare", description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, help="a built site to use (default: build one)")
    args = parser.parse_args(argv)
    if shutil.which("pagefind_extended") is None and subprocess.run(
            [sys.executable, "-m", "pagefind", "--version"], capture_output=True).returncode != 0:
        print("Pagefind is not installed: pip install 'pagefind[extended]'", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        if args.dist:
            shutil.copytree(args.dist, site)
        else:
            subprocess.run([sys.executable, "build.py", "--dist", str(site)], cwd=ROOT, check=True,
                           capture_output=True)
        # Pagefind indexes each page's main content, without navigation, citations and scripts.
        subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--root-selector", "main",
                        "--exclude-selectors", "nav,.crumbs,.cite,.modes,script", "--output-subdir", "pagefind",
                        "--quiet"], check=True)
        for lang, html_lang in (("en", "en"), ("zh", "zh-Hans")):
            (site / "pagefind" / f"probe-{lang}.html").write_text(PAGEFIND_PROBE.format(lang=html_lang),
                                                                  encoding="utf-8")
        rows = []
        with chromium() as browser, serve_folder(site) as base:
            for q in QUERIES:
                rows.append((q, ours(browser, base, site, q), pagefind(browser, base, site, q)))
            disk = pagefind_from_disk(browser, site)
    print("| query | page | expected first | ours: rank, results, KB | Pagefind: rank, results, KB "
          "| ours: first three | Pagefind: first three |")
    print("|---|---|---|---|---|---|---|")
    for q, a, b in rows:
        print(f"| {q.text} | {q.lang} | {q.expected or '(several)'} | {rank(a, q.expected)}, {a.count}, "
              f"{a.bytes / 1000:.1f} | {rank(b, q.expected)}, {b.count}, {b.bytes / 1000:.1f} | "
              f"{'; '.join(a.titles[:3])} | {'; '.join(b.titles[:3])} |")
    total = {name: sum(getattr(r[i], "bytes") for r in rows) / len(rows) / 1000 for i, name in ((1, "ours"), (2, "pf"))}
    print(f"\nmean KB a first query loads: ours {total['ours']:.1f}, Pagefind {total['pf']:.1f}"
          f" (Pagefind without its search page)")
    print(f"Pagefind from file://: {disk}")
    print(json.dumps({"queries": len(rows)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
