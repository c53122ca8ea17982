-- Where the similar-need lookup finds its candidates: each stem of each need's text with the need, newest first. The
-- lookup reads a fixed number of the newest needs for each of a text's rarest stems and stops there, so its work does
-- not grow with the needs stored; the text index hands over every need that has the stem. Needs' texts never change,
-- so rows are only added, by the statement that adds the needs.
CREATE TABLE need_stems (
    lexeme text NOT NULL,
    created_at timestamptz NOT NULL,
    need_id uuid NOT NULL
);

CREATE INDEX need_stems_newest ON need_stems (lexeme, created_at DESC, need_id);

CREATE FUNCTION need_stems_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO need_stems (lexeme, created_at, need_id)
    SELECT stem, added.created_at, added.id FROM added CROSS JOIN LATERAL unnest(tsvector_to_array(added.search)) AS stem;
    RETURN NULL;
END
$$;

CREATE TRIGGER needs_stems_added AFTER INSERT ON needs REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION need_stems_add();

INSERT INTO need_stems (lexeme, created_at, need_id)
SELECT stem, n.created_at, n.id FROM needs n CROSS JOIN LATERAL unnest(tsvector_to_array(n.search)) AS stem;

-- The text index now serves only the needs list's text filter, not every submission's lookup: new entries wait in its
-- pending list again (merged in bulk by vacuum, or by a search once the list is full), so an insert and a link to a
-- challenge (a new row version that every index takes) no longer pay a descent of the index per stem.
ALTER INDEX needs_search SET (fastupdate = on);
