-- +goose Up
CREATE TABLE orders (
    id uuid PRIMARY KEY,
    title text NOT NULL,
    notes text NOT NULL,
    qty bigint NOT NULL,
    total bigint NOT NULL,
    price double precision NOT NULL,
    done boolean NOT NULL,
    due timestamptz NOT NULL,
    ref uuid NOT NULL,
    meta jsonb,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    version bigint NOT NULL
);

-- +goose Down
DROP TABLE orders;
