"""Issue 11, "one vocabulary": every page's visible text, read in Chromium at 1366×768.

In Thai mode no English UI word may show (Streamlit's own "Choose options", "Upload",
"200MB per file", literal None/nan, raw column names such as label_th or households); in
English mode no Thai may show except where the language itself is named. A planner (household
data, Saraburi, then a tambon) visits every page, an administrator the audit log. Visible text
is what a person sees: text nodes that are rendered (not display:none, not font-size 0, not
Streamlit's icon ligatures), CSS ``content`` shown in place of Streamlit's texts, input
placeholders, and the cells of the tables (the grid's accessible table).
"""

from __future__ import annotations

import os
import re
import shutil
import tomllib
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.browser.helpers import sign_in, until_stable, wait_for_rerun
from tests.conftest import screenshot

pytestmark = pytest.mark.browser
SHOTS = Path(os.environ.get("CHIPAO_SHOTS_DIR", "/work/shots/words"))

# English UI words that must not show in the Thai interface (whole words, case as written).
ENGLISH_UI = (
    "Choose",
    "Choose an option",
    "Choose options",
    "Upload",
    "Browse files",
    "Drag and drop",
    "per file",
    "None",
    "nan",
    "NaN",
    "null",
    "undefined",
    "True",
    "False",
    "label_th",
    "label_en",
    "name_th",
    "name_en",
    "province",
    "rank",
    "households",
    "persons",
    "name",
    "code",
    "rate",
    "mpi_poor",
    "target_poor",
    "house_code",
    "citizen_id",
    "tambon",
    "status",
    "visit_status",
    "thaiqm_status",
    "not_visited",
    "in_progress",
    "self_resolved",
    "referred",
    "assisted",
    "matched",
    "tpmap_only",
    "thaiqm_only",
    "total",
    "members",
    "priority",
    "No data",
    "Loading",
)
ENGLISH_PATTERN = re.compile(
    r"(?<![A-Za-z_])("
    + "|".join(re.escape(w) for w in sorted(ENGLISH_UI, key=len, reverse=True))
    + r")(?![A-Za-z_])"
)
RAW_CODE = re.compile(r"(?<![A-Za-z0-9_.])[a-z]+(?:_[a-z0-9]+)+(?![A-Za-z0-9_.])")  # view_list
THAI = re.compile(r"[\u0e00-\u0e7f]+")
# Thai allowed in the English interface: the language switch ("ภาษา / Language", "ไทย"), and the
# signed-in account's name is shown as written (a name, not a label).
with open(Path(__file__).resolve().parents[2] / ".streamlit" / "demo-users.toml", "rb") as fh:
    ACCOUNT_NAMES = [user["name"] for user in tomllib.load(fh)["users"].values()]
THAI_ALLOWED_IN_ENGLISH = {
    "ไทย",
    "ภาษา",
    *(run for name in ACCOUNT_NAMES for run in THAI.findall(name)),
}

VISIBLE_TEXT = """() => {
  const hidden = (el) => {
    if (el.closest('noscript, template') || el.getClientRects().length === 0) return true;
    if (el.closest('[translate="no"], [data-testid*="Icon"]')) return true;  // icon ligatures
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || s.fontSize === '0px') return true;
      if (e.getAttribute && e.getAttribute('data-testid') === 'stIconMaterial') return true;
    }
    return false;
  };
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.textContent.trim();
    if (!text || !n.parentElement || ['SCRIPT', 'STYLE'].includes(n.parentElement.tagName)) continue;
    if (!hidden(n.parentElement)) out.push(text);
  }
  for (const el of document.querySelectorAll('[data-testid="stFileUploader"] *')) {
    for (const pseudo of ['::before', '::after']) {
      const c = getComputedStyle(el, pseudo).content;
      if (c && c !== 'none' && c !== 'normal' && !hidden(el)) out.push(c.replace(/^"|"$/g, ''));
    }
  }
  for (const el of document.querySelectorAll('input[placeholder], textarea[placeholder]')) {
    if (!hidden(el)) out.push(el.getAttribute('placeholder'));
  }
  return out.join('\\n');
}"""

