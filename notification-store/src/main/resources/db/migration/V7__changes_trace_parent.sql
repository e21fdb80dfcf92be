-- The W3C traceparent of the span that wrote a change (an event's in the pipeline, a
-- request's in the API): the relay publishes the change with it, so one trace follows an
-- event from ingest to the gateways' frames. NULL when nothing was traced.
ALTER TABLE changes ADD COLUMN trace_parent text;
