-- Every change of an actor: who, when, what. Every role reads it, so contacts appear by name and role only.
CREATE TABLE actor_history (
    id        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor_id  uuid        NOT NULL REFERENCES actors (id),
    at        timestamptz NOT NULL,
    by_caller text        NOT NULL,
    action    text        NOT NULL,
    changes   jsonb       NOT NULL
);

CREATE INDEX ix_actor_history_actor ON actor_history (actor_id, id);

-- Actors registered before their history was kept begin it with their registration: when, but not by whom or with what.
INSERT INTO actor_history (actor_id, at, by_caller, action, changes)
SELECT id, created_at, 'unknown', 'registered', '{}' FROM actors ORDER BY created_at, id;
