-- Copy of the digest part of user-preferences.v1 (compacted).
CREATE TABLE preferences (
    user_id        text PRIMARY KEY,
    frequency      text        NOT NULL CHECK (frequency IN ('OFF', 'IMMEDIATE', 'HOURLY', 'DAILY', 'WEEKLY')),
    send_hour      int         NOT NULL CHECK (send_hour BETWEEN 0 AND 23),
    weekday        int         NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    minimum_unread int         NOT NULL CHECK (minimum_unread >= 0),
    time_zone      text        NOT NULL,
    locale         text        NOT NULL,
    updated_at     timestamptz NOT NULL
);
