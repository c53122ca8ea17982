-- A coordinator names the government assignments a challenge is reported under; the assignment's report includes it.
ALTER TABLE challenges ADD COLUMN assignments text[] NOT NULL DEFAULT '{}';
