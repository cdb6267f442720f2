"""Share images (Open Graph / Twitter cards), one per language, drawn by the build.

1200x630 PNG: the site's name, the report's title and date, and its first goals.
Pillow draws the text with a CJK font from the system (Debian: fonts-noto-cjk);
the same font and input give the same bytes.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from . import l10n
from .l10n import N_
from .model import Report

FONT_PATHS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
)
SIZE = (1200, 630)
INK, ACCENT, SOFT, WARM = (27, 31, 36), (31, 95, 168), (244, 246, 248), (179, 84, 30)


def find_font() -> Path | None:
    override = os.environ.get("REPORTSITE_FONT")
    for candidate in ((override,) if override else ()) + FONT_PATHS:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


CAPTION = N_("Chinese and English · every number sourced")  # the renderer translates it


def share_image(report: Report, lang: str, font_path: Path, caption: str) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", SIZE, SOFT)
    draw = ImageDraw.Draw(image)
    font = lambda size: ImageFont.truetype(str(font_path), size)  # noqa: E731
    draw.rectangle((0, 0, 24, SIZE[1]), fill=ACCENT)
    draw.text((72, 60), report.site_name[lang], font=font(40), fill=ACCENT)
    draw.text((72, 130), report.title[lang], font=font(58), fill=INK)
    when = f"{report.issuer[lang]} · {l10n.long_date(report.date, lang)}"
    draw.text((72, 215), when, font=font(32), fill=INK)
    x = 72
    for target in [t for t in report.targets if t.group == "annual"][:3]:
        value, label = l10n.figure_value(target.figure, lang), target.figure.label[lang]
        draw.rounded_rectangle((x, 320, x + 330, 520), radius=16, fill=(255, 255, 255), outline=(214, 218, 224), width=2)
        draw.text((x + 24, 345), value, font=font(50), fill=ACCENT)
        draw.text((x + 24, 420), _fit(draw, label, font(28), 290), font=font(28), fill=INK)
        x += 360
    draw.text((72, 560), caption, font=font(28), fill=WARM)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _fit(draw, text: str, font, width: int) -> str:
    """Shorten text with an ellipsis until it fits the width."""
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text + "…"
