-- Meetings are found by who attended and by the needs and challenges they concern (GET /api/meetings?actor=&need=&challenge=,
-- GET /api/actors/{id}/meetings): array containment over GIN indexes. An actor's forums come from forum_members,
-- whose key starts with the forum: an index by actor serves GET /api/actors/{id}/forums.
CREATE INDEX ix_meetings_attending ON meetings USING gin (attending_actor_ids);
CREATE INDEX ix_meetings_needs ON meetings USING gin (need_ids);
CREATE INDEX ix_meetings_challenges ON meetings USING gin (challenge_ids);
CREATE INDEX ix_forum_members_actor ON forum_members (actor_id);
