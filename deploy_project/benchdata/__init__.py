"""Synthetic readers for ``make bench``: accounts, follows, libraries, reviews and activities.

Installed only when ``MBC_BENCH=1`` (``settings.BENCH_ENDPOINTS``); ``manage.py generate_readers``.
"""
