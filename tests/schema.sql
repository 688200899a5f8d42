-- table _migrations
CREATE TABLE _migrations ( id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, applied_at TEXT NOT NULL);

-- table articles
CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            doc_id TEXT NOT NULL,
            content_hash TEXT NOT NULL UNIQUE,   -- sha256 of text: the article's identity
            text TEXT NOT NULL,
            title TEXT,
            outlet TEXT,
            date TEXT,                           -- ISO 8601 as read
            url TEXT,
            author TEXT,
            source TEXT,                         -- path or URL it was read from
            meta TEXT NOT NULL DEFAULT '{}',     -- JSON: dateline, guessed fields, ...
            extractor_version TEXT,
            model TEXT,
            gazetteer_hash TEXT,
            ingested_at TEXT NOT NULL,
            processed_at TEXT
        );

-- table corrections
CREATE TABLE corrections (
            id INTEGER PRIMARY KEY,
            correction_hash TEXT NOT NULL UNIQUE, -- sha256 of (quote, field, new value, when, note)
            quote_hash TEXT NOT NULL,            -- quotes.quote_hash: survives re-extraction
            article_hash TEXT NOT NULL,          -- articles.content_hash
            start_char INTEGER NOT NULL,         -- the extracted span and kind (the quote's identity)
            end_char INTEGER NOT NULL,
            kind TEXT NOT NULL,
            field TEXT NOT NULL CHECK (field IN ('speaker', 'role', 'kind', 'span', 'not_quote')),
            old_value TEXT,                      -- JSON
            new_value TEXT,                      -- JSON; NULL = back to the extractor's value
            note TEXT,
            created_at TEXT NOT NULL
        );

-- table dedup_forms
CREATE TABLE dedup_forms (      -- canonical form hash -> quotes indexed with it
            form INTEGER NOT NULL,
            quote_id INTEGER NOT NULL
        );

-- table dedup_keys
CREATE TABLE dedup_keys (       -- shingle hash -> postings count, -1 = stop shingle
            key INTEGER PRIMARY KEY,
            n INTEGER NOT NULL
        ) WITHOUT ROWID;

-- table dedup_postings
CREATE TABLE dedup_postings (   -- shingle hash -> quote (never for stop shingles)
            key INTEGER NOT NULL,
            quote_id INTEGER NOT NULL
        );

-- table people
CREATE TABLE people (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            aliases TEXT NOT NULL DEFAULT '[]'   -- JSON array
        );

-- table quotes
CREATE TABLE quotes (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            quote_hash TEXT NOT NULL UNIQUE,     -- sha256 of (article hash, start, end, kind)
            seq INTEGER NOT NULL,                -- index of the record in the article's list
            start_char INTEGER NOT NULL,         -- Quote.start
            end_char INTEGER NOT NULL,           -- Quote.end
            text TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('direct', 'mixed', 'indirect')),
            cue TEXT,
            cue_start INTEGER,
            cue_end INTEGER,
            speaker TEXT,
            speaker_start INTEGER,
            speaker_end INTEGER,
            speaker_name TEXT,
            speaker_id TEXT,
            role TEXT,
            role_normalized TEXT,
            organization TEXT,
            grp INTEGER,                         -- Quote.group
            part_i INTEGER,                      -- Quote.part[0]
            part_n INTEGER,                      -- Quote.part[1]
            cluster_id INTEGER                   -- set by quotes.dedup
        , resolved_by TEXT, confidence REAL, corrected TEXT, not_quote INTEGER NOT NULL DEFAULT 0);

-- table quotes_fts
CREATE VIRTUAL TABLE quotes_fts USING fts5(
            text, content='quotes', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
        );

-- index articles_date
CREATE INDEX articles_date ON articles(date);

-- index articles_doc_id
CREATE INDEX articles_doc_id ON articles(doc_id);

-- index articles_outlet
CREATE INDEX articles_outlet ON articles(outlet);

-- index corrections_quote
CREATE INDEX corrections_quote ON corrections(quote_hash, id);

-- index dedup_forms_form
CREATE INDEX dedup_forms_form ON dedup_forms(form);

-- index dedup_postings_key
CREATE INDEX dedup_postings_key ON dedup_postings(key);

-- index quotes_article
CREATE INDEX quotes_article ON quotes(article_id, seq);

-- index quotes_cluster
CREATE INDEX quotes_cluster ON quotes(cluster_id);

-- index quotes_cluster_listing
CREATE INDEX quotes_cluster_listing ON quotes(cluster_id, not_quote, article_id);

-- index quotes_confidence
CREATE INDEX quotes_confidence ON quotes(confidence);

-- index quotes_listing
CREATE INDEX quotes_listing ON quotes(article_id, not_quote, grp);

-- index quotes_speaker_id
CREATE INDEX quotes_speaker_id ON quotes(speaker_id);

-- index quotes_speaker_name
CREATE INDEX quotes_speaker_name ON quotes(speaker_name);

-- trigger quotes_fts_ad
CREATE TRIGGER quotes_fts_ad AFTER DELETE ON quotes BEGIN
            INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
        END;

-- trigger quotes_fts_ai
CREATE TRIGGER quotes_fts_ai AFTER INSERT ON quotes BEGIN
            INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
        END;

-- trigger quotes_fts_au
CREATE TRIGGER quotes_fts_au AFTER UPDATE OF text ON quotes BEGIN
            INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
            INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
        END;

