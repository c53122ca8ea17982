-- Coordinators correct an assignment under If-Match. Its appropriation is money: a change is a new entry, never an
-- edit, so the budget is the newest entry (or, without any, the amount registered) and every earlier one stays. The
-- table refuses UPDATE, DELETE and TRUNCATE.
ALTER TABLE assignments ADD COLUMN version integer NOT NULL DEFAULT 1;

CREATE TABLE assignment_budgets (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reference   text           NOT NULL REFERENCES assignments (reference),
    budget_sek  numeric(20, 2) NOT NULL CHECK (budget_sek > 0),
    set_at      timestamptz    NOT NULL,
    set_by      text           NOT NULL
);

CREATE INDEX ix_assignment_budgets_reference ON assignment_budgets (reference, id DESC);

-- One refusal for every table whose rows are kept as written from now on; each trigger says what to do instead.
CREATE FUNCTION rows_are_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'A row of % is never changed or removed; %', TG_TABLE_NAME, TG_ARGV[0];
END;
$$;

CREATE TRIGGER assignment_budgets_kept BEFORE UPDATE OR DELETE ON assignment_budgets
    FOR EACH ROW EXECUTE FUNCTION rows_are_kept('set a new budget instead.');
CREATE TRIGGER assignment_budgets_not_truncated BEFORE TRUNCATE ON assignment_budgets
    FOR EACH STATEMENT EXECUTE FUNCTION rows_are_kept('set a new budget instead.');
