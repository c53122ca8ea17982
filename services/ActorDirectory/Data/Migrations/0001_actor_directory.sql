-- What a service knows of the registry's actors, only from their events. A row can exist before its ActorRegistered
-- (an out-of-order deactivation): then name and kind are null until the registration arrives.
CREATE TABLE actors (
    id uuid PRIMARY KEY,
    name text,
    kind text,
    active boolean NOT NULL,
    version integer NOT NULL,
    updated_at timestamptz NOT NULL
);
