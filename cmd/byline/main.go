// Command byline browses a folder of news articles in the terminal and prints
// its articles, quotations and speakers for scripts.
//
//	byline [PATH...]                      browse (no path: the embedded demo corpus)
//	byline list     [--json] PATH...      one line per article
//	byline show     [--json] ID|PATH...   cleaned articles with body, removed blocks and quotations
//	byline quotes   [--json] [--speaker NAME] PATH...
//	byline speakers [--json] PATH...
//	byline check    PATH...               list problems; exit 1 if any
//
// Exit codes: 0 ok, 1 failure, 2 usage.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"syscall"
	"text/tabwriter"

	"byline/sanitize"
)

// Version is byline's version; the corpus cache is keyed by it.
const Version = "0.1.0"

const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// errUsage marks a mistake in the command line (exit 2).
var errUsage = errors.New("usage")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	stopProfile := startProfile(os.Getenv("BYLINE_CPUPROFILE"))
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stopProfile()
	stop()
	os.Exit(code)
}

// startProfile writes a CPU profile to file when it is set (the
// BYLINE_CPUPROFILE variable), for measuring whole commands as users run
// them; see scripts/bench.
func startProfile(file string) (stop func()) {
	if file == "" {
		return func() {}
	}
	f, err := os.Create(file)
	if err != nil {
		fmt.Fprintf(os.Stderr, "byline: profile: %v\n", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintf(os.Stderr, "byline: profile: %v\n", err)
		f.Close()
		return func() {}
	}
	return func() { pprof.StopCPUProfile(); f.Close() }
}

// writeHeapProfile writes the live heap to file when it is set (the
// BYLINE_MEMPROFILE variable): called once the corpus is loaded, so the
// profile shows what a loaded corpus keeps (go tool pprof -sample_index=inuse_space).
func writeHeapProfile(file string) {
	if file == "" {
		return
	}
	runtime.GC()
	f, err := os.Create(file)
	if err == nil {
		err = pprof.WriteHeapProfile(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "byline: heap profile: %v\n", err)
	}
}

// command is one subcommand: the flags it takes and what it runs with the
// positional arguments.
type command struct {
	name, usage, summary string
	run                  func(ctx context.Context, env *env, args []string) error
	// flags names the common flags (see env.flagSet) the command takes;
	// any other flag is a usage error.
	flags []string
	// paths: the positional arguments are files or folders, each of which
	// must exist.
	paths bool
	// ownFlags commands parse their arguments themselves (serve has
	// flags of its own) and print their own help.
	ownFlags bool
}

// env is what every command shares: output streams and the common flags.
type env struct {
	stdout, stderr io.Writer
	json           bool
	csv            bool
	maxSize        int64
	speaker        string
	corpus         string
	noCache        bool
	noStories      bool
	db             string // --db URL: a PostgreSQL database (see index.go)
	batch          int64  // index --batch BYTES
}

// flagSet declares the common flags named in names (all of them when names
// is nil), bound to e.
func (e *env) flagSet(name string, names []string) *flag.FlagSet {
	set := flag.NewFlagSet(name, flag.ContinueOnError)
	set.SetOutput(io.Discard)
	all := flag.NewFlagSet("", flag.ContinueOnError)
	all.BoolVar(&e.json, "json", false, "print JSON Lines on stdout (nothing else goes there)")
	all.BoolVar(&e.csv, "csv", false, "print CSV on stdout: a header row, then the --json fields (RFC 4180, UTF-8)")
	all.Int64Var(&e.maxSize, "max-size", 8<<20, "skip files larger than `BYTES`")
	all.StringVar(&e.speaker, "speaker", "", "only quotations by this speaker (`NAME` or alias)")
	all.StringVar(&e.corpus, "corpus", "", "the corpus `DIR` that IDs refer to (default: the demo corpus)")
	all.BoolVar(&e.noCache, "no-cache", false, "parse every file again; neither read nor write the cache ($XDG_CACHE_HOME/byline)")
	all.StringVar(&e.db, "db", "", "read the corpus from a PostgreSQL database (`URL`, written by byline index) instead of files")
	all.BoolVar(&e.noStories, "no-stories", false, "index: do not group stories or find echoes (for archives too large to cluster on this machine); the database then says it has none")
	all.Int64Var(&e.batch, "batch", 1<<30, "index: load at most `BYTES` of files at once (a corpus that fits is loaded whole)")
	all.VisitAll(func(f *flag.Flag) {
		if names == nil || slices.Contains(names, f.Name) {
			set.Var(f.Value, f.Name, f.Usage)
		}
	})
	return set
}

var (
	loadFlags   = []string{"json", "max-size", "no-cache", "db"}
	csvFlags    = append(slices.Clip(loadFlags), "csv")
	browseUsage = "[PATH...]"
)

func commands() []command {
	return []command{
		{name: "list", usage: "list [--json|--csv] PATH...", summary: "one line per article: date, source, title", run: runList, flags: csvFlags, paths: true},
		{name: "show", usage: "show [--json] [--corpus DIR] ID|PATH...", summary: "cleaned articles: metadata, body, quotations, removed boilerplate", run: runShow, flags: append(slices.Clip(loadFlags), "corpus")},
		{name: "quotes", usage: "quotes [--json|--csv] [--speaker NAME] PATH...", summary: "every quotation with its speaker", run: runQuotes, flags: append(slices.Clip(csvFlags), "speaker"), paths: true},
		{name: "speakers", usage: "speakers [--json|--csv] PATH...", summary: "speakers, most quoted first", run: runSpeakers, flags: csvFlags, paths: true},
		{name: "check", usage: "check [--json] PATH...", summary: "list the files that could not be loaded; exit 1 if any", run: runCheck, flags: loadFlags, paths: true},
		{name: "report", usage: "report [--json] PATH...", summary: "what loading did: empty bodies, derived titles, sources by evidence, removals by reason", run: runReport, flags: loadFlags, paths: true},
		storiesCommand(),
		{name: "index", usage: "index --db URL [--no-stories] [PATH...]", summary: "write the corpus into PostgreSQL (only what changed) for --db", run: runIndex, flags: []string{"db", "batch", "max-size", "no-cache", "no-stories"}, paths: true},
		{name: "serve", usage: "serve [FLAGS] [PATH...]", summary: "the browser over SSH for a team: key-only, loopback unless --listen", run: runServe, ownFlags: true},
		{name: "version", usage: "version", summary: "print byline's version", flags: []string{}, run: func(_ context.Context, e *env, _ []string) error {
			fmt.Fprintln(e.stdout, "byline", Version)
			return nil
		}},
	}
}

// browseCommand is what `byline [PATH...]` runs.
func browseCommand() command {
	return command{name: "", usage: browseUsage, summary: "browse (no path: the embedded demo corpus)", run: runBrowse, flags: loadFlags, paths: true}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	e := &env{stdout: stdout, stderr: stderr}
	cmd, args, err := pick(args)
	switch {
	case errors.Is(err, errHelp):
		if len(args) == 0 {
			usage(stdout)
			return exitOK
		}
		if c, ok := findCommand(args[0]); ok {
			commandHelp(e, c)
			return exitOK
		}
		fmt.Fprintf(stderr, "byline: no command %q%s\n", args[0], didYouMean(nearestCommand(args[0])))
		fmt.Fprintln(stderr, "run `byline help` for the commands")
		return exitUsage
	case err != nil:
		fmt.Fprintf(stderr, "byline: %v\n", err)
		fmt.Fprintln(stderr, "run `byline help` for the commands")
		return exitUsage
	}
	positional := args
	if !cmd.ownFlags {
		set := e.flagSet("byline "+cmd.name, cmd.flags)
		positional, err = parseInterspersed(set, args)
		if errors.Is(err, flag.ErrHelp) {
			commandHelp(e, cmd)
			return exitOK
		}
		if err != nil {
			fmt.Fprintf(stderr, "byline: %v%s\n", err, didYouMean(nearestFlag(err, set)))
			fmt.Fprintf(stderr, "usage: byline %s\n", cmd.usage)
			return exitUsage
		}
	}
	if e.json && e.csv {
		fmt.Fprintln(stderr, "byline: --json and --csv: choose one")
		fmt.Fprintf(stderr, "usage: byline %s\n", cmd.usage)
		return exitUsage
	}
	if cmd.paths {
		if err := mustExist(positional); err != nil {
			fmt.Fprintf(stderr, "byline: %v\n", err)
			return exitFailure
		}
	}
	if err := cmd.run(ctx, e, positional); err != nil {
		if errors.Is(err, errUsage) {
			fmt.Fprintf(stderr, "usage: byline %s\n", cmd.usage)
			return exitUsage
		}
		var f failure
		if !errors.As(err, &f) {
			fmt.Fprintf(stderr, "byline: %v\n", err)
		}
		return exitFailure
	}
	return exitOK
}

// errHelp asks for help: the general usage, or a command's when the
// remaining arguments start with its name.
var errHelp = errors.New("help")

// pick decides what the command line asks for. The first argument is a
// command when it names one; otherwise it is the browser's, and a first
// argument that is no existing file or folder but is one typo away from a
// command name is taken for a mistyped command (a usage error), not a
// missing folder.
func pick(args []string) (command, []string, error) {
	if len(args) == 0 {
		return browseCommand(), args, nil
	}
	first := args[0]
	switch first {
	case "help", "-h", "-help", "--help":
		return command{}, args[1:], errHelp
	}
	if c, ok := findCommand(first); ok {
		return c, args[1:], nil
	}
	if strings.HasPrefix(first, "-") {
		return browseCommand(), args, nil
	}
	if _, err := os.Lstat(first); err == nil {
		return browseCommand(), args, nil
	}
	if near := nearestCommand(first); near != "" {
		return command{}, nil, fmt.Errorf("%q is neither a command nor a file or folder; did you mean %s?", first, near)
	}
	return browseCommand(), args, nil
}

func findCommand(name string) (command, bool) {
	for _, c := range commands() {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// didYouMean is the hint for a near miss: "; did you mean list?".
func didYouMean(near string) string {
	if near == "" {
		return ""
	}
	return "; did you mean " + near + "?"
}

// nearestFlag is the flag of set within a typo of the one a parse error
// names ("flag provided but not defined: -jsn" → "--json"), or "".
func nearestFlag(err error, set *flag.FlagSet) string {
	_, name, ok := strings.Cut(err.Error(), "flag provided but not defined: ")
	if !ok {
		return ""
	}
	name = strings.TrimLeft(name, "-")
	var names []string
	set.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	if near := nearest(name, names); near != "" {
		return "--" + near
	}
	return ""
}

// nearestCommand is the command name within a typo of word, or "".
func nearestCommand(word string) string {
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	return nearest(strings.ToLower(word), names)
}

// nearest is the name within a typo of word: one edit (a swap of
// neighbours counts as one) for short names like commands and flags, a
// fifth of the length for long ones like IDs; "" when none is that close.
// Two edits would take real words for typos ("sport" for report).
func nearest(word string, names []string) string {
	best, bestDist := "", -1
	for _, name := range names {
		limit := 1
		if n := len(name); n > 10 {
			limit = n / 5
		}
		if abs(len(name)-len(word)) > limit {
			continue
		}
		if d := editDistance(word, name); d <= limit && (bestDist < 0 || d < bestDist) {
			best, bestDist = name, d
		}
	}
	return best
}

func abs(n int) int { return max(n, -n) }

// editDistance is the optimal-string-alignment distance between a and b:
// insertions, deletions, substitutions and swaps of adjacent letters.
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	d := make([][]int, len(x)+1)
	for i := range d {
		d[i] = make([]int, len(y)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(x)][len(y)]
}

// mustExist reports the first path that is not there: a missing folder is
// an error, not an empty corpus.
func mustExist(paths []string) error {
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("%s: no such file or folder", sanitize.Line(p))
			}
			return fmt.Errorf("%s: %w", sanitize.Line(p), err)
		}
	}
	return nil
}

