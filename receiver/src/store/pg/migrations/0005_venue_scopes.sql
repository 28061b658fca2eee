-- A chain's managers (SPEC §12), as the SQLite store's 0006 has them: an account may be
-- limited to venues (`add-manager --venue ID`, repeatable). An account with no row here
-- sees every venue; a removed account's rows go with it.
CREATE TABLE manager_venues (
    manager_id BIGINT NOT NULL REFERENCES managers (id) ON DELETE CASCADE,
    venue TEXT NOT NULL,
    PRIMARY KEY (manager_id, venue)
);

-- A team link made by a limited manager shares those venues' praise only: the venues
-- are copied to the link when it is made. A link with no row here shows every venue.
CREATE TABLE team_link_venues (
    team_link_id BIGINT NOT NULL REFERENCES team_links (id) ON DELETE CASCADE,
    venue TEXT NOT NULL,
    PRIMARY KEY (team_link_id, venue)
);
