package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"

	"byline/model"
	"byline/sanitize"
)

// job is one file found by a walk, to be read and parsed by a worker.
type job struct {
	index   int
	id      string
	path    string // as shown to the user
	size    int64  // from the walk's stat; with modTime, the cache key
	modTime int64
	read    func(limit int64) ([]byte, error)
	open    func() (io.ReadCloser, error) // for streaming formats, which read the file themselves
}

// walker finds the files under the roots in a deterministic order (roots as
// given, directory entries sorted by name) and hands them out as jobs.
// Anything that cannot be a file to read becomes a problem right away.
type walker struct {
	maxSize  int64
	emit     func(job)
	problem  func(model.Problem)
	ids      map[string]bool
	next     int
	visiting map[fileKey]bool // directories on the current path, to break symlink loops
}

type fileKey struct{ dev, ino uint64 }

// Paths are shown on terminals, and file names can hold escape sequences too:
// every path and reason leaving the walker is sanitised.
func newWalker(maxSize int64, emit func(job), problem func(model.Problem)) *walker {
	safeProblem := func(p model.Problem) {
		problem(model.Problem{Path: sanitize.Line(p.Path), Reason: sanitize.Line(p.Reason)})
	}
	return &walker{maxSize: maxSize, emit: emit, problem: safeProblem, ids: map[string]bool{}, visiting: map[fileKey]bool{}}
}

// uniqueID makes IDs unique: the extension is kept when two files differ
// only by it, and a counter is added as a last resort.
func (w *walker) uniqueID(rel string) string {
	ext := path.Ext(rel)
	if _, e := lookupFormat(rel); e != "" {
		ext = rel[len(rel)-len(e):] // ".warc.gz" as a whole
	}
	id := strings.TrimSuffix(rel, ext)
	if id == "" || w.ids[id] {
		id = rel
	}
	for n := 2; w.ids[id]; n++ {
		id = fmt.Sprintf("%s~%d", rel, n)
	}
	w.ids[id] = true
	return id
}

func (w *walker) add(id, display string, info fs.FileInfo, read func(int64) ([]byte, error), open func() (io.ReadCloser, error)) {
	j := job{index: w.next, id: w.uniqueID(sanitize.Line(id)), path: sanitize.Line(display), read: read, open: open}
	if info != nil {
		j.size, j.modTime = info.Size(), info.ModTime().UnixNano()
	}
	w.emit(j)
	w.next++
}

// walkOS walks one root on the real file system.
func (w *walker) walkOS(root string) {
	info, err := os.Stat(root)
	if err != nil {
		w.problem(model.Problem{Path: root, Reason: describeOpenError(root, err)})
		return
	}
	if !info.IsDir() {
		w.file(root, filepath.Base(root), info)
		return
	}
	w.dir(root, "", info)
}

func (w *walker) dir(dirPath, rel string, info fs.FileInfo) {
	key, ok := keyOf(info)
	if ok {
		if w.visiting[key] {
			w.problem(model.Problem{Path: dirPath, Reason: "symlink loop: this folder contains itself; not entered again"})
			return
		}
		w.visiting[key] = true
		defer delete(w.visiting, key)
	}
	entries, err := os.ReadDir(dirPath)
	if err != nil {
		w.problem(model.Problem{Path: dirPath, Reason: describeOpenError(dirPath, err)})
		// ReadDir returns what it could read before the error.
	}
	names := make(map[string]bool, len(entries))
	for _, e := range entries {
		names[strings.ToLower(e.Name())] = true
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue // hidden files and folders (.git, .DS_Store) are not articles
		}
		if savedPageAssets(name, func(sibling string) bool { return names[strings.ToLower(sibling)] }) {
			continue
		}
		p := filepath.Join(dirPath, name)
		r := path.Join(rel, name)
		info, err := os.Stat(p) // follows symlinks
		if err != nil {
			w.problem(model.Problem{Path: p, Reason: describeOpenError(p, err)})
			continue
		}
		if info.IsDir() {
			w.dir(p, r, info)
			continue
		}
		w.file(p, r, info)
	}
}

func (w *walker) file(p, rel string, info fs.FileInfo) {
	if !info.Mode().IsRegular() {
		w.problem(model.Problem{Path: p, Reason: "not a regular file (" + modeName(info.Mode()) + "); skipped"})
		return
	}
	if _, ok := FormatFor(p); !ok {
		w.problem(model.Problem{Path: p, Reason: fmt.Sprintf("unsupported file type %q; skipped", filepath.Ext(p))})
		return
	}
	w.add(rel, p, info, func(limit int64) ([]byte, error) { return readOS(p, limit) },
		func() (io.ReadCloser, error) {
			f, _, err := openOS(p)
			if err != nil {
				return nil, err // not a nil *os.File in an interface
			}
			return f, nil
		})
}

