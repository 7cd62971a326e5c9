-- Schema version 3: parsed deck files, so that a session on an unchanged file neither parses
-- nor syncs it again and reads only the cards today's queue takes (store/deck_cache.rs,
-- store/queue_rows.rs).

-- file_hash() of the deck file last synced into this deck; NULL when unknown (never synced
-- that way, or a card row was created since by something other than a sync).
ALTER TABLE deck ADD COLUMN synced_hash INTEGER;

-- The position (from 0) of the item's card in its deck file as last synced; NULL for an
-- orphan and for a row no sync created. Items of one card share it.
ALTER TABLE card ADD COLUMN ord INTEGER;

-- Never-answered items of a deck in deck order: the new cards a session takes first.
CREATE INDEX card_new ON card (deck, ord) WHERE state IS NULL AND ord IS NOT NULL;

-- Answered items of a deck by due time: what is due today, and when the next one is. (It
-- leaves `ord` out, so that a sync, which sets `ord` on every row, does not rewrite it.)
CREATE INDEX card_deck_due ON card (deck, due) WHERE due IS NOT NULL;

-- One parsed deck file. An entry is used only while the file's size, modification time and
-- content hash are all unchanged; a stale or unreadable entry is replaced.
CREATE TABLE deck_file (
    key   INTEGER PRIMARY KEY,
    -- The file's canonical path.
    path  TEXT NOT NULL UNIQUE,
    size  INTEGER NOT NULL,
    -- Modification time, nanoseconds since the Unix epoch.
    mtime INTEGER NOT NULL,
    -- file_hash() of the file's bytes.
    hash  INTEGER NOT NULL,
    -- The deck without its cards, in the compact form of store/deck_codec.rs.
    header BLOB NOT NULL,
    -- How many cards it has (rows of deck_file_card).
    cards INTEGER NOT NULL
) STRICT;

-- The cards of a deck file, one row each, so a session decodes only those it asks.
CREATE TABLE deck_file_card (
    file INTEGER NOT NULL REFERENCES deck_file (key) ON DELETE CASCADE,
    -- The card's position in the file, from 0.
    ord  INTEGER NOT NULL,
    -- The validated card (crate::deck::Card) in the compact form of store/deck_codec.rs.
    card BLOB NOT NULL,
    PRIMARY KEY (file, ord)
) STRICT, WITHOUT ROWID;
