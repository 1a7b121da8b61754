"""Tables of the follow-up lists (issue 14): households a field team should revisit to complete
the data, and whether the next file completed them.

Described here (not in ``store.models``, which imports this module at its end so the shared
``Base`` knows the tables); the schema itself is migration 0006.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from store.models import Base, UTCDateTime, utcnow

FOLLOWUP_STATUSES = ("open", "completed")


class FollowupList(Base):
    """One list sent to the field teams of an area (a tambon, amphoe or province)."""

    __tablename__ = "followup_lists"
    __table_args__ = (sa.Index(None, "area_code"),)

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    area_code: Mapped[str] = mapped_column(sa.String(12))
    dataset_id: Mapped[str] = mapped_column(sa.String(32))
    year: Mapped[int] = mapped_column(sa.Integer)
    households: Mapped[int] = mapped_column(sa.Integer)
    created_by: Mapped[str] = mapped_column(sa.String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class FollowupItem(Base):
    """A household on a list: why (reason codes, no personal data) and its completion."""

    __tablename__ = "followup_items"
    __table_args__ = (
        sa.CheckConstraint("status IN ('open', 'completed')", name="status_known"),
        sa.UniqueConstraint("list_id", "house_code"),
        sa.Index(None, "tambon", "status"),
    )

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    list_id: Mapped[int] = mapped_column(sa.ForeignKey("followup_lists.id"))
    house_code: Mapped[str] = mapped_column(sa.String(11))
    village_id: Mapped[str] = mapped_column(sa.String(10))
    tambon: Mapped[str] = mapped_column(sa.String(6))
    reasons: Mapped[str] = mapped_column(sa.String(300))
    status: Mapped[str] = mapped_column(sa.String(10), default="open")
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    completed_dataset_id: Mapped[str | None] = mapped_column(sa.String(32))
