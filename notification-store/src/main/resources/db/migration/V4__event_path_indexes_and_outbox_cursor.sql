-- The event path at thousands of events per second on tables with millions of rows: fewer
-- and cheaper indexes per written row, no second write of every change row, no WAL for the
-- spam counters.

-- Unread pages use the inbox index and skip read rows; an index on "read" would turn every
-- mark-read into an index update as well (no HOT update).
DROP INDEX notifications_inbox_unread;

-- The aggregate a reaction or comment joins, and every notification a retracted reaction
-- leaves (read or not). Without "read" in the predicate a mark-read stays a HOT update.
DROP INDEX notifications_open_aggregate;
CREATE INDEX notifications_aggregate ON notifications (user_id, aggregate_key, created_at DESC)
	WHERE aggregate_key IS NOT NULL;

-- Retention scans by age; rows arrive in about that order, so a BRIN index is enough and
-- costs nothing per insert.
DROP INDEX notifications_created;
CREATE INDEX notifications_created ON notifications USING brin (created_at);
DROP INDEX changes_created;
CREATE INDEX changes_created ON changes USING brin (created_at);
DROP INDEX processed_events_processed;
CREATE INDEX processed_events_processed ON processed_events USING brin (processed_at);

-- Room on each page for the new version of a row that is marked read (HOT update).
ALTER TABLE notifications SET (fillfactor = 90);

-- The relay no longer marks each published row: it keeps a cursor (below). published_at
-- stays for one release, for a previous version's relay that runs beside this one during
-- a rolling update; a later migration drops it.
DROP INDEX changes_unpublished;

-- Every change up to this id has been published to notifications.v1 (acknowledged by
-- Kafka). The relay leader keeps it; a new leader starts after it, so a change is at
-- worst published twice, which consumers drop by seq. It starts before the first change
-- the previous relay had not marked published.
CREATE TABLE outbox_cursor (
	id int PRIMARY KEY CHECK (id = 1),
	published_through bigint NOT NULL
);
INSERT INTO outbox_cursor (id, published_through)
SELECT 1, coalesce((SELECT min(id) - 1 FROM changes WHERE published_at IS NULL), (SELECT max(id) FROM changes), 0);

-- Spam counters are rate limits, not data: after a crash of PostgreSQL they start again
-- from zero, which only lets an hour's flood through once.
ALTER TABLE actor_rates SET UNLOGGED;
