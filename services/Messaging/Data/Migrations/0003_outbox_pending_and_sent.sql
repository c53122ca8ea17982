-- Unsent and sent outbox rows in separate tables. With one table, marking a row sent left a dead entry in the
-- unsent index that every relay query stepped over (and visited in the heap) until a vacuum; autovacuum waits for a
-- fifth of the table to change, and the table keeps sent rows for the retention period, so relay queries grew to
-- milliseconds and, with millions of retained rows, to far more. Now the relay moves a published row from
-- outbox_pending to outbox_sent; outbox_pending holds only what is in flight, small enough for the relay to vacuum
-- it often and cheaply. outbox_messages is a view of both, for operators and tests.
ALTER TABLE outbox_messages RENAME TO outbox_pending;
ALTER INDEX outbox_messages_pkey RENAME TO outbox_pending_pkey;
ALTER INDEX outbox_messages_event_id_key RENAME TO outbox_pending_event_id_key;
DROP INDEX ix_outbox_messages_unsent;
DROP INDEX ix_outbox_messages_sent_at;

CREATE TABLE outbox_sent (
    id             bigint      PRIMARY KEY,
    event_id       uuid        NOT NULL,
    message_type   text        NOT NULL,
    payload        jsonb       NOT NULL,
    correlation_id text        NULL,
    trace_parent   text        NULL,
    trace_state    text        NULL,
    occurred_at    timestamptz NOT NULL,
    enqueued_at    timestamptz NOT NULL,
    attempts       integer     NOT NULL,
    last_error     text        NULL,
    sent_at        timestamptz NOT NULL
);

CREATE INDEX ix_outbox_sent_sent_at ON outbox_sent (sent_at);

INSERT INTO outbox_sent
SELECT id, event_id, message_type, payload, correlation_id, trace_parent, trace_state, occurred_at, enqueued_at, attempts, last_error, sent_at
FROM outbox_pending WHERE sent_at IS NOT NULL;
DELETE FROM outbox_pending WHERE sent_at IS NOT NULL;
ALTER TABLE outbox_pending DROP COLUMN sent_at;

-- Besides the relay's own vacuum: autovacuum as soon as a thousand rows went, not a fifth of the table.
ALTER TABLE outbox_pending SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000, autovacuum_vacuum_cost_delay = 0);

CREATE VIEW outbox_messages AS
SELECT id, event_id, message_type, payload, correlation_id, trace_parent, trace_state, occurred_at, enqueued_at, attempts, last_error,
       NULL::timestamptz AS sent_at
FROM outbox_pending
UNION ALL
SELECT id, event_id, message_type, payload, correlation_id, trace_parent, trace_state, occurred_at, enqueued_at, attempts, last_error, sent_at
FROM outbox_sent;
