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
	"os"
	"os/signal"
	"runtime"
	"runtime/pprof"
	"syscall"
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

// command is one subcommand: its flags are declared by setup and it runs
// with the positional arguments.
type command struct {
	name, usage, summary string
	run                  func(ctx context.Context, env *env, args []string) error
	// ownFlags commands parse their arguments themselves (serve has
	// flags of its own); the others share the common flags below.
	ownFlags bool
}

// env is what every command shares: output streams and the common flags.
type env struct {
	stdout, stderr io.Writer
	json           bool
	maxSize        int64
	speaker        string
	corpus         string
	noCache        bool
}

func commands() []command {
	return []command{
		{name: "list", usage: "list [--json] PATH...", summary: "one line per article: date, source, title", run: runList},
		{name: "show", usage: "show [--json] [--corpus DIR] ID|PATH...", summary: "cleaned articles: metadata, body, quotations, removed boilerplate", run: runShow},
		{name: "quotes", usage: "quotes [--json] [--speaker NAME] PATH...", summary: "every quotation with its speaker", run: runQuotes},
		{name: "speakers", usage: "speakers [--json] PATH...", summary: "speakers, most quoted first", run: runSpeakers},
		{name: "check", usage: "check PATH...", summary: "list the files that could not be loaded; exit 1 if any", run: runCheck},
		{name: "report", usage: "report [--json] PATH...", summary: "what loading did: empty bodies, derived titles, sources by evidence, removals by reason", run: runReport},
		{name: "serve", usage: serveUsage, summary: "the browser over SSH for a team: key-only, loopback unless --listen", run: runServe, ownFlags: true},
		{name: "version", usage: "version", summary: "print byline's version", run: func(_ context.Context, e *env, _ []string) error {
			fmt.Fprintln(e.stdout, "byline", Version)
			return nil
		}},
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	e := &env{stdout: stdout, stderr: stderr}
	cmd := command{name: "byline", usage: "[PATH...]", run: runBrowse}
	if len(args) > 0 {
		for _, c := range commands() {
			if args[0] == c.name {
				cmd, args = c, args[1:]
				break
			}
		}
		if args0 := firstArg(args); args0 == "help" || args0 == "-h" || args0 == "--help" {
			usage(stdout)
			return exitOK
		}
	}
	fs := flag.NewFlagSet("byline "+cmd.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.BoolVar(&e.json, "json", false, "print JSON Lines")
	fs.Int64Var(&e.maxSize, "max-size", 8<<20, "skip files larger than this many bytes")
	fs.StringVar(&e.speaker, "speaker", "", "only quotations by this speaker (name or alias)")
	fs.StringVar(&e.corpus, "corpus", "", "corpus folder that IDs refer to (default: the demo corpus)")
	fs.BoolVar(&e.noCache, "no-cache", false, "parse every file again; neither read nor write the cache")
	positional, err := parseInterspersed(fs, args)
	if cmd.ownFlags {
		positional, err = args, nil
	}
	if err != nil {
		fmt.Fprintf(stderr, "byline: %v\n", err)
		fmt.Fprintf(stderr, "usage: byline %s\n", cmd.usage)
		return exitUsage
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

func firstArg(args []string) string {
	if len(args) == 0 {
		return ""
	}
	return args[0]
}

// failure is an error already reported to the user (exit 1, nothing more to print).
type failure struct{}

func (failure) Error() string { return "failed" }

// parseInterspersed lets flags come after paths (`byline list DIR --json`),
// as users type them.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
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

func usage(w io.Writer) {
	fmt.Fprintln(w, "byline: browse a folder of news articles; see who said what.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "usage:")
	fmt.Fprintln(w, "  byline [PATH...]    browse (no path: the embedded demo corpus)")
	for _, c := range commands() {
		fmt.Fprintf(w, "  byline %-42s %s\n", c.usage, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "flags: --json (JSON Lines on stdout), --max-size BYTES (default 8 MiB),")
	fmt.Fprintln(w, "       --no-cache (parse every file again; the cache lives in $XDG_CACHE_HOME/byline)")
	fmt.Fprintln(w, "exit codes: 0 ok, 1 failure, 2 usage")
}
