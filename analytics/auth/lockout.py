"""Per-user lockout with exponential back-off (kept in memory, bounded, thread-safe).

After ``free_attempts`` failures a username is locked for ``base_seconds``, doubling with each
further failure up to ``max_seconds``. Locks apply to any typed username, known or not, so a lock
tells nothing about which accounts exist. A success clears the count.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class _Entry:
    failures: int = 0
    locked_until: float = 0.0


class Lockout:
    def __init__(
        self,
        free_attempts: int = 5,
        base_seconds: float = 30.0,
        max_seconds: float = 900.0,
        max_entries: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.free_attempts, self.base, self.cap = free_attempts, base_seconds, max_seconds
        self.max_entries, self.clock = max_entries, clock
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def _key(username: str) -> str:
        return username.strip().casefold()

    def seconds_left(self, username: str) -> float:
        """Seconds until this username may try again (0 = may try now)."""
        with self._lock:
            entry = self._entries.get(self._key(username))
            return max(0.0, entry.locked_until - self.clock()) if entry else 0.0

    def failure(self, username: str) -> float:
        """Count a failure; returns the lock (seconds) it starts, 0 when none."""
        with self._lock:
            key = self._key(username)
            entry = self._entries.pop(key, None) or _Entry()
            entry.failures += 1
            self._entries[key] = entry
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
            over = entry.failures - self.free_attempts
            if over < 0:
                return 0.0
            seconds = min(self.cap, self.base * 2**over)
            entry.locked_until = self.clock() + seconds
            return seconds

    def success(self, username: str) -> None:
        with self._lock:
            self._entries.pop(self._key(username), None)
