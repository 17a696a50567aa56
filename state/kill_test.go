package state

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"byline/model"
)

// The child of TestKillMidBatch: it marks article after article read as
// fast as it can, printing the highest index in each committed batch and a
// line as each transaction begins, until it is killed.
func TestMain(m *testing.M) {
	if path := os.Getenv("BYLINE_STATE_KILL_CHILD"); path != "" {
		killChild(path)
		return
	}
	os.Exit(m.Run())
}

const killArticles = 20000

func killCorpus() *Corpus {
	arts := make([]*model.Article, killArticles)
	for i := range arts {
		arts[i] = &model.Article{ID: fmt.Sprintf("wire/%05d", i), Title: fmt.Sprintf("Story %d", i),
			Body: []string{fmt.Sprintf("Paragraph one of story %d.", i), "Paragraph two."}}
	}
	return corpusOf(arts)
}

func killChild(path string) {
	var mu sync.Mutex
	out := bufio.NewWriter(os.Stdout)
	say := func(s string) {
		mu.Lock()
		out.WriteString(s + "\n")
		out.Flush() // before the next write: the parent may kill at any moment
		mu.Unlock()
	}
	db, err := Open(path, Options{
		Warn: func(s string) { say("warn " + s) },
		onCommit: func(ops []op) {
			hi := -1
			for _, o := range ops {
				if n, err := strconv.Atoi(strings.TrimPrefix(o.id, "wire/")); err == nil && o.kind == opRead && n > hi {
					hi = n
				}
			}
			say(fmt.Sprint("committed ", hi))
		},
		onBegin: func(n int) { say(fmt.Sprint("begin ", n)) },
	})
	if err != nil {
		say("error " + err.Error())
		os.Exit(1)
	}
	v, err := db.User("")
	if err != nil {
		say("error " + err.Error())
		os.Exit(1)
	}
	v.Attach(killCorpus())
	for i := range killArticles {
		v.SetRead(fmt.Sprintf("wire/%05d", i), true)
	}
	db.Flush()
	say("done")
	select {} // wait to be killed
}

// TestKillMidBatch: a process writing marks is killed (SIGKILL) while a
// transaction is under way; every mark it saw committed is in the
// database afterwards, and the database opens clean, without being set
// aside.
func TestKillMidBatch(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: starts a child process")
	}
	path := filepath.Join(t.TempDir(), "state.db")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "BYLINE_STATE_KILL_CHILD="+path)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	committed, commits := -1, 0
	sc := bufio.NewScanner(stdout)
	killed := false
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "committed "):
			n, _ := strconv.Atoi(strings.TrimPrefix(line, "committed "))
			committed = max(committed, n)
			commits++
		case strings.HasPrefix(line, "begin ") && commits >= 20:
			// A transaction is under way: kill the process now.
			if err := cmd.Process.Kill(); err != nil {
				t.Fatal(err)
			}
			killed = true
		case line == "done":
			t.Fatalf("the child finished all %d marks before it was killed (%d commits)", killArticles, commits)
		case strings.HasPrefix(line, "error "), strings.HasPrefix(line, "warn "):
			t.Fatalf("child: %s", line)
		}
		if killed {
			break
		}
	}
	cmd.Wait()
	if !killed {
		t.Fatalf("the child ended before it was killed: %v", sc.Err())
	}
	if committed < 0 {
		t.Fatal("nothing was committed")
	}
	t.Logf("killed after %d commits; marks 0..%d seen committed", commits, committed)

	var warnings []string
	db, err := Open(path, Options{Warn: func(s string) { warnings = append(warnings, s) }})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if len(warnings) > 0 {
		t.Fatalf("the database was not clean after the kill: %q", warnings)
	}
	if r, err := db.Check(); err != nil || r != "ok" {
		t.Fatalf("integrity_check = %q, %v", r, err)
	}
	v, err := db.User("")
	if err != nil {
		t.Fatal(err)
	}
	v.Attach(killCorpus())
	m := v.Marks()
	for i := 0; i <= committed; i++ {
		if !m.IsRead(fmt.Sprintf("wire/%05d", i)) {
			t.Fatalf("mark %d was committed before the kill and is lost", i)
		}
	}
	t.Logf("%d marks in the database after the kill (%d seen committed)", len(m.Read), committed+1)
}
