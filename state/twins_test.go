package state

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"byline/model"
)

// twinArticles is a corpus with duplicates, as real corpora have them: two
// files with the same title, body and quotations under different IDs,
// beside a story of their own. ids names the files (the IDs a corpus
// opened from another root, or with renamed files, would give them).
func twinArticles(ids [3]string) []*model.Article {
	twin := func(id string) *model.Article {
		return &model.Article{ID: id, Title: "Ferry service to the islands resumes",
			Body: []string{"The ferry sailed again on Tuesday.", "“We are back on the water,” said Ines Varga, the operator’s director."},
			Quotes: []model.Quote{
				{Text: "We are back on the water,", Speaker: "Ines Varga", Kind: model.KindQuote, Paragraph: 1},
			}}
	}
	other := &model.Article{ID: ids[2], Title: "Harbour fees rise", Body: []string{"Fees rose by a tenth."}}
	return []*model.Article{twin(ids[0]), twin(ids[1]), other}
}

var (
	atHome  = [3]string{"travel/014", "travel/231", "business/007"}
	parent  = [3]string{"bbc/travel/014", "bbc/travel/231", "bbc/business/007"} // opened from the folder above
	renamed = [3]string{"ferry-a", "ferry-b", "fees"}                           // every file renamed
)

func marksOf(read, starred []string, quotes ...model.QuoteMark) *model.Marks {
	m := &model.Marks{Read: map[string]bool{}, Starred: map[string]bool{}, Quotes: map[model.QuoteMark]bool{}}
	for _, id := range read {
		m.Read[id] = true
	}
	for _, id := range starred {
		m.Starred[id] = true
	}
	for _, q := range quotes {
		m.Quotes[q] = true
	}
	return m
}

// storedPlaces are the (key, ID) places of every stored mark and starred
// quotation, sorted.
func storedPlaces(t *testing.T, db *DB) []string {
	t.Helper()
	var out []string
	for _, q := range []string{`SELECT 'mark', key, id FROM marks`, `SELECT 'quote', key, id FROM quote_stars`} {
		rows, err := db.sql.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var kind, key, id string
			if err := rows.Scan(&kind, &key, &id); err != nil {
				t.Fatal(err)
			}
			out = append(out, kind+" "+key+" "+id)
		}
		rows.Close()
	}
	sort.Strings(out)
	return out
}

