-- A lesson may name the government assignments it is reported under, besides those of the efforts and challenges it
-- comes from.
ALTER TABLE lessons ADD COLUMN assignments text[] NOT NULL DEFAULT '{}';
