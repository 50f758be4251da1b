class UnreachableDatabaseRouter:
    """Keep migrations off the deliberately unreachable database of the test settings."""

    def allow_migrate(self, db, app_label, **hints):
        if db == "unreachable":
            return False
        return None
