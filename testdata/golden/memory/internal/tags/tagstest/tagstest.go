// Package tagstest holds the behaviour that every tags.Service and every
// tags.Store must show, as one suite that the in-process service, the HTTP
// client and the tests of each store run alike.
package tagstest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"example.com/shop/internal/tags"
)

// Sample returns valid input whose fields depend on n, so that samples with
// consecutive n differ in every field. JSON fields hold a single key, since
// stores may reorder keys.
func Sample(n int) tags.Input {
	return tags.Input{
		Label: fmt.Sprintf("label %d\nsecond line", n),
		Ref:   uuid.NewSHA1(uuid.NameSpaceURL, fmt.Appendf(nil, "ref %d", n)),
	}
}

// validEdits are inputs at the edge of what the service accepts.
var validEdits = []struct {
	name string
	edit func(in *tags.Input)
}{
	{"label at its limit in characters", func(in *tags.Input) { in.Label = strings.Repeat("é", 10000) }},
	{"label empty", func(in *tags.Input) { in.Label = "" }},
}

// Invalid is an input that the service refuses, and the field it must name.
type Invalid struct {
	Name  string
	Field string
	Input tags.Input
}

// InvalidInputs returns one input for each rule that a field can break, each
// otherwise valid.
func InvalidInputs() []Invalid {
	edits := []struct {
		name, field string
		edit        func(in *tags.Input)
	}{
		{"label too long", "label", func(in *tags.Input) { in.Label = strings.Repeat("é", 10001) }},
		{"label with NUL", "label", func(in *tags.Input) { in.Label = "a\x00b" }},
	}
	invalid := make([]Invalid, len(edits))
	for i, e := range edits {
		in := Sample(1)
		e.edit(&in)
		invalid[i] = Invalid{Name: e.name, Field: e.field, Input: in}
	}
	return invalid
}

// TestStore runs the suite against tags.NewService over stores from
// newStore, which must return an empty store each time it is called, then
// the tests of what only the store does.
func TestStore(t *testing.T, newStore func(t *testing.T) tags.Store) {
	t.Helper()
	TestService(t, func(t *testing.T) tags.Service {
		t.Helper()
		return tags.NewService(newStore(t))
	})
	tests := []struct {
		name string
		run  func(t *testing.T, store tags.Store)
	}{
		{"upsert inserts new items", testUpsertInserts},
		{"upsert replaces existing items", testUpsertReplaces},
		{"upsert applies a repeated id in order", testUpsertRepeatedID},
		{"upsert again duplicates nothing", testUpsertAgain},
		{"upsert more items than one transaction holds", testUpsertMany},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.run(t, newStore(t))
		})
	}
}

// loadedAt are the times of successive loads in the upsert tests.
var loadedAt = []time.Time{
	time.Date(2030, time.March, 1, 2, 0, 0, 0, time.UTC),
	time.Date(2030, time.March, 2, 2, 0, 0, 0, time.UTC),
}

// newItem returns the tagItem that the service would create from Sample(n)
// under id at time at.
func newItem(t *testing.T, id uuid.UUID, n int, at time.Time) tags.Tag {
	t.Helper()
	item, err := tags.NewTag(id, Sample(n), at)
	if err != nil {
		t.Fatalf("NewTag(Sample(%d)): %v", n, err)
	}
	return item
}

// newItems returns n items with new IDs, loaded at at.
func newItems(t *testing.T, n int, at time.Time) []tags.Tag {
	t.Helper()
	items := make([]tags.Tag, n)
	for i := range items {
		items[i] = newItem(t, uuid.Must(uuid.NewV7()), i, at)
	}
	return items
}

// replaced returns what the store holds after item was stored and then
// upserted with next.
func replaced(item, next tags.Tag) tags.Tag {
	next.CreatedAt = item.CreatedAt
	next.Version = item.Version + 1
	return next
}

func mustUpsert(t *testing.T, store tags.Store, items ...tags.Tag) {
	t.Helper()
	if err := store.Upsert(t.Context(), items); err != nil {
		t.Fatalf("Upsert of %d items: %v", len(items), err)
	}
}

// assertStored fails t unless store holds exactly want, in any order.
func assertStored(t *testing.T, store tags.Store, want []tags.Tag) {
	t.Helper()
	got, err := store.List(t.Context(), uuid.Nil, len(want)+1)
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	sorted := slices.Clone(want)
	slices.SortFunc(sorted, func(a, b tags.Tag) int { return bytes.Compare(a.ID[:], b.ID[:]) })
	assertSame(t, got, sorted)
}

func testUpsertInserts(t *testing.T, store tags.Store) {
	mustUpsert(t, store)
	items := newItems(t, 3, loadedAt[0])
	mustUpsert(t, store, items...)
	assertStored(t, store, items)
}

