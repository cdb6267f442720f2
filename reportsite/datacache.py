"""The data as the last build read it, so that the next build reads again only what changed.

Reading and checking six reports' data (validate.py) takes about a second, most of it each report's own
files. Each unit of that reading is kept beside the output folder (dist/ -> dist.data.pickle, never in it;
.gitignore's /dist.* covers it), under a key that hashes everything the unit is made from:
- a report's model (read_report.py): the name and bytes of every file in its folder, the vocabulary
  (units, qualifiers and topics, as read) and its folder's path, which its errors and files name;
- a section's model (read_report.KeptSection, for a report read again): its file's path and bytes, its part,
  its report and the vocabulary, with the ids it claims and where its texts are;
- the glossary: its file, and the printed Chinese of every paragraph of every report and the terms its English
  links (validate.read_glossary: what a term's uses read);
- the goals: targets.yaml, and what they read of every report (read_goals.what_goals_read: its figures,
  printed Chinese, date and place; a goal is judged by a later report's figures);
- a parsed YAML file of the site (site.yaml, glossary.yaml, targets.yaml …): its name and bytes;
and every key holds the code version (cache.code_version: the package's sources and the libraries').

A unit is kept only from a read that found no mistake, and no draft, at all; a read that finds one is
done again without the cache (validate.validate_site), so that the errors are those of a full read, to the
character, whether or not a cache exists. Only the units the last read used are kept, and nothing is kept
when a data file changed while it was read. A cache file that cannot be read, is damaged (its checksum),
or is of another format, code version or project is ignored, and only the model's own classes are
unpickled from it.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
from dataclasses import dataclass
from pathlib import Path

from .cache import code_version, digest
from .errors import Problems
from .load import Doc, load_yaml
from .write import write_whole

FORMAT = 1  # of the file; raise it when its layout or a key changes meaning
MAGIC = b"reportsite data cache"
# What a cache file may build: the model, its marks and loaded documents, and the values they hold
MODULES = frozenset({"reportsite.model", "reportsite.errors", "reportsite.load", "reportsite.read_report",
                     "reportsite.datacache"})
VALUES = frozenset({("datetime", "date"), ("decimal", "Decimal")})
UNREADABLE = (OSError, EOFError, ValueError, KeyError, IndexError, TypeError, AttributeError, ImportError,
              RecursionError, pickle.UnpicklingError)  # what a damaged file or stale class raises


def cache_path(dist: Path) -> Path:
    """Beside the output folder, never in it (it is not published): dist/ -> dist.data.pickle."""
    return dist.parent / f"{dist.name}.data.pickle"


def file_hashes(folder: Path) -> dict[str, str]:
    """Every file under a folder (its path from there, with /) -> a sha256 of its bytes. Linked folders are
    followed, as reading the data follows them, each once (a link to a folder above it ends nowhere)."""
    found: dict[str, str] = {}
    seen: set[tuple[int, int]] = set()
    todo = [(str(folder), "")]
    while todo:
        path, prefix = todo.pop()
        try:
            stat = os.stat(path)
            if (stat.st_dev, stat.st_ino) in seen:
                continue
            seen.add((stat.st_dev, stat.st_ino))
            entries = list(os.scandir(path))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir():
                todo.append((entry.path, f"{prefix}{entry.name}/"))
                continue
            try:
                found[prefix + entry.name] = hashlib.sha256(Path(entry.path).read_bytes()).hexdigest()
            except OSError:
                found[prefix + entry.name] = "unreadable"
    return found


@dataclass(frozen=True)
class Blob:
    """A parsed file pickled on its own, unpickled only when it is used: only when what is read from it
    changed."""

    data: bytes


class DataCache:
    """The units of the last read (old), and those of this read (new: the ones it used or made); and the
    parsed YAML files of the data, by name and hash, of the last read and of this one."""

    def __init__(self, path: Path, data_dir: Path, root: Path, previous: DataCache | None = None,
                 anew: bool = False, jobs: int = 1):
        """previous: the cache of the last read in this process (the preview's), taken instead of the file;
        anew: take nothing, only keep what this read makes (--clean); jobs: the processes the read may use
        (validate.SiteReader.read_ahead)."""
        self.path, self.data_dir, self.jobs = path, data_dir, jobs
        self.project = digest(root, data_dir)
        self.files = file_hashes(data_dir)  # the data as this read finds it
        self.from_file = not (previous is not None and previous.read and
                              (previous.path, previous.project) == (path, self.project))
        kept = {} if anew else read_cache(path, self.project) if self.from_file else \
            {"units": previous.new, "docs": previous.docs()}
        self.old: dict[str, object] = kept.get("units", {})
        self.old_docs: dict[tuple[str, str], Blob] = kept.get("docs", {})
        self.new: dict[str, object] = {}
        self.new_docs: dict[tuple[str, str], Blob] = {}
        self.ahead: dict[str, object] = {}  # units this read made before it asked for them (read_ahead)
        self.read = False  # set once a read through it found no mistake: then what it holds may be kept

    def key(self, kind: str, *parts: object) -> str:
        return digest(FORMAT, kind, code_version(), *parts)

    def folder(self, name: str) -> list[tuple[str, str]]:
        """Each file of one folder of the data, with its hash."""
        prefix = f"{name}/"
        return sorted((path, hashed) for path, hashed in self.files.items() if path.startswith(prefix))

    def file(self, path: Path) -> str | None:
        """The hash of a file of the data (None: not in the data folder, or no such file)."""
        name = self.name(path)
        return self.files.get(name) if name else None

    def name(self, path: Path) -> str | None:
        return path.relative_to(self.data_dir).as_posix() if path.is_relative_to(self.data_dir) else None

    def get(self, key: str) -> object | None:
        """The value kept under key (kept again, for the next read), or None."""
        value = self.old.get(key)
        if value is None:
            value = self.ahead.pop(key, None)
        if value is not None:
            self.new[key] = value
        return value

    def keep(self, key: str, value: object) -> None:
        self.new[key] = value

    def load_yaml(self, path: Path, shown: str, problems: Problems) -> Doc | None:
        """A YAML file of the data, parsed; as the last read parsed it when its bytes are the same."""
        name = self.name(path)
        key = (name, self.files[name]) if name in self.files else None
        if key in self.old_docs:
            try:
                return unpickle(self.old_docs[key].data)
            except UNREADABLE:
                pass  # a class of the model changed shape: parse it again
        doc = load_yaml(path, shown, problems)
        if key and doc:
            self.new_docs[key] = Blob(pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL))
        return doc

    def docs(self) -> dict[tuple[str, str], Blob]:
        """The parsed files that are still as the data holds them."""
        docs = {key: blob for key, blob in self.old_docs.items() if self.files.get(key[0]) == key[1]}
        docs.update(self.new_docs)
        return docs

    def save(self) -> None:
        """Write the units a read without mistakes used and the parsed files that are still as the data holds
        them, unless the file holds just these already, or a data file changed while it was read (then a
        unit might be kept under the key of other bytes)."""
        docs = self.docs()
        as_in_file = self.from_file and self.new.keys() == self.old.keys() and docs.keys() == self.old_docs.keys()
        if not self.read or as_in_file or file_hashes(self.data_dir) != self.files:
            return
        payload = pickle.dumps({"units": self.new, "docs": docs}, protocol=pickle.HIGHEST_PROTOCOL)
        write_cache(self.path, self.project, payload)


def header(project: str, payload: bytes) -> bytes:
    return b"\n".join([MAGIC, str(FORMAT).encode(), code_version().encode(), project.encode(),
                       hashlib.sha256(payload).hexdigest().encode(), b""])


def read_cache(path: Path, project: str) -> dict[str, dict]:
    """The units and parsed files a cache file holds; none when it is missing, damaged, or of another format,
    code version or project."""
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    lines = data.split(b"\n", 5)
    if len(lines) != 6:
        return {}
    payload = lines[5]
    if data[:len(data) - len(payload)] != header(project, payload):
        return {}
    try:
        units = unpickle(payload)
    except UNREADABLE:
        return {}
    return units if isinstance(units, dict) and all(isinstance(units.get(k), dict) for k in ("units", "docs")) \
        else {}


def write_cache(path: Path, project: str, payload: bytes) -> None:
    """Write the file whole or not at all (a temporary file, then a rename)."""
    write_whole(path, header(project, payload) + payload)


class _ModelUnpickler(pickle.Unpickler):
    """Builds only the model's classes and the values they hold, whatever the file asks for."""

    def find_class(self, module: str, name: str):
        if module in MODULES or (module, name) in VALUES:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not part of the model")


def unpickle(data: bytes) -> object:
    return _ModelUnpickler(io.BytesIO(data)).load()
