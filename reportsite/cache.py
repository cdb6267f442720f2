"""Never render again what did not change: every output file is keyed by a hash of all it depends on.

A page's key covers the code (the package's sources, the libraries' versions, Python's), the parts of
the data the page reads (its kind declares them, pages.PageKind.reads; reads.py hashes each from the
model, content pages included), the base URL, the UI catalogs, the assets, the output's options, the
page's path and its templates (its own and every one it extends, includes or imports). The files that
are not pages (the renderer's extras) are keyed by group, each by the data it reads (render.extras_groups:
the share images read the site's settings and the font, a report's data files that report and the glossary,
the search indexes all data).

The bytes are kept nowhere else: the previous build's dist/ is the store. A manifest beside it
(dist/ -> dist.cache.json, which .gitignore's /dist.* covers) records each file's key, checksum, size and
modification time. A file is reused when its key is unchanged and dist/ holds it with the size and time
recorded: its bytes are trusted then, not read (reading thousands of files would cost more than the
build); a file changed by hand has another time, and is made again. A file rendered again to the bytes
recorded, and intact, is not written again (FileCache.note); write.update_site writes the others. Before
all that, one hash of every input (build_stamp) is compared with the last build's: when it is the same
and dist/ holds exactly the files that build wrote, each of the size and time recorded, there is nothing
to do, and nothing is read (FileCache.unchanged). A manifest that cannot be read, is of another
format, code version or project, or fails its own checksum, is ignored; a build during which an
input folder changed records nothing (Inputs). The manifest also records the version of the list of
published addresses the build checked (published.py): the next build checks again only the addresses
whose files it touches, unless the list changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from collections.abc import Callable
from dataclasses import astuple, dataclass, field
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING

from .parallel import Elsewhere
from .write import write_whole

if TYPE_CHECKING:  # the check for an unchanged build (FileCache.unchanged) needs none of them
    import jinja2

    from .pages import PageSpec
    from .reads import DataReads

FORMAT = 5  # of the manifest and the keys; raise it when either changes meaning
LIBRARIES = ("jinja2", "markupsafe", "babel", "markdown-it-py", "pyyaml", "pillow")  # what shapes the bytes


def digest(*parts: object) -> str:
    """One sha256 of several values, each kept apart from the next."""
    hashed = hashlib.sha256()
    for part in parts:
        hashed.update(str(part).encode("utf-8") + b"\0")
    return hashed.hexdigest()


def tree_hash(folder: Path, leave_out: frozenset[str] = frozenset()) -> str:
    """A content hash of every file under a folder, with its name ("none" when there is no folder);
    files named in leave_out are left out wherever they are."""
    if not folder.is_dir():
        return "none"
    hashed = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name not in leave_out):
        hashed.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return hashed.hexdigest()


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the package's sources and data, the libraries' versions and Python's version."""
    return digest(FORMAT, sys.version, *installed(LIBRARIES), package_hash())


def package_hash() -> str:
    """A content hash of the package's sources and data (reportsite/*.py, vocab.yaml)."""
    return digest(*(f"{p.name}:{hashlib.sha256(p.read_bytes()).hexdigest()}" for p in package_sources()))


def package_sources() -> list[Path]:
    return sorted(p for p in Path(__file__).parent.iterdir() if p.suffix in (".py", ".yaml"))


def installed(libraries: tuple[str, ...]) -> list[str]:
    """Each library as installed: the name of its metadata folder (name-version.dist-info or .egg-info) where
    Python would find it first, or "<library> none". A folder's listing, not importlib.metadata, whose import
    alone (email, zipfile …) costs a tenth of a build with nothing to do."""
    found: dict[str, str] = {}
    wanted = {_normal(library): library for library in libraries}
    for folder in sys.path:
        try:
            names = sorted(os.listdir(folder or "."))
        except OSError:
            continue
        for name in names:
            if name.endswith((".dist-info", ".egg-info")):
                library = wanted.get(_normal(name.split("-", 1)[0].removesuffix(".egg-info")))
                if library is not None:
                    found.setdefault(library, name)
    return [found.get(library, f"{library} none") for library in libraries]


def _normal(name: str) -> str:
    """A project's name as packaging compares it: markdown-it-py, markdown_it_py and Markdown.It.Py alike."""
    return re.sub(r"[-_.]+", "_", name).lower()


