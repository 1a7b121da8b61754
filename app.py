"""The Chipao server: Streamlit's dashboard plus the sign-in cookie routes (``st.App``).

Start it with ``streamlit run app.py`` (scripts/start.sh does); ``dashboard.py`` is the home page.
"""

import streamlit as st
from starlette.middleware import Middleware

from ui import web_routes

app = st.App(
    "dashboard.py",
    routes=web_routes.routes(),
    middleware=[Middleware(web_routes.RequireSessionForFiles)],
)
