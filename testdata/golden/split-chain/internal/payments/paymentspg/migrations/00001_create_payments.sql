-- +goose Up
CREATE TABLE payments (
    id uuid PRIMARY KEY,
    name text NOT NULL,
    invoice_id uuid NOT NULL,
    order_id uuid NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    version bigint NOT NULL
);

-- +goose Down
DROP TABLE payments;
