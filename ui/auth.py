"""Sign-in on every page: the cookie-bound session, the form, OpenID Connect, sign-out, demo banner.

Served by ``streamlit run app.py``, a sign-in lives in an HttpOnly cookie checked on every run
(``st.context.cookies``): a reload, a new tab or a reconnect keeps it; a websocket client that
only knows Streamlit's session id has no cookie and is shown the sign-in form with every piece of
session state cleared. Under AppTest (no server, no cookies) the session state alone holds it.
"""

from __future__ import annotations

import importlib.util
import math
import time
from urllib.parse import quote, urlsplit

import streamlit as st
from streamlit import runtime
from streamlit.runtime import Runtime

from analytics import auth
from analytics.auth import oidc, passwords
from analytics.domain import access
from analytics.services.bilingual import in_lang
from analytics.text import labels, plain
from ui import audit_trail
from ui.auth_state import REGISTRY, ROUTES, SIGN_IN

KEEP_ON_SIGN_OUT = ("lang",)
_LAST_SEEN = "_auth_last_seen"
LANDING_DUE = "_landing_due"  # read by ui.preferences.land


def served_over_network() -> bool:
    """True under a real server (AppTest runs pages with a stand-in runtime and no cookies)."""
    # AppTest's stand-in is a Mock whose isinstance() answers Runtime: compare the real type
    return runtime.exists() and type(runtime.get_instance()) is Runtime


def clear_session_state() -> None:
    for key in list(st.session_state.keys()):
        if key not in KEEP_ON_SIGN_OUT:
            del st.session_state[key]


def _cookie() -> str | None:
    value = st.context.cookies.get(auth.COOKIE_NAME)
    return value if isinstance(value, str) else None


def current_viewer_or_none() -> access.Viewer | None:
    """Who is signed in for this run, checked afresh (cookie, idle timeout), else None."""
    if not served_over_network():
        return _viewer_from_state()
    viewer = REGISTRY.lookup(_cookie())
    if viewer is None:
        if st.session_state.get("viewer") is not None:
            clear_session_state()  # no live cookie: nothing of the old sign-in stays
        return None
    if st.session_state.get("viewer") != viewer:
        clear_session_state()
        st.session_state["viewer"] = viewer
        st.session_state[LANDING_DUE] = True  # this session's first run: land on the user's view
    return viewer


def _viewer_from_state() -> access.Viewer | None:
    viewer = st.session_state.get("viewer")
    idle = REGISTRY.idle
    now = time.time()
    if viewer is not None and now - st.session_state.get(_LAST_SEEN, now) > idle:
        clear_session_state()
        st.session_state["_session_ended"] = True
        return None
    if viewer is not None:
        st.session_state[_LAST_SEEN] = now
    return viewer


