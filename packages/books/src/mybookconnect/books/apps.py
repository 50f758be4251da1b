from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class BooksConfig(AppConfig):
    name = "mybookconnect.books"
    label = "mybookconnect_books"
    verbose_name = _("MyBookConnect books")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .caching import connect_signals
        from .checks import check_settings

        checks.register(check_settings)
        connect_signals()
