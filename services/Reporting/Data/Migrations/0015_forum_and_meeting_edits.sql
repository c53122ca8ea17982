-- Forums and meetings are edited, members removed and given other roles: each field group keeps the newest event's
-- values whatever the order events arrive in, and a removed member stays as a marker, so that an older addition
-- arriving later does not bring it back. A meeting is planned or held; reports count the held ones.
ALTER TABLE rm_forums ADD COLUMN purpose text;
ALTER TABLE rm_forums ADD COLUMN details_at timestamptz;
UPDATE rm_forums SET details_at = created_at;

ALTER TABLE rm_forum_members ADD COLUMN removed boolean NOT NULL DEFAULT false;

ALTER TABLE rm_meetings ADD COLUMN status text;
ALTER TABLE rm_meetings ADD COLUMN details_at timestamptz;
UPDATE rm_meetings SET status = CASE WHEN date > current_date THEN 'planned' ELSE 'held' END;
