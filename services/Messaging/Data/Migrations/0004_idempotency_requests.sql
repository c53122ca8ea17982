-- The Idempotency-Key of every POST that creates what a retry must not create twice, per caller: the request's hash
-- and the first answer, replayed on a retry (Platform.Messaging.Idempotency). Purged after a day.
CREATE TABLE idempotency_requests (
    caller       text        NOT NULL,
    key          text        NOT NULL,
    request_hash bytea       NOT NULL,
    response     jsonb,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (caller, key)
);

CREATE INDEX idempotency_requests_created ON idempotency_requests (created_at);
