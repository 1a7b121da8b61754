"""The process-wide sign-in state shared by the cookie routes (ui/web_routes.py) and the pages.

Streamlit runs page scripts and the app's HTTP routes in one process, so one registry serves both.
"""

from __future__ import annotations

from analytics import auth

_conf = auth.settings()
REGISTRY = auth.SessionRegistry(
    idle_seconds=60.0 * float(_conf.get("idle_timeout_minutes", 30)),
    max_age_seconds=3600.0 * float(_conf.get("max_session_hours", 12)),
)
SIGN_IN = auth.SignIn()
# set by ui.web_routes.routes() when app.py mounted the cookie routes in this process
ROUTES = {"installed": False}
