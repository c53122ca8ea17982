-- The effect a test consumer has: one row per consumption (no unique key, so a duplicate effect would show).
CREATE TABLE effects (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id    uuid        NOT NULL,
    run         text        NOT NULL,
    consumed_at timestamptz NOT NULL DEFAULT now()
);
-- Not IF NOT EXISTS on purpose: a second application of this script would fail.
CREATE TABLE migration_runs (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
INSERT INTO migration_runs DEFAULT VALUES;
