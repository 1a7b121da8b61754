"""One bilingual text type: Text(th, en), built from the label catalogue."""

from __future__ import annotations

import pytest

from analytics.text import labels
from analytics.text.bilingual import BilingualError, Text, pick


def test_text_picks_a_language_and_still_unpacks_as_a_pair():
    text = Text("ตำบล", "Tambon")
    assert text.in_("th") == "ตำบล" and text.in_("en") == "Tambon"
    th, en = text
    assert (th, en) == ("ตำบล", "Tambon") and text[1] == "Tambon"
    assert text.both() == "ตำบล / Tambon"
    assert Text("{n} ครัวเรือน", "{n} households").fill(n=3) == Text("3 ครัวเรือน", "3 households")
    assert pick("en", "name_th", "name_en") == "name_en"


def test_labels_text_formats_both_languages():
    text = labels.text("area_code_invalid", code="'x'")
    assert text.th.startswith("รหัสพื้นที่ไม่ถูกต้อง") and text.en.startswith("not an area code")


def test_bilingual_error_reads_thai_then_english():
    with pytest.raises(BilingualError, match="ผิด / wrong") as caught:
        raise BilingualError(Text("ผิด", "wrong"))
    assert (caught.value.message_th, caught.value.message_en) == ("ผิด", "wrong")