def font_id() -> str:
    """The share images' font (REPORTSITE_FONT or the first system font found), by name, size and date:
    hashing its 20 MB would cost more than planning the whole build."""
    font = _font_file()
    if font is None:
        return "none"
    stat = font.stat()
    return f"{font}:{stat.st_size}:{stat.st_mtime_ns}"


def templates_used(name: str, references: Callable[[str], tuple[str | None, ...]],
                   everything: Callable[[], list[str]]) -> set[str] | None:
    """A template and every one it extends, includes or imports, however deep; all templates when one
    names another by a variable; None when one cannot be read or parsed (rendering reports it)."""
    import jinja2

    found, todo = set(), [name]
    while todo:
        current = todo.pop()
        if current in found:
            continue
        found.add(current)
        try:
            todo.extend(references(current))
        except (jinja2.TemplateNotFound, jinja2.TemplateSyntaxError):
            return None
        if None in todo:
            return set(everything())
    return found


@dataclass(frozen=True)
class Inputs:
    """Content hashes of the folders a build reads. Taken before the build reads them and again after it
    wrote dist/: when they differ, a file edited meanwhile may have been read in either version, and
    the build's files are not recorded (their keys could name inputs they were not made from)."""

    data: str
    content: str
    locales: str
    assets: str
    templates: str
    code: str

    @classmethod
    def of(cls, project) -> "Inputs":
        return cls(*map(tree_hash, input_folders(project)), package_hash())


def input_folders(project) -> tuple[Path, ...]:
    return project.data, project.content, project.locales, project.assets, project.templates


def input_dates(project) -> tuple:
    """The path, size and modification time of every file Inputs reads: taken before Inputs.of reads them,
    and the same after the build, no file was saved meanwhile, and there is no need to read them all again
    to tell (two saves of one size in one tick of the file system's clock, a few ms, would look like one)."""
    files = [p for folder in input_folders(project) if folder.is_dir() for p in sorted(folder.rglob("*"))]
    return tuple((str(p), stat.st_size, stat.st_mtime_ns) for p in files + package_sources()
                 if p.is_file() and (stat := p.stat()))


@dataclass(frozen=True)
class Keys:
    """The key of each output file of one build (None: not keyed, always rendered)."""

    base: str  # what every file depends on
    env: jinja2.Environment  # reads and parses the templates
    data: DataReads  # the hash of each part of the data
    _sets: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)  # memos
    _versions: dict[tuple[str, ...], str] = field(default_factory=dict, compare=False, repr=False)
    _sources: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    _references: dict[str, tuple[str | None, ...]] = field(default_factory=dict, compare=False, repr=False)
    # the templates each template names, as the last build found them: name -> (hash of its source, the names)
    known: dict[str, tuple[str, tuple[str | None, ...]]] = field(default_factory=dict, compare=False, repr=False)
    learnt: dict[str, tuple[str, tuple[str | None, ...]]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, inputs: Inputs, renderer, known: dict[str, tuple[str, tuple[str | None, ...]]] | None = None) -> "Keys":
        """known: the templates each template names, as the last build found them (Manifest.templates)."""
        site, options = renderer.site, renderer.options
        base = digest(FORMAT, code_version(), site.url, inputs.locales, inputs.assets, options.links.name,
                      sorted(options.bundle.items()))
        return cls(base, renderer.envs["en"], renderer.data, known=known or {})

    def page(self, spec: PageSpec) -> str | None:
        from .links import dest

        templates = self.templates(spec.template)
        return None if templates is None else digest(self.base, "page", dest(spec.url), templates,
                                                         self.version(spec.reads()))

    def version(self, reads: tuple[str, ...]) -> str:
        """The data version of these parts (many pages read the same ones)."""
        if reads not in self._versions:
            self._versions[reads] = self.data.version(reads)
        return self._versions[reads]

    def extras(self, group: str, reads: tuple[str, ...]) -> str:
        """The key of one group of the files that are not pages (render.extras_groups)."""
        return digest(self.base, "extras", group, self.data.version(reads), font_id() if group == "share" else "")

    def templates(self, name: str) -> str | None:
        """A hash of the sources of the templates a page's template uses."""
        if name not in self._sets:
            used = templates_used(name, self.references, self.env.list_templates)
            self._sets[name] = None if used is None else digest(*(f"{n}:{self.source(n)}" for n in sorted(used)))
        return self._sets[name]

    def source(self, name: str) -> str:
        if name not in self._sources:
            self._sources[name] = self.env.loader.get_source(self.env, name)[0]
        return self._sources[name]

    def references(self, name: str) -> tuple[str | None, ...]:
        """The templates one template names (None for a name it computes): as the last build found them when
        the template's source is the same (parsing every template costs more than the rest of the keys)."""
        if name not in self._references:
            checksum = hashlib.sha256(self.source(name).encode()).hexdigest()
            known = self.known.get(name)
            if known is not None and known[0] == checksum:
                self._references[name] = known[1]
            else:
                from jinja2 import meta

                self._references[name] = tuple(meta.find_referenced_templates(self.env.parse(self.source(name))))
            self.learnt[name] = (checksum, self._references[name])
        return self._references[name]


