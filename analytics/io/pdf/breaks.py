"""Line-break hints for Thai, which writes no spaces between words."""

from __future__ import annotations

from collections.abc import Callable

ZWSP = "\u200b"
# Thai letters by code point (no Thai literals in the code): marks above or below a consonant,
# vowels that never start a line, vowels that start a syllable, signs that end one.
THAI_MARKS = frozenset(map(chr, (0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F))))
_FOLLOWING_VOWELS = frozenset(map(chr, (0x0E30, 0x0E32, 0x0E33, 0x0E45, 0x0E46)))
_LEADING_VOWELS = frozenset(map(chr, range(0x0E40, 0x0E45)))
_SYLLABLE_ENDS = frozenset(map(chr, (0x0E30, 0x0E33, 0x0E46, 0x0E2F, 0x0E4C)))


def _is_thai(char: str) -> bool:
    return 0x0E00 <= ord(char) <= 0x0E7F


def _cluster_safe(word: str, i: int) -> bool:
    """A break between word[i-1] and word[i] keeps every vowel and tone mark on its consonant."""
    return word[i] not in THAI_MARKS | _FOLLOWING_VOWELS and word[i - 1] not in _LEADING_VOWELS


def _syllable_break(word: str, i: int) -> bool:
    if not _cluster_safe(word, i):
        return False
    before, after = word[i - 1], word[i]
    return (
        after in _LEADING_VOWELS
        or before in _SYLLABLE_ENDS
        or (_is_thai(before) != _is_thai(after) and after not in ".,;:)")
    )


def _split_at(word: str, allowed: Callable[[str, int], bool]) -> list[str]:
    cuts = [0, *(i for i in range(1, len(word)) if allowed(word, i)), len(word)]
    return [word[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]


def _hint_word(word: str, fits: Callable[[str], bool]) -> str:
    if fits(word):
        return word
    pieces: list[str] = []
    for piece in _split_at(word, _syllable_break):
        pieces.extend([piece] if fits(piece) else _split_at(piece, _cluster_safe))
    return ZWSP.join(pieces)


def thai_break_hints(text: str, fits: Callable[[str], bool]) -> str:
    """Add zero-width spaces where a too-long Thai run may wrap.

    Thai writes no spaces between words, and fpdf2 otherwise cuts an over-long run at any
    character, which can strand a vowel or tone mark at the start of a line. Words that fit
    are left alone; the others get break chances before leading vowels and after syllable
    ends, and only a piece that still does not fit is opened at every cluster boundary.
    """
    return "\n".join(
        " ".join(_hint_word(word, fits) if word else word for word in line.split(" "))
        for line in text.split("\n")
    )
