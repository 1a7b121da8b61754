"""Streamlit's own widget texts in the user's language.

Streamlit 1.67 writes the file uploader's button ("Upload"), its limit line ("200MB per file •
CSV") and the drop hint ("Drag and drop file here") in English and offers no argument to change
them (streamlit/streamlit#13500, open). ``file_uploader`` hides those texts with CSS scoped to
the widget's key and shows the label catalogue's words in their place (CSS ``content``; only
the button that carries Streamlit's text label gets one, not the file chip's delete button).
Select boxes take ``placeholder=`` from the labels at each call.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from analytics.io import tabular
from analytics.text import labels

_CSS = """<style>
.st-key-{key} [data-testid="stFileUploaderDropzoneInstructions"] span {{
  font-size: 0; white-space: normal;
}}
.st-key-{key} [data-testid="stFileUploaderDropzoneInstructions"] span::after {{
  content: "{instructions}"; font-size: 0.875rem;
}}
.st-key-{key} [data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] {{
  display: none;
}}
.st-key-{key} [data-testid="stFileUploaderDropzone"]
  button:has([data-testid="stMarkdownContainer"])::after {{
  content: "{button}"; margin-left: 0.375rem;
}}
</style>"""


def css_text(text: str) -> str:
    """``text`` as the inside of a CSS string (quotes, backslashes and line ends escaped)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return escaped.replace("\n", "\\A ").replace("<", "\\3C ")


def uploader_css(key: str, types: list[str], lang: str) -> str:
    mb = tabular.Limits.from_settings().max_upload_mb
    instructions = labels.t(
        "upload_instructions", lang, mb=mb, types=", ".join(t.upper() for t in types)
    )
    return _CSS.format(
        key=key,
        instructions=css_text(instructions),
        button=css_text(labels.t("upload_button", lang)),
    )


def file_uploader(
    label: str, types: list[str], key: str, lang: str, container=st
) -> UploadedFile | None:
    """``st.file_uploader`` with its built-in English replaced by the labels' words."""
    st.html(uploader_css(key, types, lang))
    return container.file_uploader(label, type=types, key=key)
