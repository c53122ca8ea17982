-- Forums and meetings name the government assignments they work for, so an assignment's report includes them and no
-- others. Assignments are registered in reporting; the registry learns them from AssignmentRegistered (KN2023/03505 is
-- reference data every service knows) and accepts only those.
CREATE TABLE known_assignments (
    reference text        PRIMARY KEY,
    known_at  timestamptz NOT NULL
);

INSERT INTO known_assignments (reference, known_at) VALUES ('KN2023/03505', now());

ALTER TABLE forums ADD COLUMN assignments text[] NOT NULL DEFAULT '{}';
ALTER TABLE meetings ADD COLUMN assignments text[] NOT NULL DEFAULT '{}';
CREATE INDEX ix_forums_assignments ON forums USING gin (assignments);
CREATE INDEX ix_meetings_assignments ON meetings USING gin (assignments);
