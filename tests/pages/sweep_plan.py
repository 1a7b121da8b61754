"""What the page sweep visits: every page x both sources x every province, plus an amphoe and a
tambon of every province rotated over the pages, plus the codes that broke (letters in village
codes, municipal pseudo-tambons outside 51-59), always with a dimension subset."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from analytics.data import sources, tpmap_tables
from analytics.data.queries import HouseholdData
from analytics.domain import pilots

PAGES = (
    "dashboard.py",
    "pages/briefing.py",
    "pages/map.py",
    "pages/targets.py",
    "pages/visits.py",
    "pages/pilots.py",
    "pages/monitoring.py",
    "pages/import_data.py",
)
# pages that read the selected area (the others are about pilots or files)
AREA_PAGES = tuple(p for p in PAGES if p not in ("pages/pilots.py", "pages/import_data.py"))
SUBSETS = (("health", "income"), ("education",), ("living", "access", "income"))
SPECIAL_TAMBONS = ("410151", "400165", "300161")  # letters in villages; municipal 65 and 61


@dataclass(frozen=True)
class Visit:
    province: str
    amphoe: str | None = None
    tambon: str | None = None
    dims: tuple[str, ...] = field(default=SUBSETS[0])
    lang: str = "th"

    def state(self, source: str) -> dict[str, object]:
        state: dict[str, object] = {
            "source": source,
            f"province_{source}": self.province,
            "dims": list(self.dims),
            "lang": self.lang,
        }
        if self.amphoe:
            state[f"amphoe_{source}_{self.province}"] = self.amphoe
            state[f"tambon_{source}_{self.amphoe}"] = self.tambon or ""
        return state

    @property
    def label(self) -> str:
        return f"{self.tambon or self.amphoe or self.province} {self.lang} {'+'.join(self.dims)}"


@cache
def tambons_by_amphoe(province: str, source: str) -> dict[str, list[str]]:
    """The codes the sidebar offers (the synthetic source: those of its households)."""
    from ui import shared  # the pages' own cached source

    if source == "real":
        codes = tpmap_tables.area_table("tambon", province)["code"]
    else:
        codes = shared.area_table(source, "tambon", province, province, 2561, shared.all_dims())
        codes = codes["code"]
    out: dict[str, list[str]] = {}
    for code in sorted(codes):
        out.setdefault(code[:4], []).append(code)
    return out


def provinces(source: str) -> list[str]:
    if source == "real":
        return sources.TpmapAggregates().province_choices()
    return HouseholdData(lambda: []).province_choices()  # every province, pilots first


def language(page: str, source: str) -> str:
    """One language per page and source (AppTest keeps a widget's formatted value between runs,
    so switching language inside one AppTest breaks its bookkeeping, not the app): every page is
    swept in Thai with one source and in English with the other. The import page's format
    functions read the language lazily, which AppTest evaluates outside the run: Thai only."""
    if page == "pages/import_data.py":
        return "th"
    return ("th", "en")[(PAGES.index(page) + (source == "households")) % 2]


def plan(page: str, source: str) -> list[Visit]:
    """Deterministic: province i is seen at amphoe level by page i mod 8 and at tambon level by
    page (i + 4) mod 8, so each page sees about 10 amphoes and 10 tambons per source. Pages that
    do not read the selected area (pilots, import) see every fourth province and the pilots."""
    index = PAGES.index(page)
    lang = language(page, source)
    visits = []
    for i, province in enumerate(provinces(source)):
        dims = SUBSETS[i % len(SUBSETS)]
        if page not in AREA_PAGES and province not in pilots.PILOT_PROVINCES and i % 4 != index % 4:
            continue
        visits.append(Visit(province, dims=dims, lang=lang))
        if source == "households" and province not in pilots.PILOT_PROVINCES:
            continue  # no amphoes to choose: the province visit checks the message
        amphoes = tambons_by_amphoe(province, source)
        amphoe = sorted(amphoes)[(i * 7 + index) % len(amphoes)]
        if i % len(PAGES) == index or province in pilots.PILOT_PROVINCES:
            visits.append(Visit(province, amphoe, dims=dims, lang=lang))
        if (i + 4) % len(PAGES) == index or province in pilots.PILOT_PROVINCES:
            tambon = amphoes[amphoe][(i * 3 + index) % len(amphoes[amphoe])]
            visits.append(Visit(province, amphoe, tambon, dims=SUBSETS[(i + 1) % 3], lang=lang))
    for j, tambon in enumerate(SPECIAL_TAMBONS):
        if source == "households" and tambon[:2] not in pilots.PILOT_PROVINCES:
            continue
        visits.append(Visit(tambon[:2], tambon[:4], tambon, SUBSETS[j], lang))
    return visits
