"""Synthetic reports for the scale stage: the real data folder's shapes, its sections repeated
N times, with made-up but valid text (unique Chinese lines, verbatim quotes, term links)."""

from __future__ import annotations

import copy
import random
import re
from pathlib import Path

import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Dumper(yaml.CSafeDumper if hasattr(yaml, "CSafeDumper") else yaml.SafeDumper):
    def ignore_aliases(self, data):  # the loader refuses anchors; never write any
        return True


def dump_yaml(data: object, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100),
                    encoding="utf-8")


def _digits(number) -> str:
    """The digits validate.check_printed looks for in a quote."""
    return f"{number:g}" if isinstance(number, float) else str(number)


def suffix(copy_number: int) -> str:
    """The id suffix of copy k of a section: none for the first copy, -xk after."""
    return "" if copy_number == 1 else f"-x{copy_number}"


class Faker:
    """Made-up Chinese and English text, deterministic, every Chinese line unique."""

    WORD = re.compile(r"[A-Za-z]+")
    LINK = re.compile(r"(\]\(term:[^)\s]*\))")

    def __init__(self, pool: list[str], seed: int):
        self.rng = random.Random(seed)
        self.pool = pool
        self.seen: set[str] = set()

    def chars(self, n: int) -> str:
        out = []
        for _ in range(max(n, 0)):
            if out and out[-1] != "," and self.rng.random() < 0.06:
                out.append(",")
            else:
                out.append(self.rng.choice(self.pool))
        return "".join(out)

    def line(self, length: int, segments: list[str], end: str = "。") -> str:
        """A unique line of about length characters containing every segment."""
        while True:
            filler = max(length - sum(map(len, segments)) - len(end), 2 * len(segments) + 6)
            cuts = sorted(self.rng.randint(0, filler) for _ in segments)
            sizes = [b - a for a, b in zip([0, *cuts], [*cuts, filler], strict=True)]
            pieces = (s + self.chars(n) for s, n in zip(segments, sizes[1:], strict=True))
            text = self.chars(sizes[0]) + "".join(pieces) + end
            if text not in self.seen:
                self.seen.add(text)
                return text

    def english(self, text: str) -> str:
        """Same length and Markdown shape, made-up words; [..](term:id) targets kept."""
        pieces = self.LINK.split(text)
        letters = "etaoinshrdlucmfwypvbgk"
        for i in range(0, len(pieces), 2):
            pieces[i] = self.WORD.sub(lambda m: "".join(self.rng.choice(letters) for _ in m.group()), pieces[i])
        return "".join(pieces)


