package generator

import (
	"fmt"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/semver"
)

// mergers reconcile a scaffolded file that the user changed with what lilith
// now wants in it, for the few files that both must change.
var mergers = map[string]func(theirs, want []byte) ([]byte, error){
	"go.mod": mergeGoMod,
}

// mergeGoMod adds to the user's go.mod every requirement of the rendered one
// that it lacks or has at a lower version, and changes nothing else: the
// user's own requirements, replaces and comments stay. Requirements that
// are no longer needed are left for 'go mod tidy', which lilith runs after
// changing go.mod.
func mergeGoMod(theirs, want []byte) ([]byte, error) {
	f, err := modfile.Parse("go.mod", theirs, nil)
	if err != nil {
		return nil, fmt.Errorf("parse your go.mod: %w", err)
	}
	w, err := modfile.Parse("go.mod", want, nil)
	if err != nil {
		return nil, fmt.Errorf("parse generated go.mod: %w", err)
	}
	have := map[string]string{}
	for _, r := range f.Require {
		have[r.Mod.Path] = r.Mod.Version
	}
	for _, r := range w.Require {
		v, ok := have[r.Mod.Path]
		switch {
		case !ok:
			f.AddNewRequire(r.Mod.Path, r.Mod.Version, r.Indirect)
		case semver.Compare(v, r.Mod.Version) < 0:
			if err := f.AddRequire(r.Mod.Path, r.Mod.Version); err != nil {
				return nil, fmt.Errorf("require %s %s: %w", r.Mod.Path, r.Mod.Version, err)
			}
		}
	}
	f.Cleanup()
	return f.Format()
}