// TestTwinsKeepTheirOwnMarks: duplicated articles keep a mark each through
// a restart (the same IDs: exact), and through a moved corpus (other IDs:
// by content, paired by ID where the IDs align, shared where nothing tells
// the twins apart); the marks settled on the moved corpus are stored
// under its IDs, so a second restart finds them exactly, and a change
// after the move writes the row the mark came from.
func TestTwinsKeepTheirOwnMarks(t *testing.T) {
	for _, tc := range []struct {
		name  string
		mark  func(v *View) // on the corpus atHome
		after [3]string     // the corpus opened after a restart
		then  func(v *View) // on it, before a second restart
		want  *model.Marks  // after the first restart (then, after "then")
	}{
		{
			name:  "one twin read, restart",
			mark:  func(v *View) { v.SetRead(atHome[0], true) },
			after: atHome,
			want:  marksOf([]string{atHome[0]}, nil),
		},
		{
			name: "each twin its own mark, restart",
			mark: func(v *View) {
				v.SetRead(atHome[0], true)
				v.SetStarred(atHome[1], true)
				v.SetQuoteStarred(atHome[1], 0, true)
			},
			after: atHome,
			want:  marksOf([]string{atHome[0]}, []string{atHome[1]}, model.QuoteMark{Article: atHome[1], Quote: 0}),
		},
		{
			name: "both twins read, one unread again",
			mark: func(v *View) {
				v.SetRead(atHome[0], true)
				v.SetRead(atHome[1], true)
				v.SetRead(atHome[0], false)
			},
			after: atHome,
			want:  marksOf([]string{atHome[1]}, nil),
		},
		{
			name: "opened from the parent folder: paired by ID",
			mark: func(v *View) {
				v.SetRead(atHome[0], true)
				v.SetStarred(atHome[2], true)
				v.SetQuoteStarred(atHome[1], 0, true)
			},
			after: parent,
			want:  marksOf([]string{parent[0]}, []string{parent[2]}, model.QuoteMark{Article: parent[1], Quote: 0}),
		},
		{
			name:  "opened from the parent folder, then unread",
			mark:  func(v *View) { v.SetRead(atHome[0], true); v.SetRead(atHome[2], true) },
			after: parent,
			then:  func(v *View) { v.SetRead(parent[0], false) },
			want:  marksOf([]string{parent[2]}, nil),
		},
		{
			name:  "every file renamed: found by content, twins share",
			mark:  func(v *View) { v.SetRead(atHome[0], true); v.SetStarred(atHome[2], true) },
			after: renamed,
			want:  marksOf([]string{renamed[0], renamed[1]}, []string{renamed[2]}),
		},
		{
			name:  "every file renamed: a quotation starred in one twin",
			mark:  func(v *View) { v.SetQuoteStarred(atHome[0], 0, true) },
			after: renamed,
			want: marksOf(nil, nil, model.QuoteMark{Article: renamed[0], Quote: 0},
				model.QuoteMark{Article: renamed[1], Quote: 0}),
		},
		{
			name:  "every file renamed: both twins read, one unread after",
			mark:  func(v *View) { v.SetRead(atHome[0], true); v.SetRead(atHome[1], true) },
			after: renamed,
			then:  func(v *View) { v.SetRead(renamed[1], false) },
			want:  marksOf([]string{renamed[0]}, nil),
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "state.db")
			db := openTest(t, path)
			v := user(t, db, "")
			v.Attach(corpusOf(twinArticles(atHome)))
			tc.mark(v)
			db.Close()

			after := twinArticles(tc.after)
			db2 := openTest(t, path)
			v2 := user(t, db2, "")
			v2.Attach(corpusOf(after))
			if tc.then != nil {
				tc.then(v2)
			} else if got := v2.Marks(); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("after a restart:\n got %+v\nwant %+v", got, tc.want)
			}
			db2.Close()

			// Stored again under the corpus's keys and IDs: every place
			// is an article's, and a restart finds the same marks.
			db3 := openTest(t, path)
			rc := corpusOf(after)
			for _, p := range storedPlaces(t, db3) {
				var kind, key, id string
				fmt.Sscan(p, &kind, &key, &id)
				if rc.exact(storedAt{key, id}) == nil {
					t.Errorf("a %s is still stored under a place no article has: %s %s", kind, key, id)
				}
			}
			v3 := user(t, db3, "")
			v3.Attach(rc)
			if got := v3.Marks(); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("after a second restart:\n got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

// TestTwinsInTheDatabase: two twins marked read are two rows, each under
// the content key they share and their own ID.
func TestTwinsInTheDatabase(t *testing.T) {
	db := openTest(t, filepath.Join(t.TempDir(), "state.db"))
	v := user(t, db, "SHA256:someone")
	arts := twinArticles(atHome)
	k := ArticleKey(arts[0]) // before corpusOf sorts arts
	v.Attach(corpusOf(arts))
	v.SetRead(atHome[0], true)
	v.SetRead(atHome[1], true)
	v.SetQuoteStarred(atHome[0], 0, true)
	v.SetQuoteStarred(atHome[1], 0, true)
	db.Flush()
	want := []string{"mark " + k + " " + atHome[0], "mark " + k + " " + atHome[1],
		"quote " + k + " " + atHome[0], "quote " + k + " " + atHome[1]}
	if got := storedPlaces(t, db); !reflect.DeepEqual(got, want) {
		t.Errorf("stored:\n got %q\nwant %q", got, want)
	}
	counts, err := db.Counts()
	if err != nil {
		t.Fatal(err)
	}
	if len(counts) != 1 || counts[0].Read != 2 || len(counts[0].Keys) != 2 || counts[0].Keys[0] == counts[0].Keys[1] {
		t.Errorf("counts = %+v", counts)
	}
}

// TestMigrationKeysByID: a database of schema 1 (marks by content key
// alone) is migrated, its marks kept.
func TestMigrationKeysByID(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	conn, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		t.Fatal(err)
	}
	if err := migrate(conn, 0); err != nil {
		t.Fatal(err)
	}
	arts := twinArticles(atHome)
	k := ArticleKey(arts[0]) // arts[1] is its twin; corpusOf will sort arts
	for _, s := range []string{
		fmt.Sprintf(`INSERT INTO marks (user, key, id, title, read, updated) VALUES ('', '%s', '%s', 'x', 1, 1)`, k, atHome[1]),
		fmt.Sprintf(`INSERT INTO quote_stars (user, key, quote, id, title, idx, text, updated) VALUES ('', '%s', '%s', '%s', 'x', 0, 'We are back on the water,', 1)`,
			k, quoteKey(arts[1], 0), atHome[1]),
	} {
		if _, err := conn.Exec(s); err != nil {
			t.Fatal(err)
		}
	}
	conn.Close()
	want := marksOf([]string{atHome[1]}, nil, model.QuoteMark{Article: atHome[1], Quote: 0})
	// Read-only (list --json, a demo server) reads schema 1 as it is.
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only open of schema 1: %v", err)
	}
	rv := user(t, ro, "")
	rv.Attach(corpusOf(twinArticles(atHome)))
	if got := rv.Marks(); !reflect.DeepEqual(got, want) {
		t.Errorf("read-only, schema 1:\n got %+v\nwant %+v", got, want)
	}
	ro.Close()
	db := openTest(t, path)
	var version int
	db.sql.QueryRow(`PRAGMA user_version`).Scan(&version)
	if version != Version || Version < 2 {
		t.Errorf("user_version = %d, want %d", version, Version)
	}
	v := user(t, db, "")
	v.Attach(corpusOf(arts))
	if got := v.Marks(); !reflect.DeepEqual(got, want) {
		t.Errorf("after migration:\n got %+v\nwant %+v", got, want)
	}
	v.SetRead(atHome[0], true) // its twin: a row of its own now
	db.Flush()
	var n int
	db.sql.QueryRow(`SELECT count(*) FROM marks WHERE read = 1`).Scan(&n)
	if n != 2 {
		t.Errorf("%d read rows, want 2", n)
	}
	if r, err := db.Check(); err != nil || r != "ok" {
		t.Errorf("integrity_check = %q, %v", r, err)
	}
}

