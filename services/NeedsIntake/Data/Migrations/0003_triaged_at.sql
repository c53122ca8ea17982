-- When a coordinator last triaged a need: the triage queue is the open needs never triaged (a need linked to a
-- challenge by clustering still waits for a coordinator's decision).
ALTER TABLE needs ADD COLUMN triaged_at timestamptz;

UPDATE needs
SET triaged_at = triaged.at
FROM (SELECT need_id, max(at) AS at FROM need_history WHERE action = 'triaged' GROUP BY need_id) AS triaged
WHERE triaged.need_id = needs.id;

CREATE INDEX needs_awaiting_triage ON needs (created_at DESC, id DESC) WHERE triaged_at IS NULL AND status IN ('submitted', 'linked');
