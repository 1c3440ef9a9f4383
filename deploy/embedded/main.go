// Command embedded runs an embedded NATS server (with JetStream) and/or an
// embedded FerretDB 1.24 (SQLite backend) in one process, each enabled by a flag.
//
// It prints exactly one line to stdout once every enabled server accepts
// connections:
//
//	READY nats=<host:port or -> ferret=<host:port or ->
//
// Errors go to stderr, exit code 1. Usage errors exit 2. SIGINT/SIGTERM/SIGHUP
// (or, with -parent-pid, the death of the parent) shut both servers down and
// exit 0.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
	"github.com/nats-io/nats-server/v2/server"
)

const (
	readyTimeout    = 10 * time.Second
	shutdownTimeout = 8 * time.Second
	parentPoll      = 500 * time.Millisecond
)

// level is the common log level for both servers.
type level int

const (
	levelDebug level = iota
	levelInfo
	levelWarn
	levelError
)

func parseLevel(s string) (level, error) {
	switch strings.ToLower(s) {
	case "debug":
		return levelDebug, nil
	case "info":
		return levelInfo, nil
	case "warn", "warning":
		return levelWarn, nil
	case "error":
		return levelError, nil
	default:
		return 0, fmt.Errorf("invalid -log-level %q (want debug, info, warn or error)", s)
	}
}

func (l level) slog() slog.Level {
	switch l {
	case levelDebug:
		return slog.LevelDebug
	case levelInfo:
		return slog.LevelInfo
	case levelWarn:
		return slog.LevelWarn
	default:
		return slog.LevelError
	}
}

// natsLogger implements server.Logger, writing to stderr above a minimum level.
// Fatalf does not exit (nats-server's own logger does): it reports the message
// on fatal so that main can shut down cleanly.
type natsLogger struct {
	min   level
	mu    sync.Mutex
	fatal chan string
}

func (l *natsLogger) logf(lv level, tag, format string, v ...any) {
	if lv < l.min {
		return
	}
	msg := fmt.Sprintf(format, v...)
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(os.Stderr, "%s nats %s %s\n", time.Now().Format(time.RFC3339Nano), tag, msg)
}

func (l *natsLogger) Noticef(format string, v ...any) { l.logf(levelInfo, "[INF]", format, v...) }
func (l *natsLogger) Warnf(format string, v ...any)   { l.logf(levelWarn, "[WRN]", format, v...) }
func (l *natsLogger) Errorf(format string, v ...any)  { l.logf(levelError, "[ERR]", format, v...) }
func (l *natsLogger) Fatalf(format string, v ...any) {
	l.logf(levelError, "[FTL]", format, v...)
	select {
	case l.fatal <- fmt.Sprintf(format, v...):
	default:
	}
}
func (l *natsLogger) Debugf(format string, v ...any) { l.logf(levelDebug, "[DBG]", format, v...) }
func (l *natsLogger) Tracef(format string, v ...any) { l.logf(levelDebug, "[TRC]", format, v...) }

func logErr(format string, v ...any) {
	fmt.Fprintf(os.Stderr, "embedded: "+format+"\n", v...)
}

func fatal(format string, v ...any) {
	logErr(format, v...)
	os.Exit(1)
}

