"""The sign-in is bound to an HttpOnly cookie (issue 9, item 6), tried as an attacker would.

- A bare websocket client that replays a signed-in user's Streamlit session id (it leaks through
  upload URLs and the server log) gets the sign-in form, not the user's session.
- A reload and a new tab keep the sign-in; sign-out ends it, and its cookie is dead afterwards.
- ``/media`` capability URLs answer only to a browser with a live session cookie.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect

from analytics.auth import COOKIE_NAME
from tests.browser.helpers import sign_in
from tests.conftest import screenshot

FIELD_NAME = "ทีมปฏิบัติการตำบลปากข้าวสารและหนองยาว"  # shown to the signed-in field user


def _capture_session_id(page) -> list[str]:
    ids: list[str] = []

    def on_frame(payload):
        if isinstance(payload, bytes | bytearray):
            msg = ForwardMsg()
            try:
                msg.ParseFromString(bytes(payload))
            except Exception:  # noqa: BLE001 - not every frame is a whole ForwardMsg
                return
            if msg.WhichOneof("type") == "new_session":
                ids.append(msg.new_session.initialize.session_id)

    page.on("websocket", lambda ws: ws.on("framereceived", on_frame))
    return ids


def _replay(app_url: str, session_id: str, seconds: float = 12.0) -> bytes:
    """Connect with only the session id (no cookie), ask for a rerun, return all frames."""
    ws_url = app_url.replace("http://", "ws://") + "/_stcore/stream"
    frames = b""
    with connect(
        ws_url,
        subprotocols=["streamlit", "no-xsrf-token", session_id],
        origin=app_url,
        open_timeout=10,
        max_size=None,
    ) as ws:
        back = BackMsg()
        back.rerun_script.query_string = ""
        back.rerun_script.page_script_hash = ""
        ws.send(back.SerializeToString())
        deadline = time.time() + seconds
        while time.time() < deadline:
            try:
                data = ws.recv(timeout=1)
            except TimeoutError:
                continue
            frames += data if isinstance(data, bytes) else data.encode()
    return frames


def test_replayed_session_id_without_the_cookie_gets_nothing(page, app_url):
    ids = _capture_session_id(page)
    sign_in(page, app_url, "field", "chipao-field")
    page.get_by_text(FIELD_NAME).first.wait_for(timeout=30_000)
    assert ids, "no session id seen in the websocket frames"
    frames = _replay(app_url, ids[-1])
    assert FIELD_NAME.encode() not in frames  # on main: the attacker is the field user
    assert "ออกจากระบบ".encode() not in frames  # no sign-out button: not signed in
    assert "รหัสผ่าน".encode() in frames  # the sign-in form instead
    # the victim, who holds the cookie, is still signed in after a reload
    page.reload()
    page.get_by_role("button", name="ออกจากระบบ").wait_for(timeout=60_000)


def test_reload_and_new_tab_keep_the_sign_in_and_sign_out_ends_it(page, app_url):
    sign_in(page, app_url, "planner", "chipao-planner")
    cookie = next(c for c in page.context.cookies() if c["name"] == COOKIE_NAME)
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert page.evaluate("document.cookie").find(COOKIE_NAME) == -1  # not readable by scripts
    page.reload()
    page.get_by_role("button", name="ออกจากระบบ").wait_for(timeout=60_000)
    tab = page.context.new_page()  # a shared link opened in a new tab
    tab.goto(app_url + "/pilots")
    tab.get_by_role("button", name="ออกจากระบบ").wait_for(timeout=60_000)
    tab.close()
    screenshot(page, "session_signed_in_after_reload")
    page.get_by_role("button", name="ออกจากระบบ").click()
    page.get_by_label("รหัสผ่าน").wait_for(timeout=60_000)
    assert not [c for c in page.context.cookies() if c["name"] == COOKIE_NAME]
    page.reload()
    page.get_by_label("รหัสผ่าน").wait_for(timeout=60_000)
    assert page.get_by_role("button", name="ออกจากระบบ").count() == 0
    # the old cookie, replayed after sign-out, is dead
    page.context.add_cookies([{**cookie}])
    page.reload()
    page.get_by_label("รหัสผ่าน").wait_for(timeout=60_000)
    assert page.get_by_role("button", name="ออกจากระบบ").count() == 0


def test_media_urls_need_a_live_session_cookie(app_url):
    try:
        urllib.request.urlopen(f"{app_url}/media/0123456789abcdef.csv", timeout=10)
    except urllib.error.HTTPError as error:
        assert error.code == 403
    else:
        raise AssertionError("a media URL was served without a session")
