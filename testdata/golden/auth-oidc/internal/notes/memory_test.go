package notes_test

import (
	"testing"

	"example.com/shop/internal/notes"
	"example.com/shop/internal/notes/notestest"
)

func TestMemoryStore(t *testing.T) {
	notestest.TestStore(t, func(*testing.T) notes.Store { return notes.NewMemoryStore() })
}
