-- The inbox (SPEC §10) on Postgres, as the SQLite store's 0003 has it: its filters'
-- indexes, the search over praise and complaint, and the append-only history.

-- Guests write in any script: a database in another encoding could not keep their words.
DO $$
BEGIN
    IF current_setting('server_encoding') <> 'UTF8' THEN
        RAISE EXCEPTION 'the receiver needs a UTF8 database (CREATE DATABASE ... ENCODING ''UTF8''), not %',
            current_setting('server_encoding');
    END IF;
END $$;

-- Text order is byte order, as in SQLite, whatever the database's locale: `received_at`
-- (RFC 3339 UTC) sorts as time, and the filter menus sort alike on both stores.
ALTER TABLE submissions
    ALTER COLUMN received_at TYPE TEXT COLLATE "C",
    ALTER COLUMN venue TYPE TEXT COLLATE "C",
    ALTER COLUMN place TYPE TEXT COLLATE "C";

-- Search folds case and accents as SQLite's FTS5 `unicode61 remove_diacritics 2` does
-- (« cafe » finds « Café »): lower case by Unicode's rules (ICU, when the server has it;
-- a "C" locale would lower ASCII only), then the marks on Latin letters dropped (other
-- scripts keep theirs, as in FTS5), final sigma and long s as FTS5 folds them. Built in
-- (`normalize`), so no extension is needed.
DO $do$
DECLARE
    unicode TEXT := CASE
        WHEN EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu') THEN 'und-x-icu'
        WHEN EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'C.utf8') THEN 'C.utf8'
        ELSE 'default'
    END;
BEGIN
    EXECUTE format(
        $f$CREATE FUNCTION evenhand_fold(t TEXT) RETURNS TEXT
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
            AS $b$ SELECT normalize(regexp_replace(
                    normalize(translate(lower(t COLLATE %1$I), 'ςſ', 'σs'), NFD),
                    '([a-z])[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+',
                    '\1', 'g'), NFC) $b$$f$,
        unicode);
    -- Words are what lies between characters that are neither letters nor digits, as
    -- the search box's words are cut (store/inbox.rs).
    EXECUTE format(
        $f$CREATE FUNCTION evenhand_words(t TEXT) RETURNS TEXT[]
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
            AS $b$ SELECT array_remove(
                    regexp_split_to_array(evenhand_fold(t) COLLATE %1$I, '[^[:alnum:]]+'), '') $b$$f$,
        unicode);
END $do$;

-- The search box's words (cut as in store/inbox.rs) as a query: every word required, the
-- last also as the start of a longer word. The lexemes are written, not parsed, so no
-- word is read as query syntax. No word: NULL, which matches nothing.
CREATE FUNCTION evenhand_query(typed TEXT[]) RETURNS tsquery
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
        SELECT string_agg(
                   quote_literal(w) || CASE WHEN o = n THEN ':*' ELSE '' END,
                   ' & ' ORDER BY o)::tsquery
        FROM (SELECT w, o, count(*) OVER () AS n
              FROM unnest(evenhand_words(array_to_string(typed, ' '))) WITH ORDINALITY AS u (w, o)) AS words
    $$;

-- What the search, the praise view and the overview read from a payload, kept beside it
-- so that no query parses JSON but for the texts it shows. Filled by the trigger below
-- on every insert and every change of a payload (an erasure included). A payload that
-- is not JSON (none that the receiver wrote) is stored, and left out (`json_ok`).
ALTER TABLE submissions
    ADD COLUMN json_ok BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN search tsvector,
    ADD COLUMN praise_present BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN praise_declined BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN complaint_present BOOLEAN NOT NULL DEFAULT FALSE,
    -- As SQLite's `json_extract` gives them: a string as itself, else its JSON text.
    ADD COLUMN praise_staff_named TEXT,
    ADD COLUMN ratings TEXT;

CREATE FUNCTION evenhand_submission_derived() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
    DECLARE
        p jsonb;
    BEGIN
        BEGIN
            p := NEW.payload::jsonb;
        EXCEPTION WHEN others THEN
            p := NULL;
        END;
        NEW.json_ok := p IS NOT NULL;
        NEW.praise_present := COALESCE(p #>> '{praise,text}', '') <> '';
        NEW.praise_declined := COALESCE(p #>> '{praise,declined}', '') IN ('true', '1');
        NEW.complaint_present := COALESCE(jsonb_typeof(p -> 'complaint') = 'object', FALSE);
        NEW.praise_staff_named := p #>> '{praise,staff_named}';
        NEW.ratings := p #>> '{ratings}';
        NEW.search := array_to_tsvector(
            evenhand_words(concat_ws(' ', p #>> '{praise,text}', p #>> '{complaint,text}')));
        RETURN NEW;
    END
    $$;
CREATE TRIGGER submissions_derived BEFORE INSERT OR UPDATE OF payload ON submissions
    FOR EACH ROW EXECUTE FUNCTION evenhand_submission_derived();
UPDATE submissions SET payload = payload;

-- Newest first (`seq` breaks ties in arrival order, as SQLite's rowid), after any one
-- filter.
CREATE INDEX submissions_received ON submissions (received_at, seq);
CREATE INDEX submissions_venue ON submissions (venue, received_at, seq);
CREATE INDEX submissions_place ON submissions (place, received_at, seq);
CREATE INDEX submissions_status ON submissions (status, received_at, seq);
CREATE INDEX submissions_names_staff ON submissions (received_at, seq) WHERE names_staff;
CREATE INDEX submissions_heated ON submissions (received_at, seq) WHERE heated;
CREATE INDEX submissions_search ON submissions USING gin (search);

-- Every change to a submission, append-only: a status set (from, to, note) or its names
-- shown. Who by their email, kept if the manager is removed later. The reference may be
-- deferred to the commit: a guest's erasure deletes the submission and then its history.
CREATE TABLE submission_history (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    submission_id TEXT NOT NULL,
    at BIGINT NOT NULL,
    manager_email TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('status', 'names_shown')),
    from_status TEXT,
    to_status TEXT,
    note TEXT,
    CONSTRAINT submission_history_submission FOREIGN KEY (submission_id)
        REFERENCES submissions (id) DEFERRABLE INITIALLY IMMEDIATE
);
CREATE INDEX submission_history_by_submission ON submission_history (submission_id, id);

-- Refuses a change to an append-only table (named by the trigger's argument).
CREATE FUNCTION evenhand_append_only() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
    BEGIN
        RAISE EXCEPTION '% is append-only', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
    END
    $$;
CREATE TRIGGER submission_history_no_update BEFORE UPDATE ON submission_history
    FOR EACH ROW EXECUTE FUNCTION evenhand_append_only('the history');
CREATE TRIGGER submission_history_no_truncate BEFORE TRUNCATE ON submission_history
    FOR EACH STATEMENT EXECUTE FUNCTION evenhand_append_only('the history');

-- A submission's history stays while the submission exists; a guest's erasure deletes
-- both (the submission first, in the same transaction).
CREATE FUNCTION evenhand_history_no_delete() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
    BEGIN
        IF EXISTS (SELECT 1 FROM submissions WHERE id = OLD.submission_id) THEN
            RAISE EXCEPTION 'the history is append-only' USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN OLD;
    END
    $$;
CREATE TRIGGER submission_history_no_delete BEFORE DELETE ON submission_history
    FOR EACH ROW EXECUTE FUNCTION evenhand_history_no_delete();
