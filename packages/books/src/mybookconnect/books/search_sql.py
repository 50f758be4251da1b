"""The PostgreSQL objects behind search, installed by migration 0003 (PostgreSQL only).

- ``search_vector`` on the book table: title (weight A), subtitle and author names with their other
  names (B), series names (C), unaccented and lower-cased with the ``simple`` configuration (no
  stemming: the catalog mixes English and Spanish). GIN index.
- ``mybookconnect_books_search_word``: every distinct lexeme of the vectors, with a trigram GIN index
  (typo correction, as the pg_trgm documentation describes) and a ``text_pattern_ops`` index (prefixes).
- ``mbc_books_unaccent(text)``: ``unaccent`` wrapped as an IMMUTABLE function so indexes may use it.
- Triggers: a row trigger on the book table computes the vector when a book is inserted or its title
  or subtitle changes; statement triggers (with transition tables, so a bulk insert costs one
  statement) on book-author and book-series links, author renames and series renames recompute the
  vectors of the books concerned. Every vector write also records its words.
- ``mbc_books_refresh_vectors(bigint[])``: recomputes some books' vectors; what
  :func:`mybookconnect.books.services.refresh_search_vectors` calls.
"""

from __future__ import annotations

BOOK = "mybookconnect_books_book"
BOOK_AUTHOR = "mybookconnect_books_bookauthor"
AUTHOR = "mybookconnect_books_author"
BOOK_SERIES = "mybookconnect_books_bookseries"
SERIES = "mybookconnect_books_series"
WORDS = "mybookconnect_books_search_word"
SEARCH_CONFIG = "simple"


def _extension_schema(cursor, name: str) -> str:
    cursor.execute(
        "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
        "WHERE e.extname = %s",
        [name],
    )
    return cursor.fetchone()[0]


