"""Import a province's จปฐ./TPMAP household export (CSV or Excel) into Chipao's microdata schema.

Every row goes through the row checks shared with the Thai QM importer (``analytics.io.row_checks``
with the field checks of ``analytics.io.fields``); accepted headers and values are in
catalogue/import_words.toml. Valid rows are kept and each rejected row is reported with its row number
as Excel shows it, the user's own header, the value (citizen IDs masked wherever they sit) and the
reason in Thai and English. Extra columns and inconsistent households give warnings. A file that
cannot be read at all, or is over the limits in settings.toml, raises ``ImportFileError``; no
other exception escapes. The accepted format is in README.md ("Importing a household export").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from analytics.domain import catalogue, household_rule, household_schema
from analytics.io import fields, tabular, vocabulary
from analytics.io.fields import Problem
from analytics.io.row_checks import RowChecks, file_warnings, header_map, read_source
from analytics.io.tabular import ImportFileError, Limits

__all__ = [
    "ImportFileError",
    "ImportResult",
    "Limits",
    "file_warnings",
    "header_map",
    "import_households",
    "read_source",
]

MAX_AGE = fields.MAX_AGE
MAX_WARNINGS = 1000  # per file; beyond, one line says how many more
# Accepted headers and cell values: catalogue/import_words.toml
HEADER_ALIASES = vocabulary.header_aliases("household")
REQUIRED = ("citizen_id", "house_code", "village_code", "sex", "age", "income")
FLAGS = ("registered", "verified", "disabled")
PASS_VALUES = vocabulary.values("household", "pass")
FAIL_VALUES = vocabulary.values("household", "fail")
EMPTY_VALUES = vocabulary.values("household", "empty")
TRUE_VALUES = vocabulary.values("household", "true")
FALSE_VALUES = vocabulary.values("household", "false")
SEX_VALUES = {
    **dict.fromkeys(vocabulary.values("household", "male"), 1),
    **dict.fromkeys(vocabulary.values("household", "female"), 2),
}


@dataclass
class ImportResult:
    persons: pd.DataFrame
    households: pd.DataFrame
    errors: pd.DataFrame  # fields.REPORT_COLUMNS: row, field (user header), column, value, reasons
    encoding: str
    rows_read: int
    warnings: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=fields.REPORT_COLUMNS)
    )

    @property
    def rows_rejected(self) -> int:
        return int(self.errors["row"].nunique()) if len(self.errors) else 0


def indicator_headers() -> dict[str, str]:
    """Indicator answer columns: the TPMAP code (``2.1``) or ``bmn8`` -> canonical column name."""
    headers = {}
    for ind in catalogue.indicators():
        if ind.code == "4.3":
            continue  # derived from household income and the threshold setting
        headers[ind.code] = ind.column
        headers[f"bmn{ind.bmn}"] = ind.column
    return headers


def import_households(
    source: bytes | str | Path, filename: str | None = None, limits: Limits | None = None
) -> ImportResult:
    """Read and validate a household export; return valid persons/households, errors, warnings."""
    raw, filename = read_source(source, filename)
    table = tabular.read_table(raw, filename, limits)
    answers = indicator_headers()
    rows = RowChecks(table, {**HEADER_ALIASES, **answers}, REQUIRED)
    answer_columns = [c for c in dict.fromkeys(answers.values()) if c in rows.position]
    seen_ids: dict[str, int] = {}

    def check(cell: dict[str, str]) -> tuple[dict, list[tuple[str, Problem]]]:
        record, problems = check_row(cell, answer_columns)
        cid = record.get("citizen_id")
        if not problems and cid in seen_ids:
            problems.append(("citizen_id", Problem("fault_duplicate_id", {"row": seen_ids[cid]})))
        return record, problems

    records: dict[str, list] = {}
    households: dict[str, tuple[int, str, float]] = {}
    hidden = 0
    for line, record in rows.valid_rows(check):
        seen_ids[record["citizen_id"]] = line
        found = household_warnings(line, record, households, rows.names)
        shown = found[: max(0, MAX_WARNINGS - len(rows.warnings))]
        rows.warnings.extend(shown)
        hidden += len(found) - len(shown)
        record["row"] = line
        for key, value in record.items():
            records.setdefault(key, []).append(value)
    if hidden:
        more = Problem("warn_more", {"n": hidden})
        rows.warnings.append(fields.report(table.header_row, "(file)", "", "", more))
    persons, household_frame = to_microdata(pd.DataFrame(records), answer_columns)
    return ImportResult(
        persons,
        household_frame,
        pd.DataFrame(rows.errors, columns=fields.REPORT_COLUMNS),
        table.encoding,
        rows.rows_read,
        pd.DataFrame(rows.warnings, columns=fields.REPORT_COLUMNS),
    )


def household_warnings(line: int, record: dict, seen: dict, names: dict[str, str]) -> list[dict]:
    """A house code met before in another village, or with another household income."""
    house = record["house_code"]
    if house not in seen:
        seen[house] = (line, record["village_code"], record["income"])
        return []
    first_row, village, income = seen[house]
    found = []
    if record["village_code"] != village:
        problem = Problem("warn_house_two_villages", {"row": first_row, "village": village})
        found.append(("village_code", record["village_code"], problem))
    if record["income"] != income:
        problem = Problem("warn_income_differs", {"row": first_row, "income": f"{income:,.0f}"})
        found.append(("income", f"{record['income']:,.0f}", problem))
    return [fields.report(line, c, names[c], v, p) for c, v, p in found]


FLAG_TABLE = {**dict.fromkeys(TRUE_VALUES, True), **dict.fromkeys(FALSE_VALUES, False)}
ANSWER_TABLE = {
    **dict.fromkeys(FAIL_VALUES, True),
    **dict.fromkeys(PASS_VALUES, False),
    **dict.fromkeys(EMPTY_VALUES, False),
}
EMPTY_TABLE = dict.fromkeys(EMPTY_VALUES, True)
PERSON_ANSWERS = frozenset(i.column for i in catalogue.person_indicators())
CHECKS = {
    "citizen_id": fields.citizen_id_check,
    "house_code": fields.house_code_check,
    "village_code": fields.village_code_check,
    "age": lambda text: fields.whole_number_check(text, 0, MAX_AGE),
    "income": fields.amount_check,
}


def _choice(text: str, table: Mapping[str, object]) -> object:
    found = table.get(text)  # the common case: the value exactly as listed
    if found is None:
        found = table.get(fields.ascii_digits(text.strip()).lower())
    return found


def check_row(cell: dict[str, str], answer_columns: list[str]) -> tuple[dict, list]:
    """The cleaned record and ``(column, Problem)`` for every field that fails its check."""
    record: dict[str, object] = {"name": cell.get("name", "").strip()}
    problems: list[tuple[str, Problem]] = []
    for column, check in CHECKS.items():
        record[column], problem = check(cell[column])
        if problem:
            problems.append((column, problem))
    record["sex"] = _choice(cell["sex"], SEX_VALUES)
    if record["sex"] is None:
        problems.append(("sex", Problem("fault_sex")))
    for flag in FLAGS:
        record[flag] = _choice(cell.get(flag, "0"), FLAG_TABLE)
        if record[flag] is None:
            problems.append((flag, Problem("fault_flag")))
    for column in answer_columns:
        record[column] = _choice(cell[column], ANSWER_TABLE)
        if record[column] is None:
            problems.append((column, Problem("fault_answer")))
        else:  # a pass or a fail (not blank): answered; a person item then applies
            record[f"answered_{column}"] = _choice(cell[column], EMPTY_TABLE) is None
    record["welfare_known"] = bool(cell.get("registered", "").strip())  # issue 14
    return record, problems


def to_microdata(frame: pd.DataFrame, answer_columns: list[str]):
    """Person rows -> ``(persons, households)`` in the household schema (TPMAP's household
    rule: ``analytics.domain.household_rule``). Persons keep citizen IDs and names; households get
    the head (first row of the house), the member counts and, per group indicator, whether it
    applies (a member in the group, or any member with an answer for it)."""
    household_columns = [i.column for i in catalogue.household_indicators() if i.code != "4.3"]
    person_columns = [i.column for i in catalogue.person_indicators()]
    if frame.empty:
        persons = pd.DataFrame(columns=["row", *household_schema.PERSON_COLUMNS])
        households = pd.DataFrame(columns=household_schema.household_columns())
        return persons, households
    for column in household_columns + person_columns:
        if column not in frame.columns:
            frame[column] = False
    codes, household_row = np.unique(frame["house_code"].to_numpy(), return_inverse=True)
    frame["household_row"] = household_row.astype(np.int32)
    grouped = frame.groupby("household_row", sort=True)
    answered = [f"answered_{c}" for c in person_columns if f"answered_{c}" in frame]
    answered_all = [f"answered_{c}" for c in answer_columns]  # completeness (issue 14)
    households = grouped.agg(
        house_code=("house_code", "first"),
        village_id=("village_code", "first"),
        income=("income", "first"),
        **{c: (c, "any") for c in household_columns},
        **{f"applies_{c.removeprefix('answered_')}": (c, "any") for c in answered},
        **{c: (c, "any") for c in answered_all},
    ).reset_index(drop=True)
    households["members"] = grouped.size().to_numpy().astype(np.int16)
    short = households["village_id"].str.len() == 8
    households.loc[short, "village_id"] = households.loc[short, "village_id"] + "01"  # TPMAP id
    households["tambon"] = households["village_id"].str[:6]
    households["amphoe"] = households["village_id"].str[:4]
    households["province"] = households["village_id"].str[:2]
    kept = ["row", "citizen_id", "name", "house_code", "household_row", "sex", "age"]
    persons = frame[[*kept, "disabled", "registered", "verified", "welfare_known"]].copy()
    persons[person_columns] = frame[person_columns]
    persons["verified"] = persons["verified"] & persons["registered"]
    persons["member"] = persons.groupby("household_row").cumcount().astype(np.int16)
    households, persons = household_rule.to_household_schema(
        persons.reset_index(drop=True), households
    )
    return persons, households
