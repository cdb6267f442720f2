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
from .links import ANCHORS, FILES
from .model import Report
from .render import Options
from .site import Project, read_report, render_files, renderer
from .write import OutputError, write_site

BUNDLE_DIR = "bundle"
SINGLE_TEMPLATE = "single.html"
README_TEMPLATE = "readme.txt"
SINGLE_CSS = ("site.css", "single.css")  # the site's styles, then the one-file edition's own
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
    out["README.txt"] = readme(project, report, out)
    return out


# ---- The zip of the whole site ------------------------------------------------------------


def offline_site(project: Project, report: Report) -> dict[str, bytes]:
    """The site with links to files (.../index.html), so that it works opened from a disk."""
    files = render_files(project, report, Options(links=FILES))
    return {k: v for k, v in files.items() if k not in NOT_OFFLINE}


def offline_zip(project: Project, report: Report) -> bytes:
    """The offline site in one folder named after the bundle, with a README; the same bytes every time."""
    name = bundle_name(report)
    files = offline_site(project, report)
    files["README.txt"] = readme(project, report, None)
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
    site = renderer(project, report, Options(links=ANCHORS))
    html = site.one_file(
        lang, SINGLE_TEMPLATE, csp=CSP_SLOT, css_string=css_string,
        site_css=Markup("\n").join(_inline_text(project.assets / name, "style") for name in SINGLE_CSS),
        site_js=_inline_text(project.assets / "site.js", "script"),
    )
    site.check_catalog()
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


def readme(project: Project, report: Report, bundle: dict[str, bytes] | None) -> bytes:
    """README.txt in Chinese, then English; for dist/bundle/ (bundle given) or for inside the zip."""
    site = renderer(project, report)
    sizes = {k: _size(len(v)) for k, v in bundle.items()} if bundle is not None else None
    halves = [site.one_file(lang, README_TEMPLATE, files=sizes, bundle_name=bundle_name(report)) for lang in LANGS]
    site.check_catalog()
    text = "\n\n".join(h.strip("\n") for h in halves) + "\n"
    # A byte-order mark and CRLF, so that Notepad on older Windows shows the Chinese and the lines right.
    return ("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8")


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / 1024 / 1024:.1f} MB"
