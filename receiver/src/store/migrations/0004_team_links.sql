-- Team links (SPEC §11): a URL `/team/<token>` that shows the team its praise without a
-- sign-in. Like a session, a link is known by the SHA-256 of its token (hex). "Revoke"
-- sets `revoked_at`; the row stays, so the list of links ever made can be told.
CREATE TABLE team_links (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    revoked_at BIGINT
);

-- The praise view, the team page and the overview read submissions by time of receipt.
CREATE INDEX IF NOT EXISTS submissions_received_at ON submissions (received_at);
