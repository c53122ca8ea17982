-- A counter that every committed change of the actors table moves on, so a registry instance can keep the totals of
-- searches it has counted and know exactly when they are out of date (see ActorSearchTotals).
-- The statement trigger runs inside the writing transaction: the row lock it takes orders concurrent writers, so the
-- stamp a reader sees always belongs to the state it sees. Actors change seldom; the lock is held from the end of the
-- writing statement to its commit.
CREATE TABLE actor_change_stamp (
    id    boolean PRIMARY KEY DEFAULT true CHECK (id),
    stamp bigint  NOT NULL
);

INSERT INTO actor_change_stamp (stamp) VALUES (0);

CREATE FUNCTION actor_change_stamp_advance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE actor_change_stamp SET stamp = stamp + 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER actors_change_stamp
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON actors
    FOR EACH STATEMENT EXECUTE FUNCTION actor_change_stamp_advance();