def install_statements(cursor) -> list[str]:
    """The statements that create the search objects (extensions first, to find their schema)."""
    cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    unaccent_schema = _extension_schema(cursor, "unaccent")
    trgm_schema = _extension_schema(cursor, "pg_trgm")
    return [
        # Qualified names: an IMMUTABLE function must not depend on search_path.
        f"""
        CREATE OR REPLACE FUNCTION mbc_books_unaccent(text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS
        $$ SELECT "{unaccent_schema}".unaccent('"{unaccent_schema}".unaccent'::regdictionary, $1) $$
        """,
        f"""
        CREATE OR REPLACE FUNCTION mbc_books_doc_vector(title text, subtitle text, people text, series text)
        RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
          SELECT setweight(to_tsvector('{SEARCH_CONFIG}'::regconfig,
                     mbc_books_unaccent(coalesce(title, ''))), 'A')
              || setweight(to_tsvector('{SEARCH_CONFIG}'::regconfig,
                     mbc_books_unaccent(coalesce(subtitle, '') || ' ' || coalesce(people, ''))), 'B')
              || setweight(to_tsvector('{SEARCH_CONFIG}'::regconfig,
                     mbc_books_unaccent(coalesce(series, ''))), 'C')
        $$
        """,
        f"""
        CREATE OR REPLACE FUNCTION mbc_books_book_vector(book_id bigint, title text, subtitle text)
        RETURNS tsvector LANGUAGE sql STABLE AS $$
          SELECT mbc_books_doc_vector(
            title,
            subtitle,
            (SELECT string_agg(a.name || ' ' || coalesce(
                      (SELECT string_agg(o, ' ') FROM jsonb_array_elements_text(
                         CASE WHEN jsonb_typeof(a.other_names::jsonb) = 'array' THEN a.other_names::jsonb
                              ELSE '[]'::jsonb END) AS o), ''), ' ')
               FROM {BOOK_AUTHOR} ba JOIN {AUTHOR} a ON a.id = ba.author_id WHERE ba.book_id = $1),
            (SELECT string_agg(s.name, ' ')
               FROM {BOOK_SERIES} bs JOIN {SERIES} s ON s.id = bs.series_id WHERE bs.book_id = $1)
          )
        $$
        """,
        f"ALTER TABLE {BOOK} ADD COLUMN IF NOT EXISTS search_vector tsvector NOT NULL DEFAULT ''::tsvector",
        f"CREATE INDEX IF NOT EXISTS mbc_books_book_search_idx ON {BOOK} USING gin (search_vector)",
        f"CREATE TABLE IF NOT EXISTS {WORDS} (word text PRIMARY KEY)",
        f"CREATE INDEX IF NOT EXISTS mbc_books_word_trgm_idx ON {WORDS} "
        f'USING gin (word "{trgm_schema}".gin_trgm_ops)',
        f"CREATE INDEX IF NOT EXISTS mbc_books_word_prefix_idx ON {WORDS} (word text_pattern_ops)",
        f"""
        CREATE OR REPLACE FUNCTION mbc_books_refresh_vectors(ids bigint[]) RETURNS void
        LANGUAGE plpgsql AS $$
        BEGIN
          WITH updated AS (
            UPDATE {BOOK} b SET search_vector = mbc_books_book_vector(b.id, b.title, b.subtitle)
             WHERE b.id = ANY(ids)
            RETURNING b.search_vector
          )
          INSERT INTO {WORDS} (word)
          SELECT DISTINCT unnest(tsvector_to_array(search_vector)) FROM updated
          ON CONFLICT DO NOTHING;
        END
        $$
        """,
        f"""
        CREATE OR REPLACE FUNCTION mbc_books_book_row_vector() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'UPDATE' AND NEW.title IS NOT DISTINCT FROM OLD.title
             AND NEW.subtitle IS NOT DISTINCT FROM OLD.subtitle THEN
            RETURN NEW;
          END IF;
          IF TG_OP = 'INSERT' THEN
            -- A new book has no author or series link yet: those triggers add their words later.
            NEW.search_vector := mbc_books_doc_vector(NEW.title, NEW.subtitle, NULL, NULL);
          ELSE
            NEW.search_vector := mbc_books_book_vector(NEW.id, NEW.title, NEW.subtitle);
          END IF;
          INSERT INTO {WORDS} (word) SELECT unnest(tsvector_to_array(NEW.search_vector))
          ON CONFLICT DO NOTHING;
          RETURN NEW;
        END
        $$
        """,
        f"DROP TRIGGER IF EXISTS mbc_books_book_vector_trg ON {BOOK}",
        f"""
        CREATE TRIGGER mbc_books_book_vector_trg BEFORE INSERT OR UPDATE OF title, subtitle ON {BOOK}
        FOR EACH ROW EXECUTE FUNCTION mbc_books_book_row_vector()
        """,
        # Links inserted or deleted: "changed" is the transition table of the rows concerned.
        """
        CREATE OR REPLACE FUNCTION mbc_books_links_changed() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM mbc_books_refresh_vectors(ARRAY(SELECT DISTINCT book_id FROM changed));
          RETURN NULL;
        END
        $$
        """,
        """
        CREATE OR REPLACE FUNCTION mbc_books_links_updated() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM mbc_books_refresh_vectors(
            ARRAY(SELECT book_id FROM changed UNION SELECT book_id FROM previous));
          RETURN NULL;
        END
        $$
        """,
        f"""
        CREATE OR REPLACE FUNCTION mbc_books_author_renamed() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM mbc_books_refresh_vectors(ARRAY(
            SELECT DISTINCT ba.book_id FROM changed c
              JOIN previous p ON p.id = c.id
              JOIN {BOOK_AUTHOR} ba ON ba.author_id = c.id
             WHERE c.name IS DISTINCT FROM p.name
                OR c.other_names::jsonb IS DISTINCT FROM p.other_names::jsonb));
          RETURN NULL;
        END
        $$
        """,
        f"""
        CREATE OR REPLACE FUNCTION mbc_books_series_renamed() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM mbc_books_refresh_vectors(ARRAY(
            SELECT DISTINCT bs.book_id FROM changed c
              JOIN previous p ON p.id = c.id
              JOIN {BOOK_SERIES} bs ON bs.series_id = c.id
             WHERE c.name IS DISTINCT FROM p.name));
          RETURN NULL;
        END
        $$
        """,
        *_link_triggers("bookauthor", BOOK_AUTHOR),
        *_link_triggers("bookseries", BOOK_SERIES),
        f"DROP TRIGGER IF EXISTS mbc_books_author_renamed_trg ON {AUTHOR}",
        f"""
        CREATE TRIGGER mbc_books_author_renamed_trg AFTER UPDATE ON {AUTHOR}
        REFERENCING OLD TABLE AS previous NEW TABLE AS changed
        FOR EACH STATEMENT EXECUTE FUNCTION mbc_books_author_renamed()
        """,
        f"DROP TRIGGER IF EXISTS mbc_books_series_renamed_trg ON {SERIES}",
        f"""
        CREATE TRIGGER mbc_books_series_renamed_trg AFTER UPDATE ON {SERIES}
        REFERENCING OLD TABLE AS previous NEW TABLE AS changed
        FOR EACH STATEMENT EXECUTE FUNCTION mbc_books_series_renamed()
        """,
        # Books that existed before this migration.
        f"SELECT mbc_books_refresh_vectors(ARRAY(SELECT id FROM {BOOK}))",
    ]


