-- Schema version 2: answers a learner accepted as right for a card ("my answer was right
-- too"), kept per profile so the next session judges them correct.
CREATE TABLE accepted_answer (
    card INTEGER NOT NULL REFERENCES card (key),
    text TEXT NOT NULL,
    PRIMARY KEY (card, text)
) STRICT, WITHOUT ROWID;
