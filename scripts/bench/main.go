// Command bench measures byline on a scaled corpus next to the floor of
// reading the same files with cat, and prints one table:
//
//	go run ./scripts/bench                 # BBC corpus ×20 (44,500 files)
//	go run ./scripts/bench -copies 5       # smaller
//	go run ./scripts/bench -synthetic 1000000   # 1M synthetic articles in JSONL files
//
// Without ../shared it generates a synthetic corpus instead of copying the
// BBC one. Page cache: every run reads warm files (the corpus is read once
// before timing), so the floor and byline are compared on equal terms.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"
)

func main() {
	copies := flag.Int("copies", 20, "copies of ../shared/corpus/bbc to load")
	synthetic := flag.Int("synthetic", 0, "generate this many synthetic articles instead (JSONL)")
	perFile := flag.Int("records", 2000, "records per JSONL file for -synthetic (keep files under byline's 8 MiB cap)")
	runs := flag.Int("runs", 3, "timed runs per measurement (the best is reported)")
	keep := flag.Bool("keep", false, "keep the generated corpus")
	zipf := flag.Bool("zipf", false, "with -synthetic: words and speakers with realistic (Zipf) frequencies, ten years of dates")
	db := flag.String("db", "", "index the corpus into this PostgreSQL `URL` and measure the database store instead (index time, size, filter latency, first frame)")
	corpusFlag := flag.String("corpus", "", "with -db: an existing corpus `DIR` to index instead of generating one")
	skipIndex := flag.Bool("skip-index", false, "with -db: measure the database as it is, without indexing")
	genOnly := flag.String("gen", "", "only generate the -synthetic corpus into `DIR` (in parallel parts) and exit")
	offset := flag.Int("offset", 0, "with -gen -zipf: the corpus's first article is number `N` (files named and seeded after the first N): a larger corpus generated in parts")
	quotesOnly := flag.Bool("quotes-only", false, "with -db: measure only the quotes lists (by speaker and by date)")
	flag.Parse()

	if *genOnly != "" {
		if *offset%*perFile != 0 {
			check(fmt.Errorf("-offset %d is not a multiple of -records %d (file names would collide)", *offset, *perFile))
		}
		start := time.Now()
		parts := runtime.GOMAXPROCS(0)
		per := (*synthetic + parts - 1) / parts
		per = (per + *perFile - 1) / *perFile * *perFile
		done := make(chan struct{})
		for p := range parts {
			go func() {
				defer func() { done <- struct{}{} }()
				n := min(per, *synthetic-p*per)
				if n <= 0 {
					return
				}
				if *zipf {
					// Seeds 1, 2, … for the first part (as before -offset
					// existed), then past the files an offset skips.
					generateZipf(*genOnly, n, *perFile, (*offset+p*per) / *perFile, uint64(*offset / *perFile + p + 1))
				} else {
					generate(filepath.Join(*genOnly, fmt.Sprintf("g%d", p)), n, *perFile)
				}
			}()
		}
		for range parts {
			<-done
		}
		files, bytes := treeSize(*genOnly)
		fmt.Printf("generated %d articles in %d files, %.1f GB, in %.0f s\n", *synthetic, files, float64(bytes)/1e9, time.Since(start).Seconds())
		return
	}

	work, err := os.MkdirTemp("", "byline-bench-")
	check(err)
	if !*keep {
		defer os.RemoveAll(work)
	}
	bin := filepath.Join(work, "byline")
	run("go", "build", "-o", bin, "./cmd/byline")

	corpusDir := filepath.Join(work, "corpus")
	if *db != "" {
		switch {
		case *corpusFlag != "":
			corpusDir = *corpusFlag
		case *synthetic > 0 && *zipf:
			generateZipf(corpusDir, *synthetic, *perFile, 0, 1)
		case *synthetic > 0:
			generate(corpusDir, *synthetic, *perFile)
		default:
			check(fmt.Errorf("-db needs -corpus DIR or -synthetic N"))
		}
		files, bytes := treeSize(corpusDir)
		fmt.Printf("corpus: %s — %d files, %.1f MB; %d cores; load average %s\n\n", corpusDir, files, float64(bytes)/1e6, runtime.NumCPU(), loadAvg())
		dbBench(bin, corpusDir, *db, *runs, *skipIndex, *quotesOnly)
		return
	}
	bbc := filepath.Join("..", "shared", "corpus", "bbc")
	what := ""
	switch _, statErr := os.Stat(bbc); {
	case *synthetic > 0 && *zipf:
		generateZipf(corpusDir, *synthetic, *perFile, 0, 1)
		what = fmt.Sprintf("synthetic (Zipf), %d articles in JSONL files of %d", *synthetic, *perFile)
	case *synthetic > 0:
		generate(corpusDir, *synthetic, *perFile)
		what = fmt.Sprintf("synthetic, %d articles in JSONL files of %d", *synthetic, *perFile)
	case statErr == nil:
		for i := range *copies {
			check(copyTree(bbc, filepath.Join(corpusDir, fmt.Sprintf("copy%02d", i))))
		}
		what = fmt.Sprintf("../shared/corpus/bbc ×%d", *copies)
	default:
		generate(corpusDir, 2225**copies, 1)
		what = fmt.Sprintf("synthetic (../shared absent), %d articles", 2225**copies)
	}
	files, bytes := treeSize(corpusDir)
	fmt.Printf("corpus: %s — %d files, %.1f MB; %d cores\n\n", what, files, float64(bytes)/1e6, runtime.NumCPU())

	env := append(os.Environ(), "XDG_CACHE_HOME="+filepath.Join(work, "cache"))
	floorCmd := []string{"sh", "-c", "find . -type f -print0 | xargs -0 cat > /dev/null"}
	measure(corpusDir, env, floorCmd) // warm the page cache
	floor := best(*runs, corpusDir, env, floorCmd)
	cold := best(*runs, corpusDir, env, []string{bin, "list", "--json", "--no-cache", "."})
	measure(corpusDir, env, []string{bin, "list", "--json", "."}) // writes the cache
	warm := best(*runs, corpusDir, env, []string{bin, "list", "--json", "."})

	fmt.Printf("%-40s %10s %8s %12s %10s\n", "measurement", "wall", "× floor", "peak RSS", "× corpus")
	row := func(name string, m result) {
		fmt.Printf("%-40s %9.2fs %8.1f %10.0f MB %10.2f\n", name, m.wall.Seconds(), m.wall.Seconds()/floor.wall.Seconds(),
			float64(m.maxRSS)/1e6, float64(m.maxRSS)/float64(bytes))
	}
	row("cat floor (find | xargs cat)", floor)
	row("byline list --json --no-cache", cold)
	row("byline list --json (cache)", warm)
	fmt.Printf("\nload throughput, no cache: %.1f MB/s\n", float64(bytes)/1e6/cold.wall.Seconds())
	if out, err := exec.Command(bin, "check", corpusDir).CombinedOutput(); err != nil {
		fmt.Printf("warning: the corpus has problems, figures are not comparable:\n%s\n", lastLines(string(out), 3))
	}

	fmt.Println()
	storiesBench(bin, corpusDir, env, bytes)

	fmt.Println()
	firstFrame(bin, corpusDir)

	fmt.Println("\nfilter latency per keystroke (Go benchmarks, model):")
	out, err := exec.Command("go", "test", "./model/", "-run", "^$", "-bench", "Filter", "-benchtime", "10x").CombinedOutput()
	if err != nil {
		fmt.Printf("(benchmarks failed: %v)\n", err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(line, "Benchmark") {
			fmt.Println("  " + line)
		}
	}
}

// storiesBench groups the loaded corpus into stories (byline stories,
// which reports the build itself with BYLINE_STORIES_STATS): from
// scratch, again from the kept state, and after 1% of the files changed.
func storiesBench(bin, corpusDir string, env []string, bytes int64) {
	env = append(env, "BYLINE_STORIES_STATS=1")
	stats := func(what string, args ...string) {
		cmd := exec.Command(bin, append([]string{"stories", "--json"}, args...)...)
		cmd.Dir, cmd.Env, cmd.Stdout = corpusDir, env, io.Discard
		out, err := cmd.CombinedOutput()
		if err != nil {
			fmt.Printf("stories %s: failed: %v\n", what, err)
			return
		}
		for _, line := range strings.Split(string(out), "\n") {
			if i := strings.Index(line, "stories: "); i >= 0 {
				fmt.Printf("stories, %s: %s\n", what, line[i+len("stories: "):])
			}
		}
	}
	fmt.Printf("stories (corpus %.1f MB; the bar: at most 2 s after load and 0.2× the corpus, %.1f MB):\n", float64(bytes)/1e6, 0.2*float64(bytes)/1e6)
	stats("from scratch", "--no-cache", ".")
	stats("first run with the cache (keeps the state)", ".")
	stats("from the kept state, nothing changed", ".")
	// Change 1% of the files: a line added at the end of each.
	var files []string
	filepath.WalkDir(corpusDir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			files = append(files, p)
		}
		return nil
	})
	changed := 0
	for i := 0; i < len(files); i += 100 {
		f, err := os.OpenFile(files[i], os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			continue
		}
		fmt.Fprintf(f, "\nA line added to change the file (%d).\n", i)
		f.Close()
		changed++
	}
	stats(fmt.Sprintf("from the kept state, %d files changed", changed), ".")
}

