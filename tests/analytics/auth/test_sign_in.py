"""Sign-in for a deployment (analytics.auth): lockout, equal answers, long passwords, demo mode,
missing users file, OpenID Connect claim mapping, cookie-bound sessions. Written as the attacks."""

from __future__ import annotations

import statistics
import time

import bcrypt
import pytest

from analytics.auth import Lockout, SessionRegistry, SignIn, oidc, passwords
from analytics.domain import access

HASH = bcrypt.hashpw(b"right-password", bcrypt.gensalt(rounds=10)).decode()


def users(tmp_path, demo=False):
    path = tmp_path / "users.toml"
    path.write_text(
        f'[users.somchai]\nrole = "planner"\nareas = ["19"]\npassword_hash = "{HASH}"\n'
        f"demo = {'true' if demo else 'false'}\n",
        encoding="utf-8",
    )
    return path


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_forty_wrong_passwords_then_the_right_one_is_not_accepted(tmp_path):
    clock = Clock()
    sign_in = SignIn(Lockout(clock=clock), path=users(tmp_path))
    results = [sign_in.attempt("somchai", f"guess-{i}") for i in range(40)]
    assert not any(r.ok for r in results)
    assert results[-1].locked_seconds > 0
    right = sign_in.attempt("somchai", "right-password")
    assert not right.ok and right.locked_seconds == 900  # every miss doubled it, to the cap
    clock.now += 901  # the longest back-off has passed
    assert sign_in.attempt("somchai", "right-password").ok


def test_lockout_backs_off_exponentially_and_a_success_resets_it():
    clock = Clock()
    lockout = Lockout(free_attempts=3, base_seconds=10, max_seconds=100, clock=clock)
    assert [lockout.failure("u") for _ in range(3)] == [0, 0, 10]  # the third one locks
    assert lockout.failure("u") == 20 and lockout.failure("u") == 40
    assert lockout.failure("u") == 80 and lockout.failure("u") == 100  # capped
    assert lockout.seconds_left("U ") == 100  # same user however typed
    lockout.success("u")
    assert lockout.seconds_left("u") == 0


def test_unknown_users_are_locked_like_known_ones(tmp_path):
    sign_in = SignIn(Lockout(clock=Clock()), path=users(tmp_path))
    known = [sign_in.attempt("somchai", "x").locked_seconds for _ in range(8)]
    unknown = [sign_in.attempt("nobody", "x").locked_seconds for _ in range(8)]
    assert known == unknown


def test_unknown_user_and_wrong_password_take_the_same_time(tmp_path):
    sign_in = SignIn(Lockout(free_attempts=10**6), path=users(tmp_path))
    sign_in.attempt("nobody", "warm-up")  # the dummy hash is made once
    times: dict[str, list[float]] = {"somchai": [], "nobody": []}
    for i in range(20):  # interleaved, so load from other processes hits both alike
        for username in ("somchai", "nobody") if i % 2 else ("nobody", "somchai"):
            start = time.perf_counter()
            assert not sign_in.attempt(username, "wrong-password").ok
            times[username].append(time.perf_counter() - start)
    wrong, unknown = (statistics.median(times[u]) for u in ("somchai", "nobody"))
    # on main: 306 ms against 208 ms; now one bcrypt check of the same cost each
    assert abs(wrong - unknown) / max(wrong, unknown) < 0.25, (wrong, unknown)


def test_unknown_user_and_wrong_password_get_the_same_answer(tmp_path):
    sign_in = SignIn(Lockout(), path=users(tmp_path))
    wrong, unknown = sign_in.attempt("somchai", "nope"), sign_in.attempt("nobody", "nope")
    assert (wrong.ok, wrong.locked_seconds) == (unknown.ok, unknown.locked_seconds)
    assert unknown.audit_user == "-"  # a typed unknown name is never recorded


@pytest.mark.parametrize("username", ["somchai", "nobody"])
def test_password_over_72_bytes_gives_no_traceback(tmp_path, username):
    sign_in = SignIn(Lockout(), path=users(tmp_path))
    assert not sign_in.attempt(username, "ก" * 100).ok  # 300 bytes
    assert not sign_in.attempt(username, "x" * 100_000).ok


def test_long_password_matches_its_first_72_bytes_like_bcrypt_4(tmp_path):
    path = tmp_path / "users.toml"
    long = "p" * 72
    path.write_text(
        f'[users.u]\nrole = "field"\npassword_hash = "{passwords.hash_password(long, 4)}"\n'
    )
    assert SignIn(Lockout(), path=path).attempt("u", long + "extra").ok


def test_demo_accounts_work_only_in_demo_mode(tmp_path, monkeypatch):
    path = users(tmp_path, demo=True)
    monkeypatch.setenv("CHIPAO_DEMO", "0")
    assert not SignIn(Lockout(), path=path).attempt("somchai", "right-password").ok
    monkeypatch.setenv("CHIPAO_DEMO", "1")
    assert SignIn(Lockout(), path=path).attempt("somchai", "right-password").ok


