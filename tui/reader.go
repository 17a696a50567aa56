package tui

import (
	"io"
	"os"
	"os/exec"

	"byline/model"
)

// Reader is one reader's state: what they read and starred, the filters
// they typed and saved. The browser only reads it and hands it changes;
// none of its methods may block (package state's View takes a change in
// memory and writes it from its own goroutine). An SSH server gives each
// session its own user's Reader.
type Reader interface {
	// Marks are the marks now, by article ID: a value never changed
	// afterwards.
	Marks() *model.Marks
	SetRead(id string, read bool)
	SetStarred(id string, starred bool)
	SetQuoteStarred(id string, quote int, starred bool)
	// History is a pane's filter history, newest first.
	History(pane string) []string
	AddHistory(pane, query string)
	SavedFilters() []model.SavedFilter
	SaveFilter(model.SavedFilter)
	DeleteFilter(name string)
	// Saving is false when changes last only this session.
	Saving() bool
}

// System is what the browser asks of the machine it runs on (locally:
// never over SSH). A nil field is the real thing; tests replace them.
type System struct {
	// Getenv reads $BROWSER and $PAGER.
	Getenv func(string) string
	// Start starts a program without waiting for it (the system's URL
	// opener).
	Start func(*exec.Cmd) error
	// Create creates a file that does not exist yet (an export).
	Create func(path string) (io.WriteCloser, error)
}

func (s System) getenv(k string) string {
	if s.Getenv != nil {
		return s.Getenv(k)
	}
	return os.Getenv(k)
}

func (s System) start(c *exec.Cmd) error {
	if s.Start != nil {
		return s.Start(c)
	}
	if err := c.Start(); err != nil {
		return err
	}
	go c.Wait() // reap it
	return nil
}

func (s System) create(path string) (io.WriteCloser, error) {
	if s.Create != nil {
		return s.Create(path)
	}
	return os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
}

// noReader remembers nothing: the browser without a reader's state.
type noReader struct{}

func (noReader) Marks() *model.Marks               { return nil }
func (noReader) SetRead(string, bool)              {}
func (noReader) SetStarred(string, bool)           {}
func (noReader) SetQuoteStarred(string, int, bool) {}
func (noReader) History(string) []string           { return nil }
func (noReader) AddHistory(string, string)         {}
func (noReader) SavedFilters() []model.SavedFilter { return nil }
func (noReader) SaveFilter(model.SavedFilter)      {}
func (noReader) DeleteFilter(string)               {}
func (noReader) Saving() bool                      { return false }