def _link_triggers(name: str, table: str) -> list[str]:
    # A trigger with transition tables may have only one event, hence three per link table.
    return [
        f"DROP TRIGGER IF EXISTS mbc_books_{name}_ins_trg ON {table}",
        f"DROP TRIGGER IF EXISTS mbc_books_{name}_del_trg ON {table}",
        f"DROP TRIGGER IF EXISTS mbc_books_{name}_upd_trg ON {table}",
        f"""
        CREATE TRIGGER mbc_books_{name}_ins_trg AFTER INSERT ON {table}
        REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION mbc_books_links_changed()
        """,
        f"""
        CREATE TRIGGER mbc_books_{name}_del_trg AFTER DELETE ON {table}
        REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION mbc_books_links_changed()
        """,
        f"""
        CREATE TRIGGER mbc_books_{name}_upd_trg AFTER UPDATE ON {table}
        REFERENCING OLD TABLE AS previous NEW TABLE AS changed
        FOR EACH STATEMENT EXECUTE FUNCTION mbc_books_links_updated()
        """,
    ]


UNINSTALL_STATEMENTS: list[str] = [
    f"DROP TRIGGER IF EXISTS mbc_books_series_renamed_trg ON {SERIES}",
    f"DROP TRIGGER IF EXISTS mbc_books_author_renamed_trg ON {AUTHOR}",
    *(
        f"DROP TRIGGER IF EXISTS mbc_books_{name}_{event}_trg ON {table}"
        for name, table in (("bookauthor", BOOK_AUTHOR), ("bookseries", BOOK_SERIES))
        for event in ("ins", "del", "upd")
    ),
    f"DROP TRIGGER IF EXISTS mbc_books_book_vector_trg ON {BOOK}",
    "DROP FUNCTION IF EXISTS mbc_books_series_renamed()",
    "DROP FUNCTION IF EXISTS mbc_books_author_renamed()",
    "DROP FUNCTION IF EXISTS mbc_books_links_updated()",
    "DROP FUNCTION IF EXISTS mbc_books_links_changed()",
    "DROP FUNCTION IF EXISTS mbc_books_book_row_vector()",
    "DROP FUNCTION IF EXISTS mbc_books_refresh_vectors(bigint[])",
    f"DROP TABLE IF EXISTS {WORDS}",
    f"ALTER TABLE {BOOK} DROP COLUMN IF EXISTS search_vector",
    "DROP FUNCTION IF EXISTS mbc_books_book_vector(bigint, text, text)",
    "DROP FUNCTION IF EXISTS mbc_books_doc_vector(text, text, text, text)",
    "DROP FUNCTION IF EXISTS mbc_books_unaccent(text)",
]
