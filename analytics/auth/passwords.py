"""Accounts and password checks: the users file, demo mode, bcrypt with equal work for every answer.

- Demo accounts (``demo = true`` in the users file) exist only in demo mode (``CHIPAO_DEMO=1``).
- An unknown user costs the same bcrypt work as a wrong password (a dummy hash is checked).
- bcrypt reads 72 bytes; longer passwords are cut to 72 bytes for every user alike (what bcrypt
  4 did silently; bcrypt 5 raises instead), so length never tells whether an account exists.

Make a hash for the users file with ``python -m analytics.auth.passwords``.
"""

from __future__ import annotations

import getpass
import secrets
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import bcrypt

from analytics import settings
from analytics.domain.access import ROLES
from analytics.text import labels

DEMO_USERS_FILE = settings.REPO_ROOT / ".streamlit" / "demo-users.toml"
DEFAULT_USERS_FILE = settings.REPO_ROOT / ".streamlit" / "users.toml"
BCRYPT_MAX_BYTES = 72


class UsersFileError(ValueError):
    """The users file is missing or wrong: a message for the sign-in page, never a traceback."""

    def __init__(self, message_th: str, message_en: str):
        super().__init__(f"{message_th} / {message_en}")
        self.message_th, self.message_en = message_th, message_en


@dataclass(frozen=True)
class Account:
    username: str
    role: str
    areas: tuple[str, ...]
    name: str
    password_hash: str = ""
    demo: bool = False


def demo_mode() -> bool:
    """True when ``CHIPAO_DEMO`` is 1/true/yes/on (scripts/start.sh and the tests set it)."""
    return settings.current().demo


def users_file() -> Path:
    """``CHIPAO_USERS_FILE``; else the demo accounts in demo mode; else .streamlit/users.toml."""
    configured = settings.current().users_file
    if configured:
        return configured
    return DEMO_USERS_FILE if demo_mode() else DEFAULT_USERS_FILE


def advertises_demo_accounts() -> bool:
    """The sign-in page names the demo accounts only in demo mode with the shipped demo file."""
    return demo_mode() and users_file().resolve() == DEMO_USERS_FILE.resolve()


def load_accounts(path: Path | None = None) -> dict[str, Account]:
    """Every usable account of the users file (demo accounts only in demo mode)."""
    raw = _read_users_file(path or users_file())
    accounts = {}
    for username, user in raw.items():
        if not isinstance(user, dict) or user.get("role") not in ROLES:
            role = user.get("role") if isinstance(user, dict) else None
            words = labels.text("users_unknown_role", username=repr(username), role=repr(role))
            raise UsersFileError(*words)
        account = Account(
            username=str(username),
            role=user["role"],
            areas=tuple(str(a) for a in user.get("areas", [])),
            name=str(user.get("name", "")),
            password_hash=str(user.get("password_hash", "")),
            demo=bool(user.get("demo", False)),
        )
        if account.demo and not demo_mode():
            continue
        accounts[account.username] = account
    return accounts


def _read_users_file(path: Path) -> dict:
    try:
        with open(path, "rb") as fh:
            loaded = tomllib.load(fh)
    except FileNotFoundError:
        raise UsersFileError(*labels.text("users_file_missing", name=path.name)) from None
    except (OSError, tomllib.TOMLDecodeError) as error:
        words = labels.text("users_file_unreadable", name=path.name, error=type(error).__name__)
        raise UsersFileError(*words) from None
    users = loaded.get("users", {})
    if not isinstance(users, dict):
        raise UsersFileError(*labels.text("users_file_no_table"))
    return users


def oidc_mapping(path: Path | None = None) -> dict:
    """The users file's ``[oidc]`` table (see analytics.auth.oidc); {} when there is none."""
    try:
        with open(path or users_file(), "rb") as fh:
            return dict(tomllib.load(fh).get("oidc", {}))
    except (OSError, tomllib.TOMLDecodeError):
        return {}


def _password_bytes(password: str) -> bytes:
    return password.encode("utf-8")[:BCRYPT_MAX_BYTES]


@lru_cache(maxsize=8)
def _dummy_hash(cost: int) -> bytes:
    return bcrypt.hashpw(secrets.token_bytes(16), bcrypt.gensalt(rounds=cost))


def _cost(password_hash: str) -> int:
    try:
        return int(password_hash.split("$")[2])
    except (IndexError, ValueError):
        return 12


def check_password(account: Account | None, password: str, cost: int = 10) -> bool:
    """bcrypt check; an unknown account checks a dummy hash of the same cost (equal time)."""
    candidate = _password_bytes(password or "")
    if account is None or not account.password_hash:
        bcrypt.checkpw(candidate, _dummy_hash(cost))
        return False
    try:
        return bcrypt.checkpw(candidate, account.password_hash.encode())
    except ValueError:  # a malformed hash in the users file: refuse, same work as a miss
        bcrypt.checkpw(candidate, _dummy_hash(cost))
        return False


def typical_cost(accounts: dict[str, Account]) -> int:
    """The bcrypt cost of the users file's hashes (the dummy hash is made with it)."""
    costs = [_cost(a.password_hash) for a in accounts.values() if a.password_hash]
    return max(set(costs), key=costs.count) if costs else 12


def hash_password(password: str, cost: int = 12) -> str:
    return bcrypt.hashpw(_password_bytes(password), bcrypt.gensalt(rounds=cost)).decode()


if __name__ == "__main__":  # pragma: no cover - interactive helper
    print(hash_password(getpass.getpass("Password: ")))