// firstFrame prints the median time from starting the TUI on the corpus
// (with an empty cache, so it is still loading) to its first frame in tmux,
// measured by scripts/first-frame.sh.
func firstFrame(bin, corpusDir string) {
	if _, err := exec.LookPath("tmux"); err != nil {
		fmt.Println("first frame: skipped, tmux is not installed")
		return
	}
	cmd := exec.Command("bash", "scripts/first-frame.sh", corpusDir, "5")
	cmd.Env = append(os.Environ(), "BYLINE_BIN="+bin)
	out, err := cmd.CombinedOutput()
	if err != nil {
		fmt.Printf("first frame: failed: %v\n%s\n", err, lastLines(string(out), 3))
		return
	}
	fmt.Println("TUI " + lastLines(string(out), 1) + " (in tmux, loading from an empty cache)")
}

type result struct {
	wall   time.Duration
	maxRSS int64 // bytes
}

// best runs cmd n times and keeps the fastest run (and the largest RSS).
func best(n int, dir string, env, cmd []string) result {
	var r result
	for i := range n {
		m := measure(dir, env, cmd)
		if i == 0 || m.wall < r.wall {
			r.wall = m.wall
		}
		r.maxRSS = max(r.maxRSS, m.maxRSS)
	}
	return r
}

func measure(dir string, env, args []string) result {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir, cmd.Env = dir, env
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	start := time.Now()
	if err := cmd.Run(); err != nil {
		fmt.Fprintf(os.Stderr, "bench: %v: %v\n", args, err)
	}
	wall := time.Since(start)
	var rss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss * 1024 // kilobytes on Linux
	}
	return result{wall, rss}
}

