-- The W3C trace context of the request that made the change, sent as the Kafka record's traceparent/tracestate
-- headers so the audit ingest continues that trace (docs/events/README.md). Null for rows written before this
-- migration and for changes made outside a request (bootstrap): their records carry no trace headers.
ALTER TABLE outbox_event
    ADD COLUMN traceparent varchar(55),   -- version-traceid-spanid-flags, 55 characters in version 00
    ADD COLUMN tracestate  varchar(512);  -- the W3C limit a propagator must keep is 512 characters
