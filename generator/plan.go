package generator

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// Action says what applying a change does to one path.
type Action string

// The actions of a plan.
const (
	Create   Action = "create"   // the file is new
	Update   Action = "update"   // lilith's earlier output is replaced
	Delete   Action = "delete"   // lilith's earlier output is no longer wanted
	Keep     Action = "keep"     // the user changed the file: it stays as it is
	Conflict Action = "conflict" // writing would destroy a user's work
)

// Change is one path the plan touches.
type Change struct {
	Path   string // slash-separated, relative to the project root
	Action Action
	Old    []byte // contents on disk now; nil if there is no file
	New    []byte // contents to write; nil for Delete, Keep and Conflict
	Reason string // why, for Keep and Conflict
}

// Plan is the difference between the files a manifest renders and the disk.
type Plan struct {
	// Changes lists every path that applying the plan writes, deletes, keeps
	// against lilith's wishes, or refuses to touch; sorted by path.
	Changes []Change
	// Hashes is what the manifest records after the plan is applied.
	Hashes map[string]string
}

// Conflicts returns the changes that stop the plan from being applied.
func (p *Plan) Conflicts() []Change {
	var out []Change
	for _, c := range p.Changes {
		if c.Action == Conflict {
			out = append(out, c)
		}
	}
	return out
}

// Hash is the digest lilith records for a file it wrote.
func Hash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:8])
}

// PlanChanges compares the desired files with the files under root and
// with recorded, the hashes lilith recorded when it last wrote each file.
// With force, a user's edit is overwritten (or deleted) instead of being a
// conflict (or kept).
func PlanChanges(root string, desired map[string][]byte, recorded map[string]string, force bool) (*Plan, error) {
	paths := map[string]bool{}
	for p := range desired {
		paths[p] = true
	}
	for p := range recorded {
		paths[p] = true
	}
	plan := &Plan{Hashes: map[string]string{}}
	for _, p := range SortedPaths(paths) {
		want, wanted := desired[p]
		old, exists, err := readFile(root, p)
		if err != nil {
			return nil, err
		}
		lastWritten, wrote := recorded[p]
		userEdited := exists && (!wrote || Hash(old) != lastWritten)

		c := Change{Path: p, Old: old}
		switch {
		case wanted && !exists:
			c.Action, c.New = Create, want
		case wanted && bytes.Equal(old, want):
			plan.Hashes[p] = Hash(want)
			continue
		case wanted && (!userEdited || force):
			c.Action, c.New = Update, want
		case wanted && !wrote:
			c.Action, c.Reason = Conflict, "the file exists and lilith did not write it"
		case wanted && IsOwned(want):
			c.Action, c.Reason = Conflict, "lilith generates this file, and it was edited since"
		case wanted && mergers[p] != nil:
			merged, err := mergers[p](old, want)
			if err != nil {
				return nil, fmt.Errorf("%s: you changed it, and lilith cannot add what it needs: %w", p, err)
			}
			// Record what lilith wanted, not the merge: the file stays the user's.
			plan.Hashes[p] = Hash(want)
			if bytes.Equal(merged, old) {
				continue
			}
			c.Action, c.New, c.Reason = Update, merged, "you changed it: lilith added only what it needs"
			plan.Changes = append(plan.Changes, c)
			continue
		case wanted:
			// A scaffolded file is the user's once written: keep their version
			// and remember what lilith wrote, so a later remove still knows.
			c.Action, c.Reason = Keep, "you changed it, so lilith leaves it alone"
			plan.Hashes[p] = lastWritten
		case !exists:
			continue
		case !userEdited || force:
			c.Action = Delete
		default:
			c.Action, c.Reason = Keep, "no longer generated, but you changed it: delete it yourself if it is not needed"
		}
		if c.New != nil {
			plan.Hashes[p] = Hash(c.New)
		}
		plan.Changes = append(plan.Changes, c)
	}
	return plan, nil
}

// readFile reads root/p; a missing file (or root) is not an error.
func readFile(root, p string) ([]byte, bool, error) {
	if !filepath.IsLocal(filepath.FromSlash(p)) {
		return nil, false, fmt.Errorf("refusing path %q: it leaves the project directory", p)
	}
	full := filepath.Join(root, filepath.FromSlash(p))
	data, err := os.ReadFile(full)
	switch {
	case err == nil:
		return data, true, nil
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, syscall.ENOTDIR):
		return nil, false, nil
	}
	if info, statErr := os.Stat(full); statErr == nil && info.IsDir() {
		return nil, false, fmt.Errorf("%s is a directory, where lilith wants to write a file; move it away and run again", p)
	}
	return nil, false, fmt.Errorf("read %s: %w", p, err)
}
