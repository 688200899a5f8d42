"""The SQLite store: articles and their quotes, idempotent batch ingest, queries for the CLI.

- ``connection``: opening (WAL, busy timeout, migrations), transactions, store errors.
- ``migrations``: the ordered, self-contained schema migrations.
- ``fingerprints``: what quotes were extracted with (extractor, model, gazetteer).
- ``writer``: ingest orchestration, batch writes, the people table.
- ``queries``: filters, quotes, clusters, overviews.
- ``names``: fuzzy matching of speaker names.
- ``paths``: checks on the paths exports write to.
"""

from quotes.store.connection import (
    BUSY_TIMEOUT_MS,
    DEFAULT_DB,
    NotFound,
    StoreError,
    connect,
    default_db_path,
    transaction,
)
from quotes.store.fingerprints import (
    Reprocess,
    Versions,
    gazetteer_fingerprint,
    gazetteer_people,
    load_gazetteer,
    model_fingerprint,
)
from quotes.store.names import match_speakers, name_score
from quotes.store.paths import check_output_path
from quotes.store.queries import (
    Article,
    QuoteFilter,
    StoredQuote,
    article_text,
    articles,
    check_date,
    cluster_members,
    context,
    fts_phrase,
    get_quote,
    query_quotes,
    speakers,
)
from quotes.store.writer import (
    Extractor,
    IngestStats,
    check_quotes,
    ingest,
    quote_hash,
    store_people,
    stored_documents,
)

__all__ = [
    "BUSY_TIMEOUT_MS", "DEFAULT_DB", "Article", "Extractor", "IngestStats", "NotFound", "QuoteFilter",
    "Reprocess", "StoreError", "StoredQuote", "Versions", "article_text", "articles", "check_date",
    "check_output_path", "check_quotes", "cluster_members", "connect", "context", "default_db_path",
    "fts_phrase", "gazetteer_fingerprint", "gazetteer_people", "get_quote", "ingest", "load_gazetteer",
    "match_speakers", "model_fingerprint", "name_score", "query_quotes", "quote_hash",
    "speakers", "store_people", "stored_documents", "transaction",
]  # fmt: skip
