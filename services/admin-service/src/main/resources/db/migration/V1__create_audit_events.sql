CREATE TABLE audit_events (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor       VARCHAR(100) NOT NULL,
    action      VARCHAR(100) NOT NULL,
    target      VARCHAR(200) NOT NULL,
    occurred_at TIMESTAMPTZ  NOT NULL
);

-- The audit log is append-only: rows can be written and read, never changed.
CREATE FUNCTION audit_events_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only';
END;
$$;

CREATE TRIGGER audit_events_append_only
    BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_are_append_only();