func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}

func treeSize(dir string) (files int, bytes int64) {
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				files++
				bytes += info.Size()
			}
		}
		return nil
	})
	return files, bytes
}

// generate writes n synthetic articles: JSONL files of perFile records, or
// page dumps with web furniture when perFile is 1. The words are drawn
// from a small vocabulary with quotes and speakers, so cleaning and quote
// extraction do real work.
func generate(dir string, n, perFile int) {
	check(os.MkdirAll(dir, 0o755))
	rng := rand.New(rand.NewPCG(1, 2))
	speakers := []string{"Elena Varga", "Tomas Okafor", "Ingrid Lindqvist", "Henrik Maalouf", "Amaya Thorne", "Casimir Drago"}
	words := strings.Fields("the port strike talks union minister said would harbour ships council summit climate deal workers pay plan city government report week year after before new people told reporters on monday")
	sentence := func() string {
		k := 8 + rng.IntN(20)
		w := make([]string, k)
		for i := range w {
			w[i] = words[rng.IntN(len(words))]
		}
		w[0] = strings.ToUpper(w[0][:1]) + w[0][1:]
		return strings.Join(w, " ") + "."
	}
	body := func() []string {
		paras := make([]string, 4+rng.IntN(8))
		for i := range paras {
			s := sentence() + " " + sentence()
			if rng.IntN(3) == 0 {
				s = fmt.Sprintf("“%s” %s said.", strings.TrimSuffix(sentence(), ".")+",", speakers[rng.IntN(len(speakers))])
			}
			paras[i] = s
		}
		return paras
	}
	day := time.Date(2024, 1, 1, 8, 0, 0, 0, time.UTC)
	if perFile <= 1 {
		for i := range n {
			sub := filepath.Join(dir, fmt.Sprintf("d%03d", i/1000))
			check(os.MkdirAll(sub, 0o755))
			text := fmt.Sprintf("Stay up to date with notifications from The Synthetic Times\n\nHeadline number %d about the port\n\nBy Reporter %d\n%s\n\n%s\n\nYour support helps us to tell the story.\n",
				i, i%50, day.Add(time.Duration(i)*time.Hour).Format("2 Jan 2006 15:04 MST"), strings.Join(body(), "\n\n"))
			check(os.WriteFile(filepath.Join(sub, fmt.Sprintf("%d.txt", i)), []byte(text), 0o644))
		}
		return
	}
	for f := 0; f*perFile < n; f++ {
		file, err := os.Create(filepath.Join(dir, fmt.Sprintf("part-%04d.jsonl", f)))
		check(err)
		w := bufio.NewWriter(file)
		for i := f * perFile; i < min(n, (f+1)*perFile); i++ {
			fmt.Fprintf(w, `{"title":"Synthetic story %d","source":"Outlet %d","date":"%s","text":%q}`+"\n",
				i, i%7, day.Add(time.Duration(i)*time.Minute).Format(time.RFC3339), strings.Join(body(), "\n\n"))
		}
		check(w.Flush())
		check(file.Close())
	}
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

func run(name string, args ...string) {
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	check(cmd.Run())
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}
