package generator

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// Apply carries out the creates, updates and deletes of changes under root,
// all or nothing: every new file is written into a staging directory first,
// then renamed into place; a failure puts back what was there. When root
// does not exist yet, the whole tree is built beside it and renamed into
// place in one step. Keep and Conflict changes are not touched.
func Apply(root string, changes []Change) error {
	if _, err := os.Lstat(root); errors.Is(err, fs.ErrNotExist) {
		return applyNew(root, changes)
	} else if err != nil {
		return fmt.Errorf("inspect %s: %w", root, err)
	}
	return applyInPlace(root, changes)
}

func applyNew(root string, changes []Change) (err error) {
	parent := filepath.Dir(root)
	created, err := mkdirAllTracked(parent)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil && created != "" {
			os.RemoveAll(created)
		}
	}()
	staging, err := os.MkdirTemp(parent, "."+filepath.Base(root)+".lilith-")
	if err != nil {
		return fmt.Errorf("create %s: %w", root, err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(staging)
		}
	}()
	for _, c := range changes {
		if c.New == nil {
			continue
		}
		if err := writeFile(filepath.Join(staging, filepath.FromSlash(c.Path)), c.New, 0o644); err != nil {
			return err
		}
	}
	if err := os.Chmod(staging, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", root, err)
	}
	if err := os.Rename(staging, root); err != nil {
		return fmt.Errorf("create %s: %w", root, err)
	}
	return nil
}

// mkdirAllTracked creates dir and its missing parents and returns the top
// directory it created ("" if dir existed), so a failure can undo it.
func mkdirAllTracked(dir string) (string, error) {
	top := ""
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil {
			break
		}
		top = d
		if filepath.Dir(d) == d {
			break
		}
	}
	if top == "" {
		return "", nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("create directory %s: %w", dir, err)
	}
	return top, nil
}

// applyInPlace changes an existing tree. Staging lives inside root so that
// every rename stays on one file system.
func applyInPlace(root string, changes []Change) (err error) {
	staging, err := os.MkdirTemp(root, ".lilith-staging-")
	if err != nil {
		return fmt.Errorf("write to %s: %w", root, err)
	}
	defer os.RemoveAll(staging)

	// Stage every new file, so the commit below is renames only.
	for i, c := range changes {
		if c.New == nil {
			continue
		}
		mode := fs.FileMode(0o644)
		if info, err := os.Stat(filepath.Join(root, filepath.FromSlash(c.Path))); err == nil {
			mode = info.Mode().Perm()
		}
		if err := os.WriteFile(stagedNew(staging, i), c.New, mode); err != nil {
			return fmt.Errorf("write file: %w", err)
		}
	}

	var undo []func() error
	defer func() {
		if err == nil {
			return
		}
		for _, u := range slices.Backward(undo) {
			if uerr := u(); uerr != nil {
				err = fmt.Errorf("%w; undoing it also failed, so check %s by hand: %v", err, root, uerr)
			}
		}
	}()
	var emptied []string
	for i, c := range changes {
		if c.Action != Create && c.Action != Update && c.Action != Delete {
			continue
		}
		target := filepath.Join(root, filepath.FromSlash(c.Path))
		if c.Action != Create {
			backup := filepath.Join(staging, fmt.Sprint("old-", i))
			if err := os.Rename(target, backup); err != nil {
				return fmt.Errorf("replace %s: %w", c.Path, err)
			}
			undo = append(undo, func() error { return os.Rename(backup, target) })
		}
		if c.Action == Delete {
			emptied = append(emptied, filepath.Dir(target))
			continue
		}
		top, err := mkdirAllTracked(filepath.Dir(target))
		if err != nil {
			return err
		}
		if top != "" {
			undo = append(undo, func() error { return os.RemoveAll(top) })
		}
		if err := os.Rename(stagedNew(staging, i), target); err != nil {
			return fmt.Errorf("write %s: %w", c.Path, err)
		}
		undo = append(undo, func() error { return os.Remove(target) })
	}
	for _, dir := range emptied {
		removeEmptyDirs(root, dir)
	}
	return nil
}

// stagedNew is where change i is staged: staging holds files only, no
// directories, as creating one costs about as much as creating a file.
func stagedNew(staging string, i int) string {
	return filepath.Join(staging, fmt.Sprint("new-", i))
}

// removeEmptyDirs removes dir and its parents up to (not including) root
// while they are empty.
func removeEmptyDirs(root, dir string) {
	for d := dir; d != root && len(d) > len(root); d = filepath.Dir(d) {
		if os.Remove(d) != nil {
			return
		}
	}
}

func writeFile(path string, data []byte, mode fs.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("create directory: %w", err)
	}
	if err := os.WriteFile(path, data, mode); err != nil {
		return fmt.Errorf("write file: %w", err)
	}
	return nil
}
