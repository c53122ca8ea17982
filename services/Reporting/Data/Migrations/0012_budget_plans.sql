-- An assignment's planned budget per cost type, which the financial account sets against the outcome. Each save is a
-- new version and money is never edited in place: the table refuses UPDATE, DELETE and TRUNCATE. The lines are
-- [{"category": ..., "amountSek": ...}] (jsonb numbers are exact numerics).
CREATE TABLE budget_plans (
    assignment  text           NOT NULL,
    version     integer        NOT NULL,
    lines       jsonb          NOT NULL,
    total_sek   numeric(20, 2) NOT NULL,
    saved_by    text           NOT NULL,
    saved_at    timestamptz    NOT NULL,
    PRIMARY KEY (assignment, version)
);

CREATE FUNCTION budget_plans_are_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'A saved budget plan is never changed or removed (budget_plans); save a new version instead.';
END;
$$;

CREATE TRIGGER budget_plans_kept BEFORE UPDATE OR DELETE ON budget_plans FOR EACH ROW EXECUTE FUNCTION budget_plans_are_kept();
CREATE TRIGGER budget_plans_not_truncated BEFORE TRUNCATE ON budget_plans FOR EACH STATEMENT EXECUTE FUNCTION budget_plans_are_kept();
