-- Every event reporting consumed, once, so the read models can be rebuilt from it.
CREATE TABLE event_log (
    seq           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id      uuid        NOT NULL UNIQUE,
    message_type  text        NOT NULL,
    occurred_at   timestamptz NOT NULL,
    received_at   timestamptz NOT NULL DEFAULT now(),
    payload       jsonb       NOT NULL
);

CREATE INDEX ix_event_log_occurred_at ON event_log (occurred_at);

-- Read models. They are fed only by events and must not depend on the order events arrive in: every field group
-- carries the time of the event that set it and a later event wins (last writer wins by OccurredAt), sets only grow,
-- and a row may exist before the event that creates it (its details are then null and it is not counted).
CREATE TABLE rm_establishments (
    id                 uuid PRIMARY KEY,
    company_actor_id   uuid    NOT NULL,
    name               text    NOT NULL,
    sector             text    NOT NULL,
    municipality_code  text    NOT NULL,
    county_code        text    NOT NULL,
    investment_sek     numeric(20, 2),
    expected_jobs      integer,
    phase              text    NOT NULL,
    version            integer NOT NULL
);

CREATE TABLE rm_forums (
    id                 uuid PRIMARY KEY,
    name               text,
    scope              text,
    convenor_actor_id  uuid,
    created_at         timestamptz
);

CREATE TABLE rm_forum_members (
    forum_id  uuid        NOT NULL,
    actor_id  uuid        NOT NULL,
    role      text        NOT NULL,
    role_at   timestamptz NOT NULL,
    PRIMARY KEY (forum_id, actor_id)
);

CREATE TABLE rm_meetings (
    id                   uuid PRIMARY KEY,
    forum_id             uuid,
    date                 date   NOT NULL,
    title                text   NOT NULL,
    attending_actor_ids  uuid[] NOT NULL,
    need_ids             uuid[] NOT NULL,
    challenge_ids        uuid[] NOT NULL
);

CREATE INDEX ix_rm_meetings_date ON rm_meetings (date);

-- A need's status is derived from independent registers, so it is the same whatever order its events came in:
-- closing (withdrawn or resolved) wins, then rejection, then a link to a challenge, then acceptance.
CREATE TABLE rm_needs (
    id                  uuid PRIMARY KEY,
    reference           text,
    title               text,
    theme               text,
    theme_at            timestamptz,
    submitted_by        uuid,
    submitter_kind      text,
    establishment_id    uuid,
    municipality_codes  text[],
    counties            text,
    urgency             text,
    submitted_at        timestamptz,
    decision            text,
    decision_at         timestamptz,
    closed              text,
    closed_at           timestamptz,
    challenge_id        uuid,
    challenge_at        timestamptz,
    status              text GENERATED ALWAYS AS (
        CASE
            WHEN closed IS NOT NULL THEN closed
            WHEN decision = 'reject' THEN 'rejected'
            WHEN challenge_id IS NOT NULL THEN 'linked'
            WHEN decision = 'accept' THEN 'accepted'
            ELSE 'submitted'
        END) STORED
);

CREATE INDEX ix_rm_needs_submitted_at ON rm_needs (submitted_at);

-- Counts kept by a trigger, so the reports never scan the needs: needs by theme, status and counties (e.g. '24,25'),
-- and the needs that count for a challenge (linked, neither rejected nor withdrawn) by counties.
CREATE TABLE rm_need_counts (
    theme     text   NOT NULL,
    status    text   NOT NULL,
    counties  text   NOT NULL,
    n         bigint NOT NULL,
    PRIMARY KEY (theme, status, counties)
);

CREATE TABLE rm_challenge_need_counts (
    challenge_id  uuid   NOT NULL,
    counties      text   NOT NULL,
    n             bigint NOT NULL,
    PRIMARY KEY (challenge_id, counties)
);

