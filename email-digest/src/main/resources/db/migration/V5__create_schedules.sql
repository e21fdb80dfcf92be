-- When each user with pending items is next looked at by the scheduler.
CREATE TABLE schedules (
    user_id     text PRIMARY KEY,
    next_due_at timestamptz
);
CREATE INDEX schedules_due ON schedules (next_due_at) WHERE next_due_at IS NOT NULL;
