package generator

import "flag"

// update is lilith's one test flag: 'go test ./... -update' passes it to
// every package, so each must accept it. This package has nothing to update.
var _ = flag.Bool("update", false, "rewrite golden files (no effect in this package)")
