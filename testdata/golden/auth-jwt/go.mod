module example.com/shop

go 1.26.0

require (
	cloud.google.com/go/datastore v1.28.1
	github.com/casbin/casbin/v2 v2.135.0
	github.com/go-chi/chi/v5 v5.2.3
	github.com/go-jose/go-jose/v4 v4.1.9
	github.com/google/uuid v1.6.0
	github.com/rs/cors v1.11.1
)
