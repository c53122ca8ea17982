-- Challenge tracking: thematic challenges clustered from needs, the needs as this service knows them (from
-- needs-intake's events, with their clustering features), and efforts with participants, expenditures and indicators.
-- change_seq orders every change the in-memory clustering index must follow, across service instances.
CREATE SEQUENCE change_seq;
CREATE SEQUENCE challenge_reference_seq;

CREATE TABLE challenges (
    id uuid PRIMARY KEY,
    reference text NOT NULL UNIQUE,
    theme text NOT NULL,
    title text NOT NULL,
    description text NOT NULL,
    status text NOT NULL,
    lead_actor_id uuid,
    automatic boolean NOT NULL,
    county_codes text[] NOT NULL DEFAULT '{}',
    cross_county boolean NOT NULL DEFAULT false,
    establishment_ids uuid[] NOT NULL DEFAULT '{}',
    merged_into uuid REFERENCES challenges (id),
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    change_seq bigint NOT NULL DEFAULT nextval('change_seq')
);

CREATE INDEX challenges_theme_status ON challenges (theme, status);
CREATE INDEX challenges_change_seq ON challenges (change_seq);

CREATE TABLE needs (
    id uuid PRIMARY KEY,
    reference text NOT NULL,
    theme text NOT NULL,
    title text NOT NULL,
    description text NOT NULL,
    municipality_codes text[] NOT NULL,
    county_codes text[] NOT NULL,
    establishment_id uuid,
    status text NOT NULL,
    challenge_id uuid REFERENCES challenges (id),
    score double precision,
    automatic boolean,
    features text[] NOT NULL,
    weights real[] NOT NULL,
    submitted_at timestamptz NOT NULL,
    change_seq bigint NOT NULL DEFAULT nextval('change_seq')
);

CREATE INDEX needs_challenge ON needs (challenge_id);
CREATE INDEX needs_change_seq ON needs (change_seq);

CREATE TABLE efforts (
    id uuid PRIMARY KEY,
    title text NOT NULL,
    lead_actor_id uuid NOT NULL,
    status text NOT NULL,
    start_date date NOT NULL,
    end_date date NOT NULL,
    budget_sek numeric(16, 2) NOT NULL CHECK (budget_sek >= 0),
    funding_assignment text,
    progress_percent integer NOT NULL DEFAULT 0 CHECK (progress_percent BETWEEN 0 AND 100),
    progress_note text,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CHECK (end_date >= start_date)
);

CREATE INDEX efforts_assignment ON efforts (funding_assignment);

CREATE TABLE effort_challenges (
    effort_id uuid NOT NULL REFERENCES efforts (id),
    challenge_id uuid NOT NULL REFERENCES challenges (id),
    PRIMARY KEY (effort_id, challenge_id)
);

CREATE INDEX effort_challenges_challenge ON effort_challenges (challenge_id);

CREATE TABLE effort_participants (
    effort_id uuid NOT NULL REFERENCES efforts (id),
    actor_id uuid NOT NULL,
    role text NOT NULL,
    PRIMARY KEY (effort_id, actor_id, role)
);

CREATE TABLE expenditures (
    id uuid PRIMARY KEY,
    effort_id uuid NOT NULL REFERENCES efforts (id),
    date date NOT NULL,
    amount_sek numeric(16, 2) NOT NULL CHECK (amount_sek > 0),
    category text NOT NULL,
    description text,
    recorded_at timestamptz NOT NULL
);

CREATE INDEX expenditures_effort ON expenditures (effort_id, date);

CREATE TABLE indicators (
    effort_id uuid NOT NULL REFERENCES efforts (id),
    name text NOT NULL,
    unit text NOT NULL,
    baseline numeric NOT NULL,
    target numeric NOT NULL,
    actual numeric,
    PRIMARY KEY (effort_id, name)
);
