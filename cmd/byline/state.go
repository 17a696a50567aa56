package main

import (
	"errors"
	"fmt"
	"os"

	"byline/model"
	"byline/state"
)

// openState opens the reader's state database ($XDG_STATE_HOME/byline/
// state.db, or path when set) for the browser. It never stops byline: a
// database that cannot be used is a warning, and marks then last the
// session.
func openState(path string, readOnly bool, warn func(string)) *state.DB {
	if path == "" {
		p, err := state.DefaultPath()
		if err != nil {
			warn(fmt.Sprintf("reader state off: %v", err))
			return nil
		}
		path = p
	}
	db, err := state.Open(path, state.Options{ReadOnly: readOnly, Warn: warn})
	if err != nil {
		warn(fmt.Sprintf("reader state off (marks last this session): %v", err))
		return nil
	}
	return db
}

// localView is the local user's state, or one in memory.
func localView(db *state.DB, warn func(string)) *state.View {
	if db == nil {
		return state.Memory()
	}
	v, err := db.User("")
	if err != nil {
		warn(fmt.Sprintf("reader state off (marks last this session): %v", err))
		return state.Memory()
	}
	return v
}

// listMarks are the local reader's marks over a corpus, for `list`: nil
// when no state database exists (then `list --json` prints no marks).
func listMarks(c *model.Corpus, warn func(string)) *model.Marks {
	return marksOver(state.NewCorpus(c), warn)
}

// marksOver are the local reader's marks over the articles of resolve (a
// loaded corpus, or a database's articles looked up by ID), nil when no
// state database exists.
func marksOver(resolve *state.Corpus, warn func(string)) *model.Marks {
	path, err := state.DefaultPath()
	if err != nil {
		return nil
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	db := openState(path, true, warn)
	if db == nil {
		return nil
	}
	defer db.Close()
	v := localView(db, warn)
	v.Attach(resolve)
	return v.Marks()
}
