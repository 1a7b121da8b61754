"""User-supplied text (pilot names, names from imported files) shown as text, never as Markdown.

Every ASCII punctuation character is backslash-escaped (CommonMark allows it for all of them), so
``![x](http://outside/img.png)``, links, ``:material/…:`` icons, ``:red[…]`` and ``$…$`` show as
typed and nothing is fetched from an outside server.
"""

from __future__ import annotations

import re

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def md_escape(text: object) -> str:
    return _PUNCTUATION.sub(r"\\\1", str(text))


def plain(text: object) -> str:
    """Like ``md_escape`` for text that may be missing or span lines: "" for None/NaN, lines kept."""
    if text is None or (isinstance(text, float) and text != text):
        return ""
    return "  \n".join(md_escape(text).splitlines())
