-- Tillväxtverket's own costs for an assignment (its staff, travel, procurement) that belong to no effort. Money is never
-- edited or removed: a correction is a new entry, so the table refuses UPDATE, DELETE and TRUNCATE.
CREATE TABLE agency_costs (
    id           uuid PRIMARY KEY,
    assignment   text           NOT NULL,
    date         date           NOT NULL,
    amount_sek   numeric(20, 2) NOT NULL,
    category     text           NOT NULL,
    description  text,
    recorded_by  text           NOT NULL,
    recorded_at  timestamptz    NOT NULL
);

CREATE INDEX ix_agency_costs_assignment ON agency_costs (assignment, date);

CREATE FUNCTION agency_costs_are_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'A recorded cost is never changed or removed (agency_costs); record a correcting entry instead.';
END;
$$;

CREATE TRIGGER agency_costs_kept BEFORE UPDATE OR DELETE ON agency_costs FOR EACH ROW EXECUTE FUNCTION agency_costs_are_kept();
CREATE TRIGGER agency_costs_not_truncated BEFORE TRUNCATE ON agency_costs FOR EACH STATEMENT EXECUTE FUNCTION agency_costs_are_kept();
