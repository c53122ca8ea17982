-- Reports for a period count a need by the day it was identified, which a need typed in later keeps; needs projected
-- so far were identified the day they were submitted.
ALTER TABLE rm_needs ADD COLUMN identified_on date;
UPDATE rm_needs SET identified_on = (submitted_at AT TIME ZONE 'UTC')::date WHERE submitted_at IS NOT NULL;
CREATE INDEX ix_rm_needs_identified_on ON rm_needs (identified_on);