@dataclass(frozen=True)
class Held:
    """A rendered file's stand-in for the bytes dist/ holds already, at its path and intact (FileCache.holds)."""


@dataclass(frozen=True)
class Entry:
    """One file of a build, as the manifest records it."""

    key: str
    sha256: str
    size: int
    mtime_ns: int = 0  # when it was written to dist/ (0: not yet); with the size, what tells it is intact

    # made anew rather than by dataclasses.replace, which costs a clean build's 8,119 files 0.03 s
    def under(self, key: str) -> Entry:
        """The same file under another key."""
        return Entry(key, self.sha256, self.size, self.mtime_ns)

    def written_at(self, mtime_ns: int) -> Entry:
        return Entry(self.key, self.sha256, self.size, mtime_ns)


@dataclass(frozen=True)
class Manifest:
    """The record of one build: what it read (its stamp), what the command line says of it, its files, and the
    version of the list of published addresses its files were checked against (published.list_version), and
    the templates each template names (Keys.known)."""

    stamp: str
    summary: dict
    files: dict[str, Entry]
    published: str
    templates: dict[str, tuple[str, tuple[str | None, ...]]] = field(default_factory=dict)  # Keys.learnt


def build_stamp(inputs: Inputs, project, options) -> str:
    """Everything a build reads, in one hash: the input folders, the code, the options (None: the
    defaults), the base URL and the share images' font (font_id)."""
    options_id = "defaults" if options is None else (options.links.name, sorted(options.bundle.items()))
    return digest(FORMAT, code_version(), *astuple(inputs), project.base_url, options_id, font_id())


def _font_file() -> Path | None:
    from .share import find_font

    return find_font()


def manifest_path(dist: Path) -> Path:
    """Beside the output folder, never in it (it is not published): dist/ -> dist.cache.json."""
    return dist.parent / f"{dist.name}.cache.json"


def compiled_templates(root: Path) -> jinja2.BytecodeCache | None:
    """The templates as earlier builds compiled them, kept in the project (.cache/templates/<code version>/,
    git-ignored), as Python keeps its compiled modules in __pycache__: compiling all of them costs a build,
    a clean one too, about 0.4 s. They depend on the code alone, never on the data: Jinja loads a compiled
    template only when its source is the one it was compiled from and the Jinja and Python versions are the
    same; the code version stands for the environment's settings (render.make_env), and the folders of
    other code versions are removed (with what each template names, kept_references). None (compile in
    memory) where the project cannot be written."""
    import shutil

    import jinja2

    folder = templates_folder(root)
    kept = folder.parent
    try:
        if not folder.is_dir():
            shutil.rmtree(kept, ignore_errors=True)
            folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def templates_folder(root: Path) -> Path:
    """Where the templates are kept compiled (compiled_templates), with what each names (kept_references)."""
    return root / ".cache" / "templates" / code_version()[:16]


REFERENCES = "references.json"


def kept_references(root: Path) -> dict[str, tuple[str, tuple[str | None, ...]]]:
    """The templates each template names, as an earlier build found them (Keys.known), kept beside the compiled
    templates for a build with no record of the last one (a clean build: parsing every template costs it 0.1 s); each
    is used only for the source it was found in (Keys.references compares their hashes). None kept: {}."""
    try:
        rows = json.loads((templates_folder(root) / REFERENCES).read_bytes())
        return {name: _references(row) for name, row in rows.items()}
    except (OSError, ValueError, TypeError, AttributeError, RecursionError):
        return {}  # none, or a damaged file: every template is parsed, as without it


