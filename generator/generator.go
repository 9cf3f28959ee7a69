// Package generator turns a lilith manifest into a project on disk:
// render (manifest to files, pure), plan (files against the disk and the
// hashes the manifest recorded) and apply (all or nothing).
package generator

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Version is the version of lilith, recorded in every manifest it writes.
const Version = "0.1.0"

// Generate renders m and plans the change that brings the tree at root to
// it. recorded holds the hashes from the manifest lilith last wrote (nil for
// a new project). The plan includes the manifest itself, which records the
// hashes of what the plan writes.
func Generate(root string, m *Manifest, recorded map[string]string, force bool) (*Plan, error) {
	files, err := render(m, unchanged(root, recorded))
	if err != nil {
		return nil, err
	}
	plan, err := PlanChanges(root, files, recorded, force)
	if err != nil {
		return nil, err
	}
	next := *m
	next.Lilith = Version
	next.Services = slices.Clone(m.Services)
	next.Files = maps.Clone(plan.Hashes)
	data, err := next.Marshal()
	if err != nil {
		return nil, err
	}
	old, exists, err := readFile(root, ManifestFile)
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(old, data) {
		c := Change{Path: ManifestFile, Action: Update, Old: old, New: data}
		if !exists {
			c.Action = Create
		}
		i, _ := slices.BinarySearchFunc(plan.Changes, c.Path, func(c Change, p string) int { return strings.Compare(c.Path, p) })
		plan.Changes = slices.Insert(plan.Changes, i, c)
	}
	return plan, nil
}

// unchanged returns the test render uses to skip formatting a Go file: the
// raw output of its template is byte for byte the file on disk, and that
// file is what lilith last wrote (its hash is the recorded one). What lilith
// writes is formatted, and formatting formatted code changes nothing, so
// the raw output is the formatted output. Most files of a project are
// unchanged by a command, and their templates render formatted Go.
func unchanged(root string, recorded map[string]string) func(string, []byte) bool {
	return func(p string, raw []byte) bool {
		want, ok := recorded[p]
		if !ok {
			return false
		}
		old, exists, err := readFile(root, p)
		return err == nil && exists && bytes.Equal(old, raw) && Hash(old) == want
	}
}

// ConflictError reports changes that would destroy a user's work.
type ConflictError struct {
	Conflicts []Change
}

func (e *ConflictError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d file(s) would be overwritten:", len(e.Conflicts))
	for _, c := range e.Conflicts {
		fmt.Fprintf(&b, " %s (%s);", c.Path, c.Reason)
	}
	b.WriteString(" nothing was written; move your changes aside, or run again with --force to overwrite them")
	return b.String()
}

// Check returns a *ConflictError when the plan has conflicts.
func (p *Plan) Check() error {
	if c := p.Conflicts(); len(c) > 0 {
		return &ConflictError{Conflicts: c}
	}
	return nil
}
