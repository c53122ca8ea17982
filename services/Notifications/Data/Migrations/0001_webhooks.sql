-- Notifications: webhook subscriptions and their deliveries, and what the service knows of the platform to decide who
-- may see an event (needs' submitters and confidentiality, actors' kinds) and which filters it passes (counties, themes).

CREATE TABLE actors (
    id   uuid PRIMARY KEY,
    kind text NOT NULL
);

CREATE TABLE needs (
    id                 uuid PRIMARY KEY,
    submitter_actor_id uuid    NOT NULL,
    confidential       boolean NOT NULL,
    theme              text    NOT NULL,
    county_codes       text[]  NOT NULL
);

CREATE TABLE challenges (
    id           uuid PRIMARY KEY,
    theme        text   NOT NULL,
    county_codes text[] NOT NULL DEFAULT '{}'
);

-- A subscription owned by an actor receives what that actor's users may read; one without an owner (a coordinator's)
-- receives everything. The secret signs deliveries; after a rotation the previous one signs too until it expires.
CREATE TABLE webhook_subscriptions (
    id                         uuid PRIMARY KEY,
    owner_actor_id             uuid,
    created_by                 text        NOT NULL,
    url                        text        NOT NULL,
    event_types                text[]      NOT NULL,
    county_code                text,
    theme                      text,
    status                     text        NOT NULL CHECK (status IN ('active', 'paused', 'disabled', 'deleted')),
    disabled_reason            text,
    secret                     text        NOT NULL,
    previous_secret            text,
    previous_secret_expires_at timestamptz,
    failing_since              timestamptz,
    version                    integer     NOT NULL DEFAULT 1,
    created_at                 timestamptz NOT NULL,
    updated_at                 timestamptz NOT NULL
);

CREATE INDEX webhook_subscriptions_owner ON webhook_subscriptions (owner_actor_id, created_at DESC);

-- One delivery per subscription and event (the event id is the receiver's idempotency key, webhook-id); sent in the
-- order of seq per subscription and entity: a delivery waits while an earlier one for the same entity is pending.
CREATE TABLE webhook_deliveries (
    id              uuid PRIMARY KEY,
    seq             bigint GENERATED ALWAYS AS IDENTITY,
    subscription_id uuid        NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    event_id        uuid        NOT NULL,
    event_type      text        NOT NULL,
    entity_key      text        NOT NULL,
    payload         text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    give_up_at      timestamptz NOT NULL,
    created_at      timestamptz NOT NULL,
    delivered_at    timestamptz,
    UNIQUE (subscription_id, event_id)
);

CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_order ON webhook_deliveries (subscription_id, entity_key, seq) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_subscription ON webhook_deliveries (subscription_id, seq DESC);

CREATE TABLE webhook_attempts (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    delivery_id      uuid        NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempted_at     timestamptz NOT NULL,
    duration_ms      integer     NOT NULL,
    status_code      integer,
    error            text,
    response_excerpt text
);

CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, id);
