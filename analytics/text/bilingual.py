"""One bilingual text type: a Thai and an English string that travel together.

``Text`` is a named pair, so code that still indexes ``[0]``/``[1]`` keeps working while new code
says ``text.in_(lang)`` instead of ``th if lang == "th" else en``. Words themselves live in
``analytics/catalogue/labels/*.toml``; :func:`analytics.text.labels.text` builds a ``Text`` from a key.
"""

from __future__ import annotations

from typing import Any, NamedTuple

LANGUAGES = ("th", "en")


class Text(NamedTuple):
    th: str
    en: str

    def in_(self, lang: str) -> str:
        """The text in ``lang`` ("en" gives English; anything else Thai, the screen's first language)."""
        return self.en if lang == "en" else self.th

    def both(self, sep: str = " / ") -> str:
        """ "Thai / English": for errors and logs read by either reader."""
        return f"{self.th}{sep}{self.en}"

    def fill(self, **values: Any) -> Text:
        """Both languages with ``{name}`` placeholders filled from ``values``."""
        return Text(self.th.format(**values), self.en.format(**values))


def pick(lang: str, th: Any, en: Any) -> Any:
    """Either of two language variants of anything (column names, attributes): one switch."""
    return en if lang == "en" else th


class BilingualError(ValueError):
    """An error whose message is a :class:`Text`; ``str()`` reads "Thai / English"."""

    def __init__(self, text: Text):
        self.text = text
        super().__init__(text.both())

    @property
    def message_th(self) -> str:
        return self.text.th

    @property
    def message_en(self) -> str:
        return self.text.en
