-- Where an actor is: a municipality's code and the counties it works in, so a report can tell which of the parties the
-- decision names (the regions, county boards and municipalities of both counties) it has reached. Rows written before
-- this migration get them when the events are applied again (reporting's rebuild does that).
ALTER TABLE actors ADD COLUMN municipality_code text;
ALTER TABLE actors ADD COLUMN county_codes text[] NOT NULL DEFAULT '{}';
