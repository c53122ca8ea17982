-- The day a need was identified, which a need typed in later (from last year's spreadsheet, say) keeps: reports for a
-- period count needs by it. Needs recorded so far, and any written without it, were identified the day they were stored.
ALTER TABLE needs ADD COLUMN identified_on date NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')::date;
UPDATE needs SET identified_on = (created_at AT TIME ZONE 'UTC')::date;
