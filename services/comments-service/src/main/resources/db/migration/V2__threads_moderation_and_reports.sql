-- Comments get threads, authors from access tokens, statuses (moderation and soft deletion) and edits; the
-- placeholder's free-text author becomes the author's name, its body the text. Comments written before authors came
-- from tokens keep an empty author id: nobody can edit them, staff can delete them.
ALTER TABLE comments RENAME COLUMN author TO author_name;
ALTER TABLE comments RENAME COLUMN body TO text;
ALTER TABLE comments
    ALTER COLUMN text TYPE TEXT,
    ALTER COLUMN text DROP NOT NULL,
    ADD COLUMN parent_id         BIGINT REFERENCES comments (id) ON DELETE CASCADE,
    ADD COLUMN author_id         VARCHAR(100) NOT NULL DEFAULT '',
    ADD COLUMN status            VARCHAR(16)  NOT NULL DEFAULT 'VISIBLE'
        CHECK (status IN ('VISIBLE', 'FLAGGED', 'REMOVED', 'DELETED')),
    ADD COLUMN edited            BOOLEAN      NOT NULL DEFAULT FALSE,
    -- Replies still shown: not deleted, or deleted but with replies of their own (kept up to date by the service).
    ADD COLUMN reply_count       INT          NOT NULL DEFAULT 0 CHECK (reply_count >= 0),
    ADD COLUMN moderation_reason VARCHAR(1000),
    ADD COLUMN moderated_by      VARCHAR(100),
    ADD COLUMN moderated_at      TIMESTAMPTZ,
    ADD COLUMN flagged_at        TIMESTAMPTZ,
    ADD COLUMN updated_at        TIMESTAMPTZ,
    ADD COLUMN deleted_at        TIMESTAMPTZ;

UPDATE comments SET updated_at = created_at;

ALTER TABLE comments
    ALTER COLUMN updated_at SET NOT NULL,
    ALTER COLUMN author_id DROP DEFAULT,
    ALTER COLUMN status DROP DEFAULT;

DROP INDEX comments_media_id_idx;
CREATE INDEX comments_media_top_level_idx ON comments (media_id, created_at) WHERE parent_id IS NULL;
CREATE INDEX comments_parent_idx ON comments (parent_id, created_at);
-- The rate limit counts an author's newest comments; the counts per user read the same index.
CREATE INDEX comments_author_created_idx ON comments (author_id, created_at);
CREATE INDEX comments_flagged_idx ON comments (flagged_at, id) WHERE status = 'FLAGGED';
CREATE INDEX comments_created_idx ON comments (created_at);

-- One report per user and comment.
CREATE TABLE comment_reports (
    comment_id  BIGINT        NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    reporter_id VARCHAR(100)  NOT NULL,
    reason      VARCHAR(1000) NOT NULL,
    created_at  TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (comment_id, reporter_id)
);

-- Media items media-service announced as deleted: no comment on them is accepted any more.
CREATE TABLE deleted_media (
    media_id   BIGINT PRIMARY KEY,
    deleted_at TIMESTAMPTZ NOT NULL
);