def test_demo_accounts_are_not_advertised_outside_demo_mode(tmp_path, monkeypatch):
    monkeypatch.delenv("CHIPAO_USERS_FILE", raising=False)
    monkeypatch.setenv("CHIPAO_DEMO", "1")
    assert passwords.advertises_demo_accounts()
    monkeypatch.setenv("CHIPAO_USERS_FILE", str(users(tmp_path)))  # a province's own file
    assert not passwords.advertises_demo_accounts()
    monkeypatch.delenv("CHIPAO_USERS_FILE")
    monkeypatch.setenv("CHIPAO_DEMO", "0")
    assert not passwords.advertises_demo_accounts()
    assert passwords.users_file().name == "users.toml"


def test_missing_users_file_gives_a_clear_message(tmp_path):
    with pytest.raises(passwords.UsersFileError) as caught:
        SignIn(Lockout(), path=tmp_path / "absent.toml").attempt("a", "b")
    assert "CHIPAO_USERS_FILE" in caught.value.message_en
    assert "ไม่พบไฟล์ผู้ใช้" in caught.value.message_th


def test_broken_users_file_gives_a_clear_message(tmp_path):
    path = tmp_path / "users.toml"
    path.write_text("[users.x\n")
    with pytest.raises(passwords.UsersFileError, match="Cannot read the users file"):
        passwords.load_accounts(path)


MAPPING = {
    "username_claim": "email",
    "groups_claim": "groups",
    "users": {"Somchai@Saraburi.go.th": {"role": "planner", "areas": ["19"]}},
    "groups": {
        "field-190110": {"role": "field", "areas": ["190110"]},
        "field-190109": {"role": "field", "areas": ["190109"]},
        "admins": {"role": "admin", "areas": []},
    },
}


def test_oidc_claims_map_to_role_and_areas_from_the_users_file():
    claims = {"email": "somchai@saraburi.go.th", "email_verified": True, "name": "สมชาย"}
    viewer = oidc.viewer_from_claims(claims, MAPPING)
    assert viewer == access.Viewer("somchai@saraburi.go.th", "planner", ("19",), "สมชาย")


def test_oidc_groups_give_the_union_of_their_areas():
    claims = {"email": "f@x.go.th", "groups": ["field-190110", "field-190109", "other"]}
    viewer = oidc.viewer_from_claims(claims, MAPPING)
    assert viewer is not None and viewer.role == "field"
    assert viewer.areas == ("190109", "190110")


@pytest.mark.parametrize(
    "claims",
    [
        {"email": "stranger@x.go.th", "groups": ["other"]},  # not listed anywhere
        {"email": "f@x.go.th", "groups": ["field-190110", "admins"]},  # ambiguous roles
        {"email": "somchai@saraburi.go.th", "email_verified": False},  # unverified email
        {"email": "bad name <x>", "groups": ["admins"]},  # not a username
        {},
    ],
)
def test_oidc_refuses_unmapped_or_ambiguous_people(claims):
    assert oidc.viewer_from_claims(claims, MAPPING) is None


def test_session_cookie_is_refused_when_forged_revoked_or_idle():
    clock = Clock()
    registry = SessionRegistry(idle_seconds=60, max_age_seconds=3600, clock=clock)
    viewer = access.Viewer("u", "planner", ("19",))
    cookie = registry.open(viewer)
    assert registry.lookup(cookie) == viewer
    sid = cookie.split(".")[0]
    assert registry.lookup(sid) is None and registry.lookup(sid + ".00") is None
    assert registry.lookup(None) is None and registry.lookup("") is None
    clock.now += 59
    assert registry.lookup(cookie) == viewer  # used: the idle clock restarts
    clock.now += 61
    assert registry.lookup(cookie) is None and registry.expired(cookie)
    other = registry.open(viewer)
    registry.revoke(other)
    assert registry.lookup(other) is None


def test_session_ends_at_its_maximum_age_even_when_used():
    clock = Clock()
    registry = SessionRegistry(idle_seconds=60, max_age_seconds=100, clock=clock)
    cookie = registry.open(access.Viewer("u", "admin"))
    for _ in range(3):
        clock.now += 50
        registry.lookup(cookie)
    assert registry.lookup(cookie) is None


def test_sign_in_ticket_works_once_and_expires():
    clock = Clock()
    registry = SessionRegistry(clock=clock)
    viewer = access.Viewer("u", "field", ("190110",))
    ticket = registry.issue_ticket(viewer)
    cookie = registry.redeem_ticket(ticket)
    assert registry.lookup(cookie) == viewer
    assert registry.redeem_ticket(ticket) is None  # spent
    late = registry.issue_ticket(viewer)
    clock.now += 61
    assert registry.redeem_ticket(late) is None
    assert registry.redeem_ticket("made-up") is None
