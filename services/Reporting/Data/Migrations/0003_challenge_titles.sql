-- A challenge's title changes after it is identified (ChallengeUpdated): it is a register like the others, kept
-- from the newest event by when it happened.
ALTER TABLE rm_challenges ADD COLUMN title_at timestamptz;
UPDATE rm_challenges SET title_at = identified_at;
