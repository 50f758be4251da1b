"""A host site's own user model for the swapped-user-model run (a copy of the users package's: each
package's tests run alone, so neither imports the other's)."""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.validators import RegexValidator
from django.db import models


class ReaderManager(BaseUserManager):
    def create_user(self, handle, email_address, password=None, **extra):
        user = self.model(handle=handle, email_address=self.normalize_email(email_address), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, handle, email_address, password=None, **extra):
        return self.create_user(handle, email_address, password, is_staff=True, is_superuser=True, **extra)


class Reader(AbstractBaseUser, PermissionsMixin):
    """A host site's own user model: a short lower-case handle, no date_joined, no first/last name."""

    handle = models.CharField(
        max_length=20,
        unique=True,
        validators=[RegexValidator(r"^[a-z0-9_]+\Z", "Use lower-case letters, digits and underscores.")],
    )
    email_address = models.EmailField(unique=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)

    objects = ReaderManager()

    USERNAME_FIELD = "handle"
    EMAIL_FIELD = "email_address"
    REQUIRED_FIELDS = ["email_address"]
