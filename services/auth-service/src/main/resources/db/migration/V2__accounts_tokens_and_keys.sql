-- Accounts get a password, a role and a status. Rows made before passwords existed keep a null hash and cannot log in.
ALTER TABLE users
    ADD COLUMN password_hash VARCHAR(100),
    ADD COLUMN role          VARCHAR(20)  NOT NULL DEFAULT 'USER' CHECK (role IN ('USER', 'MODERATOR', 'ADMIN')),
    ADD COLUMN status        VARCHAR(20)  NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'SUSPENDED', 'BANNED')),
    ADD COLUMN status_reason VARCHAR(500),
    ADD COLUMN updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now();

CREATE INDEX users_role_status_idx ON users (role, status);

-- Refresh tokens are stored as SHA-256 hashes only. Each login starts a family; every refresh replaces the token with a
-- new one of the same family, and presenting a replaced token again (a stolen copy) revokes the whole family.
CREATE TABLE refresh_tokens (
    id          UUID         PRIMARY KEY,
    user_id     BIGINT       NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    family_id   UUID         NOT NULL,
    token_hash  CHAR(64)     NOT NULL UNIQUE,
    created_at  TIMESTAMPTZ  NOT NULL,
    expires_at  TIMESTAMPTZ  NOT NULL,
    replaced_at TIMESTAMPTZ,
    revoked_at  TIMESTAMPTZ
);

CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_expires_idx ON refresh_tokens (expires_at);

-- The keys access tokens are signed with. Every replica signs with the newest and publishes all that are not retired
-- (a retired key's tokens have all expired). Only auth-service's own database role can read the private halves.
CREATE TABLE signing_keys (
    kid         VARCHAR(64)  PRIMARY KEY,
    algorithm   VARCHAR(16)  NOT NULL,
    public_key  BYTEA        NOT NULL,
    private_key BYTEA        NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    retired_at  TIMESTAMPTZ
);
