-- Schema version 3: parsed deck files, so that a session on an unchanged file neither parses
-- nor syncs it again (store/deck_cache.rs).

-- file_hash() of the deck file last synced into this deck; NULL when unknown (never synced
-- that way, or a card row was created since by something other than a sync).
ALTER TABLE deck ADD COLUMN synced_hash INTEGER;

-- One parsed deck per file. An entry is used only while the file's size, modification time
-- and content hash are all unchanged; a stale or unreadable entry is replaced.
CREATE TABLE deck_cache (
    -- The file's canonical path.
    path  TEXT PRIMARY KEY,
    size  INTEGER NOT NULL,
    -- Modification time, nanoseconds since the Unix epoch.
    mtime INTEGER NOT NULL,
    -- file_hash() of the file's bytes.
    hash  INTEGER NOT NULL,
    -- The validated deck (crate::deck::Deck) in the compact form of store/deck_codec.rs.
    deck  BLOB NOT NULL
) STRICT;
