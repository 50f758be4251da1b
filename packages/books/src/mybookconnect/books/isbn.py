"""ISBN parsing: check digits, normalisation and conversion between ISBN-10 and ISBN-13.

The catalog stores every ISBN normalised (digits, and ``X`` for an ISBN-10 check digit) and every
ISBN-10 also as its ISBN-13, so that a reader finds an edition by either form, with or without hyphens.
"""

from __future__ import annotations

import re

# Separators people type or paste inside an ISBN: hyphens (ASCII and typographic) and spaces.
_SEPARATORS = re.compile(r"[\s\-\u2010\u2011\u2012\u2013\u2014]+")
_ISBN_PREFIX = re.compile(r"^ISBN(?:-1[03])?:?", re.IGNORECASE)


def clean_isbn(value: str) -> str:
    """``value`` without an "ISBN" prefix, separators and case differences (``x`` becomes ``X``)."""
    text = _ISBN_PREFIX.sub("", value.strip())
    return _SEPARATORS.sub("", text).upper()


def is_valid_isbn10(value: str) -> bool:
    """Whether ``value`` (already cleaned) is ten characters with a correct ISBN-10 check digit."""
    if not re.fullmatch(r"\d{9}[\dX]", value):
        return False
    total = sum((10 - i) * int(c) for i, c in enumerate(value[:9]))
    total += 10 if value[9] == "X" else int(value[9])
    return total % 11 == 0


def is_valid_isbn13(value: str) -> bool:
    """Whether ``value`` (already cleaned) is thirteen digits with a correct ISBN-13 check digit."""
    if not re.fullmatch(r"\d{13}", value):
        return False
    return _isbn13_check_digit(value[:12]) == value[12]


def _isbn13_check_digit(first12: str) -> str:
    total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(first12))
    return str((10 - total % 10) % 10)


def _isbn10_check_digit(first9: str) -> str:
    remainder = (11 - sum((10 - i) * int(c) for i, c in enumerate(first9)) % 11) % 11
    return "X" if remainder == 10 else str(remainder)


def isbn10_to_13(value: str) -> str:
    """The ISBN-13 (prefix 978) of a valid ISBN-10; ``ValueError`` if it is not one."""
    value = clean_isbn(value)
    if not is_valid_isbn10(value):
        raise ValueError(f"Not a valid ISBN-10: {value!r}")
    first12 = "978" + value[:9]
    return first12 + _isbn13_check_digit(first12)


def isbn13_to_10(value: str) -> str | None:
    """The ISBN-10 of a valid ISBN-13, or ``None`` when it has none (prefix 979).

    Raises ``ValueError`` if ``value`` is not a valid ISBN-13.
    """
    value = clean_isbn(value)
    if not is_valid_isbn13(value):
        raise ValueError(f"Not a valid ISBN-13: {value!r}")
    if not value.startswith("978"):
        return None
    return value[3:12] + _isbn10_check_digit(value[3:12])


def normalize_isbn(value: str) -> str:
    """The 13-digit form of an ISBN typed in any form (10 or 13, hyphens or spaces, "ISBN" prefix).

    Raises ``ValueError`` when it is not a valid ISBN.
    """
    cleaned = clean_isbn(value or "")
    if is_valid_isbn13(cleaned):
        if not cleaned.startswith(("978", "979")):
            raise ValueError(f"Not a valid ISBN: {value!r}")
        return cleaned
    if is_valid_isbn10(cleaned):
        return isbn10_to_13(cleaned)
    raise ValueError(f"Not a valid ISBN: {value!r}")


def looks_like_isbn(value: str) -> bool:
    """Whether ``value`` is shaped like an ISBN (ten or thirteen digits once cleaned), valid or not."""
    return bool(re.fullmatch(r"\d{9}[\dX]|\d{13}", clean_isbn(value or "")))
