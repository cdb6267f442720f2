"""What data each page reads: named parts of the site's data, each with a content hash.

A page kind declares the parts its page reads (pages.PageKind.reads): its report's outline, one section,
one indicator's figures, the report's goals, the glossary … The cache (cache.py) keys the page by the
hashes of those parts instead of by all the data, so an edit renders again only the pages that show what
it changed; and the page's footer and citations show the version of the data the page was made from
(the hashes of its parts, together): two copies of a page with the same data version show the same data.

A part is hashed from the model, not from the files: a goal's verdict reads the later report's figure, a
term's uses read every paragraph, and the model already holds what follows from what. A part made of others
(a report: its outline, its sections, its goals) is hashed from their hashes, so that nothing is hashed twice;
and the model's larger objects (sections, paragraphs, figures, goals, terms) keep their own hash once made, which
the data cache keeps with them: a report not edited since the last build costs nothing to hash again.
A declaration that misses a part the page shows would leave that page stale after an edit of that part;
tests/test_incremental.py edits each kind of data and compares an incremental build with a clean one.

The parts (a name, then what it covers):
  site              the site's settings (site.yaml), the prose pages, each report's metadata (not its
                    text), the vocabulary's units, the example goal of the search box: what every page's
                    frame shows (navigation, footer, head) and every citation names
  nav:R             report R's parts (number, title, summary …), without their sections: its navigation
  outline:R         report R's parts and the id and title of each section: its contents rail
  report:R          the whole of report R, its goals with their outcomes and verdicts
  section:R:S       section S of report R: its text and its figures
  figures:R:S       section S of report R as its figures' pages show it: its id, title and figures, not its text
  section-figures:R:S  the figures of section S of report R
  paragraph:R:P     paragraph P of report R (a figure's page shows the paragraph its figure stands in)
  indicator:R:I     the figures of indicator I in report R, with their sections' titles (a series chart)
  indicator:*:I     the figures and goals of indicator I in every report (a goal's path on its card)
  targets:R         report R's goals, with their outcomes and verdicts (from the later reports' figures)
  tables:R          what report R's data files show: its figures and goals, its official text (not our English
                    of its paragraphs, nor its sections' titles and explainers)
  goals:R:S         the goals report R sets in section S, with their outcomes and verdicts
  target:T          goal T, its figure, baselines, outcome and verdict
  targets           every goal of the site, with outcomes and verdicts
  glossary          every term with the paragraphs it is found in
  corrections       the corrections log
  ledger-filters    the ledger's filters (views.ledger_filters): each one's title and the ids of its goals
  cards             the goals the share images show (share.card_goals), with their figures
  all               all the data (data/ and content/)
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import fields, is_dataclass

from .model import Figure, Paragraph, Section, Site, Target, Term

ALL = "all"


def fingerprint(value: object) -> str:
    """A content hash of a model value (frozen dataclasses, tuples, dicts of them): of a text that shows every field,
    as repr does, except that each of the model's larger objects (KEEPS_ITS_HASH) stands in it as its own hash."""
    return hashlib.sha256(_text(value).encode("utf-8")).hexdigest()


# The model's objects that keep their own hash, once made, in their __dict__ (frozen: their content never changes, and
# dataclasses.replace makes a new object): the data cache pickles it with them, so that the parts of a report not
# edited since the last build are hashed without reading them again (0.08 s of an edit's planning on six reports).
KEEPS_ITS_HASH = frozenset({Section, Paragraph, Figure, Target, Term})
HASH = "_content_hash"
_FIELDS: dict[type, tuple[str, ...] | None] = {}  # a class -> the fields its repr shows (None: not a dataclass)


def _text(value: object) -> str:
    cls = type(value)
    if cls is str or cls is int or cls is float or cls is bool or value is None:
        return repr(value)
    if cls not in _FIELDS:
        _FIELDS[cls] = tuple(f.name for f in fields(cls) if f.repr) if is_dataclass(cls) else None
    shown = _FIELDS[cls]
    if shown is not None:
        if cls not in KEEPS_ITS_HASH:
            return _fields_text(value, shown)
        known = value.__dict__.get(HASH)
        if known is None:
            known = value.__dict__[HASH] = hashlib.sha256(_fields_text(value, shown).encode("utf-8")).hexdigest()
        return f"{cls.__qualname__}#{known}"
    if cls is tuple:
        return "(" + ", ".join(map(_text, value)) + ("," if len(value) == 1 else "") + ")"
    if cls is list:
        return "[" + ", ".join(map(_text, value)) + "]"
    if cls is dict:
        return "{" + ", ".join(f"{_text(k)}: {_text(v)}" for k, v in value.items()) + "}"
    if cls is set or cls is frozenset:  # in an order that does not depend on the process's hash seed
        return f"{cls.__name__}({{" + ", ".join(sorted(map(_text, value))) + "})"
    return repr(value)


def _fields_text(value: object, shown: tuple[str, ...]) -> str:
    return f"{type(value).__qualname__}(" + ", ".join(f"{name}={_text(getattr(value, name))}" for name in shown) + ")"


