CREATE TABLE establishments (
    id                    uuid          PRIMARY KEY,
    company_actor_id      uuid          NOT NULL REFERENCES actors (id),
    name                  text          NOT NULL,
    search_name           text          NOT NULL,
    sector                text          NOT NULL,
    municipality_code     text          NOT NULL REFERENCES municipalities (code),
    investment_sek        numeric(18,2) NULL,
    expected_jobs         integer       NULL,
    phase                 text          NOT NULL,
    announced_on          date          NULL,
    expected_operation_on date          NULL,
    version               integer       NOT NULL DEFAULT 1,
    created_at            timestamptz   NOT NULL DEFAULT now(),
    updated_at            timestamptz   NOT NULL DEFAULT now()
);

CREATE INDEX ix_establishments_company ON establishments (company_actor_id);
CREATE INDEX ix_establishments_municipality ON establishments (municipality_code);
CREATE INDEX ix_establishments_name ON establishments (name, id);

-- Every phase an establishment has been in, with when and by whom.
CREATE TABLE establishment_phases (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    establishment_id uuid        NOT NULL REFERENCES establishments (id),
    phase            text        NOT NULL,
    changed_at       timestamptz NOT NULL,
    changed_by       text        NOT NULL
);

CREATE INDEX ix_establishment_phases_establishment ON establishment_phases (establishment_id, id);

CREATE TABLE forums (
    id                uuid        PRIMARY KEY,
    name              text        NOT NULL,
    purpose           text        NULL,
    scope             text        NOT NULL,
    convenor_actor_id uuid        NULL REFERENCES actors (id),
    created_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE forum_members (
    forum_id  uuid        NOT NULL REFERENCES forums (id),
    actor_id  uuid        NOT NULL REFERENCES actors (id),
    role      text        NOT NULL,
    joined_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (forum_id, actor_id)
);

-- Needs and challenges live in other services: kept here as ids only.
CREATE TABLE meetings (
    id                  uuid        PRIMARY KEY,
    forum_id            uuid        NULL REFERENCES forums (id),
    date                date        NOT NULL,
    title               text        NOT NULL,
    agenda              text        NULL,
    minutes             text        NULL,
    attending_actor_ids uuid[]      NOT NULL DEFAULT '{}',
    need_ids            uuid[]      NOT NULL DEFAULT '{}',
    challenge_ids       uuid[]      NOT NULL DEFAULT '{}',
    created_at          timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX ix_meetings_forum ON meetings (forum_id, date);
CREATE INDEX ix_meetings_date ON meetings (date, id);
