"""Five hand-worked households (and a second dataset) in the household schema.

Scores are on the 1/60 scale of ``params.score_scale`` (health, living, education items 3, income
4, access 6). With k = 1/3, vulnerable from 1/5, severe from 1/2:

| house | village | members | fails | score | reg / ver / elderly |
|---|---|---|---|---|---|
| H1 | 1901010101 | 5 | 3.2 (a child out of school) | 3 | 3 / 2 / 1 |
| H2 | 1901010101 | 2 | 2.1, 4.3 (income), 5.1 | 13 (vulnerable) | 1 / 0 / 2 |
| H3 | 190151A901 (municipal, letter) | 3 | 1.2, 1.3, 2.1, 2.2, 4.1, 4.3 | 20 = exactly 1/3 | 3 / 3 / 0 |
| H4 | 1902010101 | 4 | nothing | 0 | 4 / 4 / 0 |
| H5 | 1902010101 | 1 | 1.2-1.4, 2.1-2.4, 4.3, 5.2 | 31 (severe) | 1 / 1 / 0, disabled 1 |

A second dataset holds province 34 (active) and 35 (in the file, not active): one household each.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analytics.domain import catalogue, household_schema
from analytics.domain.household_schema import DatasetFiles

RICH = 1_000_000


def household(code: str, village: str, members: int, fails=(), applies=(), **extra) -> dict:
    row = {c: False for c in household_schema.fail_columns()}
    row.update({c: False for c in household_schema.applies_columns()})
    row.update({c: 0 for c in household_schema.MEMBER_COUNTS})
    row.update(
        house_code=code,
        village_id=village,
        tambon=village[:6],
        amphoe=village[:4],
        province=village[:2],
        members=members,
        income=RICH,
        lat=13.5,
        lon=100.9,
        head_name="สมชาย ใจดี",
        head_citizen_id="9990000000001",
    )
    for code_ in fails:
        if code_ == "4.3":
            row["income"] = 1_000
            continue
        column = catalogue.indicator_by_code(code_).column
        row[column] = True
        if f"applies_{column}" in row:
            row[f"applies_{column}"] = True
    for code_ in applies:
        row[f"applies_{catalogue.indicator_by_code(code_).column}"] = True
    row.update(extra)
    return row


def counts(registered=0, verified=0, elderly=0, disabled=0) -> dict:
    return dict(
        registered_members=registered,
        verified_members=verified,
        elderly_members=elderly,
        disabled_members=disabled,
    )


def main_households() -> pd.DataFrame:
    rows = [
        household("19010000001", "1901010101", 5, ["3.2"], ["4.2"], **counts(3, 2, 1)),
        household("19010000002", "1901010101", 2, ["2.1", "4.3", "5.1"], **counts(1, 0, 2)),
        household(
            "19010000003",
            "190151A901",
            3,
            ["1.2", "1.3", "2.1", "2.2", "4.1", "4.3"],
            **counts(3, 3),
        ),
        household("19020000004", "1902010101", 4, [], ["3.2"], **counts(4, 4)),
        household(
            "19020000005",
            "1902010101",
            1,
            ["1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "4.3", "5.2"],
            **counts(1, 1, 0, 1),
        ),
    ]
    return frame(rows)


def other_households() -> pd.DataFrame:
    return frame(
        [
            household("34010000001", "3401040101", 2, ["2.2"], **counts(2, 2)),
            household("35010000001", "3501010101", 6, ["2.2"], **counts(6, 6)),
        ]
    )


def frame(rows: list[dict]) -> pd.DataFrame:
    households = pd.DataFrame(rows)[household_schema.household_columns()]
    return households.astype({c: "int16" for c in household_schema.MEMBER_COUNTS})


def persons_of(households: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for index, hh in households.iterrows():
        for member in range(int(hh["members"])):
            rows.append(
                dict(
                    citizen_id=f"999{index:04d}{member:06d}",
                    name=f"คน {member}",
                    house_code=hh["house_code"],
                    household_row=index,
                    member=member,
                    relation=0 if member == 0 else 2,
                    sex=1,
                    age=40,
                    disabled=False,
                    bedridden=False,
                    registered=member < hh["registered_members"],
                    verified=member < hh["verified_members"],
                )
            )
    return pd.DataFrame(rows)[list(household_schema.PERSON_COLUMNS)]


def write(folder: Path, dataset_id: str, households: pd.DataFrame, year: int, provinces):
    folder.mkdir(parents=True, exist_ok=True)
    hh_path, p_path = folder / f"households_{year}.parquet", folder / f"persons_{year}.parquet"
    households.to_parquet(hh_path, index=False)
    persons_of(households).to_parquet(p_path, index=False)
    return DatasetFiles(dataset_id, year, tuple(provinces), hh_path, p_path)


def write_all(folder: Path) -> list[DatasetFiles]:
    return [
        write(folder / "main", "main", main_households(), 2561, ["19"]),
        write(folder / "other", "other", other_households(), 2561, ["34"]),
    ]
