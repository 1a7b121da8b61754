"""What every page shares, by job (this module gathers the names pages and ui modules use):
the frame (:mod:`ui.frame`), area data (:mod:`ui.area_data`), area tables on screen
(:mod:`ui.area_tables`), moving between areas (:mod:`ui.area_nav`), figures (:mod:`ui.figures`).
"""

from __future__ import annotations

from analytics.services.filters import Filters
from ui.area_data import (
    SOURCE_KINDS,
    SUBSET_NOTE_SHOWN,
    all_dims,
    area_table,
    get_source,
    resolved_dims,
    source_version,
    year_choices,
)
from ui.area_nav import breadcrumbs, go_to_area, require_household_access
from ui.area_tables import (
    AF_COLUMNS,
    AREA_TABLE_COLUMNS,
    DISPLAY_DIGITS,
    NUMBER_DIGITS,
    NUMBER_FORMATS,
    rounded,
    show_area_table,
)
from ui.figures import indicator_bars, wrapped
from ui.frame import PAGE_ROLES, PAGES, current_viewer, page_frame, sidebar_filters
from ui.words import t

__all__ = [
    "AF_COLUMNS",
    "AREA_TABLE_COLUMNS",
    "DISPLAY_DIGITS",
    "NUMBER_DIGITS",
    "NUMBER_FORMATS",
    "PAGES",
    "PAGE_ROLES",
    "SOURCE_KINDS",
    "SUBSET_NOTE_SHOWN",
    "Filters",
    "all_dims",
    "area_table",
    "breadcrumbs",
    "current_viewer",
    "get_source",
    "go_to_area",
    "indicator_bars",
    "page_frame",
    "require_household_access",
    "resolved_dims",
    "rounded",
    "show_area_table",
    "sidebar_filters",
    "source_version",
    "t",
    "wrapped",
    "year_choices",
]