PAGES = {  # link (Thai, English) -> (name, owner when it is another helper's page)
    ("ภาพรวม", "Overview"): ("overview", None),
    ("สรุปผู้บริหาร", "Executive briefing"): ("briefing", None),
    ("พื้นที่นำร่อง", "Pilot areas"): ("pilots", None),
    ("ติดตามผล", "Monitoring"): ("monitoring", None),
    ("นำเข้าข้อมูล", "Import data"): ("import", None),
    ("แผนที่", "Map"): ("map", "map"),
    ("ชี้เป้า", "Target list"): ("targets", "field"),
    ("เยี่ยมบ้าน", "Home visits"): ("visits", "field"),
}
HEADINGS = {"overview": ("ชี้เป้า — ", "Chipao — ")}  # others: the link's words


def visible_text(page) -> str:
    return page.evaluate(VISIBLE_TEXT)


def settled_text(page, words) -> str:
    """The visible text once the page has settled: a page that reruns (the first visit to the
    import page registers the demo dataset) is read again after the rerun, up to 3 times."""
    text = visible_text(page)
    for _ in range(2):
        if not words(text):
            break
        wait_for_rerun(page)
        until_stable(page)
        text = visible_text(page)
    return text


def english_words(text: str) -> list[str]:
    found = {m.group(1) for m in ENGLISH_PATTERN.finditer(text)}
    return sorted(found | set(RAW_CODE.findall(text)))


def thai_runs(text: str) -> list[str]:
    """Thai outside the allowed places, and raw codes (``view_list``) in either language."""
    return sorted((set(THAI.findall(text)) - THAI_ALLOWED_IN_ENGLISH) | set(RAW_CODE.findall(text)))


def keep(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(screenshot(page, f"words-{name}"), SHOTS / f"scan-{name}.png")


def settle(page) -> None:
    wait_for_rerun(page)  # the run a click starts may not have shown yet


def choose(page, label: str, option: str) -> None:
    """An option of a sidebar select box, typed as a person would; again if a rerun closed it."""
    for _ in range(3):
        settle(page)
        try:
            box = page.get_by_role("combobox", name=label).first
            box.click(timeout=30_000)
            box.fill(option)
            page.get_by_role("option", name=option).first.click(timeout=10_000)
            settle(page)
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
        try:
            if page.get_by_role("combobox", name=label).first.input_value(timeout=10_000) == option:
                return
        except PlaywrightTimeout:
            continue
    raise AssertionError(f"could not choose {option!r} in {label!r}")


def open_page(page, link: str, heading: str | None = None) -> None:
    """Open a page from the sidebar and wait until it has drawn (its heading shown, the run
    over, the text no longer growing): a page read while it draws would pass unread."""
    title = page.get_by_role("heading", level=1).filter(has_text=heading or link)
    for _ in range(3):
        settle(page)
        try:
            page.get_by_role("link", name=link, exact=True).click(timeout=30_000)
            expect(title.first).to_be_visible(timeout=60_000)
            break
        except (PlaywrightTimeout, AssertionError):
            continue
    else:
        raise AssertionError(f"could not open {link!r}")
    until_stable(page)


def planner_on_saraburi(page, app_url: str) -> None:
    sign_in(page, app_url, "planner", "chipao-planner")
    settle(page)
    page.get_by_text("ข้อมูลครัวเรือน (จปฐ.)", exact=True).click()
    settle(page)
    choose(page, "จังหวัด", "สระบุรี")


def to_english(page) -> None:
    page.get_by_text("English", exact=True).click()
    settle(page)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible(timeout=60_000)


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="th-TH")
    yield context.new_page()
    context.close()


