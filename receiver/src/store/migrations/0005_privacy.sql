-- Privacy by default (SPEC §13). The erasure log: when, by which command or manager,
-- what kind and how many; never what was erased (no id, no email, no text). Append-only.
CREATE TABLE erasure_log (
    id INTEGER PRIMARY KEY,
    at BIGINT NOT NULL,
    by_whom TEXT NOT NULL,
    what TEXT NOT NULL CHECK (what IN ('submissions', 'contacts', 'not_confirmed_texts', 'texts')),
    count BIGINT NOT NULL
);
CREATE TRIGGER erasure_log_no_update BEFORE UPDATE ON erasure_log
BEGIN SELECT RAISE(ABORT, 'the erasure log is append-only'); END;
CREATE TRIGGER erasure_log_no_delete BEFORE DELETE ON erasure_log
BEGIN SELECT RAISE(ABORT, 'the erasure log is append-only'); END;

-- A submission's history stays append-only while the submission exists; a guest's
-- erasure deletes both (the submission first, in the same transaction).
DROP TRIGGER submission_history_no_delete;
CREATE TRIGGER submission_history_no_delete BEFORE DELETE ON submission_history
WHEN EXISTS (SELECT 1 FROM submissions WHERE id = OLD.submission_id)
BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;