// TestAnOwnedTwinTakesNoOtherMark: a mark stored under the content of two
// twins and an ID neither has (a copy of the corpus elsewhere, with renamed
// files) goes only to a twin with no mark of its own here: one that has
// its own is settled exactly and takes nothing else by content.
func TestAnOwnedTwinTakesNoOtherMark(t *testing.T) {
	for _, tc := range []struct {
		name string
		mark func(v *View)
		want *model.Marks
	}{
		{"both twins own their marks", func(v *View) { v.SetRead(atHome[0], true); v.SetRead(atHome[1], true) },
			marksOf([]string{atHome[0], atHome[1]}, nil)},
		{"one twin owns its mark", func(v *View) { v.SetRead(atHome[0], true) },
			marksOf([]string{atHome[0]}, []string{atHome[1]})},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "state.db")
			db := openTest(t, path)
			v := user(t, db, "")
			arts := twinArticles(atHome)
			k := ArticleKey(arts[0])
			v.Attach(corpusOf(arts))
			tc.mark(v)
			db.Flush()
			if _, err := db.sql.Exec(`INSERT INTO marks (user, key, id, title, starred, updated) VALUES ('', ?, 'elsewhere/ferry', 'x', 1, 1)`, k); err != nil {
				t.Fatal(err)
			}
			db.Close()
			v2 := user(t, openTest(t, path), "")
			v2.Attach(corpusOf(twinArticles(atHome)))
			if got := v2.Marks(); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}
