-- Money is never edited or deleted: an expenditure recorded by mistake is corrected by a reversing entry of the
-- opposite amount, dated as the original, naming it and why; each expenditure is reversed at most once. The table
-- refuses UPDATE, DELETE and TRUNCATE.
ALTER TABLE expenditures ADD COLUMN reverses_id uuid UNIQUE REFERENCES expenditures (id);
ALTER TABLE expenditures ADD COLUMN reason text;
ALTER TABLE expenditures DROP CONSTRAINT expenditures_amount_sek_check;
ALTER TABLE expenditures ADD CONSTRAINT expenditures_amount_sign
    CHECK ((reverses_id IS NULL AND amount_sek > 0) OR (reverses_id IS NOT NULL AND amount_sek < 0 AND reason IS NOT NULL));

CREATE FUNCTION expenditures_are_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'A recorded expenditure is never changed or removed (expenditures); reverse it instead.';
END;
$$;

CREATE TRIGGER expenditures_kept BEFORE UPDATE OR DELETE ON expenditures FOR EACH ROW EXECUTE FUNCTION expenditures_are_kept();
CREATE TRIGGER expenditures_not_truncated BEFORE TRUNCATE ON expenditures FOR EACH STATEMENT EXECUTE FUNCTION expenditures_are_kept();