func main() {
	// A SIGKILLed launcher closes the read ends of our stdout/stderr pipes.
	// Without this, the next log line would kill us with SIGPIPE before the
	// servers are shut down cleanly; with it, the write just fails with EPIPE.
	signal.Ignore(syscall.SIGPIPE)

	fs := flag.NewFlagSet("embedded", flag.ContinueOnError)
	fs.SetOutput(os.Stderr)
	natsAddr := fs.String("nats-addr", "", "NATS listen host:port (empty = NATS disabled; port 0 = random free port)")
	natsDir := fs.String("nats-dir", "", "JetStream store directory (required with -nats-addr)")
	natsName := fs.String("nats-name", "highland", "NATS server name")
	natsConfig := fs.String("nats-config", "", "NATS configuration file (users and permissions); listen address, store dir and name still come from the flags")
	ferretAddr := fs.String("ferret-addr", "", "FerretDB listen host:port (empty = FerretDB disabled; port 0 = random free port)")
	ferretDir := fs.String("ferret-dir", "", "FerretDB SQLite directory, created if missing (required with -ferret-addr)")
	parentPID := fs.Int("parent-pid", 0, "if > 0, shut down when this process is gone or our parent process changes")
	logLevel := fs.String("log-level", "warn", "log level for both servers: debug, info, warn, error")
	fs.Usage = func() {
		fmt.Fprintf(os.Stderr, "Usage: %s [flags]\n\nRuns an embedded NATS (JetStream) and/or FerretDB (SQLite) server.\nAt least one of -nats-addr and -ferret-addr is required.\n\nFlags:\n", filepath.Base(os.Args[0]))
		fs.PrintDefaults()
	}

	if err := fs.Parse(os.Args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		os.Exit(2)
	}
	usageErr := func(format string, v ...any) {
		fmt.Fprintf(os.Stderr, "embedded: "+format+"\n\n", v...)
		fs.Usage()
		os.Exit(2)
	}
	if fs.NArg() > 0 {
		usageErr("unexpected arguments: %v", fs.Args())
	}
	if *natsAddr == "" && *ferretAddr == "" {
		usageErr("at least one of -nats-addr and -ferret-addr is required")
	}
	lv, err := parseLevel(*logLevel)
	if err != nil {
		usageErr("%v", err)
	}
	if *natsAddr != "" && *natsDir == "" {
		usageErr("-nats-dir is required with -nats-addr")
	}
	if *ferretAddr != "" && *ferretDir == "" {
		usageErr("-ferret-dir is required with -ferret-addr")
	}
	var natsHost string
	var natsPort int
	if *natsAddr != "" {
		if natsHost, natsPort, err = splitHostPort(*natsAddr); err != nil {
			usageErr("invalid -nats-addr: %v", err)
		}
	}
	if *ferretAddr != "" {
		if _, _, err := splitHostPort(*ferretAddr); err != nil {
			usageErr("invalid -ferret-addr: %v", err)
		}
	}

	// Record the parent before anything slow happens, so that a parent that
	// dies during startup is still noticed.
	startPPID := os.Getppid()
	if *parentPID > 0 && !processAlive(*parentPID) {
		fatal("parent process %d is not running", *parentPID)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()

	// cleanup runs in reverse order of registration.
	var cleanups []func()
	runCleanups := func() {
		for i := len(cleanups) - 1; i >= 0; i-- {
			cleanups[i]()
		}
	}
	fail := func(format string, v ...any) {
		logErr(format, v...)
		armHardExit(1)
		runCleanups()
		os.Exit(1)
	}

	readyNATS, readyFerret := "-", "-"
	var natsFatal chan string // nil (never ready) when NATS is disabled

	// --- NATS ---
	if *natsAddr != "" {
		host, port := natsHost, natsPort
		if port == 0 {
			port = server.RANDOM_PORT // 0 would mean the default port 4222 to nats-server
		}
		storeDir, err := filepath.Abs(*natsDir)
		if err != nil {
			fatal("invalid -nats-dir: %v", err)
		}
		if err := os.MkdirAll(storeDir, 0o755); err != nil {
			fatal("cannot create -nats-dir %s: %v", storeDir, err)
		}

		opts := &server.Options{}
		if *natsConfig != "" {
			// Authorization (users, permissions) comes from the file; without it anyone who
			// reaches the port could publish events or write the API-key bucket.
			if opts, err = server.ProcessConfigFile(*natsConfig); err != nil {
				fatal("nats: invalid -nats-config %s: %v", *natsConfig, err)
			}
		}
		opts.Host = host
		opts.Port = port
		opts.ServerName = *natsName
		opts.JetStream = true
		opts.StoreDir = storeDir
		opts.NoSigs = true
		opts.Debug = lv == levelDebug
		s, err := server.NewServer(opts)
		if err != nil {
			fatal("nats: cannot create server: %v", err)
		}
		natsFatal = make(chan string, 1)
		s.SetLoggerV2(&natsLogger{min: lv, fatal: natsFatal}, lv == levelDebug, false, false)
		cleanups = append(cleanups, func() {
			s.Shutdown()
			s.WaitForShutdown()
		})
		s.Start()
		// Poll in short steps so that a fatal error (e.g. port in use) fails fast.
		for deadline := time.Now().Add(readyTimeout); !s.ReadyForConnections(50 * time.Millisecond); {
			select {
			case msg := <-natsFatal:
				fail("nats: cannot start on %s: %s", *natsAddr, msg)
			default:
			}
			if time.Now().After(deadline) {
				fail("nats: not ready for connections on %s within %s (see messages above)", *natsAddr, readyTimeout)
			}
		}
		if !s.JetStreamEnabled() {
			fail("nats: JetStream is not enabled (store dir %s; see messages above)", storeDir)
		}
		readyNATS = s.Addr().String()
	}

	// --- FerretDB ---
	var ferretDone chan struct{} // nil (never ready) when FerretDB is disabled
	if *ferretAddr != "" {
		ferretDone = make(chan struct{})
		dir, err := filepath.Abs(*ferretDir)
		if err != nil {
			fail("invalid -ferret-dir: %v", err)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			fail("cannot create -ferret-dir %s: %v", dir, err)
		}

		var h slog.Handler = slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: lv.slog()})
		if lv >= levelWarn {
			h = quietFerret{h}
		}
		logger := slog.New(h).With("component", "ferretdb")

		// New binds the listener (so a busy port fails here); Run accepts.
		f, err := ferretdb.New(&ferretdb.Config{
			Listener:  ferretdb.ListenerConfig{TCP: *ferretAddr},
			Logger:    logger,
			Handler:   "sqlite",
			SQLiteURL: "file:" + dir + "/",
		})
		if err != nil {
			fail("ferretdb: cannot start on %s with dir %s: %v", *ferretAddr, dir, err)
		}

		fctx, fcancel := context.WithCancel(context.Background())
		go func() {
			defer close(ferretDone)
			if err := f.Run(fctx); err != nil {
				logErr("ferretdb: %v", err)
			}
		}()
		cleanups = append(cleanups, func() {
			fcancel()
			<-ferretDone
		})

		u, err := url.Parse(f.MongoDBURI())
		if err != nil {
			fail("ferretdb: cannot determine listen address: %v", err)
		}
		readyFerret = u.Host
		if err := waitTCP(readyFerret, readyTimeout); err != nil {
			fail("ferretdb: not accepting connections on %s: %v", readyFerret, err)
		}
	}

	// --- parent watch ---
	parentGone := make(chan string, 1)
	if *parentPID > 0 {
		go watchParent(*parentPID, startPPID, parentGone)
	}

	if ctx.Err() != nil { // signalled during startup: do not announce readiness
		armHardExit(1)
		runCleanups()
		os.Exit(0)
	}
	if _, err := fmt.Fprintf(os.Stdout, "READY nats=%s ferret=%s\n", readyNATS, readyFerret); err != nil {
		fail("cannot write READY line: %v", err)
	}
	_ = os.Stdout.Sync() // no-op for pipes (unbuffered), flushes regular files

	exitCode := 0
	select {
	case <-ctx.Done():
		if lv <= levelInfo {
			logErr("signal received, shutting down")
		}
	case why := <-parentGone:
		if lv <= levelInfo {
			logErr("%s, shutting down", why)
		}
	case msg := <-natsFatal:
		logErr("nats: fatal error, shutting down: %s", msg)
		exitCode = 1
	case <-ferretDone:
		// Run only returns after its context is cancelled, so this is unexpected.
		logErr("ferretdb stopped unexpectedly, shutting down")
		exitCode = 1
	}
	stop()

	armHardExit(1)
	runCleanups()
	os.Exit(exitCode)
}

