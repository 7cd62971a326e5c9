-- Schema version 1: decks, cards and the append-only review log.
--
-- Every time is Unix milliseconds (UTC). Rows of `deck` and `card` are never deleted by
-- recall without an explicit command: a card removed from its deck file stays as an orphan
-- (`present = 0`) with its state and history, and gets them back if it returns.

-- A deck as last synced from its file.
CREATE TABLE deck (
    key       INTEGER PRIMARY KEY,
    id        TEXT NOT NULL UNIQUE,
    -- The scheduler the deck file asks for (fsrs, sm2, leitner); NULL for the default.
    scheduler TEXT
) STRICT;

-- One row per study item (a card, or one side or deletion of it), keyed by deck and item id.
CREATE TABLE card (
    key          INTEGER PRIMARY KEY,
    deck         INTEGER NOT NULL REFERENCES deck (key),
    id           TEXT NOT NULL,
    -- The scheduler's CardState in the compact form of store/codec.rs (times relative to 0);
    -- NULL until the first answer. Decoding it is ~20 times faster than JSON, which is what
    -- keeps loading a due queue of 15,000 cards under 50 ms.
    state        BLOB,
    -- Copies of the state's fields, for queries.
    due          INTEGER,
    last_review  INTEGER,
    reps         INTEGER NOT NULL DEFAULT 0,
    lapses       INTEGER NOT NULL DEFAULT 0,
    suspended    INTEGER NOT NULL DEFAULT 0 CHECK (suspended IN (0, 1)),
    buried_until INTEGER,
    -- content_hash() of the card when last synced; NULL if never synced from a deck file.
    content_hash INTEGER,
    -- The text changed since the learner last saw the card.
    changed      INTEGER NOT NULL DEFAULT 0 CHECK (changed IN (0, 1)),
    -- 0: the card is no longer in its deck file (an orphan).
    present      INTEGER NOT NULL DEFAULT 1 CHECK (present IN (0, 1)),
    UNIQUE (deck, id)
) STRICT;

-- The due queue: answered cards by due time.
CREATE INDEX card_due ON card (due) WHERE due IS NOT NULL;

-- One row per answer; rows are only added (and removed by undo).
-- `id` is a UUIDv7: its first 48 bits are `time`, so the table is stored in time order and
-- `ORDER BY id` is "by time, then id". The states are in the compact form of store/codec.rs.
CREATE TABLE review (
    id          BLOB PRIMARY KEY CHECK (length(id) = 16),
    card        INTEGER NOT NULL REFERENCES card (key),
    time        INTEGER NOT NULL,
    rating      INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
    answer      TEXT,
    correct     INTEGER CHECK (correct IN (0, 1)),
    duration_ms INTEGER NOT NULL CHECK (duration_ms >= 0),
    -- 0 study, 1 cram, 2 quiz.
    mode        INTEGER NOT NULL CHECK (mode BETWEEN 0 AND 2),
    before      BLOB,
    after       BLOB NOT NULL
) STRICT, WITHOUT ROWID;
