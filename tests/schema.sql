-- table _migrations
CREATE TABLE _migrations ( id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, applied_at TEXT NOT NULL);

-- table articles
CREATE TABLE "articles" (
            id INTEGER PRIMARY KEY,
            doc_id TEXT NOT NULL,
            pub_key TEXT NOT NULL UNIQUE,        -- sha256 of [content_hash, outlet, url or doc_id, date]
            content_hash TEXT NOT NULL,          -- sha256 of text: publications of one text share it
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

-- table dedup_form_keys
CREATE TABLE dedup_form_keys (           -- shingle hash -> forms holding it
            key INTEGER NOT NULL,
            form INTEGER NOT NULL,
            PRIMARY KEY (key, form)
        ) WITHOUT ROWID;

-- table dedup_forms
CREATE TABLE dedup_forms (               -- distinct canonical forms of quote texts
            id INTEGER PRIMARY KEY,
            canon TEXT NOT NULL UNIQUE,
            words INTEGER NOT NULL
        , keys INTEGER NOT NULL DEFAULT 0, stops INTEGER NOT NULL DEFAULT 0);

-- table dedup_keys
CREATE TABLE dedup_keys (                -- shingle hash -> number of forms holding it
            key INTEGER PRIMARY KEY,
            df INTEGER NOT NULL
        ) WITHOUT ROWID;

-- table dedup_links
CREATE TABLE dedup_links (               -- pairs of forms confirmed as variants (a < b)
            a INTEGER NOT NULL,
            b INTEGER NOT NULL,
            score REAL NOT NULL,
            PRIMARY KEY (a, b)
        ) WITHOUT ROWID;

-- table dedup_state
CREATE TABLE dedup_state (name TEXT PRIMARY KEY, value TEXT NOT NULL);

-- table people
CREATE TABLE people (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            aliases TEXT NOT NULL DEFAULT '[]'   -- JSON array
        );

-- table quotes
CREATE TABLE "quotes" (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            quote_hash TEXT NOT NULL,            -- sha256 of (text hash, start, end, kind)
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
            cluster_id INTEGER,                  -- set by quotes.dedup: the smallest quote id of the cluster
            resolved_by TEXT,
            confidence REAL,
            corrected TEXT,
            not_quote INTEGER NOT NULL DEFAULT 0,
            dedup_form INTEGER,                  -- dedup_forms.id; NULL: not clustered (yet, or no words)
            UNIQUE (article_id, quote_hash)
        );

-- table quotes_fts
CREATE VIRTUAL TABLE quotes_fts USING fts5(
            text, content='quotes', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
        );

-- index articles_content_hash
CREATE INDEX articles_content_hash ON articles(content_hash);

-- index articles_date
CREATE INDEX articles_date ON articles(date);

-- index articles_doc_id
CREATE INDEX articles_doc_id ON articles(doc_id);

-- index articles_meta
CREATE INDEX articles_meta ON articles(id, date, outlet);

-- index articles_outlet
CREATE INDEX articles_outlet ON articles(outlet);

-- index corrections_quote
CREATE INDEX corrections_quote ON corrections(quote_hash, id);

-- index dedup_form_keys_form
CREATE INDEX dedup_form_keys_form ON dedup_form_keys(form);

-- index dedup_links_b
CREATE INDEX dedup_links_b ON dedup_links(b);

-- index quotes_article
CREATE INDEX quotes_article ON quotes(article_id, seq);

-- index quotes_cluster
CREATE INDEX quotes_cluster ON quotes(cluster_id);

-- index quotes_cluster_listing
CREATE INDEX quotes_cluster_listing ON quotes(cluster_id, not_quote, article_id);

-- index quotes_confidence
CREATE INDEX quotes_confidence ON quotes(confidence);

-- index quotes_form
CREATE INDEX quotes_form ON quotes(dedup_form);

-- index quotes_hash
CREATE INDEX quotes_hash ON quotes(quote_hash);

-- index quotes_listing
CREATE INDEX quotes_listing ON quotes(article_id, not_quote, grp);

-- index quotes_speaker_id
CREATE INDEX quotes_speaker_id ON quotes(speaker_id);

-- index quotes_speaker_name
CREATE INDEX quotes_speaker_name ON quotes(speaker_name, speaker_id);

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

