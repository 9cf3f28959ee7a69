module example.com/shop

go 1.26.0

require (
	cloud.google.com/go/datastore v1.28.1
	github.com/go-chi/chi/v5 v5.2.3
	github.com/google/uuid v1.6.0
	github.com/jackc/pgx/v5 v5.13.0
	github.com/pressly/goose/v3 v3.30.1
	github.com/rs/cors v1.11.1
)
