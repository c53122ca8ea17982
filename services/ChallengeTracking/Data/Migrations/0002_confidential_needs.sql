-- A company's need is confidential: its text stays out of the challenges every role reads. A challenge opened by
-- such a need carries a neutral title (theme and municipalities) until the first public need joins it.
ALTER TABLE needs ADD COLUMN confidential boolean NOT NULL DEFAULT false;
ALTER TABLE challenges ADD COLUMN neutral_title boolean NOT NULL DEFAULT false;
