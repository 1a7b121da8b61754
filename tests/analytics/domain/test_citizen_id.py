import pandas as pd

from analytics.domain import citizen_id


def test_checksum_hand_worked():
    # 1-1037-02071-81-? : sum of d_i * (14 - i) = 1*13+1*12+0*11+3*10+7*9+0*8+2*7+0*6+7*5+1*4+8*3+1*2
    first12 = "110370207181"
    total = 13 + 12 + 0 + 30 + 63 + 0 + 14 + 0 + 35 + 4 + 24 + 2
    assert total == 197
    assert citizen_id.check_digit(first12) == (11 - 197 % 11) % 10 == 1
    assert citizen_id.is_valid("1103702071811")
    assert not citizen_id.is_valid("1103702071812")
    assert not citizen_id.is_valid("110370207181")
    assert not citizen_id.is_valid("11037020718a1")


def test_vectorised_validation_matches_scalar():
    ids = pd.Series(["1103702071811", "1103702071812", "abc", None, "9990000000001"])
    expected = [citizen_id.is_valid(str(x)) if x else False for x in ids]
    assert citizen_id.valid_mask(ids).tolist() == expected


def test_synthetic_ids_are_valid_and_in_the_reserved_range():
    ids = citizen_id.synthetic_ids([0, 1, 123_456_789])
    assert all(citizen_id.is_valid(i) for i in ids)
    assert all(i.startswith("999") for i in ids)
    assert len(set(ids)) == 3


def test_mask_hides_the_middle_digits():
    assert citizen_id.mask("1103702071811") == "1-xxxx-xxxxx-81-1"
    masked = citizen_id.mask_series(pd.Series(["1103702071811"]))
    assert masked.tolist() == ["1-xxxx-xxxxx-81-1"]


def test_lookalike_and_non_arabic_digits_are_not_valid_ids_and_do_not_crash():
    for text in ("²" * 13, "①" * 13, "๑" * 13, "１" * 13):
        assert not citizen_id.is_valid(text)  # "²".isdigit() is True; int("²") raises
    assert not citizen_id.valid_mask(pd.Series(["๑" * 13, "²" * 13])).any()
