-- Transactional outbox. The first five columns follow Debezium's outbox event router convention, so the relay
-- can be swapped for Debezium without touching the domain code (see docs/outbox.md).
CREATE TABLE outbox_event (
    id            uuid         PRIMARY KEY,            -- = ce_id = data.event_id
    aggregatetype varchar(50)  NOT NULL,               -- = resource_type
    aggregateid   varchar(64)  NOT NULL,               -- = resource_id ('' when there is none)
    type          varchar(50)  NOT NULL,               -- = ce_type
    payload       text         NOT NULL,               -- the CloudEvents data, exactly the bytes sent
    -- Kafka record key "<resource_type>:<resource_id>"; Debezium: table.field.event.key=event_key
    event_key     varchar(120) GENERATED ALWAYS AS (aggregatetype || ':' || aggregateid) STORED,
    seq           bigserial    NOT NULL UNIQUE,        -- insertion order; per aggregate it is commit order
    occurred_at   timestamptz  NOT NULL,               -- = ce_time
    created_at    timestamptz  NOT NULL DEFAULT now(),
    sent_at       timestamptz                          -- set after Kafka acknowledged the record
);
-- The relay's scan: pending rows in order. Partial, so it stays small however many sent rows wait for purge.
CREATE INDEX outbox_event_pending_idx ON outbox_event (seq) WHERE sent_at IS NULL;
CREATE INDEX outbox_event_sent_idx ON outbox_event (sent_at) WHERE sent_at IS NOT NULL;

-- Wakes the relays (LISTEN pjctrl_outbox) when a transaction that wrote outbox rows commits; PostgreSQL
-- delivers notifications only on commit and folds identical ones within a transaction.
CREATE FUNCTION outbox_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('pjctrl_outbox', '');
    RETURN NULL;
END;
$$;
CREATE TRIGGER outbox_event_notify AFTER INSERT ON outbox_event
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_notify();
