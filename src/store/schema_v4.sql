-- Schema version 4: FSRS parameters fitted to the profile's own log (`recall optimize`), and the
-- calendar an imported history was lived on (`recall import-revlog`).

-- The learner's calendar for this deck's history when it is not the profile's current one: the
-- UTC offset (minutes, east positive) and the hour (0-23) a day started. Both NULL: the
-- profile's own calendar (the config's day start and the system's offset).
ALTER TABLE deck ADD COLUMN utc_offset_minutes INTEGER;
ALTER TABLE deck ADD COLUMN day_start_hour INTEGER CHECK (day_start_hour BETWEEN 0 AND 23);

-- The FSRS-6 parameters the scheduler uses for this profile instead of the defaults; at most
-- one row, deleted by `recall optimize --reset`.
CREATE TABLE fsrs_parameters (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    -- A JSON array of the 21 parameters w0..w20.
    parameters TEXT NOT NULL,
    -- The reviews the fit was computed on.
    reviews    INTEGER NOT NULL CHECK (reviews >= 0),
    -- When it was fitted, Unix milliseconds.
    time       INTEGER NOT NULL
) STRICT;