func testUpsertReplaces(t *testing.T, store tags.Store) {
	first := newItems(t, 2, loadedAt[0])
	mustUpsert(t, store, first...)
	next := newItem(t, first[0].ID, 7, loadedAt[1])
	added := newItem(t, uuid.Must(uuid.NewV7()), 8, loadedAt[1])
	mustUpsert(t, store, next, added)
	assertStored(t, store, []tags.Tag{replaced(first[0], next), first[1], added})
}

func testUpsertRepeatedID(t *testing.T, store tags.Store) {
	id := uuid.Must(uuid.NewV7())
	first, second := newItem(t, id, 1, loadedAt[0]), newItem(t, id, 2, loadedAt[1])
	mustUpsert(t, store, first, second)
	assertStored(t, store, []tags.Tag{replaced(first, second)})
}

func testUpsertAgain(t *testing.T, store tags.Store) {
	items := newItems(t, 4, loadedAt[0])
	mustUpsert(t, store, items...)
	mustUpsert(t, store, items...)
	want := make([]tags.Tag, len(items))
	for i, item := range items {
		want[i] = replaced(item, item)
	}
	assertStored(t, store, want)
}

func testUpsertMany(t *testing.T, store tags.Store) {
	items := newItems(t, 501, loadedAt[0])
	mustUpsert(t, store, items...)
	assertStored(t, store, items)
}

// TestService runs the suite against services from newService, which must
// return a service over an empty store each time it is called.
func TestService(t *testing.T, newService func(t *testing.T) tags.Service) {
	t.Helper()
	tests := []struct {
		name string
		run  func(t *testing.T, svc tags.Service)
	}{
		{"create and get", testCreateAndGet},
		{"create accepts edge values", testCreateAcceptsEdges},
		{"create rejects invalid input", testCreateRejectsInvalid},
		{"unknown id is not found", testNotFound},
		{"list pages with a cursor", testListPages},
		{"list checks its limit", testListLimit},
		{"update", testUpdate},
		{"update rejects invalid input", testUpdateRejectsInvalid},
		{"update at a stale version conflicts", testUpdateConflict},
		{"delete", testDelete},
		{"concurrent updates at one version: one wins", testConcurrentUpdatesOneWins},
		{"concurrent updates with retries: none lost", testConcurrentUpdatesNoneLost},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.run(t, newService(t))
		})
	}
}

func testCreateAndGet(t *testing.T, svc tags.Service) {
	in := Sample(1)
	created, err := svc.Create(t.Context(), in)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if created.ID.Version() != 7 {
		t.Errorf("ID %s is UUID version %d, want 7", created.ID, created.ID.Version())
	}
	if created.Version != 1 {
		t.Errorf("Version = %d, want 1", created.Version)
	}
	if created.CreatedAt.IsZero() || created.CreatedAt.Location() != time.UTC || !created.UpdatedAt.Equal(created.CreatedAt) {
		t.Errorf("CreatedAt %v, UpdatedAt %v: want equal, set and in UTC", created.CreatedAt, created.UpdatedAt)
	}
	assertSame(t, created.Input, in)

	got, err := svc.Get(t.Context(), created.ID)
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	assertSame(t, got, created)
}

func testCreateAcceptsEdges(t *testing.T, svc tags.Service) {
	for _, tt := range validEdits {
		t.Run(tt.name, func(t *testing.T) {
			in := Sample(1)
			tt.edit(&in)
			created, err := svc.Create(t.Context(), in)
			if err != nil {
				t.Fatalf("Create: %v", err)
			}
			got, err := svc.Get(t.Context(), created.ID)
			if err != nil {
				t.Fatalf("Get: %v", err)
			}
			assertSame(t, got, created)
		})
	}
}

func testCreateRejectsInvalid(t *testing.T, svc tags.Service) {
	for _, tt := range InvalidInputs() {
		t.Run(tt.Name, func(t *testing.T) {
			_, err := svc.Create(t.Context(), tt.Input)
			assertInvalid(t, err, tt.Field)
		})
	}
	page, err := svc.List(t.Context(), tags.ListParams{})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 0 {
		t.Errorf("invalid input was stored: %+v", page.Items)
	}
}

func testNotFound(t *testing.T, svc tags.Service) {
	id := uuid.Must(uuid.NewV7())
	_, err := svc.Get(t.Context(), id)
	assertIs(t, "Get", err, tags.ErrNotFound)
	_, err = svc.Update(t.Context(), id, Sample(1), 1)
	assertIs(t, "Update", err, tags.ErrNotFound)
	err = svc.Delete(t.Context(), id)
	assertIs(t, "Delete", err, tags.ErrNotFound)
}

