from django.apps import AppConfig


class BenchDataConfig(AppConfig):
    """``manage.py generate_readers`` (no models); in INSTALLED_APPS only with ``MBC_BENCH=1``."""

    name = "benchdata"
    label = "mybookconnect_benchdata"
    verbose_name = "MyBookConnect benchmark data"
