-- Forums, meetings and challenges name the government assignments they are reported under; an assignment's report
-- includes only those (and what its efforts address). A challenge's set is a register kept by its newest event.
ALTER TABLE rm_forums ADD COLUMN assignments text[] NOT NULL DEFAULT '{}';
ALTER TABLE rm_meetings ADD COLUMN assignments text[] NOT NULL DEFAULT '{}';
ALTER TABLE rm_challenges ADD COLUMN assignments text[] NOT NULL DEFAULT '{}';
ALTER TABLE rm_challenges ADD COLUMN assignments_at timestamptz;