class Synthesizer:
    """Makes the parts, sections and targets of one synthetic report from a real data folder.

    It keeps the Chinese lines in source order (`lines`) and counts what it made (`counts`).
    The order of its calls fixes the random text, so a size and seed always give the same report."""

    def __init__(self, data: Path, factor: int, seed: int):
        self.data = data
        self.factor = factor
        self._cache: dict[Path, object] = {}
        self.real_source = (data / "source.zh.txt").read_text(encoding="utf-8")
        self.glossary = self.read("glossary.yaml")
        self.matches = sorted({m for t in self.glossary["terms"] for m in (t.get("match_zh") or [t["zh"]])},
                              key=len, reverse=True)
        banned = set("".join(self.matches)) | set("0123456789")
        pool = sorted({c for c in self.real_source if "\u4e00" <= c <= "\u9fff"} - banned)
        self.fake = Faker(pool, seed * 1000 + factor)
        self.lines: list[str] = []
        self.counts = {"sections": 0, "paragraphs": 0, "figures": 0, "targets": 0}

    def read(self, name: str):
        """A fresh copy of one YAML file of the real data folder (each file parsed once)."""
        path = self.data / name
        if path not in self._cache:
            self._cache[path] = yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)  # CSafeLoader: safe
        return copy.deepcopy(self._cache[path])

    def terms_in(self, zh: str) -> list[str]:
        """The glossary strings in a real line, longest first, each once."""
        found, rest = [], zh
        for m in self.matches:
            if m in rest:
                found.append(m)
                rest = rest.replace(m, "\0")
        return found

    def paragraph(self, p: dict, id_suffix: str, quotes: list[str]) -> dict:
        """A made-up copy of a paragraph, holding its glossary strings and its figures' quotes."""
        q = copy.deepcopy(p)
        q["id"] = p["id"] + id_suffix
        segments = self.terms_in(p["zh"]) + quotes
        self.fake.rng.shuffle(segments)
        q["zh"] = self.fake.line(len(p["zh"]), segments, end="。" if p["zh"].endswith("。") else "")
        q["en"] = self.fake.english(p["en"])
        if p.get("lead"):
            q["lead"] = {"zh": q["zh"][:max(1, min(len(p["lead"]["zh"]), len(q["zh"]) - 1))],
                         "en": self.fake.english(p["lead"]["en"])}
        return q

    def quote(self, fig: dict) -> str:
        """A made-up quote as long as the real one, holding the figure's value as printed."""
        value = fig["value"]
        if fig.get("as_printed"):
            core = fig["as_printed"]
        elif isinstance(value, dict):
            core = _digits(value["low"]) + "%-" + _digits(value["high"])
        else:
            core = _digits(value)
        spare = max(len(fig["quote_zh"]) - len(core), 2)
        before = self.fake.rng.randint(1, spare - 1) if spare > 1 else 1
        return self.fake.chars(before) + core + self.fake.chars(spare - before)

    def figures(self, section: dict, id_suffix: str) -> tuple[list[dict], dict[str, list[str]]]:
        """The section's figures with new ids and quotes; the new quotes by (real) paragraph id."""
        new_figs, quotes_by_para = [], {}
        for fig in section.get("figures") or []:
            g = copy.deepcopy(fig)
            g["id"] = fig["id"] + id_suffix
            g["paragraph"] = fig["paragraph"] + id_suffix
            g["quote_zh"] = self.quote(fig)
            quotes_by_para.setdefault(fig["paragraph"], []).append(g["quote_zh"])
            new_figs.append(g)
        return new_figs, quotes_by_para

    def section(self, section_id: str, k: int) -> dict:
        """Copy k of a real section; its Chinese lines join the source."""
        s = self.read(f"sections/{section_id}.yaml")
        new_figs, quotes = self.figures(s, suffix(k))
        n = copy.deepcopy(s)
        n["id"] = section_id + suffix(k)
        if k > 1:
            n["title"] = {"zh": f"{s['title']['zh']}({k})", "en": f"{s['title']['en']} ({k})"}
        if s.get("heading"):
            n["heading"] = self.paragraph(s["heading"], suffix(k), quotes.get(s["heading"]["id"], []))
            self.lines.append(n["heading"]["zh"])
        n["paragraphs"] = [self.paragraph(p, suffix(k), quotes.get(p["id"], [])) for p in s["paragraphs"]]
        self.lines += [q["zh"] for q in n["paragraphs"]]
        if new_figs:
            n["figures"] = new_figs
        self.counts["sections"] += 1
        self.counts["paragraphs"] += len(n["paragraphs"]) + (1 if s.get("heading") else 0)
        self.counts["figures"] += len(new_figs)
        return n

    def part(self, part_id: str, out: Path) -> dict:
        """A part with its heading made up and its sections repeated; writes the sections to out."""
        part = self.read(f"parts/{part_id}.yaml")
        new_part = copy.deepcopy(part)
        if part.get("heading"):
            new_part["heading"] = self.paragraph(part["heading"], "", [])
            self.lines.append(new_part["heading"]["zh"])
            self.counts["paragraphs"] += 1
        new_part["sections"] = []
        for k in range(1, self.factor + 1):
            for section_id in part["sections"]:
                n = self.section(section_id, k)
                dump_yaml(n, out / "sections" / f"{n['id']}.yaml")
                new_part["sections"].append(n["id"])
        return new_part

    def targets(self) -> list[dict]:
        """The real targets, once for every copy of the sections."""
        real, new_targets = self.read("targets.yaml")["targets"], []
        for k in range(1, self.factor + 1):
            for t in real:
                u = copy.deepcopy(t)
                u["id"] = t["id"] + suffix(k)
                u["figure"] = t["figure"] + suffix(k)
                if t.get("baselines"):
                    u["baselines"] = [b + suffix(k) for b in t["baselines"]]
                new_targets.append(u)
        self.counts["targets"] = len(new_targets)
        return new_targets

    def source(self) -> str:
        """source.zh.txt: the Chinese lines in order; it must hold every glossary string."""
        source = "\n".join(self.lines) + ("\n" if self.real_source.endswith("\n") else "")
        missing = [m for m in self.matches if m not in source]
        if missing:
            raise RuntimeError(f"synthetic source lacks glossary strings {missing[:5]}")
        return source


def renamed(report: dict, factor: int) -> dict:
    """report.yaml with the site name saying it is synthetic, and how large."""
    new_report = copy.deepcopy(report)
    new_report["site_name"] = {"zh": f"{report['site_name']['zh']}(合成{factor}倍)",
                               "en": f"{report['site_name']['en']} (synthetic {factor}x)"}
    return new_report


def make_synthetic(data: Path, out: Path, factor: int, seed: int = 2021) -> dict:
    """A synthetic data folder: the real report's shapes, its sections repeated factor times.

    Copy k of section s has id s-xk (copy 1 keeps the real id); every Chinese line is
    made up and unique, with the figures' quotes (holding their value digits) and the
    glossary's match strings embedded where the real lines have them; English text is
    made-up words with the real term links. targets.yaml repeats the real targets for
    every copy. source.zh.txt is the lines in order. Returns what it made, counted.
    """
    maker = Synthesizer(data, factor, seed)
    report = maker.read("report.yaml")
    out.mkdir(parents=True, exist_ok=True)
    for part_id in report["parts"]:
        dump_yaml(maker.part(part_id, out), out / "parts" / f"{part_id}.yaml")
    dump_yaml({"targets": maker.targets()}, out / "targets.yaml")
    (out / "source.zh.txt").write_text(maker.source(), encoding="utf-8")
    dump_yaml(maker.glossary, out / "glossary.yaml")
    dump_yaml(renamed(report, factor), out / "report.yaml")
    return {**maker.counts, "yaml_bytes": sum(p.stat().st_size for p in out.rglob("*.yaml"))}
