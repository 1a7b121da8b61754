"""The Thai TrueType font every PDF is drawn with, its fallbacks, and OpenType shaping."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from analytics import settings

if TYPE_CHECKING:
    from fpdf import FPDF

DEFAULT_FONT_DIR = settings.DEFAULT_FONT_DIR
FONT_DIR_ENV = "CHIPAO_FONT_DIR"
THAI_FONT_FAMILIES = ("Garuda", "Loma", "Waree", "Umpush", "Norasi", "Kinnari", "Sawasdee")
# Glyphs the Thai fonts may lack (Garuda has no "≥"), looked up in this order; names are
# relative to the font directory, the absolute path is Debian's fonts-dejavu-core.
FALLBACK_FONT_FILES = (
    "Waree.ttf",
    "DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)


class ThaiFontNotFoundError(FileNotFoundError):
    """No Thai TrueType font to draw a PDF with."""


@dataclass(frozen=True)
class ThaiFont:
    family: str
    regular: Path
    bold: Path
    fallbacks: tuple[Path, ...] = ()


def font_dir() -> Path:
    """``$CHIPAO_FONT_DIR`` when set, else Debian's fonts-thai-tlwg directory."""
    return settings.current().font_dir


def find_thai_font(directory: Path | str | None = None) -> ThaiFont:
    """The first of ``THAI_FONT_FAMILIES`` found in ``directory`` (bold falls back to regular)."""
    folder = Path(directory) if directory is not None else font_dir()
    for family in THAI_FONT_FAMILIES:
        regular = folder / f"{family}.ttf"
        if regular.is_file():
            bold = folder / f"{family}-Bold.ttf"
            fallbacks = tuple(
                path
                for path in (folder / name for name in FALLBACK_FONT_FILES)
                if path.is_file() and path != regular
            )
            return ThaiFont(family, regular, bold if bold.is_file() else regular, fallbacks)
    wanted = ", ".join(f"{f}.ttf" for f in THAI_FONT_FAMILIES)
    raise ThaiFontNotFoundError(
        f"No Thai font in {folder} (looked for {wanted}). Install Debian's fonts-thai-tlwg "
        f"(apt-get install fonts-thai-tlwg) or set {FONT_DIR_ENV} to a folder holding one of them."
    )


def add_thai_font(pdf: FPDF, font: ThaiFont) -> None:
    """Register ``font`` (regular, bold, fallbacks for missing glyphs) and turn on shaping."""
    pdf.add_font(font.family, "", str(font.regular))
    pdf.add_font(font.family, "B", str(font.bold))
    fallback_names = []
    for i, path in enumerate(font.fallbacks):
        pdf.add_font(f"fallback{i}", "", str(path))
        fallback_names.append(f"fallback{i}")
    if fallback_names:
        pdf.set_fallback_fonts(fallback_names, exact_match=False)
    _enable_text_shaping(pdf)


def _enable_text_shaping(pdf: FPDF) -> None:
    """Thai vowels and tone marks need OpenType shaping (uharfbuzz) to sit in the right place."""
    try:
        pdf.set_text_shaping(True)
    except Exception as error:  # fpdf2 raises FPDFException when uharfbuzz is missing
        warnings.warn(
            f"Thai text shaping is off ({error}); install uharfbuzz for correctly placed marks",
            stacklevel=3,
        )
