-- V1's table was a placeholder (amounts without a user, nothing ever charged): replaced by the real schema.
DROP TABLE payments;

-- Saved cards: never the full number nor the CVC, only what the provider's token stands for.
CREATE TABLE payment_methods (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id        BIGINT       NOT NULL,
    provider       VARCHAR(20)  NOT NULL,
    provider_token VARCHAR(200) NOT NULL,
    brand          VARCHAR(20)  NOT NULL,
    last4          CHAR(4)      NOT NULL,
    exp_month      INTEGER      NOT NULL CHECK (exp_month BETWEEN 1 AND 12),
    exp_year       INTEGER      NOT NULL,
    is_default     BOOLEAN      NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL
);

CREATE INDEX payment_methods_user_idx ON payment_methods (user_id, id);
-- At most one default method per user.
CREATE UNIQUE INDEX payment_methods_one_default_idx ON payment_methods (user_id) WHERE is_default;

CREATE TABLE subscriptions (
    id                   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id              BIGINT       NOT NULL,
    plan_id              VARCHAR(50)  NOT NULL,
    plan_name            VARCHAR(100) NOT NULL,
    price                INTEGER      NOT NULL CHECK (price > 0),
    currency             VARCHAR(3)   NOT NULL CHECK (currency IN ('USD', 'EUR', 'GBP', 'CAD')),
    period               VARCHAR(20)  NOT NULL,
    status               VARCHAR(16)  NOT NULL CHECK (status IN ('ACTIVE', 'PAST_DUE', 'CANCELLED', 'EXPIRED')),
    cancel_at_period_end BOOLEAN      NOT NULL DEFAULT FALSE,
    current_period_start TIMESTAMPTZ  NOT NULL,
    current_period_end   TIMESTAMPTZ  NOT NULL,
    renewal_attempts     INTEGER      NOT NULL DEFAULT 0,
    next_renewal_at      TIMESTAMPTZ  NOT NULL,
    created_at           TIMESTAMPTZ  NOT NULL,
    updated_at           TIMESTAMPTZ  NOT NULL,
    ended_at             TIMESTAMPTZ
);

CREATE INDEX subscriptions_user_idx ON subscriptions (user_id, id);
CREATE INDEX subscriptions_due_idx ON subscriptions (next_renewal_at) WHERE status IN ('ACTIVE', 'PAST_DUE');
-- One live subscription per user and plan.
CREATE UNIQUE INDEX subscriptions_one_live_idx ON subscriptions (user_id, plan_id)
    WHERE status IN ('ACTIVE', 'PAST_DUE');

CREATE TABLE payments (
    id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id             BIGINT       NOT NULL,
    amount              INTEGER      NOT NULL CHECK (amount BETWEEN 50 AND 100000),
    currency            VARCHAR(3)   NOT NULL CHECK (currency IN ('USD', 'EUR', 'GBP', 'CAD')),
    status              VARCHAR(16)  NOT NULL CHECK (status IN ('PENDING', 'REQUIRES_ACTION', 'COMPLETED', 'FAILED',
                                                                'CANCELLED', 'REFUNDED')),
    refunded_amount     INTEGER      NOT NULL DEFAULT 0,
    description         VARCHAR(500) NOT NULL,
    media_id            BIGINT,
    subscription_id     BIGINT REFERENCES subscriptions (id),
    payment_method_id   BIGINT,
    card_brand          VARCHAR(20),
    card_last4          CHAR(4),
    provider            VARCHAR(20)  NOT NULL,
    provider_payment_id VARCHAR(200) UNIQUE,
    failure_reason      VARCHAR(500),
    created_at          TIMESTAMPTZ  NOT NULL,
    updated_at          TIMESTAMPTZ  NOT NULL,
    completed_at        TIMESTAMPTZ,
    CHECK (refunded_amount BETWEEN 0 AND amount),
    CHECK (status = 'REFUNDED' OR refunded_amount < amount)
);

CREATE INDEX payments_user_idx ON payments (user_id, id);
CREATE INDEX payments_created_idx ON payments (created_at);
CREATE INDEX payments_completed_idx ON payments (completed_at) WHERE completed_at IS NOT NULL;
CREATE INDEX payments_entitlement_idx ON payments (user_id, media_id) WHERE status = 'COMPLETED';

CREATE TABLE refunds (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    payment_id         BIGINT       NOT NULL REFERENCES payments (id),
    amount             INTEGER      NOT NULL CHECK (amount > 0),
    reason             VARCHAR(500),
    provider_refund_id VARCHAR(200) NOT NULL UNIQUE,
    created_by         BIGINT,
    created_at         TIMESTAMPTZ  NOT NULL
);

CREATE INDEX refunds_payment_idx ON refunds (payment_id, id);

-- The first answer to each Idempotency-Key of a user and operation, answered again to every repeat.
CREATE TABLE idempotency_keys (
    user_id           BIGINT        NOT NULL,
    operation         VARCHAR(30)   NOT NULL,
    idempotency_key   VARCHAR(255)  NOT NULL,
    request_hash      VARCHAR(64)   NOT NULL,
    response_status   INTEGER       NOT NULL,
    response_body     TEXT          NOT NULL,
    response_location VARCHAR(500),
    created_at        TIMESTAMPTZ   NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, operation, idempotency_key)
);

CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

-- Webhook events already processed, so that a replayed one changes nothing.
CREATE TABLE webhook_events (
    provider    VARCHAR(20)  NOT NULL,
    event_id    VARCHAR(200) NOT NULL,
    event_type  VARCHAR(50)  NOT NULL,
    outcome     VARCHAR(20)  NOT NULL,
    received_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, event_id)
);

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