// failure is an error already reported to the user (exit 1, nothing more to print).
type failure struct{}

func (failure) Error() string { return "failed" }

// parseInterspersed lets flags come after paths (`byline list DIR --json`),
// as users type them.
func parseInterspersed(set *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := set.Parse(args); err != nil {
			return nil, err
		}
		args = set.Args()
		if len(args) == 0 {
			return positional, nil
		}
		if args[0] == "--" {
			return append(positional, args[1:]...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// commandHelp prints one command's usage, summary and flags on stdout.
func commandHelp(e *env, c command) {
	if c.ownFlags {
		// serve describes its own flags.
		_ = c.run(context.Background(), e, []string{"--help"})
		return
	}
	fmt.Fprintf(e.stdout, "usage: byline %s\n\n%s\n", c.usage, c.summary)
	if len(c.flags) > 0 {
		set := e.flagSet("byline "+c.name, c.flags)
		fmt.Fprintln(e.stdout, "\nflags:")
		printFlags(e.stdout, set)
	}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "byline: browse a folder of news articles; see who said what.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "usage:")
	for _, c := range append([]command{browseCommand()}, commands()...) {
		fmt.Fprintf(w, "  byline %-42s %s\n", c.usage, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "flags: --json (JSON Lines on stdout), --csv (list, quotes, speakers), --max-size BYTES (default 8 MiB),")
	fmt.Fprintln(w, "       --no-cache (parse every file again; the cache lives in $XDG_CACHE_HOME/byline)")
	fmt.Fprintln(w, "       --corpus DIR (show), --speaker NAME (quotes), --batch BYTES (index: files loaded at once)")
	line := "serve flags:"
	for _, f := range flagSynopsis(serveFlags(&env{}).set) {
		if len(line)+len(f) > 76 {
			fmt.Fprintln(w, line)
			line = "      "
		}
		line += " " + f
	}
	fmt.Fprintln(w, line)
	fmt.Fprintln(w, "`byline help COMMAND` or `byline COMMAND --help` describes a command and its flags.")
	fmt.Fprintln(w, "exit codes: 0 ok, 1 failure, 2 usage")
}

// printFlags describes each flag of set on its own line, as it is typed
// (--listen ADDR), with its default when it has one worth saying.
func printFlags(w io.Writer, set *flag.FlagSet) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	set.VisitAll(func(f *flag.Flag) {
		name, text := flag.UnquoteUsage(f)
		if name != "" {
			name = " " + name
		}
		if d := f.DefValue; d != "" && d != "false" && d != "0" {
			text += " (default " + d + ")"
		}
		fmt.Fprintf(tw, "  --%s%s\t%s\n", f.Name, name, text)
	})
	tw.Flush()
}

// flagSynopsis lists a flag set's flags as they are typed: "--listen ADDR".
func flagSynopsis(set *flag.FlagSet) []string {
	var out []string
	set.VisitAll(func(f *flag.Flag) {
		name, _ := flag.UnquoteUsage(f)
		if name != "" {
			name = " " + name
		}
		out = append(out, "--"+f.Name+name)
	})
	return out
}