// walkFS walks an fs.FS (the embedded demo corpus).
func (w *walker) walkFS(fsys fs.FS, prefix string) {
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			w.problem(model.Problem{Path: path.Join(prefix, p), Reason: err.Error()})
			return nil
		}
		if d.IsDir() {
			if p != "." && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			if savedPageAssets(d.Name(), func(sibling string) bool {
				_, err := fs.Stat(fsys, path.Join(path.Dir(p), sibling))
				return err == nil
			}) {
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		display := path.Join(prefix, p)
		if _, ok := FormatFor(p); !ok {
			w.problem(model.Problem{Path: display, Reason: fmt.Sprintf("unsupported file type %q; skipped", path.Ext(p))})
			return nil
		}
		w.add(p, display, nil, func(limit int64) ([]byte, error) {
			f, err := fsys.Open(p)
			if err != nil {
				return nil, err
			}
			defer f.Close()
			return readLimited(f, limit)
		}, func() (io.ReadCloser, error) { return fsys.Open(p) })
		return nil
	})
	if err != nil {
		w.problem(model.Problem{Path: prefix, Reason: err.Error()})
	}
}

// savedPageAssets is true for the folder a browser's "Save page" writes
// beside the page (page.html and page_files/, with its images, scripts and
// styles, sometimes an ad's HTML): not articles, and not problems either.
func savedPageAssets(dir string, exists func(sibling string) bool) bool {
	stem, ok := strings.CutSuffix(dir, "_files")
	if !ok || stem == "" {
		return false
	}
	for _, ext := range htmlExtensions {
		if exists(stem + ext) {
			return true
		}
	}
	return false
}

// errTooLarge reports a file over the size cap.
type errTooLarge struct{ size, limit int64 }

func (e errTooLarge) Error() string {
	return fmt.Sprintf("file is %s, over the %s size cap (raise it with --max-size); skipped", humanBytes(e.size), humanBytes(e.limit))
}

// openOS opens without blocking (a file swapped for a FIFO after the walk
// must not hang the load) and checks it is still a regular file; it
// returns the open file's information.
func openOS(p string) (*os.File, fs.FileInfo, error) {
	f, err := os.OpenFile(p, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, errors.New(describeOpenError(p, err))
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, nil, fmt.Errorf("not a regular file (%s); skipped", modeName(info.Mode()))
	}
	return f, info, nil
}

// readOS opens the file (openOS), checks it is within the cap, and reads it.
func readOS(p string, limit int64) ([]byte, error) {
	f, info, err := openOS(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info.Size() > limit {
		return nil, errTooLarge{info.Size(), limit}
	}
	// Read into a buffer of the file's size (one spare byte to notice
	// growth) rather than letting ReadAll grow one: no garbage per file.
	// Reading stops once the file's size is in (a read that returns the
	// whole file needs no second one to hear EOF: one syscall a file less);
	// a full buffer means the file grew.
	buf := make([]byte, info.Size()+1)
	n, err := io.ReadAtLeast(f, buf, max(len(buf)-1, 1))
	switch {
	case err == io.ErrUnexpectedEOF || err == io.EOF:
		return buf[:n], nil // the whole file (it may have shrunk meanwhile)
	case err != nil:
		return nil, fmt.Errorf("read failed: %w", err)
	case n < len(buf):
		return buf[:n], nil // the whole file
	}
	return readLimited(io.MultiReader(bytes.NewReader(buf), f), limit) // it grew while read
}

// readLimited reads at most limit bytes; a file that grew past the cap while
// being read is refused rather than truncated silently.
func readLimited(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read failed: %w", err)
	}
	if int64(len(data)) > limit {
		return nil, errTooLarge{int64(len(data)), limit}
	}
	return data, nil
}

func describeOpenError(p string, err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if _, lerr := os.Lstat(p); lerr == nil {
			return "broken symlink: its target does not exist"
		}
		return "no such file or folder"
	case errors.Is(err, syscall.ELOOP):
		return "symlink loop: the link points back to itself"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied: cannot be read"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func modeName(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeIrregular != 0:
		return "an irregular file"
	}
	return m.Type().String()
}

func keyOf(info fs.FileInfo) (fileKey, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return fileKey{}, false
	}
	return fileKey{uint64(st.Dev), uint64(st.Ino)}, true
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
