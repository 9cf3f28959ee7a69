-- +goose Up
CREATE TABLE invoices (
    id uuid PRIMARY KEY,
    name text NOT NULL,
    order_id uuid NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    version bigint NOT NULL
);

-- +goose Down
DROP TABLE invoices;
