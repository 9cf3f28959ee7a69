# lilith's own tasks. `make test` is what CI runs.
GO ?= go

.DEFAULT_GOAL := help

.PHONY: help
help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

.PHONY: build
build: ## build bin/lilith
	$(GO) build -trimpath -o bin/lilith ./cmd/lilith

.PHONY: install
install: ## install lilith into $(go env GOPATH)/bin
	$(GO) install ./cmd/lilith

.PHONY: test
test: vet ## run every test: unit, scripts, golden trees, and the generated projects' own tests
	$(GO) test -race -count=1 -timeout 45m ./...

.PHONY: vet
vet: ## go vet and a gofmt check
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

.PHONY: update
update: ## rewrite golden trees and examples after a template change (then read the diff)
	$(GO) test ./... -update

.PHONY: examples
examples: ## regenerate examples/
	$(GO) test ./cmd/lilith -run 'TestExamples' -update

.PHONY: bench
bench: ## benchmarks of generation and of the generated code (a few minutes; not part of test): writes BENCHMARKS.md
	bash bench/bench.sh

.PHONY: clean
clean: ## remove build output
	rm -rf bin
