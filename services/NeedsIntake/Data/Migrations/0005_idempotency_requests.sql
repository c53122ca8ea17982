-- Submissions' Idempotency-Keys move to the messaging building block's idempotency_requests, which every service keeps
-- for its own POSTs. The keys of the last day come along, so a retry across the upgrade never files a need twice (its
-- hash now covers the path as well, so such a retry is refused rather than answered again).
INSERT INTO idempotency_requests (caller, key, request_hash, response, created_at)
SELECT caller, key, request_hash, response, created_at FROM idempotency_keys
ON CONFLICT DO NOTHING;
DROP TABLE idempotency_keys;
