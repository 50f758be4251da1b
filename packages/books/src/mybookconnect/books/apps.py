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

        from mybookconnect.core.export import register_exporter

        from .reviews import export_reviews

        register_exporter("reviews", export_reviews)

        from .library import export_library

        register_exporter("library", export_library)

        from .receivers import connect_receivers

        connect_receivers()