func testListPages(t *testing.T, svc tags.Service) {
	ctx := t.Context()
	empty, err := svc.List(ctx, tags.ListParams{})
	if err != nil {
		t.Fatalf("List empty: %v", err)
	}
	if len(empty.Items) != 0 || empty.NextCursor != uuid.Nil {
		t.Errorf("empty store: got %+v, want no items and no cursor", empty)
	}

	var created []tags.Tag
	for i := range 5 {
		tagItem, err := svc.Create(ctx, Sample(i))
		if err != nil {
			t.Fatalf("Create %d: %v", i, err)
		}
		created = append(created, tagItem)
	}
	pages := []struct {
		cursor     uuid.UUID
		want       []tags.Tag
		wantCursor uuid.UUID
	}{
		{uuid.Nil, created[0:2], created[1].ID},
		{created[1].ID, created[2:4], created[3].ID},
		{created[3].ID, created[4:5], uuid.Nil},
	}
	for i, p := range pages {
		page, err := svc.List(ctx, tags.ListParams{Limit: 2, Cursor: p.cursor})
		if err != nil {
			t.Fatalf("page %d: %v", i, err)
		}
		assertSame(t, page.Items, p.want)
		if page.NextCursor != p.wantCursor {
			t.Errorf("page %d: NextCursor = %s, want %s", i, page.NextCursor, p.wantCursor)
		}
	}

	all, err := svc.List(ctx, tags.ListParams{})
	if err != nil {
		t.Fatalf("List with the default limit: %v", err)
	}
	assertSame(t, all.Items, created)
	if all.NextCursor != uuid.Nil {
		t.Errorf("one page holds everything, yet NextCursor = %s", all.NextCursor)
	}
}

func testListLimit(t *testing.T, svc tags.Service) {
	tests := []struct {
		limit   int
		wantErr bool
	}{
		{-1, true},
		{0, false},
		{1, false},
		{tags.MaxLimit, false},
		{tags.MaxLimit + 1, true},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.limit), func(t *testing.T) {
			_, err := svc.List(t.Context(), tags.ListParams{Limit: tt.limit})
			if tt.wantErr {
				assertInvalid(t, err, "limit")
			} else if err != nil {
				t.Errorf("List: %v", err)
			}
		})
	}
}

func testUpdate(t *testing.T, svc tags.Service) {
	ctx := t.Context()
	created := mustCreate(t, svc, Sample(1))
	in := Sample(2)
	updated, err := svc.Update(ctx, created.ID, in, created.Version)
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	assertSame(t, updated.Input, in)
	if updated.ID != created.ID || updated.Version != 2 || !updated.CreatedAt.Equal(created.CreatedAt) ||
		updated.UpdatedAt.Before(created.UpdatedAt) || updated.UpdatedAt.Location() != time.UTC {
		t.Errorf("after update: %+v\nwant the same ID and CreatedAt, version 2 and a later UpdatedAt than %+v", updated, created)
	}
	got, err := svc.Get(ctx, created.ID)
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	assertSame(t, got, updated)
}

func testUpdateRejectsInvalid(t *testing.T, svc tags.Service) {
	created := mustCreate(t, svc, Sample(1))
	for _, tt := range InvalidInputs() {
		t.Run(tt.Name, func(t *testing.T) {
			_, err := svc.Update(t.Context(), created.ID, tt.Input, created.Version)
			assertInvalid(t, err, tt.Field)
		})
	}
	t.Run("version zero", func(t *testing.T) {
		_, err := svc.Update(t.Context(), created.ID, Sample(2), 0)
		assertInvalid(t, err, "version")
	})
	got, err := svc.Get(t.Context(), created.ID)
	if err != nil {
		t.Fatal(err)
	}
	assertSame(t, got, created)
}

