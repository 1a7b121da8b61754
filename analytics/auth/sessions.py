"""Signed-in sessions bound to an HttpOnly cookie, kept on the server.

The browser holds ``<session id>.<HMAC>``; the server keeps who it is and when it was last used.
A websocket client that knows only Streamlit's session id has no cookie and gets nothing. Sign-out
revokes the id; an id unused for the idle timeout, or older than the maximum age, is refused.
A one-time ticket (60 s) carries a fresh sign-in from the Streamlit form to the cookie route.
Everything lives in memory: a restarted server asks everyone to sign in again.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from analytics.domain.access import Viewer

COOKIE_NAME = "chipao_session"
TICKET_SECONDS = 60.0


@dataclass(frozen=True)
class Session:
    viewer: Viewer
    created: float
    last_seen: float


class SessionRegistry:
    def __init__(
        self,
        idle_seconds: float = 1800.0,
        max_age_seconds: float = 43200.0,
        secret: bytes | None = None,
        clock: Callable[[], float] = time.time,
    ):
        self.idle, self.max_age, self.clock = idle_seconds, max_age_seconds, clock
        self._secret = secret or secrets.token_bytes(32)
        self._sessions: dict[str, Session] = {}
        self._tickets: dict[str, tuple[Viewer, float]] = {}
        self._lock = threading.Lock()

    def _sign(self, sid: str) -> str:
        return hmac.new(self._secret, sid.encode(), hashlib.sha256).hexdigest()

    def issue_ticket(self, viewer: Viewer) -> str:
        """A one-time ticket the cookie route exchanges for a session cookie."""
        ticket = secrets.token_urlsafe(32)
        with self._lock:
            now = self.clock()
            self._tickets = {k: v for k, v in self._tickets.items() if v[1] > now}
            self._tickets[ticket] = (viewer, now + TICKET_SECONDS)
        return ticket

    def redeem_ticket(self, ticket: str) -> str | None:
        """The cookie value for a valid, unused ticket (the ticket is spent), else None."""
        with self._lock:
            found = self._tickets.pop(ticket or "", None)
            if found is None or found[1] < self.clock():
                return None
        return self.open(found[0])

    def open(self, viewer: Viewer) -> str:
        sid = secrets.token_urlsafe(32)
        now = self.clock()
        with self._lock:
            self._sessions[sid] = Session(viewer, now, now)
        return f"{sid}.{self._sign(sid)}"

    def _sid(self, cookie: str | None) -> str | None:
        sid, _, signature = (cookie or "").partition(".")
        if not sid or not hmac.compare_digest(signature, self._sign(sid)):
            return None
        return sid

    def lookup(self, cookie: str | None, touch: bool = True) -> Viewer | None:
        """The viewer of a valid, live session cookie (and mark it used), else None."""
        sid = self._sid(cookie)
        if sid is None:
            return None
        now = self.clock()
        with self._lock:
            session = self._sessions.get(sid)
            if session is None:
                return None
            if now - session.last_seen > self.idle or now - session.created > self.max_age:
                del self._sessions[sid]
                return None
            if touch:
                self._sessions[sid] = replace(session, last_seen=now)
            return session.viewer

    def expired(self, cookie: str | None) -> bool:
        """True for a correctly signed cookie whose session is gone (timed out or revoked)."""
        sid = self._sid(cookie)
        with self._lock:
            return sid is not None and sid not in self._sessions

    def revoke(self, cookie: str | None) -> None:
        sid = self._sid(cookie)
        if sid is not None:
            with self._lock:
                self._sessions.pop(sid, None)