def keep_references(root: Path, learnt: dict[str, tuple[str, tuple[str | None, ...]]]) -> None:
    """Keep what a build found each template names (Keys.learnt) beside the compiled templates, where they are."""
    folder = templates_folder(root)
    if learnt and folder.is_dir():
        body = json.dumps(_reference_rows(learnt), sort_keys=True)
        try:
            write_whole(folder / REFERENCES, body.encode())
        except OSError:
            pass  # a project that cannot be written: the next build parses the templates again


def project_id(project) -> str:
    return digest(project.root, project.data, project.content, project.dist)


class FileCache:
    """The previous build's files that may be reused, and the record of this build's for the next."""

    def __init__(self, project, use_previous: bool = True):
        self.dist, self.path, self.project = project.dist, manifest_path(project.dist), project_id(project)
        self.last = read_manifest(self.path, self.project) if use_previous else None
        self.previous = self.last.files if self.last else {}
        self.current: dict[str, Entry] = {}
        self._on_disk: dict[str, tuple[int, int]] | None = None
        self._listing: Elsewhere | None = None  # dist/ listed on another process (list_elsewhere)

    def unchanged(self, stamp: str) -> Manifest | None:
        """The last build's record when it read exactly these inputs and dist/ holds exactly the files it
        wrote, each of the size and date it recorded (then this build has nothing to do); else None."""
        if self.last is None or self.last.stamp != stamp:
            return None
        recorded = {name: (entry.size, entry.mtime_ns) for name, entry in self.previous.items()}
        return self.last if self.on_disk == recorded else None

    def list_elsewhere(self) -> None:
        """Start listing dist/ on another process, while this one reads the data: 8,000 files' sizes and dates,
        0.03-0.05 s that an edit's build would wait for before its workers start."""
        if self._on_disk is None and self._listing is None:
            self._listing = Elsewhere(partial(files_on_disk, self.dist))

    @property
    def on_disk(self) -> dict[str, tuple[int, int]]:
        """Every file dist/ holds now -> (size, modification time in ns), as this build found it."""
        if self._on_disk is None:
            self.take_listing()
        return self._on_disk

    def take_listing(self) -> None:
        """Take dist/'s listing now, from the process that lists it (or list it here): before worker processes are
        forked from this one, which read it (holds())."""
        if self._on_disk is None:
            listed = self._listing.result() if self._listing is not None else None
            self._on_disk = listed if isinstance(listed, dict) else files_on_disk(self.dist)

    def intact(self, name: str) -> Entry | None:
        """The last build's record of a file, when dist/ holds it with the size and date recorded (its bytes
        are trusted then, not read: reading thousands of files would cost more than the build)."""
        entry = self.previous.get(name)
        return entry if entry is not None and self.on_disk.get(name) == (entry.size, entry.mtime_ns) else None

    def reuse(self, name: str, key: str | None) -> bool:
        """Whether the file in dist/ is this build's as it stands: its key is unchanged and it is intact (then
        it is recorded again for the next build)."""
        entry = self.intact(name)
        if key is None or entry is None or entry.key != key:
            return False
        self.current[name] = entry
        return True

    def reuse_group(self, key: str) -> list[str] | None:
        """The paths of all files recorded under one key, when every one of them can be reused; else None."""
        names = [name for name, entry in self.previous.items() if entry.key == key]
        if names and all(self.reuse(name, key) for name in names):
            return names
        for name in names:
            self.current.pop(name, None)
        return None

    def note(self, name: str, key: str | None, data: bytes | Held) -> bool:
        """Record a rendered file for the next build; whether it must be written (False: dist/ holds these very
        bytes, intact, and they are recorded under their new key). Held: a worker found so (holds())."""
        if isinstance(data, Held):
            if key is not None:
                self.current[name] = self.intact(name).under(key)
            return False
        sha256 = hashlib.sha256(data).hexdigest()
        entry = self.intact(name)
        same = _records(entry, data, sha256)
        if key is not None:
            self.current[name] = entry.under(key) if same else Entry(key, sha256, len(data))
        return not same

    def holds(self, name: str, data: bytes) -> bool:
        """Whether dist/ holds these very bytes at this path, intact: a worker process asks, and sends Held instead of
        the bytes (most of the search index's 2,148 files after an edit), which the parent need neither take in nor
        hash again."""
        return _records(self.intact(name), data)

    def save(self, stamp: str, summary: dict, published: str, templates: dict) -> None:
        """Record this build's files for the next build, each written one with its date as dist/ now holds it
        (the others keep theirs). published: the version of the published addresses' list it checked;
        templates: the templates each template names (Keys.learnt)."""
        files, dist = {}, str(self.dist)  # paths as strings: a clean build's 8,119 Path objects cost 0.04 s
        for name, entry in self.current.items():
            if entry.mtime_ns:  # as the last build left it, not written again
                files[name] = entry
            elif (stat := _stat(os.path.join(dist, name))) is not None and stat.st_size == entry.size:
                files[name] = entry.written_at(stat.st_mtime_ns)
        write_manifest(self.path, self.project, Manifest(stamp, summary, files, published, templates))


