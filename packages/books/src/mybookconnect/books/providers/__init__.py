"""Outside book metadata: providers that look a book up by ISBN or title and return a normalised record."""

from mybookconnect.books.providers.base import (
    AuthorCredit,
    BookRecord,
    EditionRecord,
    MetadataProvider,
    PartialDate,
    ProviderError,
    ProviderTimeout,
    SeriesCredit,
)
from mybookconnect.books.providers.registry import get_metadata_providers

__all__ = [
    "AuthorCredit",
    "BookRecord",
    "EditionRecord",
    "MetadataProvider",
    "PartialDate",
    "ProviderError",
    "ProviderTimeout",
    "SeriesCredit",
    "get_metadata_providers",
]
