"""Issue 11, words and charts: what the screen says, checked without a browser."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analytics.data import tpmap_tables
from analytics.domain import catalogue, pilots, reconciliation
from analytics.services import briefing as briefing_service
from analytics.text import labels
from ui import charts, pilot_views, reconcile_views, shared, widget_text

REQUIRED_WORDS = ("upload_instructions", "upload_button", "choose_option", "choose_options")


def test_indicator_names_are_not_cut_mid_word():
    """indicator_bars cut every name at 38 characters ("…ปลอดภัย และได้มาตรฐ")."""
    for lang in ("th", "en"):
        fig = shared.indicator_bars([("x", [1] * 17, "#000")], "t", lang)
        for indicator, tick in zip(catalogue.indicators(), fig.data[0].y, strict=True):
            full = f"{indicator.code}\u00a0{catalogue.indicator_name(indicator.code, lang)}"
            assert tick.replace("<br>", " ") == full


def test_uploader_texts_come_from_the_labels_in_both_languages():
    """Streamlit's own "Upload" and "200MB per file • CSV" stayed English in the Thai screen."""
    for lang in ("th", "en"):
        css = widget_text.uploader_css("upload_x", ["csv", "xlsx"], lang)
        assert ".st-key-upload_x" in css and "stFileUploaderDropzoneInstructions" in css
        assert widget_text.css_text(labels.t("upload_button", lang)) in css
        assert "CSV, XLSX" in css and "200 MB" in css
    assert "เลือกไฟล์" in widget_text.uploader_css("k", ["csv"], "th")


def test_uploader_css_text_cannot_close_the_style():
    text = widget_text.css_text('a"b\\c</style><script>')
    assert '"' not in text.replace('\\"', "") and "</style" not in text


def test_case_progress_axis_has_whole_numbers_only():
    """The case-progress axis read "1, 1, 0, −1, −1" for one visited household."""
    axis = charts.count_axis(1, 1.2)
    assert axis["dtick"] == 1 and axis["tickformat"] == ",d" and axis["range"][0] == 0
    for top in (7, 37, 4441, 123_456):
        step = charts.count_axis(top)["dtick"]
        assert step == int(step) and step >= 1 and top / step <= 10


def test_briefing_bar_labels_have_room():
    """The longest bar's label was clipped ("4,441" showed as "4,")."""
    assert charts.count_axis(4441, 1.3)["range"][1] >= 4441 * 1.3


def test_sankey_nodes_are_in_stage_order_with_dark_text():
    """The Sankey ordered survive / sustainable / sufficient, grey text on grey."""
    links = {"labels": ["s", "f", "u"] * 2, "source": [0, 2, 1], "target": [5, 3, 4]}
    fig = charts.stage_sankey({**links, "value": [5, 40, 10]}, 2561, 2564, ["#CC4C02"] * 3)
    sankey = fig.data[0]
    assert sankey.arrangement == "fixed"
    left, right = list(sankey.node.y[:3]), list(sankey.node.y[3:])
    assert left == sorted(left) and right == sorted(right)
    assert list(sankey.node.x) == [0.001] * 3 + [0.999] * 3
    assert sankey.textfont.color == charts.TEXT


def test_radar_value_labels_sit_off_the_first_spoke():
    polar = charts.radar_polar(",d")
    assert polar["angularaxis"]["rotation"] == 90
    assert polar["radialaxis"]["angle"] not in (90, 162, 18, 306, 234)


def test_pilot_names_are_translated_in_english():
    """Pilot names stayed Thai in the English screen."""
    demo = pilots.demo_selection(tpmap_tables.area_table)
    for pilot in demo:
        english = pilot_views.pilot_name(pilot, "en")
        assert not re.search("[\u0e00-\u0e7f]", english), english
        assert pilot_views.pilot_name(pilot, "th") == pilot.name
    typed = pilots.PilotArea("ชื่อที่ผู้ดูแลตั้ง", "19", ("190101",), is_demo=False)
    assert pilot_views.pilot_name(typed, "en") == "ชื่อที่ผู้ดูแลตั้ง"  # free text: as typed


def test_pilot_table_has_no_none_cells():
    """The pilot table's country column read "None" on household data."""
    frame = pd.DataFrame({"national_rate": [np.nan, 1.234], "visits_done": [np.nan, 3.0]})
    shown = pilot_views.shown_numbers(
        frame, {"national_rate": ("rate", 2), "visits_done": ("count", 0)}
    )
    assert shown.to_numpy().tolist() == [["–", "–"], ["1.23", "3"]]


def test_tambons_of_the_national_briefing_name_their_province():
    assert briefing_service.tambon_label("190110", "th", "country").endswith("(สระบุรี)")
    assert "(" not in briefing_service.tambon_label("190110", "th", "province")


def test_reconciliation_status_codes_are_words():
    """The Thai QM table showed its status codes (in_progress, not_visited, total)."""
    for lang in ("th", "en"):
        for code in ("target", "in_progress", "referred", "not_visited", "total"):
            word = reconcile_views.status_word(code, lang)
            assert word != code and "_" not in word
    assert reconcile_views.status_word(reconciliation.TOTAL, "th") == "รวม"


def test_new_words_exist_in_both_languages():
    for key in REQUIRED_WORDS:
        assert labels.t(key, "th") and labels.t(key, "en")


def test_audit_actions_and_roles_are_words():
    """The audit log showed raw codes (sign_in, view_picker, planner) in the Thai screen."""
    from store import audit
    from ui import audit_trail

    for lang in ("th", "en"):
        for action in audit.ACTIONS:
            assert "_" not in audit_trail.action_word(action, lang), action
        assert audit_trail.role_word("planner", lang) in ("นักวางแผน", "Planner")
    assert audit_trail.action_word("not_a_known_action", "th") == "not_a_known_action"
