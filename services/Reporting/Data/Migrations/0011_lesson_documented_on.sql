-- A lesson carries the day it was documented, which places it in a report's period; one typed in afterwards keeps its
-- real day. A lesson recorded without one takes the day it was recorded, in Swedish time.
ALTER TABLE lessons ADD COLUMN documented_on date;
UPDATE lessons SET documented_on = (created_at AT TIME ZONE 'Europe/Stockholm')::date;
ALTER TABLE lessons ALTER COLUMN documented_on SET NOT NULL;
