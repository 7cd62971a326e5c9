-- Schema version 7: an item marked as a leech (forgotten `leech_threshold` times, with
-- `leech_action = "tag"`), listed by `recall cards --leeches` until it is rewritten.

ALTER TABLE card ADD COLUMN leech INTEGER NOT NULL DEFAULT 0 CHECK (leech IN (0, 1));