class DataReads:
    """The hash of each named part of one site's data, each made when first asked for."""

    def __init__(self, site: Site):
        self.site = site
        self._hashes: dict[str, str] = {}
        self._by_indicator: dict[str, dict[str, list]] = {}  # report ("*": all) -> indicator -> its figures
        self._goals_by_indicator: dict[str, list] | None = None
        self._targets: dict[str, object] | None = None

    def hash(self, name: str) -> str:
        if name not in self._hashes:
            self._hashes[name] = fingerprint(self._value(name))
        return self._hashes[name]

    def version(self, names: tuple[str, ...]) -> str:
        """The version of the data a page made from these parts shows: one hash of their hashes."""
        hashed = hashlib.sha256()
        for name in sorted(set(names)):
            hashed.update(f"{name}={self.hash(name)}\0".encode())
        return hashed.hexdigest()

    def _figures(self, report_id: str, indicator: str) -> list:
        """The figures of an indicator in one report ("*": in every report), in the order of the report's figures;
        grouped in one pass over them, not one pass for each indicator."""
        if report_id not in self._by_indicator:
            reports = self.site.reports if report_id == "*" else (self.site.report[report_id],)
            grouped: dict[str, list] = {}
            for figure in (f for r in reports for f in r.figures):
                grouped.setdefault(figure.indicator, []).append(figure)
            self._by_indicator[report_id] = grouped
        return self._by_indicator[report_id].get(indicator, [])

    def _goals(self, indicator: str) -> list:
        """The goals of an indicator, in the site's order (grouped in one pass)."""
        if self._goals_by_indicator is None:
            self._goals_by_indicator = {}
            for target in self.site.targets:
                self._goals_by_indicator.setdefault(target.figure.indicator, []).append(target)
        return self._goals_by_indicator.get(indicator, [])

    def _target(self, target_id: str) -> tuple:
        """A goal, and the section of the later report whose words say it was done (its card links there)."""
        if self._targets is None:
            self._targets = {t.id: t for t in reversed(self.site.targets)}  # reversed: the first of an id wins
        target = self._targets[target_id]
        said = target.outcome.statement if target.outcome else None
        later = self.site.report[target.outcome.report_id] if said else None
        return target, later.index.paragraphs[said.paragraph_id].section_id if later else None

    def _value(self, name: str) -> object:
        site = self.site
        kind, _, rest = name.partition(":")
        if name == ALL:
            return site.data_hash, site.pages
        if name == "site":
            return site_settings(site)
        if name == "targets":  # as each report's goals hash
            return tuple(self.hash(f"targets:{r.id}") for r in site.reports)
        if name == "glossary":
            return site.terms
        if name == "corrections":
            return site.corrections
        if name == "ledger-filters":
            from .views import ledger_filters

            return tuple((f.id, f.title, tuple(t.id for t in f.goals)) for f in ledger_filters(site))
        if name == "cards":
            from .share import card_goals

            return [card_goals(site, report) for report in (None, *site.reports)]
        if kind == "target":
            return self._target(rest)
        report_id, _, item = rest.partition(":")
        if kind == "indicator" and report_id == "*":
            return self._figures("*", item), self._goals(item)
        report = site.report[report_id]
        if kind == "nav":
            return tuple(_without(p, "sections") for p in report.parts)
        if kind == "outline":
            return tuple((_without(p, "sections"), tuple((s.id, s.title) for s in p.sections)) for p in report.parts)
        if kind == "report":  # its fields, its parts and sections and goals as their own parts hash (hashed once)
            return (_without(report, "parts", "targets"), self.hash(f"outline:{report_id}"),
                    tuple(self.hash(f"section:{report_id}:{s.id}") for p in report.parts for s in p.sections),
                    self.hash(f"targets:{report_id}"))
        if kind == "section":
            return report.index.sections[item]
        if kind == "figures":
            section = report.index.sections[item]
            return section.id, section.part_id, section.title, self.hash(f"section-figures:{report_id}:{item}")
        if kind == "section-figures":
            return report.index.sections[item].figures
        if kind == "paragraph":
            return report.index.paragraphs[item]
        if kind == "indicator":
            figures = self._figures(report_id, item)
            return figures, [report.index.sections[f.section_id].title for f in figures]
        if kind == "targets":
            return report.targets
        if kind == "tables":  # of parts hashed already (every figure is in one section), not the sections' titles
            return (tuple(f.id for f in report.figures),
                    tuple(self.hash(f"section-figures:{report_id}:{s.id}") for s in report.sections),
                    self.hash(f"targets:{report_id}"), report.source_text)
        if kind == "goals":
            return report.index.targets_for_section(item)
        raise KeyError(f"no such part of the data: {name}")


def site_settings(site: Site) -> tuple:
    """What the site shows on every page: its settings, prose pages, the reports' metadata, the units, and
    the goal the search box gives as an example."""
    settings = tuple((f.name, getattr(site, f.name)) for f in fields(site)
                     if f.name not in ("reports", "terms", "corrections", "data_hash"))
    reports = tuple(_without(r, "parts", "source_text", "targets", "text_notes") for r in site.reports)
    return settings, reports, search_example(site)


def search_example(site: Site):
    """The goal whose name the search box shows as an example: the first main goal of the newest report."""
    goals = [t for r in reversed(site.reports) for t in r.targets if t.group == "annual"] or \
        [t for r in reversed(site.reports) for t in r.targets]
    return goals[0].figure.label if goals else None


def _without(item: object, *left_out: str) -> tuple:
    """A dataclass's fields, but the ones named."""
    return (type(item).__name__,) + tuple((f.name, getattr(item, f.name)) for f in fields(item)
                                          if f.name not in left_out)


Reads = Callable[[object], tuple[str, ...]]  # a page (pages.PageSpec) -> the parts of the data it reads
