-- Events to announce on RabbitMQ, written in the transaction of the change they announce (transactional outbox).
CREATE TABLE outbox_events (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id        UUID          NOT NULL UNIQUE,
    exchange        VARCHAR(255)  NOT NULL,
    routing_key     VARCHAR(255)  NOT NULL,
    event_type      VARCHAR(100)  NOT NULL,
    payload         TEXT          NOT NULL,
    created_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    attempts        INTEGER       NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ   NOT NULL DEFAULT now(),
    last_error      VARCHAR(1000)
);

CREATE INDEX outbox_events_due_idx ON outbox_events (next_attempt_at, id);
