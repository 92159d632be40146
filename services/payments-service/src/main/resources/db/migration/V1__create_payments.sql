CREATE TABLE payments (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    amount_cents INTEGER     NOT NULL CHECK (amount_cents BETWEEN 50 AND 100000),
    currency     VARCHAR(3)  NOT NULL CHECK (currency IN ('USD', 'EUR', 'GBP', 'CAD')),
    status       VARCHAR(16) NOT NULL CHECK (status IN ('PENDING', 'COMPLETED', 'FAILED', 'CANCELLED', 'REFUNDED')),
    created_at   TIMESTAMPTZ NOT NULL
);
