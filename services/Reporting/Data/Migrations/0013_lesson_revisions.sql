-- A lesson is revised, not overwritten: each earlier version is kept here as it read, and stays readable
-- (GET /api/lessons/{id}/revisions). The table refuses UPDATE, DELETE and TRUNCATE.
CREATE TABLE lesson_revisions (
    lesson_id     uuid        NOT NULL REFERENCES lessons (id),
    version       integer     NOT NULL,
    title         text        NOT NULL,
    text          text        NOT NULL,
    target_groups text[]      NOT NULL,
    effort_ids    uuid[]      NOT NULL,
    challenge_ids uuid[]      NOT NULL,
    published     boolean     NOT NULL,
    published_at  timestamptz,
    created_at    timestamptz NOT NULL,
    assignments   text[]      NOT NULL,
    documented_on date        NOT NULL,
    replaced_at   timestamptz NOT NULL,
    replaced_by   text        NOT NULL,
    PRIMARY KEY (lesson_id, version)
);

CREATE FUNCTION lesson_revisions_are_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'A lesson''s earlier revision is never changed or removed (lesson_revisions).';
END;
$$;

CREATE TRIGGER lesson_revisions_kept BEFORE UPDATE OR DELETE ON lesson_revisions FOR EACH ROW EXECUTE FUNCTION lesson_revisions_are_kept();
CREATE TRIGGER lesson_revisions_not_truncated BEFORE TRUNCATE ON lesson_revisions FOR EACH STATEMENT EXECUTE FUNCTION lesson_revisions_are_kept();
