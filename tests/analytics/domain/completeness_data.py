"""A hand-made pair of datasets with known gaps, against the real TPMAP 2561 village table.

Dataset "ns" (Nakhon Sawan, 60), tambon 600102, whose seven villages TPMAP 2561 lists as

| village | TPMAP households | TPMAP persons | in the file |
|---|---|---|---|
| 6001020101 | 169 | 365 | 166 households, 358 persons (3 and 7 fewer); 3 MPI-poor households (TPMAP: 2) |
| 6001020201 .. 0601 | as TPMAP | as TPMAP | exactly TPMAP's households and persons |
| 6001020701 | 206 | 353 | missing: no household |

and in village 0101: household 0 does not answer 2.1 (``answered_i2_1`` False), household 1
has no position, household 2's head has an invalid citizen ID, two persons of households 3 and
4 share one ID (two households), two persons have an unknown welfare-card status, and a member
of household 5 has the same ID as a person of dataset "ub" (Ubon Ratchathani, 34, village
3401040101, two households): a duplicate across two provinces' datasets.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analytics.domain import catalogue, citizen_id, household_schema
from analytics.domain.household_schema import DatasetFiles
from tests.analytics.data.queries import households as hand

TAMBON = "600102"
VILLAGES = {  # village -> (households, persons) in the file
    "6001020101": (166, 358),
    "6001020201": (266, 551),
    "6001020301": (176, 344),
    "6001020401": (72, 116),
    "6001020501": (111, 361),
    "6001020601": (91, 318),
}
MISSING_VILLAGE = "6001020701"
SHARED_ID = citizen_id.synthetic_ids(np.array([777_000_001]))[0]
DUPLICATE_ID = citizen_id.synthetic_ids(np.array([777_000_002]))[0]
BAD_ID = "1234567890123"  # fails the check digit
UNANSWERED = "2.1"


def _members(households: int, persons: int) -> list[int]:
    base, extra = divmod(persons, households)
    return [base + (1 if i < extra else 0) for i in range(households)]


def ns_households() -> pd.DataFrame:
    rows = []
    for village, (n, persons) in VILLAGES.items():
        for i, members in enumerate(_members(n, persons)):
            code = f"{village[:6]}{village[6:8]}{i:03d}"
            fails = ["2.2"] if village.endswith("0101") and i < 3 else []
            rows.append(hand.household(code, village, members, fails))
    frame = hand.frame(rows)
    for column in catalogue.indicator_columns():
        frame[f"answered_{column}"] = True
    first = frame.index[frame["village_id"] == "6001020101"]
    unanswered = catalogue.indicator_by_code(UNANSWERED).column
    frame.loc[first[0], f"answered_{unanswered}"] = False
    frame.loc[first[1], ["lat", "lon"]] = np.nan
    return frame


def ub_households() -> pd.DataFrame:
    rows = [hand.household(f"3401040100{i}", "3401040101", 2) for i in range(2)]
    return hand.frame(rows)


def persons_of(households: pd.DataFrame, offset: int) -> pd.DataFrame:
    members = households["members"].to_numpy()
    row = np.repeat(np.arange(len(households)), members)
    member = np.concatenate([np.arange(m) for m in members])
    ids = citizen_id.synthetic_ids(offset + np.arange(len(row)))
    persons = pd.DataFrame(
        {
            "citizen_id": ids,
            "name": "",
            "house_code": households["house_code"].to_numpy()[row],
            "household_row": row.astype(np.int32),
            "member": member.astype(np.int16),
            "relation": 0,
            "sex": 1,
            "age": 40,
            "disabled": False,
            "bedridden": False,
            "registered": False,
            "verified": False,
            "welfare_known": True,
        }
    )
    return persons


def ns_persons(households: pd.DataFrame) -> pd.DataFrame:
    persons = persons_of(households, 100_000_000)
    first = persons.index[persons["member"] == 0]
    persons.loc[first[2], "citizen_id"] = BAD_ID  # the head of household 2
    persons.loc[first[3], "citizen_id"] = DUPLICATE_ID
    persons.loc[first[4], "citizen_id"] = DUPLICATE_ID
    persons.loc[first[5], "citizen_id"] = SHARED_ID
    persons.loc[first[6:8], "welfare_known"] = False
    return persons


def ub_persons(households: pd.DataFrame) -> pd.DataFrame:
    persons = persons_of(households, 200_000_000)
    persons.loc[0, "citizen_id"] = SHARED_ID
    return persons


def _write(folder: Path, dataset_id: str, provinces, households, persons) -> DatasetFiles:
    folder.mkdir(parents=True, exist_ok=True)
    heads = household_schema.head_columns(persons, len(households))  # the head's own ID
    households = households.assign(head_citizen_id=heads["head_citizen_id"])
    assert not household_schema.check(households, persons)
    hh_path, p_path = folder / "households.parquet", folder / "persons.parquet"
    households.to_parquet(hh_path, index=False)
    persons.to_parquet(p_path, index=False)
    return DatasetFiles(dataset_id, 2561, tuple(provinces), hh_path, p_path)


def write(folder: Path) -> list[DatasetFiles]:
    ns = ns_households()
    ub = ub_households()
    return [
        _write(folder / "ns", "dsns", ["60"], ns, ns_persons(ns)),
        _write(folder / "ub", "dsub", ["34"], ub, ub_persons(ub)),
    ]