// quietFerret drops FerretDB's per-request WARN noise: it logs every non-ok
// response (a duplicate key error, or the driver's endSessions on every client
// close) as two WARN records with the full message dump, and every connection
// closed by a reset as a "Connection stopped" WARN; a client that closes its
// socket first can also trigger a harmless "Failed to set deadline ... use of
// closed network connection" WARN. Everything else passes.
type quietFerret struct{ slog.Handler }

func (q quietFerret) Handle(ctx context.Context, r slog.Record) error {
	if r.Level == slog.LevelWarn &&
		(strings.HasPrefix(r.Message, "Response header: ") ||
			strings.HasPrefix(r.Message, "Response message:") ||
			r.Message == "Connection stopped" ||
			(strings.HasPrefix(r.Message, "Failed to set deadline") &&
				strings.Contains(r.Message, "use of closed network connection"))) {
		return nil
	}
	return q.Handler.Handle(ctx, r)
}

func (q quietFerret) WithAttrs(attrs []slog.Attr) slog.Handler {
	return quietFerret{q.Handler.WithAttrs(attrs)}
}

func (q quietFerret) WithGroup(name string) slog.Handler {
	return quietFerret{q.Handler.WithGroup(name)}
}

// armHardExit makes the process exit with code if shutdown takes longer than
// shutdownTimeout.
func armHardExit(code int) {
	time.AfterFunc(shutdownTimeout, func() {
		logErr("shutdown did not finish within %s, exiting", shutdownTimeout)
		os.Exit(code)
	})
}

