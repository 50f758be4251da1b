from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UsersConfig(AppConfig):
    name = "mybookconnect.users"
    label = "mybookconnect_users"
    verbose_name = _("MyBookConnect users")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from mybookconnect.core.export import register_exporter

        from . import checks  # noqa: F401  (registers the system checks)
        from .accounts import export_account_data

        register_exporter("account", export_account_data)
