-- Efforts are edited by coordinators (title, description, lead and participants, dates, budget, indicators). An
-- effort's budget is money: a change is a new entry, never an edit, so the budget is the newest of its entries and
-- every earlier one stays. The table refuses UPDATE, DELETE and TRUNCATE.
ALTER TABLE efforts ADD COLUMN description text;

CREATE TABLE effort_budgets (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    effort_id  uuid           NOT NULL REFERENCES efforts (id),
    budget_sek numeric(16, 2) NOT NULL CHECK (budget_sek >= 0),
    set_at     timestamptz    NOT NULL
);

CREATE INDEX effort_budgets_effort ON effort_budgets (effort_id, id DESC);

INSERT INTO effort_budgets (effort_id, budget_sek, set_at) SELECT id, budget_sek, created_at FROM efforts ORDER BY created_at, id;

ALTER TABLE efforts DROP COLUMN budget_sek;

-- One refusal for every table whose rows are kept as written; each trigger says what to do instead.
CREATE FUNCTION rows_are_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'A row of % is never changed or removed; %', TG_TABLE_NAME, TG_ARGV[0];
END;
$$;

CREATE TRIGGER effort_budgets_kept BEFORE UPDATE OR DELETE ON effort_budgets
    FOR EACH ROW EXECUTE FUNCTION rows_are_kept('set a new budget instead.');
CREATE TRIGGER effort_budgets_not_truncated BEFORE TRUNCATE ON effort_budgets
    FOR EACH STATEMENT EXECUTE FUNCTION rows_are_kept('set a new budget instead.');
