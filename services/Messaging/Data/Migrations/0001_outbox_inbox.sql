-- Transactional outbox: rows are written in the same transaction as the state change that causes them.
CREATE TABLE IF NOT EXISTS outbox_messages (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id        uuid        NOT NULL UNIQUE,
    message_type    text        NOT NULL,
    payload         jsonb       NOT NULL,
    correlation_id  text        NULL,
    trace_parent    text        NULL,
    trace_state     text        NULL,
    occurred_at     timestamptz NOT NULL,
    enqueued_at     timestamptz NOT NULL DEFAULT now(),
    attempts        integer     NOT NULL DEFAULT 0,
    last_error      text        NULL,
    sent_at         timestamptz NULL
);

CREATE INDEX IF NOT EXISTS ix_outbox_messages_unsent ON outbox_messages (id) WHERE sent_at IS NULL;
CREATE INDEX IF NOT EXISTS ix_outbox_messages_sent_at ON outbox_messages (sent_at) WHERE sent_at IS NOT NULL;

-- (Replaced by an in-process signal in 0002: NOTIFY serialised the commits of writing transactions.)
CREATE OR REPLACE FUNCTION outbox_messages_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('outbox_messages', '');
    RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS trg_outbox_messages_notify ON outbox_messages;
CREATE TRIGGER trg_outbox_messages_notify
    AFTER INSERT ON outbox_messages
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_messages_notify();

-- Idempotent consumers: one row per (message, consumer), written in the consumer's own transaction.
CREATE TABLE IF NOT EXISTS inbox_messages (
    message_id   uuid        NOT NULL,
    consumer     text        NOT NULL,
    message_type text        NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (message_id, consumer)
);

CREATE INDEX IF NOT EXISTS ix_inbox_messages_received_at ON inbox_messages (received_at);
