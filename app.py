"""The Chipao server: Streamlit's dashboard plus the sign-in cookie routes (``st.App``).

Start it with ``streamlit run app.py`` (scripts/start.sh does); ``dashboard.py`` is the home page.
"""

import os

# Owner-only files from here on (SQLite database and its WAL, Parquet and map layers in the
# cache folder, uploads saved by Streamlit): another account on the server reads none of them.
os.umask(0o077)

import streamlit as st  # noqa: E402
from starlette.middleware import Middleware  # noqa: E402

from ui import web_routes  # noqa: E402

app = st.App(
    "dashboard.py",
    routes=web_routes.routes(),
    middleware=[Middleware(web_routes.RequireSessionForFiles)],
)
