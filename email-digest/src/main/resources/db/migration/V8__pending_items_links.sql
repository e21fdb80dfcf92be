-- What a notification carries besides its text, for the e-mail's lines: the URL it opens
-- (linked instead of content_url when it is http(s)), its latest comment's id and its
-- latest event's attributes. Rows written before have none.
ALTER TABLE pending_items
    ADD COLUMN action_url text,
    ADD COLUMN comment_id text,
    ADD COLUMN attributes jsonb NOT NULL DEFAULT '{}';
