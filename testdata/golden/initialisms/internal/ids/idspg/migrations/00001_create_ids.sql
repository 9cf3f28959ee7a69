-- +goose Up
CREATE TABLE ids (
    id uuid PRIMARY KEY,
    user_ids text NOT NULL,
    ip text NOT NULL,
    api_key_id uuid NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    version bigint NOT NULL
);

-- +goose Down
DROP TABLE ids;
