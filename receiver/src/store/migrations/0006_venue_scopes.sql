-- A chain's managers (SPEC §12): an account may be limited to venues (`add-manager
-- --venue ID`, repeatable). An account with no row here sees every venue; a removed
-- account's rows go with it.
CREATE TABLE manager_venues (
    manager_id INTEGER NOT NULL REFERENCES managers (id) ON DELETE CASCADE,
    venue TEXT NOT NULL,
    PRIMARY KEY (manager_id, venue)
);

-- A team link made by a limited manager shares those venues' praise only: the venues
-- are copied to the link when it is made. A link with no row here shows every venue.
CREATE TABLE team_link_venues (
    team_link_id INTEGER NOT NULL REFERENCES team_links (id) ON DELETE CASCADE,
    venue TEXT NOT NULL,
    PRIMARY KEY (team_link_id, venue)
);

-- The praise view, the overview and the team page of a limited manager also read the
-- venue: kept in their index (migration 4's, with `venue` last), so their scan still
-- reads no row but the texts shown.
DROP INDEX submissions_praise_overview;
CREATE INDEX submissions_praise_overview ON submissions (
    received_at,
    (ifnull(json_extract(payload, '$.praise.text'), '') <> ''),
    (ifnull(json_extract(payload, '$.praise.declined'), 0) = 1),
    (json_type(payload, '$.complaint') = 'object'),
    json_extract(payload, '$.praise.staff_named'),
    json_extract(payload, '$.ratings'),
    venue
) WHERE json_valid(payload);
