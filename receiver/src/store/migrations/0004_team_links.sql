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

-- The praise view and the overview read a period of submissions and a few fields of
-- each payload. This index holds those fields (SQLite reads an indexed expression
-- from the index instead of parsing the JSON again), so over 100,000 submissions no
-- payload is parsed but the texts shown. It follows every change of a payload, an
-- erasure included. The queries in store/praise.rs spell these expressions alike and
-- say `json_valid(payload)`: a row that is not JSON (none that the receiver wrote) is
-- left out of the index rather than refused.
CREATE INDEX submissions_praise_overview ON submissions (
    received_at,
    (ifnull(json_extract(payload, '$.praise.text'), '') <> ''),
    (ifnull(json_extract(payload, '$.praise.declined'), 0) = 1),
    (json_type(payload, '$.complaint') = 'object'),
    json_extract(payload, '$.praise.staff_named'),
    json_extract(payload, '$.ratings')
) WHERE json_valid(payload);
