-- Efforts' indicators (baseline, target, actual) as their progress reports give them, so a report shows results, not
-- only a percentage. Each field keeps the value of the newest report (by its time), like the other read models.
CREATE TABLE rm_effort_indicators (
    effort_id  uuid        NOT NULL,
    name       text        NOT NULL,
    unit       text        NOT NULL,
    baseline   numeric     NOT NULL,
    target     numeric     NOT NULL,
    actual     numeric,
    at         timestamptz NOT NULL,
    PRIMARY KEY (effort_id, name)
);
