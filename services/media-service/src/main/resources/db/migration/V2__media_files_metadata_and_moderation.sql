-- Media items become files with metadata, an owner, moderation and a thumbnail.
-- Rows of the placeholder API had no file, so nothing could ever be served for them: they go.
DELETE FROM media_items;

ALTER TABLE media_items
    ADD COLUMN owner_id               BIGINT        NOT NULL,
    ADD COLUMN description            VARCHAR(5000),
    ADD COLUMN categories             VARCHAR(50)[] NOT NULL DEFAULT '{}',
    ADD COLUMN content_type           VARCHAR(100)  NOT NULL,
    ADD COLUMN size_bytes             BIGINT        NOT NULL CHECK (size_bytes >= 0),
    ADD COLUMN content_hash           CHAR(64)      NOT NULL,
    ADD COLUMN storage_key            VARCHAR(200)  NOT NULL UNIQUE,
    ADD COLUMN original_filename      VARCHAR(255),
    ADD COLUMN width                  INTEGER,
    ADD COLUMN height                 INTEGER,
    ADD COLUMN duration_millis        BIGINT,
    ADD COLUMN status                 VARCHAR(16)   NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
    ADD COLUMN rejection_reason       VARCHAR(1000),
    ADD COLUMN moderated_by           BIGINT,
    ADD COLUMN moderated_at           TIMESTAMPTZ,
    ADD COLUMN thumbnail_status       VARCHAR(16)   NOT NULL
        CHECK (thumbnail_status IN ('PENDING', 'READY', 'FAILED', 'UNSUPPORTED')),
    ADD COLUMN thumbnail_content_type VARCHAR(100),
    ADD COLUMN thumbnail_size         BIGINT,
    ADD COLUMN thumbnail_hash         CHAR(64),
    ADD COLUMN thumbnail_created_at   TIMESTAMPTZ,
    ADD COLUMN thumbnail_attempts     INTEGER       NOT NULL DEFAULT 0,
    ADD COLUMN thumbnail_claimed_until TIMESTAMPTZ,
    ADD COLUMN updated_at             TIMESTAMPTZ   NOT NULL DEFAULT now(),
    -- Full-text search over title (weighted higher) and description.
    ADD COLUMN search_vector          TSVECTOR GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A')
            || setweight(to_tsvector('english', coalesce(description, '')), 'B')) STORED;

-- Listings: what anyone sees (approved, newest first), an owner's own, full text, categories.
CREATE INDEX media_items_status_created_idx ON media_items (status, created_at DESC, id DESC);
CREATE INDEX media_items_owner_created_idx ON media_items (owner_id, created_at DESC, id DESC);
CREATE INDEX media_items_search_idx ON media_items USING GIN (search_vector);
CREATE INDEX media_items_categories_idx ON media_items USING GIN (categories);
-- The thumbnail worker's queue.
CREATE INDEX media_items_thumbnail_pending_idx ON media_items (id) WHERE thumbnail_status = 'PENDING';
