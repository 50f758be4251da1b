"""Names for the books API's enums in an OpenAPI schema (drf-spectacular).

Several choice sets of the API share a field name (``status``, ``format``, ``action``); drf-spectacular
names such enums well only when told, else it warns. A site adds these to its settings::

    from mybookconnect.books.openapi import ENUM_NAME_OVERRIDES

    SPECTACULAR_SETTINGS = {..., "ENUM_NAME_OVERRIDES": {**ENUM_NAME_OVERRIDES}}
"""

ENUM_NAME_OVERRIDES = {
    # The catalog's names, kept as they were before the library came.
    "FormatEnum": "mybookconnect.books.models.EditionFormat",
    "ActionEnum": "mybookconnect.books.models.RevisionAction",
    # The library's.
    "ReadingStatusEnum": "mybookconnect.books.models.ReadingStatus",
    "LibraryFormatEnum": "mybookconnect.books.models.LibraryFormat",
    "LibraryBulkActionEnum": "mybookconnect.books.library.BulkAction",
}