def _redirect(url: str) -> None:
    """Send the browser to ``url`` (Streamlit's own redirect, as ``st.login`` uses)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is not None:
        msg = ForwardMsg()
        msg.auth_redirect.url = url
        ctx.enqueue(msg)


def _here() -> str:
    """The current page's path and the link's view parameters, to come back to after the cookie
    is set (``st.context.url`` leaves the query out: it comes from ``st.query_params``)."""
    from ui import url_state

    return (urlsplit(st.context.url or "/").path or "/") + url_state.query_suffix()


def start_session(viewer: access.Viewer) -> None:
    """After a successful sign-in: cookie route (served) or session state (AppTest)."""
    audit_trail.record_best_effort(viewer.username, viewer.role, "sign_in")
    if not served_over_network():
        clear_session_state()
        st.session_state["viewer"] = viewer
        st.session_state[_LAST_SEEN] = time.time()
        st.session_state[LANDING_DUE] = True
        st.rerun()
    clear_session_state()  # the typed password leaves this (now abandoned) session too
    ticket = REGISTRY.issue_ticket(viewer)
    from ui.web_routes import SESSION_PATH

    _redirect(f"{SESSION_PATH}?ticket={quote(ticket)}&next={quote(_here())}")
    st.stop()


def sign_out(viewer: access.Viewer) -> None:
    audit_trail.record_best_effort(viewer.username, viewer.role, "sign_out")
    clear_session_state()
    if not served_over_network():
        st.rerun()
    REGISTRY.revoke(_cookie())
    if _oidc_configured() and st.user.is_logged_in:
        st.logout()
    else:
        from ui.web_routes import SIGNOUT_PATH

        _redirect(SIGNOUT_PATH)
    st.stop()


def demo_banner(lang: str) -> None:
    if passwords.demo_mode():
        st.warning(labels.t("demo_banner", lang), icon=":material/science:")


def require_viewer(lang: str) -> access.Viewer:
    """The signed-in viewer; otherwise draw the sign-in page and stop the script."""
    viewer = current_viewer_or_none()
    if viewer is not None:
        return viewer
    if served_over_network() and not ROUTES["installed"]:
        st.error(labels.t("start_with_app", lang))
        st.stop()
    viewer = _viewer_from_oidc(lang)
    if viewer is not None:
        start_session(viewer)
    sign_in_page(lang)
    st.stop()
    raise AssertionError("unreachable")  # st.stop raises


def _oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no or unreadable secrets file: no identity provider
        return False


def _viewer_from_oidc(lang: str) -> access.Viewer | None:
    """A person signed in at the identity provider (``st.user``), mapped by the users file."""
    if not _oidc_configured() or not st.user.is_logged_in:
        return None
    viewer = oidc.viewer_from_claims(dict(st.user.to_dict()), passwords.oidc_mapping())
    if viewer is None:
        audit_trail.record_best_effort("-", "-", "sign_in_failed", detail="oidc_not_mapped")
        st.error(labels.t("oidc_not_mapped", lang))
        st.button(labels.t("sign_out", lang), on_click=st.logout)
        st.stop()
    return viewer


def sign_in_page(lang: str) -> None:
    st.title(labels.t("app_title", lang))
    demo_banner(lang)
    if st.session_state.pop("_session_ended", False):
        st.info(labels.t("session_ended", lang))
    if _oidc_configured() and importlib.util.find_spec("authlib") is None:
        st.error(labels.t("oidc_needs_authlib", lang))
    elif _oidc_configured():
        st.button(labels.t("sign_in_with_idp", lang), type="primary", on_click=st.login, key="idp")
    try:
        passwords.load_accounts()
    except passwords.UsersFileError as error:
        if not _oidc_configured():
            st.error(in_lang((error.message_th, error.message_en), lang))
        return
    with st.form("sign_in", border=True):
        st.subheader(labels.t("sign_in", lang))
        username = st.text_input(labels.t("username", lang), max_chars=100)
        password = st.text_input(labels.t("password", lang), type="password", max_chars=1024)
        submitted = st.form_submit_button(labels.t("sign_in", lang), type="primary")
    if passwords.advertises_demo_accounts():
        st.caption(labels.t("demo_accounts", lang))
    if submitted:
        _attempt(username, password, lang)


def _attempt(username: str, password: str, lang: str) -> None:
    try:
        attempt = SIGN_IN.attempt(username, password)
    except passwords.UsersFileError as error:
        st.error(in_lang((error.message_th, error.message_en), lang))
        return
    if attempt.ok:
        assert attempt.viewer is not None
        start_session(attempt.viewer)
        return
    locked = attempt.locked_seconds > 0
    action = "sign_in_locked" if locked else "sign_in_failed"
    audit_trail.record_best_effort(attempt.audit_user, attempt.audit_role, action)
    st.error(labels.t("sign_in_failed", lang))
    if locked:
        minutes = max(1, math.ceil(attempt.locked_seconds / 60))
        st.warning(labels.t("sign_in_locked", lang, minutes=minutes))


def sidebar_account(viewer: access.Viewer, lang: str) -> None:
    """Who is signed in, and the sign-out button (which clears every piece of session state)."""
    role = in_lang(access.ROLE_LABELS[viewer.role], lang)
    who = plain.md_escape(viewer.name or viewer.username)  # an OIDC name claim is user text
    st.caption(f"{labels.t('signed_in_as', lang)}: {who} · {role}")
    if st.button(labels.t("sign_out", lang), key="sign_out"):
        sign_out(viewer)
