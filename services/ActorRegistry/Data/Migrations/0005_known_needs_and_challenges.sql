-- Needs and challenges live in other services. The registry learns which exist from their events (NeedSubmitted from
-- needs-intake, ChallengeIdentified from challenge-tracking), so that a meeting links only needs and challenges that
-- exist. An id new to the platform may not have arrived yet: the answer to a meeting says so.
CREATE TABLE known_needs (
    id       uuid        PRIMARY KEY,
    known_at timestamptz NOT NULL
);

CREATE TABLE known_challenges (
    id       uuid        PRIMARY KEY,
    known_at timestamptz NOT NULL
);