CREATE FUNCTION rm_need_counts_add(need rm_needs, delta integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO rm_need_counts AS c (theme, status, counties, n) VALUES (need.theme, need.status, need.counties, delta)
    ON CONFLICT (theme, status, counties) DO UPDATE SET n = c.n + excluded.n;
    IF need.challenge_id IS NOT NULL AND need.status NOT IN ('rejected', 'withdrawn') THEN
        INSERT INTO rm_challenge_need_counts AS c (challenge_id, counties, n) VALUES (need.challenge_id, need.counties, delta)
        ON CONFLICT (challenge_id, counties) DO UPDATE SET n = c.n + excluded.n;
    END IF;
END;
$$;

CREATE FUNCTION rm_needs_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.reference IS NOT NULL THEN
        PERFORM rm_need_counts_add(OLD, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.reference IS NOT NULL THEN
        PERFORM rm_need_counts_add(NEW, 1);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER rm_needs_counted_insert AFTER INSERT OR DELETE ON rm_needs
    FOR EACH ROW EXECUTE FUNCTION rm_needs_counted();

CREATE TRIGGER rm_needs_counted_update AFTER UPDATE ON rm_needs
    FOR EACH ROW
    WHEN (OLD.reference IS DISTINCT FROM NEW.reference OR OLD.theme IS DISTINCT FROM NEW.theme OR OLD.status IS DISTINCT FROM NEW.status
          OR OLD.counties IS DISTINCT FROM NEW.counties OR OLD.challenge_id IS DISTINCT FROM NEW.challenge_id)
    EXECUTE FUNCTION rm_needs_counted();

-- Recounts from the needs themselves: after a bulk load with the triggers disabled.
CREATE FUNCTION rm_need_counts_recount() RETURNS void LANGUAGE sql AS $$
    DELETE FROM rm_need_counts;
    DELETE FROM rm_challenge_need_counts;
    INSERT INTO rm_need_counts (theme, status, counties, n)
    SELECT theme, status, counties, count(*) FROM rm_needs WHERE reference IS NOT NULL GROUP BY 1, 2, 3;
    INSERT INTO rm_challenge_need_counts (challenge_id, counties, n)
    SELECT challenge_id, counties, count(*) FROM rm_needs
    WHERE reference IS NOT NULL AND challenge_id IS NOT NULL AND status NOT IN ('rejected', 'withdrawn') GROUP BY 1, 2;
$$;

CREATE TABLE rm_challenges (
    id             uuid PRIMARY KEY,
    reference      text,
    theme          text,
    title          text,
    identified_at  timestamptz,
    status         text,
    status_at      timestamptz,
    merged_into    uuid
);

CREATE TABLE rm_efforts (
    id                  uuid PRIMARY KEY,
    title               text,
    challenge_ids       uuid[],
    lead_actor_id       uuid,
    start_date          date,
    end_date            date,
    budget_sek          numeric(20, 2),
    funding_assignment  text,
    launched_at         timestamptz,
    status              text,
    status_at           timestamptz,
    progress_percent    integer,
    progress_at         timestamptz,
    completed_on        date
);

CREATE INDEX ix_rm_efforts_funding_assignment ON rm_efforts (funding_assignment);

CREATE TABLE rm_expenditures (
    id                  uuid PRIMARY KEY,
    effort_id           uuid           NOT NULL,
    date                date           NOT NULL,
    amount_sek          numeric(20, 2) NOT NULL,
    category            text           NOT NULL,
    description         text,
    funding_assignment  text
);

CREATE INDEX ix_rm_expenditures_effort_id ON rm_expenditures (effort_id);

-- Owned by reporting (not rebuilt from events).
CREATE TABLE assignments (
    reference         text PRIMARY KEY,
    title             text           NOT NULL,
    decision_date     date           NOT NULL,
    report_due_date   date           NOT NULL,
    appropriation     text           NOT NULL,
    expenditure_area  text,
    budget_year       integer        NOT NULL,
    budget_sek        numeric(20, 2) NOT NULL,
    created_at        timestamptz    NOT NULL DEFAULT now()
);

INSERT INTO assignments (reference, title, decision_date, report_due_date, appropriation, expenditure_area, budget_year, budget_sek)
VALUES ('KN2023/03505',
        'Uppdrag att samordna och stödja den nya industrialiseringen i Norrbotten och Västerbotten',
        DATE '2023-06-22', DATE '2024-01-31',
        'Anslag 1:4 Tillväxtverket', 'Utgiftsområde 24 Näringsliv', 2023, 4000000.00);

CREATE TABLE lessons (
    id             uuid PRIMARY KEY,
    title          text        NOT NULL,
    text           text        NOT NULL,
    target_groups  text[]      NOT NULL,
    effort_ids     uuid[]      NOT NULL,
    challenge_ids  uuid[]      NOT NULL,
    published      boolean     NOT NULL,
    published_at   timestamptz,
    created_at     timestamptz NOT NULL,
    created_by     text        NOT NULL,
    version        integer     NOT NULL DEFAULT 1
);

CREATE INDEX ix_lessons_created_at ON lessons (created_at DESC, id);
