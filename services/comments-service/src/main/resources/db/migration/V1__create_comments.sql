CREATE TABLE comments (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    media_id   BIGINT        NOT NULL,
    author     VARCHAR(100)  NOT NULL,
    body       VARCHAR(1000) NOT NULL,
    created_at TIMESTAMPTZ   NOT NULL
);

CREATE INDEX comments_media_id_idx ON comments (media_id, id);
