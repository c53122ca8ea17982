-- Needs intake: the establishment replica (fed by the registry's events; actors are the actor directory's), needs with their history,
-- similar-need search (Swedish text search; trigram similarity of titles) and idempotent submissions.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE establishments (
    id uuid PRIMARY KEY,
    company_actor_id uuid NOT NULL,
    name text NOT NULL,
    municipality_code text NOT NULL,
    version integer NOT NULL
);

-- References are BEH-<year>-<number>: unique, gaps allowed. Each service instance takes a block of 100 numbers
-- at a time (hi/lo), so a submission costs no round trip for its number; a restart leaves the rest of a block unused.
CREATE SEQUENCE need_reference_seq INCREMENT BY 100;

CREATE TABLE needs (
    id uuid PRIMARY KEY,
    reference text NOT NULL UNIQUE,
    title text NOT NULL,
    description text NOT NULL,
    theme text NOT NULL,
    submitted_by_actor_id uuid NOT NULL,
    submitter_kind text NOT NULL,
    establishment_id uuid,
    municipality_codes text[] NOT NULL,
    county_codes text[] NOT NULL,
    quantity_value numeric,
    quantity_unit text,
    needed_by date,
    urgency text NOT NULL,
    status text NOT NULL,
    challenge_id uuid,
    challenge_linked_at timestamptz,
    decision_reason text,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('swedish', title), 'A') || setweight(to_tsvector('swedish', description), 'B')) STORED
);

CREATE INDEX needs_search ON needs USING gin (search);
CREATE INDEX needs_created ON needs (created_at DESC, id DESC);
CREATE INDEX needs_submitter ON needs (submitted_by_actor_id);
CREATE INDEX needs_challenge ON needs (challenge_id) WHERE challenge_id IS NOT NULL;
CREATE INDEX needs_municipalities ON needs USING gin (municipality_codes);

-- How many needs each stem occurs in, refreshed in the background: similar-need search looks for the rarest stems
-- of a new need, which say most about it, so its cost does not grow with the common words every need shares.
CREATE TABLE need_lexemes (
    lexeme text PRIMARY KEY,
    ndoc integer NOT NULL
);

CREATE TABLE need_lexeme_totals (
    id boolean PRIMARY KEY DEFAULT true CHECK (id),
    needs bigint NOT NULL,
    refreshed_at timestamptz NOT NULL
);

INSERT INTO need_lexeme_totals (needs, refreshed_at) VALUES (0, now());

CREATE TABLE need_history (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    need_id uuid NOT NULL REFERENCES needs (id),
    at timestamptz NOT NULL,
    by_caller text NOT NULL,
    action text NOT NULL,
    changes jsonb NOT NULL
);

CREATE INDEX need_history_need ON need_history (need_id, id);

-- A submission's Idempotency-Key, per caller: the request's hash and the first answer, replayed on a retry.
CREATE TABLE idempotency_keys (
    caller text NOT NULL,
    key text NOT NULL,
    request_hash bytea NOT NULL,
    need_id uuid,
    response jsonb,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (caller, key)
);

CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
