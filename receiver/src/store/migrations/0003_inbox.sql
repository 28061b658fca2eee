-- The inbox (SPEC §10). What its filters read, as indexed columns rather than JSON
-- scans: `status` (NULL without a complaint; a complaint starts 'unverified'),
-- `names_staff` (the complaint names staff) and `heated`. New rows get them on insert,
-- in the same transaction (store/inbox.rs); existing ones from their payload here.
ALTER TABLE submissions ADD COLUMN status TEXT
    CHECK (status IN ('unverified', 'verified', 'not_confirmed', 'resolved'));
ALTER TABLE submissions ADD COLUMN names_staff INTEGER NOT NULL DEFAULT 0;
ALTER TABLE submissions ADD COLUMN heated INTEGER NOT NULL DEFAULT 0;
UPDATE submissions SET
    status = CASE WHEN json_type(payload, '$.complaint') = 'object' THEN 'unverified' END,
    names_staff = json_type(payload, '$.complaint') = 'object'
        AND COALESCE(json_array_length(payload, '$.guidance.names_mentioned'), 0) > 0,
    heated = COALESCE(json_extract(payload, '$.guidance.heated'), 0) = 1
WHERE json_valid(payload);
-- Newest first, alone or after one filter.
CREATE INDEX submissions_received ON submissions (received_at);
CREATE INDEX submissions_venue ON submissions (venue, received_at);
CREATE INDEX submissions_place ON submissions (place, received_at);
CREATE INDEX submissions_status ON submissions (status, received_at);
CREATE INDEX submissions_names_staff ON submissions (names_staff, received_at);
CREATE INDEX submissions_heated ON submissions (heated, received_at);

-- Every change to a submission, append-only: a status set (from, to, note) or its
-- names shown. Who by their email, kept if the manager is removed later.
CREATE TABLE submission_history (
    id INTEGER PRIMARY KEY,
    submission_id TEXT NOT NULL REFERENCES submissions (id),
    at BIGINT NOT NULL,
    manager_email TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('status', 'names_shown')),
    from_status TEXT,
    to_status TEXT,
    note TEXT
);
CREATE INDEX submission_history_submission ON submission_history (submission_id, id);
CREATE TRIGGER submission_history_no_update BEFORE UPDATE ON submission_history
BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;
CREATE TRIGGER submission_history_no_delete BEFORE DELETE ON submission_history
BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;

-- "Search": praise and complaint, accent- and case-insensitive (« cafe » finds
-- « café »). Contentless (the words are in the payload), keyed by the submission's
-- rowid, which VACUUM keeps for a table with an index (tested: store/inbox.rs).
CREATE VIRTUAL TABLE submissions_text USING fts5(
    praise, complaint, content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO submissions_text (rowid, praise, complaint)
SELECT rowid, json_extract(payload, '$.praise.text'), json_extract(payload, '$.complaint.text')
FROM submissions WHERE json_valid(payload);
CREATE TRIGGER submissions_text_delete AFTER DELETE ON submissions
BEGIN DELETE FROM submissions_text WHERE rowid = old.rowid; END;