func splitHostPort(addr string) (string, int, error) {
	host, p, err := net.SplitHostPort(addr)
	if err != nil {
		return "", 0, err
	}
	port, err := strconv.Atoi(p)
	if err != nil || port < 0 || port > 65535 {
		return "", 0, fmt.Errorf("invalid port %q", p)
	}
	return host, port, nil
}

// waitTCP waits until addr accepts a TCP connection.
func waitTCP(addr string, timeout time.Duration) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return err
	}
	// An unspecified listen address is not dialable everywhere; use loopback.
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		if ip.To4() != nil {
			host = "127.0.0.1"
		} else {
			host = "::1"
		}
	}
	target := net.JoinHostPort(host, port)
	deadline := time.Now().Add(timeout)
	for {
		c, err := net.DialTimeout("tcp", target, time.Second)
		if err == nil {
			c.Close()
			return nil
		}
		if time.Now().After(deadline) {
			return err
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// watchParent reports on gone when pid no longer exists (or is a zombie) or
// when our own parent changes (we were re-parented because it died).
func watchParent(pid, startPPID int, gone chan<- string) {
	t := time.NewTicker(parentPoll)
	defer t.Stop()
	for range t.C {
		if ppid := os.Getppid(); ppid != startPPID {
			gone <- fmt.Sprintf("parent process changed from %d to %d", startPPID, ppid)
			return
		}
		if !processAlive(pid) {
			gone <- fmt.Sprintf("parent process %d is gone", pid)
			return
		}
	}
}

// processAlive reports whether pid exists and is not a zombie.
func processAlive(pid int) bool {
	if err := syscall.Kill(pid, 0); err != nil && !errors.Is(err, syscall.EPERM) {
		return false // ESRCH: no such process
	}
	// A killed process that its own parent has not reaped yet still answers
	// kill(0); on Linux, /proc tells us it is a zombie.
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return !errors.Is(err, os.ErrNotExist) || !procMounted()
	}
	// Format: pid (comm) state ...; comm may contain spaces and parentheses.
	s := string(b)
	if i := strings.LastIndexByte(s, ')'); i >= 0 && i+2 < len(s) {
		switch s[i+2] {
		case 'Z', 'X':
			return false
		}
	}
	return true
}

func procMounted() bool {
	_, err := os.Stat("/proc/self/stat")
	return err == nil
}
