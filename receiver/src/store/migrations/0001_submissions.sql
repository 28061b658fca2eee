-- The submissions table as the receiver has always made it: `IF NOT EXISTS`, so a
-- database from a receiver before migrations upgrades in place with every row kept.
CREATE TABLE IF NOT EXISTS submissions (
    id TEXT PRIMARY KEY,
    received_at TEXT NOT NULL,
    venue TEXT NOT NULL,
    place TEXT,
    language TEXT NOT NULL,
    payload TEXT NOT NULL
);
