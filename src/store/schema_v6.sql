-- Schema version 6: the parsed-deck cache leaves the progress database for a file of its own
-- in the cache folder (src/library/cache.rs), which can be deleted at any time. What stays
-- is the progress side of a sync: `card.ord` (the position of an item's card in its deck
-- file, which today's queue is read by) and `deck.synced_hash` (which file content the rows
-- are in line with, so that an unchanged file is not synced again).

DROP TABLE deck_file;
