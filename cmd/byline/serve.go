package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/log/v2"

	"byline/browse"
	"byline/browse/pgstore"
	"byline/serve"
	"byline/state"
	"byline/tui"
)

// serveModel makes one session's UI over the shared, read-only corpus. The
// corpus is indexed once here (a browse dataset), not per session: every
// session reads the same store, so a session costs its own screen state only.
// Each session gets its user's reader state from db, the user being the
// fingerprint of the key they authenticated with; without db, or without a
// key (--allow-anyone with none), marks last the session. resolve finds the
// articles marks name (shared: a loaded corpus's content index is built
// once; a database's articles are looked up by ID).
func serveModel(store browse.Store, resolve *state.Corpus, title string, db *state.DB, logger *log.Logger) serve.ModelFunc {
	return func(ctx context.Context, c serve.Client) tea.Model {
		view := state.Memory()
		if db != nil && c.PublicKey != nil {
			fp := serve.Fingerprint(c.PublicKey)
			if v, err := db.User(fp); err != nil {
				logger.Warn("reader state off for a session", "user", c.User, "key", fp, "err", err)
			} else {
				view = v
			}
		}
		view.Attach(resolve)
		return tui.New(ctx, tui.Config{
			Store:   store, // loaded once, shared read-only; no Load
			Title:   title,
			NoColor: c.NoColor(), // the client's NO_COLOR, never the server's
			Reader:  view,
			Remote:  true,
		})
	}
}

// serveOptions are serve's flags.
type serveOptions struct {
	set                       *flag.FlagSet
	listen, hostKey, authKeys *string
	allowAnyone               *bool
	maxSessions, rate         *int
	idle, maxLen              *time.Duration
	stateDB                   *string
	readOnlyState, noState    *bool
	defaultKeyErr             error
}

// serveFlags declares serve's flags (bound to e for the corpus ones): the
// one definition that parsing, `byline serve --help` and `byline --help`
// read.
func serveFlags(e *env) serveOptions {
	defaultKey, keyErr := serve.DefaultHostKeyPath()
	defaultAuth, _ := serve.DefaultAuthorizedKeysPath()
	set := flag.NewFlagSet("byline serve", flag.ContinueOnError)
	set.SetOutput(io.Discard)
	o := serveOptions{set: set, defaultKeyErr: keyErr}
	o.listen = set.String("listen", serve.DefaultAddr, "`ADDR` to listen on, host:port (beyond loopback is your choice)")
	o.hostKey = set.String("host-key", defaultKey, "SSH host key `FILE` (created, mode 0600, if missing)")
	o.authKeys = set.String("authorized-keys", defaultAuth, "OpenSSH authorized_keys `FILE`: the keys allowed in")
	o.allowAnyone = set.Bool("allow-anyone", false, "let anyone in, with any key or none (no authorized_keys check)")
	o.maxSessions = set.Int("max-sessions", serve.DefaultMaxSessions, "at most `N` sessions at once")
	o.idle = set.Duration("idle-timeout", serve.DefaultIdleTimeout, "close a session after `DURATION` without input (0: never)")
	o.maxLen = set.Duration("max-session", serve.DefaultMaxSessionLength, "close a session after `DURATION` in any case (0: never)")
	o.rate = set.Int("rate", serve.DefaultRatePerMinute, "allow `N` new sessions a minute from one address")
	defaultState, _ := state.DefaultPath()
	o.stateDB = set.String("state-db", defaultState, "each user's marks, stars and saved filters, by key fingerprint, in SQLite `FILE`")
	o.readOnlyState = set.Bool("read-only-state", false, "never write the state database (a shared demo server: marks last the session)")
	o.noState = set.Bool("no-state", false, "no state database: every session's marks last the session")
	set.Int64Var(&e.maxSize, "max-size", 8<<20, "skip files larger than `BYTES`")
	set.BoolVar(&e.noCache, "no-cache", false, "parse every file again; neither read nor write the cache")
	set.StringVar(&e.db, "db", "", "serve the corpus in a PostgreSQL database (`URL`, written by byline index) instead of files")
	return o
}

// serveHelp is `byline serve --help`.
func serveHelp(e *env, o serveOptions) {
	fmt.Fprintln(e.stdout, "usage: byline serve [FLAGS] [PATH...]")
	fmt.Fprintln(e.stdout)
	fmt.Fprintln(e.stdout, "Serve the browser over SSH on the corpus under PATH (no path: the demo corpus).")
	fmt.Fprintln(e.stdout, "Only keys in --authorized-keys get in; users connect with `ssh -t -p PORT HOST`.")
	fmt.Fprintln(e.stdout)
	fmt.Fprintln(e.stdout, "flags:")
	printFlags(e.stdout, o.set)
}

