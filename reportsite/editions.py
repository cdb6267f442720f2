"""The files of the offline bundle (dist/bundle/) and their addresses: one place for their names, which the
bundle writes, the downloads pages link and the printed editions state as their own address."""

from __future__ import annotations

from . import LANGS
from .model import Report, Site

BUNDLE_DIR = "bundle"


def edition(site: Site) -> str:
    """The edition's date, which every bundle file name carries."""
    return site.last_updated.isoformat()


def judged_by(site: Site, report: Report) -> Report | None:
    """The later report that says what became of this report's goals (the ledger), if any."""
    later = {t.outcome.report_id for t in report.targets if t.verdict}
    return site.report[min(later, key=lambda rid: site.report[rid].date)] if later else None


def bundle_names(site: Site) -> dict[str, str]:
    """What -> file name under bundle/: the zip of the whole site, and each report's one-file editions
    ("<id>:<lang>"), printed handouts ("<id>:<lang>:handout"), briefings ("<id>:<lang>:briefing"), and
    for a report whose goals a later one judged, one-page scorecards ("<id>:<lang>:scorecard")."""
    prefix = _common_prefix([r.id for r in site.reports])
    names = {"zip": f"{prefix}-{edition(site)}.zip", "readme": "README.txt"}
    for report in site.reports:
        for lang in LANGS:
            stem = f"{report.id}-{edition(site)}-{lang}"
            names[f"{report.id}:{lang}"] = f"{stem}.html"
            names[f"{report.id}:{lang}:handout"] = f"{stem}.pdf"
            names[f"{report.id}:{lang}:briefing"] = f"{stem}-briefing.pdf"
            if judged_by(site, report):
                names[f"{report.id}:{lang}:scorecard"] = f"{stem}-scorecard.pdf"
    return names


def edition_url(site: Site, key: str) -> str | None:
    """The published address of a bundle file ("<id>:<lang>:briefing" …); None when the site has no base URL."""
    return site.absolute(f"{BUNDLE_DIR}/{bundle_names(site)[key]}")


def _common_prefix(ids: list[str]) -> str:
    """taiyuan-2021, taiyuan-2022 -> taiyuan-reports; one report -> its id."""
    if len(ids) == 1:
        return ids[0]
    words = [i.split("-") for i in ids]
    shared = [w[0] for w in zip(*words) if len(set(w)) == 1]
    return "-".join(shared + ["reports"])
