"""The hook through which every app contributes to a reader's data export.

Each app registers one function per section, usually in its ``AppConfig.ready()``::

    from mybookconnect.core.export import register_exporter

    register_exporter("account", export_account_data)  # (user) -> JSON-ready data

``collect_user_data(user)`` then returns ``{"account": ..., "books": ..., ...}``: everything the
site holds about the reader, which the users app serves at ``GET auth/me/export/``. Core knows no
app in particular; an app that stores personal data and registers no exporter leaves it out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Exporter = Callable[[Any], Any]

_exporters: dict[str, Exporter] = {}


def register_exporter(section: str, exporter: Exporter) -> None:
    """Add ``exporter`` as the source of ``section`` in every export.

    ``exporter(user)`` returns data ``json.dumps`` accepts (dicts, lists, strings, numbers,
    booleans, ``None``), holding only ``user``'s own data. Registering the same function again is
    harmless; registering a different one under a taken section name raises ``ValueError``.
    """
    if not isinstance(section, str) or not section:
        raise ValueError("An export section needs a non-empty name.")
    if not callable(exporter):
        raise TypeError(f"The exporter of section {section!r} is not callable.")
    registered = _exporters.get(section)
    if registered is not None and registered is not exporter:
        raise ValueError(f"Export section {section!r} already has an exporter: {registered!r}.")
    _exporters[section] = exporter


def unregister_exporter(section: str) -> None:
    """Remove ``section`` from exports (a site that does not want an app's part, or a test)."""
    _exporters.pop(section, None)


def registered_sections() -> list[str]:
    """The names of the sections an export holds, sorted."""
    return sorted(_exporters)


def collect_user_data(user: Any) -> dict[str, Any]:
    """Everything the registered exporters hold about ``user``, by section name (sorted)."""
    return {section: _exporters[section](user) for section in registered_sections()}
