"""No traceback ever reaches the screen: one hook for every uncaught exception of a page run.

Streamlit 1.67 hands an uncaught exception of the script (or of a widget callback) to the
run context's ``on_script_error`` handler before drawing it (``error_util.handle_user_script_
exception``; the same hook ``st.App(on_script_error=...)`` sets for the ASGI server). Installing
the handler from ``page_frame`` covers every page without wrapping page bodies. st.stop,
st.rerun and st.switch_page raise control-flow exceptions that never reach the handler.

The handler shows a short Thai/English message with a reference id and logs the traceback
under that id: exception type, file, line and function only. Exception *messages* and local
variables are not logged, since they may carry names, citizen IDs or house codes. An expected
:class:`analytics.data.sources.DataNotAvailable` (a level or subset the source does not have) is
shown as an information message instead. ``client.showErrorDetails = "none"`` in
.streamlit/config.toml covers errors raised before the hook is installed.
"""

from __future__ import annotations

import logging
import traceback
import uuid

import streamlit as st
from streamlit.runtime.scriptrunner import exec_code
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from analytics.data import sources, tpmap_tables
from analytics.domain import areas
from analytics.text import labels

LOGGER = logging.getLogger("chipao.errors")
_STREAMLIT_LOGGER = "streamlit.error_util"


class _DropStreamlitTraceback(logging.Filter):
    """Streamlit logs every uncaught exception with its message before calling the handler;
    ours logs it without the message (the message may hold personal data)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != "Uncaught app execution"


def install() -> None:
    """Attach the handler to this run's context and, once per process, make it the default for
    runs that fail before a page installs it (a widget callback runs before the page body, in a
    fresh run context). Idempotent and cheap."""
    ctx = get_script_run_ctx()
    if ctx is not None and ctx.on_script_error is not handle:
        ctx.on_script_error = handle
    streamlit_logger = logging.getLogger(_STREAMLIT_LOGGER)
    if not any(isinstance(f, _DropStreamlitTraceback) for f in streamlit_logger.filters):
        streamlit_logger.addFilter(_DropStreamlitTraceback())
    _default_for_every_run()


def _default_for_every_run() -> None:
    original = getattr(exec_code, "handle_user_script_exception", None)
    if original is None or getattr(original, "_chipao", False):
        return
    if not callable(original):  # Streamlit changed: the per-run handler above still works
        LOGGER.warning("streamlit exec_code hook not found; callbacks use Streamlit's display")
        return

    def with_default(ex: Exception, on_script_error=None) -> None:
        original(ex, on_script_error or handle)

    with_default._chipao = True  # type: ignore[attr-defined]
    exec_code.handle_user_script_exception = with_default


def handle(ex: Exception) -> bool:
    """Show a short message (and log the details); True tells Streamlit not to draw its own."""
    lang = _lang()
    if isinstance(ex, sources.DataNotAvailable):
        st.info(not_available_message(ex, lang), icon=":material/info:")
        return True
    if isinstance(ex, tpmap_tables.TpmapDataMissing):  # an installation step, not a bug
        LOGGER.warning("TPMAP tables missing: %s", ex)
        st.warning(labels.t("tpmap_missing", lang), icon=":material/folder_off:")
        return True
    reference = uuid.uuid4().hex[:8]
    LOGGER.error("unexpected error, reference %s\n%s", reference, safe_traceback(ex))
    st.error(labels.t("unexpected_error", lang, reference=reference), icon=":material/error:")
    return True


def not_available_message(ex: sources.DataNotAvailable, lang: str) -> str:
    values = dict(ex.values)
    if "area" in values:  # a code: shown by name
        values["area"] = areas.area_name(str(values["area"] or "TH"), lang)
    return labels.t(ex.key, lang, **values)


def safe_traceback(ex: BaseException) -> str:
    """Exception types and stack frames (file, line, function), chained causes included;
    never the message, the source line's values or local variables."""
    parts: list[str] = []
    current: BaseException | None = ex
    while current is not None and len(parts) < 5:
        frames = traceback.extract_tb(current.__traceback__)
        lines = [f'  File "{f.filename}", line {f.lineno}, in {f.name}' for f in frames]
        parts.append(
            "\n".join([f"{type(current).__module__}.{type(current).__qualname__}", *lines])
        )
        current = current.__cause__ or current.__context__
    return "\n-- caused by --\n".join(parts)


def _lang() -> str:
    try:
        return st.session_state.get("lang", "th")
    except Exception:  # noqa: BLE001 - no session: the message falls back to Thai
        return "th"