// runServe serves the TUI over SSH: `byline serve [flags] [PATH...]`.
//
// Its flags are its own (ownFlags: run passes the arguments as typed).
func runServe(ctx context.Context, e *env, args []string) error {
	o := serveFlags(e)
	listen, hostKey, authKeys, allowAnyone := o.listen, o.hostKey, o.authKeys, o.allowAnyone
	maxSessions, idle, maxLen, rate := o.maxSessions, o.idle, o.maxLen, o.rate
	positional, err := parseInterspersed(o.set, args)
	if errors.Is(err, flag.ErrHelp) {
		serveHelp(e, o)
		return nil
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "byline serve: %v\n", err)
		return errUsage
	}
	if err := mustExist(positional); err != nil {
		return err
	}
	if *maxSessions <= 0 || *rate <= 0 || *idle < 0 || *maxLen < 0 {
		fmt.Fprintln(e.stderr, "byline serve: --max-sessions and --rate must be positive, durations not negative")
		return errUsage
	}
	if *hostKey == "" {
		return fmt.Errorf("serve: no --host-key and no default: %v", o.defaultKeyErr)
	}

	cfg := serve.Config{
		AllowAnyone:      *allowAnyone,
		MaxSessions:      *maxSessions,
		IdleTimeout:      orNever(*idle),
		MaxSessionLength: orNever(*maxLen),
		RatePerMinute:    *rate,
		Logger:           serve.NewLogger(e.stderr),
	}
	logger := cfg.Logger

	// Who may come in: checked before anything else, so a misconfigured
	// server never starts open.
	if !*allowAnyone {
		keys, err := readAuthorizedKeys(*authKeys, logger.Warn)
		if err != nil {
			return err
		}
		cfg.AuthorizedKeys = serve.NewKeySet()
		for _, k := range keys {
			cfg.AuthorizedKeys.Add(k)
		}
	} else {
		logger.Warn("--allow-anyone: anyone who can reach the address gets in")
	}

	signer, created, err := serve.LoadOrCreateHostKey(*hostKey)
	if err != nil {
		return err
	}
	if created {
		logger.Info("created host key", "path", *hostKey)
	}
	if fi, err := os.Stat(*hostKey); err == nil && fi.Mode().Perm()&0o077 != 0 {
		logger.Warn("host key is readable by others; chmod 600 it", "path", *hostKey, "mode", fi.Mode().Perm())
	}

	begin := time.Now()
	var store browse.Store
	var resolve *state.Corpus
	// Names, not the server's full paths, for the remote users.
	title := "demo corpus"
	if e.db != "" {
		st, done, err := openDB(ctx, e, positional)
		if err != nil {
			return err
		}
		defer done()
		info := st.Info()
		logger.Info("database opened", "db", pgstore.Redact(e.db), "articles", info.Stories, "problems", info.Problems,
			"took", time.Since(begin).Round(time.Millisecond))
		store, title = st, "database "+st.Pool().Config().ConnConfig.Database
		resolve = dbLookup(ctx, st)
	} else {
		corp, err := loadCorpus(ctx, positional, e.loadOptions(positional))
		if err != nil {
			return err
		}
		logger.Info("corpus loaded", "articles", len(corp.Articles), "problems", len(corp.Problems),
			"took", time.Since(begin).Round(time.Millisecond))
		if len(positional) > 0 {
			title = filepath.Base(positional[0])
			if len(positional) > 1 {
				title += " …"
			}
		}
		store = browse.Prepare(corp)
		resolve = state.NewCorpus(corp)
	}
	var db *state.DB
	if !*o.noState {
		db = openState(*o.stateDB, *o.readOnlyState, func(msg string) { logger.Warn(msg) })
		if db != nil {
			defer db.Close() // after the sessions: writes what they queued
			logger.Info("reader state", "db", db.Path(), "saving", db.Saving())
		}
	}
	cfg.HostKey = signer
	cfg.NewModel = serveModel(store, resolve, title, db, logger)

	srv, err := serve.New(cfg)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	logger.Info("listening", "addr", ln.Addr().String(), "host-key", srv.Fingerprint(),
		"max-sessions", cfg.MaxSessions, "idle-timeout", *idle, "authorized-keys", cfg.AuthorizedKeys.Len())

	logger.Info("connect with", "cmd", connectCommand(ln.Addr()))

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	logger.Info("shutting down", "sessions", srv.Sessions())
	stopCtx, cancel := context.WithTimeout(context.Background(), 4*time.Second)
	defer cancel()
	_ = srv.Shutdown(stopCtx)
	select {
	case <-served:
	case <-time.After(time.Second):
	}
	logger.Info("stopped")
	return nil
}

// connectCommand is the ssh command a user runs to reach addr. An
// unspecified address (0.0.0.0, ::) is no host to connect to: the machine's
// name stands in for it.
func connectCommand(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "ssh -t " + addr.String()
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "localhost"
		if name, err := os.Hostname(); err == nil && name != "" {
			host = name
		}
	}
	if port == "22" {
		return "ssh -t " + host
	}
	return fmt.Sprintf("ssh -t -p %s %s", port, host)
}

// orNever maps the command line's 0 ("never") to the config's "disabled".
func orNever(d time.Duration) time.Duration {
	if d == 0 {
		return -1
	}
	return d
}

// readAuthorizedKeys reads the keys allowed in, refusing to go on without any.
func readAuthorizedKeys(path string, warn func(any, ...any)) ([]serve.AuthorizedKey, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("serve: refusing to start: no authorized keys file %s\n"+
			"  list the public keys allowed in there, pass --authorized-keys FILE, or --allow-anyone to let everyone in", path)
	}
	if err != nil {
		return nil, fmt.Errorf("serve: authorized keys: %w", err)
	}
	keys, warnings := serve.ParseAuthorizedKeys(data)
	for _, w := range warnings {
		warn("authorized keys: "+w, "path", path)
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("serve: refusing to start: no usable keys in %s\n"+
			"  add the public keys allowed in, pass --authorized-keys FILE, or --allow-anyone to let everyone in", path)
	}
	return keys, nil
}
