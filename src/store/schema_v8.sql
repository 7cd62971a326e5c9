-- Schema version 8: when each of the learner's own marks last changed, so that `recall sync`
-- can merge them between machines (the latest change wins), and the id of this profile's
-- copy in a sync folder.
--
-- A mark set before version 8 gets the time 0 (1970): it is carried by a sync, and any
-- change recorded since wins over it. NULL: never set here.

-- When `suspended`, `buried_until` and `leech` last changed, Unix milliseconds.
ALTER TABLE card ADD COLUMN suspended_at INTEGER;
ALTER TABLE card ADD COLUMN buried_at INTEGER;
ALTER TABLE card ADD COLUMN leech_at INTEGER;
UPDATE card SET suspended_at = 0 WHERE suspended = 1;
UPDATE card SET buried_at = 0 WHERE buried_until IS NOT NULL;
UPDATE card SET leech_at = 0 WHERE leech = 1;

-- When the answer was (last) accepted, Unix milliseconds.
ALTER TABLE accepted_answer ADD COLUMN time INTEGER NOT NULL DEFAULT 0;

-- This profile's copy in a sync folder: a random id made once, naming the file it writes
-- there (`<profile>.<device>.recall-sync`); the random id of the last file it wrote there
-- (a file of its name with another was written by a copy of the profile that has the same
-- device id: a copied data folder) and a fingerprint of what that file held (a sync with
-- nothing new writes nothing); the review count and last id when the log was last replayed.
CREATE TABLE sync_device (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    device      TEXT NOT NULL,
    written     TEXT,
    fingerprint TEXT,
    replayed    TEXT
) STRICT;

-- The other copies' files merged, by file name, with the random id of the version merged:
-- a file still holding that version is not read again.
CREATE TABLE sync_seen (
    file  TEXT PRIMARY KEY,
    write TEXT NOT NULL
) STRICT, WITHOUT ROWID;
