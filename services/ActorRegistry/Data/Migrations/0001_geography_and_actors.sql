CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE counties (
    code text PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE municipalities (
    code        text PRIMARY KEY,
    name        text NOT NULL,
    county_code text NOT NULL REFERENCES counties (code)
);

CREATE TABLE actors (
    id                  uuid        PRIMARY KEY,
    name                text        NOT NULL,
    -- Lower-case, diacritics removed ("Luleå" -> "lulea"), so search is case- and accent-insensitive.
    search_name         text        NOT NULL,
    kind                text        NOT NULL,
    organisation_number text        NULL UNIQUE,
    municipality_code   text        NULL REFERENCES municipalities (code),
    county_codes        text[]      NOT NULL DEFAULT '{}',
    website             text        NULL,
    contacts            jsonb       NOT NULL DEFAULT '[]',
    active              boolean     NOT NULL DEFAULT true,
    deactivation_reason text        NULL,
    version             integer     NOT NULL DEFAULT 1,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX ix_actors_search_name ON actors USING gin (search_name gin_trgm_ops);
CREATE INDEX ix_actors_kind ON actors (kind);
CREATE INDEX ix_actors_county_codes ON actors USING gin (county_codes);
CREATE INDEX ix_actors_municipality_code ON actors (municipality_code);
CREATE INDEX ix_actors_name ON actors (name, id);
