"""HTTP routes and middleware mounted by app.py beside Streamlit (``st.App``).

- ``/_chipao/session?ticket=…&next=…`` exchanges a one-time sign-in ticket for the HttpOnly,
  SameSite=Strict session cookie and sends the browser back to the page it came from.
- ``/_chipao/signout`` ends the session and deletes the cookie.
- ``/media/…`` and ``/_stcore/upload_file/…`` (files Streamlit serves or receives by capability
  URL) answer only to a browser holding a live session cookie.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from analytics.auth import COOKIE_NAME
from ui.auth_state import REGISTRY, ROUTES

SESSION_PATH = "/_chipao/session"
SIGNOUT_PATH = "/_chipao/signout"
PROTECTED_PREFIXES = ("/media/", "/_stcore/upload_file/")


def safe_next(target: str | None) -> str:
    """Only a path on this server (no scheme, no host, no //evil.example)."""
    target = target or "/"
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _secure(request: Request) -> bool:
    forwarded = request.headers.get("x-forwarded-proto", "")
    return request.url.scheme == "https" or forwarded.split(",")[0].strip() == "https"


async def open_session(request: Request) -> Response:
    cookie = REGISTRY.redeem_ticket(request.query_params.get("ticket", ""))
    response = RedirectResponse(safe_next(request.query_params.get("next")), status_code=303)
    response.headers["Cache-Control"] = "no-store"
    if cookie is None:
        return response  # spent or unknown ticket: back to the page, which asks to sign in
    response.set_cookie(
        COOKIE_NAME,
        cookie,
        max_age=int(REGISTRY.max_age),
        path="/",
        httponly=True,
        samesite="strict",
        secure=_secure(request),
    )
    return response


async def close_session(request: Request) -> Response:
    REGISTRY.revoke(request.cookies.get(COOKIE_NAME))
    response = RedirectResponse(safe_next(request.query_params.get("next")), status_code=303)
    response.headers["Cache-Control"] = "no-store"
    response.delete_cookie(COOKIE_NAME, path="/", httponly=True, samesite="strict")
    return response


class RequireSessionForFiles:
    """Refuse capability URLs (media files, uploads) to requests without a live session cookie."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith(PROTECTED_PREFIXES):
            request = Request(scope)
            if REGISTRY.lookup(request.cookies.get(COOKIE_NAME), touch=False) is None:
                await PlainTextResponse("Sign in first", status_code=403)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def routes() -> list[Route]:
    ROUTES["installed"] = True
    return [
        Route(SESSION_PATH, open_session, methods=["GET"]),
        Route(SIGNOUT_PATH, close_session, methods=["GET"]),
    ]
