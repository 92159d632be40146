-- Who the acting administrator was by name (the display name in their access token, as it was at the time), and what
-- exactly changed (a JSON object, for example {"status":"BANNED","reason":"spam"}). Both optional: earlier entries
-- have neither. Adding columns fires no row trigger, so the table stays append-only.
ALTER TABLE audit_events
    ADD COLUMN actor_name VARCHAR(100),
    ADD COLUMN details    TEXT CONSTRAINT audit_events_details_is_json_object CHECK (details IS JSON OBJECT);

-- The audit log is searched by actor, action or target, newest first, and by time.
CREATE INDEX audit_events_actor_idx ON audit_events (actor, id);
CREATE INDEX audit_events_action_idx ON audit_events (action, id);
CREATE INDEX audit_events_target_idx ON audit_events (target, id);
CREATE INDEX audit_events_occurred_at_idx ON audit_events (occurred_at);
