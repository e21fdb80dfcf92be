-- What broadcasts need to know about users, from the compacted user-contacts.v1: that the
-- user exists and their free attributes (e.g. plan=pro). A tombstone deletes the row.
CREATE TABLE contacts (
	user_id text PRIMARY KEY,
	attributes jsonb NOT NULL DEFAULT '{}',
	updated_at timestamptz NOT NULL
);

CREATE INDEX contacts_attributes ON contacts USING gin (attributes jsonb_path_ops);

-- System announcements to many users. A scheduler claims due rows (FOR UPDATE SKIP LOCKED)
-- and holds them by a lease it renews with every batch; the cursor is the position of the
-- last recipient whose event Kafka acknowledged.
CREATE TABLE broadcasts (
	id uuid PRIMARY KEY,
	status text NOT NULL,
	title text NOT NULL,
	body text NOT NULL,
	critical boolean NOT NULL DEFAULT false,
	audience_type text NOT NULL,
	audience_user_ids text[],
	audience_attribute text,
	audience_value text,
	scheduled_at timestamptz NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now(),
	started_at timestamptz,
	completed_at timestamptz,
	total int,
	sent int NOT NULL DEFAULT 0,
	cursor_position int NOT NULL DEFAULT 0,
	claimed_by uuid,
	lease_until timestamptz,
	failed_attempts int NOT NULL DEFAULT 0,
	failure text
);

CREATE INDEX broadcasts_pending ON broadcasts (scheduled_at) WHERE status IN ('SCHEDULED', 'RUNNING');
CREATE INDEX broadcasts_created ON broadcasts (created_at DESC, id DESC);

-- The recipients of a running broadcast, numbered when it starts; deleted when it ends.
CREATE TABLE broadcast_recipients (
	broadcast_id uuid NOT NULL REFERENCES broadcasts (id) ON DELETE CASCADE,
	position int NOT NULL,
	user_id text NOT NULL,
	PRIMARY KEY (broadcast_id, position)
);

CREATE INDEX broadcast_recipients_user ON broadcast_recipients (user_id);

-- When a notification was last marked read, for the read-per-day statistics.
ALTER TABLE notifications ADD COLUMN read_at timestamptz;

CREATE INDEX notifications_read_at ON notifications (read_at) WHERE read_at IS NOT NULL;

-- Events the pipeline dropped, per UTC day and reason (survives restarts, unlike metrics).
CREATE TABLE drop_counts (
	day date NOT NULL,
	reason text NOT NULL,
	count bigint NOT NULL,
	PRIMARY KEY (day, reason)
);
