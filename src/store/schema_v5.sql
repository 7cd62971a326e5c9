-- Schema version 5: the cards of a cached deck file in one value (store/card_pack.rs)
-- instead of one row each. A session reads the value with one lookup; a first launch writes
-- it as one value rather than inserting a row per card.

DROP TABLE deck_file_card;

-- The entries whose cards were in the table above: their files are parsed again.
DELETE FROM deck_file;

-- Every card of the file, packed as store/card_pack.rs describes; NULL while an intake is
-- writing the entry (an entry without it is not used).
ALTER TABLE deck_file ADD COLUMN card_pack BLOB;
