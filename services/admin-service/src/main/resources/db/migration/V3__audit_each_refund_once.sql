-- A refund is recorded once, however often the administrator's request is retried with the same idempotency key and
-- payments-service answers with the same refund (AuditLog.recordOnce). A new index fires no row trigger either.
CREATE UNIQUE INDEX audit_events_refund_once_idx ON audit_events (((details::jsonb) ->> 'refundId'))
    WHERE action = 'payment.refunded';
