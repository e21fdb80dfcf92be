-- Seen besides read, archive, and the event's links and data on every notification.
-- A notification that exists already counts as seen when it was read and unseen when not,
-- so each user's new unseen count starts equal to their unread count. Only unread rows are
-- rewritten; the other new columns have constant defaults (no table rewrite).
ALTER TABLE notifications
	ADD COLUMN seen boolean NOT NULL DEFAULT true,
	ADD COLUMN archived boolean NOT NULL DEFAULT false,
	ADD COLUMN comment_id text,
	ADD COLUMN action_url text,
	ADD COLUMN attributes jsonb NOT NULL DEFAULT '{}';
UPDATE notifications SET seen = false WHERE NOT read;
ALTER TABLE notifications ALTER COLUMN seen SET DEFAULT false;

-- The exact number of notifications that are neither seen nor archived, kept like
-- unread_count (neither read nor archived): changed only under this row's lock.
ALTER TABLE user_state ADD COLUMN unseen_count int NOT NULL DEFAULT 0 CHECK (unseen_count >= 0);
UPDATE user_state SET unseen_count = unread_count WHERE unread_count > 0;

-- Archived pages. Archiving is rare and the predicate column changes only then, so marking
-- read or seen stays a HOT update.
CREATE INDEX notifications_archived ON notifications (user_id, created_at DESC, id DESC) WHERE archived;
