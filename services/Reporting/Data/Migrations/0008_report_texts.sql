-- The written parts of the final report that coordinators draft: one text per section and the cover's facts. Every
-- save is a new version row and none is changed or removed, so each earlier wording stays readable; the newest is the
-- one the report shows, and a frozen version keeps the words it was frozen with.
CREATE TABLE report_sections (
    assignment  text        NOT NULL,
    section     text        NOT NULL,
    version     integer     NOT NULL,
    text        text        NOT NULL,
    saved_by    text        NOT NULL,
    saved_at    timestamptz NOT NULL,
    PRIMARY KEY (assignment, section, version)
);

CREATE TABLE report_covers (
    assignment          text        NOT NULL,
    version             integer     NOT NULL,
    agency_case_number  text        NOT NULL,
    decided_by          text        NOT NULL,
    presented_by        text        NOT NULL,
    saved_by            text        NOT NULL,
    saved_at            timestamptz NOT NULL,
    PRIMARY KEY (assignment, version)
);

CREATE FUNCTION report_texts_are_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'A saved report text is never changed or removed (%); save a new version instead.', TG_TABLE_NAME;
END;
$$;

CREATE TRIGGER report_sections_kept BEFORE UPDATE OR DELETE ON report_sections FOR EACH ROW EXECUTE FUNCTION report_texts_are_kept();
CREATE TRIGGER report_sections_not_truncated BEFORE TRUNCATE ON report_sections FOR EACH STATEMENT EXECUTE FUNCTION report_texts_are_kept();
CREATE TRIGGER report_covers_kept BEFORE UPDATE OR DELETE ON report_covers FOR EACH ROW EXECUTE FUNCTION report_texts_are_kept();
CREATE TRIGGER report_covers_not_truncated BEFORE TRUNCATE ON report_covers FOR EACH STATEMENT EXECUTE FUNCTION report_texts_are_kept();
