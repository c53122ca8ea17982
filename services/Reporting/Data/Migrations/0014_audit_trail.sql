-- An effort's launch and its edits both set its title, lead, dates and budget: the newer wins, whatever the order they
-- arrive in. An indicator an edit removed stays as a marker, so that an older report of it arriving later does not
-- bring it back.
ALTER TABLE rm_efforts ADD COLUMN details_at timestamptz;
UPDATE rm_efforts SET details_at = launched_at;
ALTER TABLE rm_effort_indicators ADD COLUMN removed boolean NOT NULL DEFAULT false;

-- The audit trail: which record each logged event changed (a record may be an actor, a need, an effort, ...), whose
-- record it is (the owning actor, where the event names one) and whether the event states the record's fields (a
-- state) or adds an entry to it (an expenditure, a member). Written with the log, refilled by a rebuild.
CREATE TABLE event_subjects (
    seq                  bigint      NOT NULL REFERENCES event_log (seq),
    entity               text        NOT NULL,
    entity_id            text        NOT NULL,
    owner_actor_id       uuid,
    changed_by_actor_id  uuid,
    state                boolean     NOT NULL,
    occurred_at          timestamptz NOT NULL,
    PRIMARY KEY (entity, entity_id, seq)
);

CREATE INDEX ix_event_subjects_time ON event_subjects (occurred_at DESC, seq DESC);
CREATE INDEX ix_event_subjects_owner ON event_subjects (owner_actor_id, entity, entity_id) WHERE owner_actor_id IS NOT NULL;
CREATE INDEX ix_event_subjects_changed_by_actor ON event_subjects (changed_by_actor_id) WHERE changed_by_actor_id IS NOT NULL;
