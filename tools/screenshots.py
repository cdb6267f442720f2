"""Screenshots of key pages at phone and desktop widths, in both languages, for a person to look at.
Usage: python tools/screenshots.py [dist] [out-folder]"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.browser import chromium, serve_folder  # noqa: E402

PAGES = ["{lang}/", "{lang}/sections/plan-1-innovation/", "{lang}/figures/gdp-2020/", "{lang}/targets/",
         "{lang}/sections/review-fyp-innovation/", "{lang}/glossary/", "", "{lang}/search/?q=高新技术企业"]
SIZES = {"phone": (360, 740), "desktop": (1280, 800)}


def main() -> None:
    dist = Path(sys.argv[1] if len(sys.argv) > 1 else "dist")
    out = Path(sys.argv[2] if len(sys.argv) > 2 else "test-artifacts/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    with serve_folder(dist) as base, chromium() as browser:
        for size, (w, h) in SIZES.items():
            page = browser.new_page(viewport={"width": w, "height": h})
            for lang in ("zh", "en"):
                for pattern in PAGES:
                    path = pattern.format(lang=lang)
                    page.goto(base + path)
                    name = (path.strip("/").replace("/", "_").replace("?q=", "_q_") or "index") + f"_{size}.png"
                    page.screenshot(path=str(out / name), full_page=True)
            page.close()
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
