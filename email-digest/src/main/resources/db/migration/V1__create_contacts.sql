-- Copy of user-contacts.v1 (compacted): where and how to reach each user.
CREATE TABLE contacts (
    user_id      text PRIMARY KEY,
    email        text,
    display_name text,
    locale       text,
    time_zone    text,
    updated_at   timestamptz NOT NULL
);
