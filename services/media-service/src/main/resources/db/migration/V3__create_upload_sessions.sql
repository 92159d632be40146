-- Resumable uploads: the bytes are in a part file on the shared storage, how many there are is here.
CREATE TABLE upload_sessions (
    id             UUID PRIMARY KEY,
    owner_id       BIGINT        NOT NULL,
    filename       VARCHAR(255)  NOT NULL,
    title          VARCHAR(200)  NOT NULL,
    description    VARCHAR(5000),
    categories     VARCHAR(50)[] NOT NULL DEFAULT '{}',
    total_size     BIGINT        NOT NULL CHECK (total_size > 0),
    received_bytes BIGINT        NOT NULL DEFAULT 0,
    content_type   VARCHAR(100),
    status         VARCHAR(16)   NOT NULL CHECK (status IN ('ACTIVE', 'COMPLETED', 'FAILED')),
    failure        VARCHAR(500),
    media_id       BIGINT,
    created_at     TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ   NOT NULL DEFAULT now(),
    expires_at     TIMESTAMPTZ   NOT NULL,
    CHECK (received_bytes BETWEEN 0 AND total_size)
);

-- Quota: the announced sizes of an owner's uploads in progress count.
CREATE INDEX upload_sessions_owner_active_idx ON upload_sessions (owner_id) WHERE status = 'ACTIVE';
CREATE INDEX upload_sessions_expires_idx ON upload_sessions (expires_at);
