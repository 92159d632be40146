CREATE TABLE albums (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_id       BIGINT        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title          VARCHAR(200)  NOT NULL,
    description    VARCHAR(2000) NOT NULL DEFAULT '',
    status         VARCHAR(20)   NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED', 'ARCHIVED')),
    visibility     VARCHAR(20)   NOT NULL CHECK (visibility IN ('PUBLIC', 'PRIVATE')),
    cover_media_id BIGINT,
    created_at     TIMESTAMPTZ   NOT NULL,
    updated_at     TIMESTAMPTZ   NOT NULL,
    version        INTEGER       NOT NULL,
    search         TSVECTOR GENERATED ALWAYS AS (
                       setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', description), 'B')
                   ) STORED
);

CREATE INDEX albums_owner_idx ON albums (owner_id, id DESC);
CREATE INDEX albums_public_idx ON albums (id DESC) WHERE status = 'PUBLISHED' AND visibility = 'PUBLIC';
CREATE INDEX albums_search_idx ON albums USING GIN (search);

-- Media items live in media-service; an album keeps their ids in the owner's order.
CREATE TABLE album_items (
    album_id BIGINT      NOT NULL REFERENCES albums (id) ON DELETE CASCADE,
    media_id BIGINT      NOT NULL,
    position INTEGER     NOT NULL,
    added_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (album_id, media_id)
);

CREATE INDEX album_items_media_idx ON album_items (media_id);
