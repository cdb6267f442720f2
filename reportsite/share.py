"""Share images (Open Graph / Twitter cards), per language, for the site and for each report.

1200x630 PNG: the site's name, the title and date, and the first main goals. Pillow draws the
text with a CJK font from the system (Debian: fonts-noto-cjk); every text is fitted to its box
(smaller type, then an ellipsis), so any title and value fits in both languages. The same font
and input give the same bytes.
"""

from __future__ import annotations

import functools
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from . import N_

if TYPE_CHECKING:  # find_font, asked by every build's check for changes (cache.py), needs neither Babel nor the model
    from .model import Report, Site, Target

FONT_PATHS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
)
SIZE = (1200, 630)
INK, ACCENT, SOFT, WARM = (27, 31, 36), (31, 95, 168), (244, 246, 248), (179, 84, 30)
CAPTION = N_("Chinese and English · every number sourced")  # the renderer translates it
ALT = N_("The site's name, the report's title and date, and its first main goals")
MARGIN, CARD_W, CARD_GAP = 72, 330, 30
# zlib's fastest level: a card is mostly flat colour, and its deflate took 60 % of its making at the default level
# (6); at level 1 a card is made in half the time and weighs 14-23 % more (about 77 KB), fetched by link previews only
PNG_LEVEL = 1


def find_font() -> Path | None:
    override = os.environ.get("REPORTSITE_FONT")
    for candidate in ((override,) if override else ()) + FONT_PATHS:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def typefaces(font_path: Path) -> Callable[[int], object]:
    """The font at a size, each size read once, for all the cards of a build: reading it costs more than measuring
    and drawing with it (14 cards read it 186 times, 0.06 s). Each size read stays open until the last card: the
    process that makes them peaks 13 MB higher (140 MB), a quarter of Hugo's peak on the same pages."""
    from PIL import ImageFont

    return functools.cache(lambda size: ImageFont.truetype(str(font_path), size))


def share_image(site: Site, report: Report | None, lang: str, font: Callable[[int], object], caption: str) -> bytes:
    """The card of a report (its title, date and first main goals) or of the site (its reports), in the font at each
    size (typefaces())."""
    from PIL import Image, ImageDraw

    from . import l10n

    image = Image.new("RGB", SIZE, SOFT)
    draw = ImageDraw.Draw(image)
    text_width = SIZE[0] - 2 * MARGIN
    draw.rectangle((0, 0, 24, SIZE[1]), fill=ACCENT)
    _fitted(draw, (MARGIN, 60), site.name[lang], font, 40, text_width, ACCENT)
    if report is None:
        _fitted(draw, (MARGIN, 130), " · ".join(r.label[lang] for r in site.reports), font, 58, text_width, INK)
    else:
        _fitted(draw, (MARGIN, 130), f"{report.title[lang]} · {report.year}", font, 58, text_width, INK)
        when = f"{report.issuer[lang]} · {l10n.long_date(report.date, lang)}"
        _fitted(draw, (MARGIN, 215), when, font, 32, text_width, INK)
    x = MARGIN
    for target in card_goals(site, report):
        draw.rounded_rectangle((x, 320, x + CARD_W, 520), radius=16, fill=(255, 255, 255),
                               outline=(214, 218, 224), width=2)
        _fitted(draw, (x + 24, 345), l10n.figure_value(target.figure, lang), font, 50, CARD_W - 48, ACCENT)
        _fitted(draw, (x + 24, 420), target.figure.label[lang], font, 28, CARD_W - 48, INK)
        x += CARD_W + CARD_GAP
    _fitted(draw, (MARGIN, 560), caption, font, 28, text_width, WARM)
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=PNG_LEVEL)
    return out.getvalue()


def card_goals(site: Site, report: Report | None) -> list[Target]:
    """The goals a card shows: the first three main goals of the report, or of all reports for the site's."""
    return [t for r in (site.reports if report is None else (report,)) for t in r.targets if t.group == "annual"][:3]


def _fitted(draw, at: tuple[int, int], text: str, font, size: int, width: int, fill) -> None:
    """Draw text on one line in at most width pixels: smaller type down to 60% of size, then cut with an
    ellipsis. Its line breaks and runs of white space are one space, as on a page (Pillow measures no
    line break: it refuses a newline, and its layout fails on a carriage return or a paragraph separator)."""
    text = " ".join(text.split())
    smallest = int(size * 0.6)
    face = font(size)  # read once for each size tried (reading the font costs more than measuring with it)
    while size > smallest and draw.textlength(text, font=face) > width:
        size -= 2
        face = font(size)
    if draw.textlength(text, font=face) > width:
        while text and draw.textlength(text + "…", font=face) > width:
            text = text[:-1]
        text += "…"
    draw.text(at, text, font=face, fill=fill)
