-- Notifications for people: each actor's feed of what happened to its needs, its efforts and its forums, read or
-- unread, and the e-mail address and rhythm its users asked for (contact details: shown only to the actor itself).
ALTER TABLE needs ADD COLUMN reference text NOT NULL DEFAULT '';

CREATE TABLE efforts (
    id        uuid PRIMARY KEY,
    version   integer NOT NULL,
    title     text   NOT NULL,
    actor_ids uuid[] NOT NULL
);

CREATE TABLE forums (
    id   uuid PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE notifications (
    id         uuid PRIMARY KEY,
    actor_id   uuid        NOT NULL,
    event_id   uuid        NOT NULL,
    kind       text        NOT NULL,
    subject_id text        NOT NULL,
    text       text        NOT NULL,
    created_at timestamptz NOT NULL,
    read_at    timestamptz,
    emailed_at timestamptz,
    UNIQUE (actor_id, event_id, kind)
);

CREATE INDEX notifications_feed ON notifications (actor_id, created_at DESC, id);
CREATE INDEX notifications_unemailed ON notifications (actor_id, created_at) WHERE emailed_at IS NULL;

CREATE TABLE notification_settings (
    actor_id       uuid PRIMARY KEY,
    email          text,
    delivery       text        NOT NULL CHECK (delivery IN ('none', 'immediate', 'daily')),
    updated_at     timestamptz NOT NULL,
    last_digest_at timestamptz
);

-- An event about a need, effort or forum the service has not learnt of yet waits here until the event that tells of it
-- arrives (the queues deliver in no order across event types), or, once it is older than a few minutes, goes ahead.
CREATE TABLE parked_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subject     text        NOT NULL,
    event_type  text        NOT NULL,
    payload     jsonb       NOT NULL,
    occurred_at timestamptz NOT NULL
);

CREATE INDEX parked_events_subject ON parked_events (subject, occurred_at, id);
CREATE INDEX parked_events_age ON parked_events (occurred_at);
