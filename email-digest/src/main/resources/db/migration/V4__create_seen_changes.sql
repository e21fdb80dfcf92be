-- The highest notifications.v1 seq applied per user: replayed changes are skipped.
CREATE TABLE seen_changes (
    user_id  text PRIMARY KEY,
    last_seq bigint NOT NULL
);
