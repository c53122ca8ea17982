-- The review pass proposes merges and splits of open challenges; coordinators accept or dismiss them. A proposal is
-- known by its fingerprint (its kind, challenges and needs), so a dismissed one is not proposed again while the
-- challenges hold the same needs, and an undecided one the next pass no longer makes is withdrawn.
CREATE TABLE cluster_suggestions (
    id                  uuid PRIMARY KEY,
    kind                text             NOT NULL CHECK (kind IN ('merge', 'split')),
    theme               text             NOT NULL,
    challenge_id        uuid             NOT NULL REFERENCES challenges (id),
    merged_challenge_id uuid REFERENCES challenges (id),
    groups              jsonb            NOT NULL,
    need_ids            uuid[]           NOT NULL,
    similarity          double precision NOT NULL,
    threshold           double precision NOT NULL,
    fingerprint         text             NOT NULL,
    status              text             NOT NULL CHECK (status IN ('open', 'accepted', 'dismissed', 'withdrawn')),
    proposed_at         timestamptz      NOT NULL,
    decided_at          timestamptz,
    decided_by          text,
    CHECK ((kind = 'merge') = (merged_challenge_id IS NOT NULL))
);

CREATE UNIQUE INDEX cluster_suggestions_open_fingerprint ON cluster_suggestions (fingerprint) WHERE status = 'open';
CREATE INDEX cluster_suggestions_fingerprint ON cluster_suggestions (fingerprint, status);
CREATE INDEX cluster_suggestions_status ON cluster_suggestions (status, proposed_at DESC, id);

-- What coordinators decided about needs being alike: each label says how alike (the review pass's average similarity)
-- the needs were and whether they were put together or kept apart. The labels set each theme's review threshold; they
-- are kept as written.
CREATE TABLE clustering_labels (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    theme       text             NOT NULL,
    similarity  double precision NOT NULL,
    together    boolean          NOT NULL,
    source      text             NOT NULL CHECK (source IN ('suggestion-accepted', 'suggestion-dismissed', 'relink', 'merge')),
    recorded_at timestamptz      NOT NULL
);

CREATE INDEX clustering_labels_theme ON clustering_labels (theme);

CREATE TRIGGER clustering_labels_kept BEFORE UPDATE OR DELETE ON clustering_labels
    FOR EACH ROW EXECUTE FUNCTION rows_are_kept('record a new label instead.');
CREATE TRIGGER clustering_labels_not_truncated BEFORE TRUNCATE ON clustering_labels
    FOR EACH STATEMENT EXECUTE FUNCTION rows_are_kept('record a new label instead.');

-- Needs keep the version of the features they were given; a need featured by an older version is featured again at start.
ALTER TABLE needs ADD COLUMN features_version integer NOT NULL DEFAULT 1;
CREATE INDEX needs_features_version ON needs (features_version);