def _records(entry: Entry | None, data: bytes, sha256: str | None = None) -> bool:
    """Whether a file's record (of a file dist/ holds intact) is of these bytes (sha256: theirs, when known). They are
    hashed only when there is a record of their size: a clean build has none, and its 100 MB are not hashed for it."""
    return entry is not None and entry.size == len(data) and \
        entry.sha256 == (sha256 or hashlib.sha256(data).hexdigest())


def _stat(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


def files_on_disk(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under a folder -> (size, modification time in ns); none when there is no folder."""
    found: dict[str, tuple[int, int]] = {}
    todo = [(str(folder), "")]
    while todo:
        path, prefix = todo.pop()
        try:
            entries = list(os.scandir(path))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                todo.append((entry.path, f"{prefix}{entry.name}/"))
            else:
                stat = entry.stat()
                found[prefix + entry.name] = (stat.st_size, stat.st_mtime_ns)
    return found


def read_manifest(path: Path, project: str) -> Manifest | None:
    """The last build's record; None when it is missing, unreadable, damaged, or of another format,
    code version or project.

    Two lines of JSON: a head (the format, the code version, the project, the checksum of the body) and the
    body (the Manifest's fields), checksummed as written: nothing is encoded again to check it."""
    try:
        head, _, body = path.read_bytes().partition(b"\n")
        head = json.loads(head)
        if (head["format"], head["code"], head["project"], head["checksum"]) != \
                (FORMAT, code_version(), project, hashlib.sha256(body).hexdigest()):
            return None
        doc = json.loads(body)
        if not (isinstance(doc["stamp"], str) and isinstance(doc["summary"], dict)
                and isinstance(doc["published"], str)):
            raise ValueError("not a manifest")
        files = {name: Entry(*_fields(row)) for name, row in doc["files"].items()}
        templates = {name: _references(row) for name, row in doc["templates"].items()}
        return Manifest(doc["stamp"], doc["summary"], files, doc["published"], templates)
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None  # a damaged file: no cache, not a crash


def _fields(row: object) -> tuple[str, str, int, int]:
    if not (isinstance(row, list) and len(row) == 4 and isinstance(row[0], str) and isinstance(row[1], str)
            and isinstance(row[2], int) and isinstance(row[3], int)):
        raise ValueError("not a manifest entry")
    return row[0], row[1], row[2], row[3]


def _reference_rows(templates: dict[str, tuple[str, tuple[str | None, ...]]]) -> dict[str, list]:
    """What each template names, as JSON holds it (the record's and kept_references'): name -> [checksum, names]."""
    return {name: [checksum, list(names)] for name, (checksum, names) in templates.items()}


def _references(row: object) -> tuple[str, tuple[str | None, ...]]:
    if not (isinstance(row, list) and len(row) == 2 and isinstance(row[0], str) and isinstance(row[1], list)
            and all(name is None or isinstance(name, str) for name in row[1])):
        raise ValueError("not a template's references")
    return row[0], tuple(row[1])


def write_manifest(path: Path, project: str, manifest: Manifest) -> None:
    """Write the manifest whole or not at all (a temporary file, then a rename)."""
    body = json.dumps({"stamp": manifest.stamp, "summary": manifest.summary, "published": manifest.published,
                       "templates": _reference_rows(manifest.templates),
                       "files": {name: [e.key, e.sha256, e.size, e.mtime_ns] for name, e in manifest.files.items()}},
                      separators=(",", ":")).encode()
    head = {"format": FORMAT, "code": code_version(), "project": project, "checksum": hashlib.sha256(body).hexdigest()}
    write_whole(path, json.dumps(head).encode() + b"\n" + body)
