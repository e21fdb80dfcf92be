-- Which instance (herald.kafka.instance-id) and which run of it wrote an e-mail's intent:
-- an instance that starts again settles what its previous run left queued or sending at
-- once, instead of after scheduler.stale-after. Null for rows written before, or by an
-- instance without a name (those wait for stale-after, as before).
ALTER TABLE email_log ADD COLUMN instance_id text, ADD COLUMN run_id uuid;
CREATE INDEX email_log_in_flight_by_instance ON email_log (instance_id) WHERE status IN ('queued', 'sending');
