-- Privacy by default (SPEC §13), as the SQLite store's 0005 has it. The erasure log:
-- when, by which command or manager, what kind and how many; never what was erased (no
-- id, no email, no text). Append-only.
CREATE TABLE erasure_log (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at BIGINT NOT NULL,
    by_whom TEXT NOT NULL,
    what TEXT NOT NULL CHECK (what IN ('submissions', 'contacts', 'not_confirmed_texts', 'texts')),
    count BIGINT NOT NULL
);
CREATE TRIGGER erasure_log_no_change BEFORE UPDATE OR DELETE ON erasure_log
    FOR EACH ROW EXECUTE FUNCTION evenhand_append_only('the erasure log');
CREATE TRIGGER erasure_log_no_truncate BEFORE TRUNCATE ON erasure_log
    FOR EACH STATEMENT EXECUTE FUNCTION evenhand_append_only('the erasure log');
