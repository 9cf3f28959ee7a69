-- +goose Up
CREATE TABLE orders (
    id uuid PRIMARY KEY,
    title text NOT NULL,
    price double precision NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    version bigint NOT NULL
);

-- +goose Down
DROP TABLE orders;
