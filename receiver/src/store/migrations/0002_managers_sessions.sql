-- Inbox accounts. Times are milliseconds since the Unix epoch (BIGINT: 64 bits in
-- Postgres too). `email` is kept lowercased, so UNIQUE is case-insensitive in plain SQL.
CREATE TABLE managers (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- A session is known by the SHA-256 of its token (hex): the database never holds a
-- token that would open the inbox.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    manager_id INTEGER NOT NULL REFERENCES managers (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);
CREATE INDEX sessions_manager ON sessions (manager_id);

-- Failed sign-ins, per (lowercased) email, for the lockout.
CREATE TABLE sign_in_failures (
    email TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX sign_in_failures_email_at ON sign_in_failures (email, at);
