package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"time"

	tea "charm.land/bubbletea/v2"

	"byline/browse"
	"byline/model"
	"byline/serve"
	"byline/tui"
)

// serveUsage is the usage line of `byline serve`.
const serveUsage = "serve [--listen ADDR] [--host-key FILE] [--authorized-keys FILE] [--allow-anyone] [--max-sessions N] [--idle-timeout D] [PATH...]"

// serveModel makes one session's UI over the shared, read-only corpus. The
// corpus is indexed once here (a browse dataset), not per session: every
// session reads the same store, so a session costs its own screen state only.
func serveModel(corp *model.Corpus, title string) serve.ModelFunc {
	store := browse.Prepare(corp)
	return func(ctx context.Context, c serve.Client) tea.Model {
		return tui.New(ctx, tui.Config{
			Store:   store, // loaded once, shared read-only; no Load
			Title:   title,
			NoColor: c.NoColor(), // the client's NO_COLOR, never the server's
		})
	}
}

// runServe serves the TUI over SSH: `byline serve [flags] [PATH...]`.
//
// Its flags are its own (ownFlags: run passes the arguments as typed).
func runServe(ctx context.Context, e *env, args []string) error {
	defaultKey, keyErr := serve.DefaultHostKeyPath()
	defaultAuth, _ := serve.DefaultAuthorizedKeysPath()

	fset := flag.NewFlagSet("byline serve", flag.ContinueOnError)
	fset.SetOutput(e.stderr)
	listen := fset.String("listen", serve.DefaultAddr, "address to listen on (exposing it beyond loopback is your choice)")
	hostKey := fset.String("host-key", defaultKey, "SSH host key (created, mode 0600, if missing)")
	authKeys := fset.String("authorized-keys", defaultAuth, "OpenSSH authorized_keys file: the keys allowed in")
	allowAnyone := fset.Bool("allow-anyone", false, "let anyone in, with any key or none (no authorized_keys check)")
	maxSessions := fset.Int("max-sessions", serve.DefaultMaxSessions, "most sessions at once")
	idle := fset.Duration("idle-timeout", serve.DefaultIdleTimeout, "close a session after this long without input (0: never)")
	maxLen := fset.Duration("max-session", serve.DefaultMaxSessionLength, "close a session after this long in any case (0: never)")
	rate := fset.Int("rate", serve.DefaultRatePerMinute, "new sessions per minute allowed from one address")
	fset.Int64Var(&e.maxSize, "max-size", 8<<20, "skip files larger than this many bytes")
	fset.BoolVar(&e.noCache, "no-cache", false, "parse every file again; neither read nor write the cache")
	positional, err := parseInterspersed(fset, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return errUsage
	}
	if *maxSessions <= 0 || *rate <= 0 || *idle < 0 || *maxLen < 0 {
		fmt.Fprintln(e.stderr, "byline serve: --max-sessions and --rate must be positive, durations not negative")
		return errUsage
	}
	if *hostKey == "" {
		return fmt.Errorf("serve: no --host-key and no default: %v", keyErr)
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
	corp, err := loadCorpus(ctx, positional, e.loadOptions(positional))
	if err != nil {
		return err
	}
	logger.Info("corpus loaded", "articles", len(corp.Articles), "problems", len(corp.Problems),
		"took", time.Since(begin).Round(time.Millisecond))
	// Names, not the server's full paths, for the remote users.
	title := "demo corpus"
	if len(positional) > 0 {
		title = filepath.Base(positional[0])
		if len(positional) > 1 {
			title += " …"
		}
	}
	cfg.HostKey = signer
	cfg.NewModel = serveModel(corp, title)

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

	if host, port, err := net.SplitHostPort(ln.Addr().String()); err == nil {
		logger.Info("connect with", "cmd", fmt.Sprintf("ssh -t -p %s %s", port, host))
	}

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
