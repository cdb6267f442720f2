"""The offline bundle: the whole site as a zip that works from file://, the whole report
as one self-contained HTML file per language, and a bilingual README, in dist/bundle/.

Everything is rendered in memory and written with the normal site in one swap, so
dist/ and dist/bundle/ always match. The output is deterministic: the same input
gives the same bytes (sorted zip entries, timestamps from the data's last-updated date).
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
import time
import zipfile
from collections import Counter
from collections.abc import Iterator

from markupsafe import Markup

from . import LANGS
from .errors import BuildFailed, Mark, Problems
from .l10n import load_translations, long_date
from .model import Report
from .render import Options, RenderState, make_env, render_template
from .site import Project, read_report, render_files
from .text import Prose, markdown
from .urls import FILE
from .write import OutputError, write_site

BUNDLE_DIR = "bundle"
SINGLE_TEMPLATE = "single.html"
CSP_SLOT = "\x00CSP\x00"
# Only for the offline bundle and never useful there: 404.html links to server paths.
NOT_OFFLINE = frozenset({"404.html"})

INLINE = re.compile(r"<(style|script)>(.*?)</\1>", re.S)
LINKS = re.compile(r"""\s(?:href|src|action|srcset|poster|data)\s*=\s*["']?([^"'\s>]*)""", re.I)


def bundle_name(report: Report) -> str:
    """File names start with the report id and the data's last-updated date."""
    return f"{report.id}-{report.last_updated.isoformat()}"


def build_bundle(project: Project) -> Iterator[str]:
    """Build dist/ with the downloads page linking the bundle, and dist/bundle/; yield lines to print."""
    start = time.perf_counter()
    report = read_report(project)
    name = bundle_name(report)
    files = render_files(project, report, Options(bundle_name=name))
    pages = sum(1 for f in files if f.endswith(".html"))
    bundle = bundle_files(project, report)
    for key, data in bundle.items():
        path = f"{BUNDLE_DIR}/{key}"
        if path in files:
            raise OutputError(f"two outputs want the path {path}")
        files[path] = data
    write_site(files.items(), project.dist)
    yield (f"built {project.dist}: {pages} pages, {len(files)} files, "
           f"{len(report.figures)} figures in {time.perf_counter() - start:.2f} s")
    yield f"offline bundle in {project.dist / BUNDLE_DIR} (data of {report.last_updated.isoformat()}, " \
          f"version {report.data_hash[:12]}):"
    width = max(len(k) for k in bundle)
    for key in sorted(bundle):
        yield f"  {key:<{width}}  {_size(len(bundle[key])):>9}  ({len(bundle[key]):,} bytes)"


def bundle_files(project: Project, report: Report) -> dict[str, bytes]:
    """{file name: bytes} of everything in dist/bundle/."""
    name = bundle_name(report)
    out = {f"{name}.zip": offline_zip(project, report)}
    for lang in LANGS:
        out[f"{name}-{lang}.html"] = single_file(project, report, lang)
    out["README.txt"] = readme(report, out)
    return out


# ---- The zip of the whole site ------------------------------------------------------------


def offline_site(project: Project, report: Report) -> dict[str, bytes]:
    """The site with links to files (.../index.html), so that it works opened from a disk."""
    files = render_files(project, report, Options(url_style=FILE))
    return {k: v for k, v in files.items() if k not in NOT_OFFLINE}


def offline_zip(project: Project, report: Report) -> bytes:
    """The offline site in one folder named after the bundle, with a README; the same bytes every time."""
    name = bundle_name(report)
    files = offline_site(project, report)
    files["README.txt"] = readme(report, None)
    stamp = (report.last_updated.year, report.last_updated.month, report.last_updated.day, 0, 0, 0)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for path in sorted(files):
            info = zipfile.ZipInfo(f"{name}/{path}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever builds it, so the bytes do not depend on the machine
            info.external_attr = 0o644 << 16
            zf.writestr(info, files[path], compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
        zf.comment = (f"{report.site_name.en} · {report.site_name.zh}: offline site. "
                      f"Open {name}/index.html. Data last updated {report.last_updated.isoformat()}; "
                      f"data version {report.data_hash}.").encode("utf-8")
    return buffer.getvalue()


# ---- One file per language ------------------------------------------------------------------


def single_file(project: Project, report: Report, lang: str) -> bytes:
    """The whole report in one HTML file: inline CSS and JS allowed by hash, links only to #anchors."""
    problems = Problems()
    translations = load_translations(project.locales, project.root, problems)
    if problems:
        raise BuildFailed(problems)
    prose = Prose(markdown(), report.lookup["terms"], lambda tid: "#term-" + tid)
    state = RenderState(report, lang, Options(url_style=FILE), prose)
    env = make_env(project.templates, state, translations[lang])
    env.globals.update(
        csp=CSP_SLOT, css_string=css_string,
        site_css=_inline_text(project.assets / "site.css", "style"),
        site_js=_inline_text(project.assets / "site.js", "script"),
    )
    html = render_template(env, SINGLE_TEMPLATE, f"the one-file edition ({lang})", problems)
    for message in sorted(translations[lang].missing):
        problems.add(Mark(translations[lang].source), f"msgid {message!r}", "a Chinese translation of this UI string", "none")
    if problems:
        raise BuildFailed(problems)
    html = html.replace("\r\n", "\n").replace("\r", "\n")  # what the browser hashes is what we hash
    html = html.replace(CSP_SLOT, content_security_policy(html))
    _check_self_contained(html, lang)
    return html.encode("utf-8")


def content_security_policy(html: str) -> str:
    """Allow exactly the inline <style> and <script> blocks of html, by their sha256 hashes."""
    hashes: dict[str, list[str]] = {"style": [], "script": []}
    for tag, text in INLINE.findall(html):
        digest = f"'sha256-{base64.b64encode(hashlib.sha256(text.encode('utf-8')).digest()).decode()}'"
        if digest not in hashes[tag]:
            hashes[tag].append(digest)
    style = " ".join(hashes["style"]) or "'none'"
    script = " ".join(hashes["script"]) or "'none'"
    return (f"default-src 'none'; style-src {style}; script-src {script}; img-src data:; "
            "base-uri 'none'; form-action 'none'")


def css_string(text: str) -> Markup:
    """A quoted CSS string, safe inside an inline <style>."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ").replace("\n", " ")
    return Markup(f'"{escaped}"')


def _inline_text(path, tag: str) -> Markup:
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n").replace("\r", "\n")
    if f"</{tag}" in text.lower():
        raise OutputError(f"{path.name} cannot be inlined: it contains </{tag}")
    return Markup(text)


def _check_self_contained(html: str, lang: str) -> None:
    """Every link an anchor, every id once: a template mistake here is a bug, not a data error."""
    outside = sorted({u for u in LINKS.findall(html) if not u.startswith("#")})
    if outside:
        raise OutputError(f"the one-file edition ({lang}) links outside itself: {outside[:5]}")
    ids = Counter(re.findall(r'\sid="([^"]*)"', html))
    twice = sorted(i for i, n in ids.items() if n > 1)
    if twice:
        raise OutputError(f"the one-file edition ({lang}) uses these ids more than once: {twice[:5]}")
    anchors = {u[1:] for u in LINKS.findall(html)}
    missing = sorted(anchors - set(ids))
    if missing:
        raise OutputError(f"the one-file edition ({lang}) links to missing anchors: {missing[:5]}")


# ---- README ---------------------------------------------------------------------------------


def readme(report: Report, bundle: dict[str, bytes] | None) -> bytes:
    """README.txt in Chinese and English; for dist/bundle/ (bundle given) or for inside the zip."""
    name = bundle_name(report)
    updated, data_hash = report.last_updated.isoformat(), report.data_hash
    source_zh = (f"{report.issuer.zh}《{report.title.zh}》,{long_date(report.date, 'zh')}由"
                 f"{report.speaker_role.zh}{report.speaker.zh}在{report.occasion.zh}上作。")
    source_en = (f"{report.title.en}, delivered by {report.speaker_role.en} {report.speaker.en} "
                 f"({report.issuer.en}) at the {report.occasion.en} on {long_date(report.date, 'en')}.")
    if report.source_url:
        source_zh += f"\n原文出处:{report.source_url}"
        source_en += f"\nOriginal: {report.source_url}"
    if bundle is not None:
        sizes = {k: _size(len(v)) for k, v in bundle.items()}
        inside_zh = [
            f"  {name}.zip({sizes[name + '.zip']})",
            "      整个双语网站:全部章节、数字、目标、术语表、搜索和数据下载。",
            "      解压后双击文件夹中的 index.html 即可浏览,无需联网。",
            f"  {name}-zh.html({sizes[name + '-zh.html']})",
            f"  {name}-en.html({sizes[name + '-en.html']})",
            "      整份报告的单文件版(中文界面/英文界面):含目录、全部段落(原文与译文)、",
            "      关键数字、图表、目标一览和术语表。用浏览器打开即可阅读、投影或打印(A4)。",
        ]
        inside_en = [
            f"  {name}.zip ({sizes[name + '.zip']})",
            "      The whole bilingual site: every section, figure, target and glossary term,",
            "      search and the data downloads. Unzip it and double-click index.html in the folder;",
            "      no internet connection is needed.",
            f"  {name}-zh.html ({sizes[name + '-zh.html']})",
            f"  {name}-en.html ({sizes[name + '-en.html']})",
            "      The whole report in one file (Chinese or English interface): contents, every",
            "      paragraph in the original and in translation, key numbers, charts, the targets",
            "      table and the glossary. Open it in a browser to read, project or print (A4).",
        ]
    else:
        inside_zh = [
            "  整个双语网站:全部章节、数字、目标、术语表、搜索和数据下载(data/ 文件夹)。",
            "  双击本文件夹中的 index.html 即可浏览,无需联网;请先解压,不要在压缩包内直接打开。",
        ]
        inside_en = [
            "  The whole bilingual site: every section, figure, target and glossary term, search,",
            "  and the data downloads (the data/ folder). Double-click index.html in this folder;",
            "  no internet connection is needed. Unzip first: do not open it inside the zip viewer.",
        ]
    lines = [
        f"{report.site_name.zh} · 离线版",
        "=" * 40,
        "",
        "内容",
        *inside_zh,
        "",
        "打开方式",
        "  用任意现代浏览器(Chrome、Edge、Firefox、Safari)打开。阅读模式(仅中文/中英对照/仅英文)",
        "  可在正文上方切换;网站版的右上角可切换中英文。所有文件都在本地,不会访问任何网站。",
        "",
        f"数据最后更新:{long_date(report.last_updated, 'zh')}({updated})",
        f"数据版本(内容哈希):{data_hash}",
        f"在线版:{report.site_url}",
        "",
        "来源",
        f"  {source_zh}",
        "  中文为报告原文;英文为本站的非官方译文,以中文原文为准。",
        "",
        "许可",
        f"  {report.licence.zh}",
        f"  请注明出处“{report.site_name.zh}”。",
        "",
        "",
        f"{report.site_name.en} · offline edition",
        "=" * 40,
        "",
        "What is inside",
        *inside_en,
        "",
        "How to open it",
        "  Use any current browser (Chrome, Edge, Firefox, Safari). The reading mode (this language,",
        "  parallel text, the other language) is chosen above the text; on the site, the button at the",
        "  top right switches between Chinese and English. Everything is local: nothing is fetched",
        "  from any website.",
        "",
        f"Data last updated: {long_date(report.last_updated, 'en')} ({updated})",
        f"Data version (content hash): {data_hash}",
        f"Online: {report.site_url}",
        "",
        "Source",
        f"  {source_en}",
        "  The Chinese is the verbatim original; the English is our unofficial translation,",
        "  and the Chinese original is authoritative.",
        "",
        "Licence",
        f"  {report.licence.en}",
        f"  Please credit \u201c{report.site_name.en}\u201d.",
        "",
    ]
    # A byte-order mark and CRLF, so that Notepad on older Windows shows the Chinese and the lines right.
    return ("\ufeff" + "\r\n".join(lines)).encode("utf-8")


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / 1024 / 1024:.1f} MB"