def scan(page, lang: str, pages: dict) -> dict[str, list[str]]:
    """Open each page and collect what it shows that does not belong in ``lang``."""
    found = {}
    for (th, en), (name, _) in pages.items():
        heading = HEADINGS.get(name, (th, en))[0 if lang == "th" else 1]
        open_page(page, th if lang == "th" else en, heading)
        words = english_words if lang == "th" else thai_runs
        text = settled_text(page, words)
        if name == "import":
            page.get_by_role("tab").nth(1).click()  # Thai QM tab: its uploader and help
            settle(page)
            text += "\n" + settled_text(page, words)
        assert "Traceback" not in text
        found[name] = words(text)
        keep(page, f"{name}-{lang}")
    return found


def check(found: dict[str, list[str]], name: str) -> None:
    owner = next(o for (n, o) in PAGES.values() if n == name)
    if found[name] and owner:
        pytest.xfail(f"{name} page is the {owner} helper's: {found[name]}")
    assert not found[name], f"{name}: {found[name]}"


@pytest.fixture(scope="module")
def thai_scan(browser, app_url):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="th-TH")
    page = context.new_page()
    planner_on_saraburi(page, app_url)
    mine = {k: v for k, v in PAGES.items() if v[1] is None}
    found = scan(page, "th", mine)
    choose(page, "จังหวัด", "สระบุรี")  # again: registering the demo dataset may reset it
    choose(page, "อำเภอ", "เมืองสระบุรี")
    choose(page, "ตำบล", "ปากข้าวสาร")
    found.update(scan(page, "th", {k: v for k, v in PAGES.items() if v[1]}))
    context.close()
    return found


@pytest.fixture(scope="module")
def english_scan(browser, app_url):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="th-TH")
    page = context.new_page()
    planner_on_saraburi(page, app_url)
    to_english(page)
    found = scan(page, "en", {k: v for k, v in PAGES.items() if v[1] is None})
    choose(page, "Province", "Saraburi")
    choose(page, "District (amphoe)", "Mueang Saraburi")
    choose(page, "Subdistrict (tambon)", "Pak Khao San")
    found.update(scan(page, "en", {k: v for k, v in PAGES.items() if v[1]}))
    context.close()
    return found


@pytest.mark.parametrize("name", [n for n, _ in PAGES.values()])
def test_thai_screen_has_no_english_ui_words(thai_scan, name):
    check(thai_scan, name)


@pytest.mark.parametrize("name", [n for n, _ in PAGES.values()])
def test_english_screen_has_no_untranslated_thai(english_scan, name):
    check(english_scan, name)


@pytest.mark.parametrize("lang", ["th", "en"])
def test_audit_log_speaks_one_language(browser, app_url, lang):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="th-TH")
    page = context.new_page()
    sign_in(page, app_url, "admin", "chipao-admin")
    settle(page)
    if lang == "en":
        to_english(page)
    open_page(page, "บันทึกการใช้งาน" if lang == "th" else "Audit log")
    page.get_by_test_id("stDataFrame").first.wait_for(timeout=60_000)
    text = visible_text(page)
    keep(page, f"audit-{lang}")
    context.close()
    found = english_words(text) if lang == "th" else thai_runs(text)
    assert not found, found


def test_scan_catches_what_it_is_for():
    """The scanner itself: Streamlit's words and raw column names are caught, allowed words
    and Thai-named English are not."""
    found = english_words("Choose options · 200MB per file · label_th · None · households")
    assert found == sorted({"Choose options", "per file", "label_th", "None", "households"})
    assert english_words("การกระทำ view_list · sign_in · ไฟล์ chipao.csv") == [
        "sign_in",
        "view_list",
    ]
    assert english_words("TPMAP 2564 · M0 · Alkire–Foster · Chipao · Knock Knock · Thai QM") == []
    assert thai_runs("Language: ไทย English") == []
    assert thai_runs("Saraburi สระบุรี") == ["สระบุรี"]
