"""Sign-in for a deployment: accounts, lockout, OIDC mapping, cookie-bound sessions (no Streamlit).

``SignIn.attempt`` is the one place a typed username and password are judged. Every answer costs
the same bcrypt work and carries the same message whether the user exists or not.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from analytics.auth.lockout import Lockout
from analytics.auth.passwords import (
    UsersFileError,
    advertises_demo_accounts,
    check_password,
    demo_mode,
    load_accounts,
    typical_cost,
    users_file,
)
from analytics.auth.sessions import COOKIE_NAME, SessionRegistry
from analytics.domain import catalogue
from analytics.domain.access import Viewer

__all__ = [
    "COOKIE_NAME",
    "Attempt",
    "Lockout",
    "SessionRegistry",
    "SignIn",
    "UsersFileError",
    "advertises_demo_accounts",
    "demo_mode",
    "settings",
    "users_file",
]


def settings() -> dict:
    """The ``[auth]`` section of catalogue/settings.toml."""
    return dict(catalogue.settings().get("auth", {}))


@dataclass(frozen=True)
class Attempt:
    """The outcome of one sign-in attempt.

    ``audit_user`` is the account name when the account exists, else "-" (a typed unknown name
    may be a password or a citizen ID typed in the wrong box: it is never recorded).
    """

    viewer: Viewer | None
    locked_seconds: float
    audit_user: str
    audit_role: str

    @property
    def ok(self) -> bool:
        return self.viewer is not None


class SignIn:
    def __init__(self, lockout: Lockout | None = None, path: Path | None = None):
        conf = settings()
        self.lockout = lockout or Lockout(
            free_attempts=int(conf.get("lockout_free_attempts", 5)),
            base_seconds=float(conf.get("lockout_base_seconds", 30)),
            max_seconds=float(conf.get("lockout_max_seconds", 900)),
        )
        self.path = path

    def attempt(self, username: str, password: str) -> Attempt:
        """Judge one attempt. Raises UsersFileError when the users file is missing or wrong."""
        accounts = load_accounts(self.path)
        name = (username or "").strip()
        account = accounts.get(name)
        # the bcrypt work is done in every case, locked or not, known or not
        matches = check_password(account, password, typical_cost(accounts))
        audit_user, audit_role = (name, account.role) if account else ("-", "-")
        if not matches or account is None:  # counted even while locked: the lock grows
            return Attempt(None, self.lockout.failure(name), audit_user, audit_role)
        waiting = self.lockout.seconds_left(name)
        if waiting > 0:  # the right password during a lock is refused too
            return Attempt(None, waiting, audit_user, audit_role)
        self.lockout.success(name)
        viewer = Viewer(account.username, account.role, account.areas, account.name)
        return Attempt(viewer, 0.0, audit_user, audit_role)
