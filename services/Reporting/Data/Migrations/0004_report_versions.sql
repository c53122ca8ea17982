-- Frozen ("fastställda") versions of the final report: the document as it was and every format's bytes, never
-- changed or removed afterwards (the triggers refuse it; a read-model rebuild leaves these tables alone).
CREATE TABLE report_versions (
    assignment text NOT NULL REFERENCES assignments (reference),
    number integer NOT NULL CHECK (number > 0),
    frozen_at timestamptz NOT NULL,
    frozen_by text NOT NULL,
    document jsonb NOT NULL,
    PRIMARY KEY (assignment, number)
);

CREATE TABLE report_version_files (
    assignment text NOT NULL,
    number integer NOT NULL,
    format text NOT NULL,
    content bytea NOT NULL,
    content_type text NOT NULL,
    file_name text NOT NULL,
    sha256 text NOT NULL,
    PRIMARY KEY (assignment, number, format),
    FOREIGN KEY (assignment, number) REFERENCES report_versions (assignment, number)
);

CREATE FUNCTION refuse_changing_a_frozen_report() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'A frozen report version is never changed or removed (%).', TG_TABLE_NAME;
END;
$$;

CREATE TRIGGER report_versions_frozen BEFORE UPDATE OR DELETE ON report_versions
    FOR EACH ROW EXECUTE FUNCTION refuse_changing_a_frozen_report();
CREATE TRIGGER report_versions_not_truncated BEFORE TRUNCATE ON report_versions
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_changing_a_frozen_report();
CREATE TRIGGER report_version_files_frozen BEFORE UPDATE OR DELETE ON report_version_files
    FOR EACH ROW EXECUTE FUNCTION refuse_changing_a_frozen_report();
CREATE TRIGGER report_version_files_not_truncated BEFORE TRUNCATE ON report_version_files
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_changing_a_frozen_report();
