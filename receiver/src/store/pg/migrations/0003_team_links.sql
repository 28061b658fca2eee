-- Team links (SPEC §11), as the SQLite store's 0004 has them: each known by the SHA-256
-- of its token (hex); "Revoke" sets `revoked_at` and the row stays.
CREATE TABLE team_links (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    revoked_at BIGINT
);

-- The praise view and the overview read a period of submissions and the fields that
-- 0002 keeps beside each payload. The praise view reads only praise that is there and
-- not declined, newest first (this index's order, walked backwards); the overview every
-- submission whose payload is JSON.
CREATE INDEX submissions_praise ON submissions (received_at, seq)
    WHERE json_ok AND praise_present AND NOT praise_declined;
CREATE INDEX submissions_overview ON submissions (received_at) WHERE json_ok;
