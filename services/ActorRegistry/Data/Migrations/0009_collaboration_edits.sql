-- Forums and meetings are corrected by coordinators under If-Match, so each carries a version. A meeting is planned
-- until it is held; one recorded before meetings had states is held when its date has come.
ALTER TABLE forums ADD COLUMN version integer NOT NULL DEFAULT 1;

ALTER TABLE meetings ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE meetings ADD COLUMN status text NOT NULL DEFAULT 'held' CHECK (status IN ('planned', 'held'));
UPDATE meetings SET status = 'planned' WHERE date > current_date;

CREATE INDEX ix_meetings_status ON meetings (status, date);