func testUpdateConflict(t *testing.T, svc tags.Service) {
	ctx := t.Context()
	created := mustCreate(t, svc, Sample(1))
	first, err := svc.Update(ctx, created.ID, Sample(2), created.Version)
	if err != nil {
		t.Fatalf("first Update: %v", err)
	}
	for _, version := range []int64{created.Version, first.Version + 1} {
		_, err := svc.Update(ctx, created.ID, Sample(3), version)
		assertIs(t, fmt.Sprintf("Update at version %d", version), err, tags.ErrConflict)
	}
	got, err := svc.Get(ctx, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	assertSame(t, got, first)
}

func testDelete(t *testing.T, svc tags.Service) {
	ctx := t.Context()
	kept := mustCreate(t, svc, Sample(1))
	deleted := mustCreate(t, svc, Sample(2))
	if err := svc.Delete(ctx, deleted.ID); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	_, err := svc.Get(ctx, deleted.ID)
	assertIs(t, "Get after Delete", err, tags.ErrNotFound)
	assertIs(t, "second Delete", svc.Delete(ctx, deleted.ID), tags.ErrNotFound)

	page, err := svc.List(ctx, tags.ListParams{})
	if err != nil {
		t.Fatal(err)
	}
	assertSame(t, page.Items, []tags.Tag{kept})
}

// testConcurrentUpdatesOneWins sends several updates at the same version at
// once: exactly one may succeed, as the others would overwrite it unseen.
func testConcurrentUpdatesOneWins(t *testing.T, svc tags.Service) {
	const writers = 8
	created := mustCreate(t, svc, Sample(1))
	results := make([]tags.Tag, writers)
	errs := make([]error, writers)
	var wg sync.WaitGroup
	for i := range writers {
		wg.Go(func() {
			results[i], errs[i] = svc.Update(t.Context(), created.ID, Sample(10+i), created.Version)
		})
	}
	wg.Wait()

	winner := -1
	for i, err := range errs {
		switch {
		case err == nil && winner >= 0:
			t.Errorf("writers %d and %d both updated version %d", winner, i, created.Version)
		case err == nil:
			winner = i
		case !errors.Is(err, tags.ErrConflict):
			t.Errorf("writer %d: %v, want success or ErrConflict", i, err)
		}
	}
	if winner < 0 {
		t.Fatal("no writer succeeded")
	}
	got, err := svc.Get(t.Context(), created.ID)
	if err != nil {
		t.Fatal(err)
	}
	assertSame(t, got, results[winner])
}

// testConcurrentUpdatesNoneLost has writers that read, update and retry on
// conflict, as careful clients do: every update must land exactly once.
func testConcurrentUpdatesNoneLost(t *testing.T, svc tags.Service) {
	const writers, updatesEach, maxAttempts = 4, 3, 100
	created := mustCreate(t, svc, Sample(1))
	versions := make(chan int64, writers*updatesEach)
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for u := range updatesEach {
				if err := updateWithRetry(t, svc, created.ID, Sample(100*w+u), maxAttempts, versions); err != nil {
					t.Errorf("writer %d update %d: %v", w, u, err)
					return
				}
			}
		})
	}
	wg.Wait()
	close(versions)

	seen := make(map[int64]bool)
	for v := range versions {
		if seen[v] {
			t.Errorf("two updates both produced version %d: one was lost", v)
		}
		seen[v] = true
	}
	got, err := svc.Get(t.Context(), created.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := created.Version + writers*updatesEach; got.Version != want {
		t.Errorf("final version = %d, want %d", got.Version, want)
	}
}

func updateWithRetry(t *testing.T, svc tags.Service, id uuid.UUID, in tags.Input, maxAttempts int, versions chan<- int64) error {
	for range maxAttempts {
		cur, err := svc.Get(t.Context(), id)
		if err != nil {
			return err
		}
		updated, err := svc.Update(t.Context(), id, in, cur.Version)
		if errors.Is(err, tags.ErrConflict) {
			continue
		}
		if err != nil {
			return err
		}
		versions <- updated.Version
		return nil
	}
	return fmt.Errorf("still conflicting after %d attempts", maxAttempts)
}

func mustCreate(t *testing.T, svc tags.Service, in tags.Input) tags.Tag {
	t.Helper()
	tagItem, err := svc.Create(t.Context(), in)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	return tagItem
}

// assertSame fails t unless got and want encode to the same JSON. Comparing
// encodings lets stores reformat JSON fields (PostgreSQL's jsonb adds spaces)
// while still catching any other difference, time zones included.
func assertSame(t *testing.T, got, want any) {
	t.Helper()
	g, err := json.Marshal(got)
	if err != nil {
		t.Fatalf("encode %T: %v", got, err)
	}
	w, err := json.Marshal(want)
	if err != nil {
		t.Fatalf("encode %T: %v", want, err)
	}
	if string(g) != string(w) {
		t.Errorf("got  %s\nwant %s", g, w)
	}
}

func assertIs(t *testing.T, what string, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Errorf("%s: err = %v, want %v", what, err, target)
	}
}

func assertInvalid(t *testing.T, err error, field string) {
	t.Helper()
	ve, ok := errors.AsType[*tags.ValidationError](err)
	if !ok {
		t.Fatalf("err = %v, want a *tags.ValidationError for %q", err, field)
	}
	if ve.Field != field || ve.Message == "" || !strings.HasPrefix(ve.Error(), "invalid "+field+": ") {
		t.Errorf("err = %#v (%q), want field %q and a message", ve, ve, field)
	}
}
