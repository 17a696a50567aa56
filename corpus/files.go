package corpus

import (
	"context"
	"io/fs"

	"byline/model"
)

// File is one file a walk found, keyed as the cache keys it: its path as
// walked, the ID the walk gave it, its size and modification time. `byline
// index` walks a corpus (Walk), compares the files with what a database
// holds, and loads only those it must (LoadFiles).
type File struct {
	Root    int // the index of the root, in the paths given to Walk, it was found under
	ID      string
	Path    string
	Size    int64
	ModTime int64 // nanoseconds since the epoch; 0 for an embedded file
	job     job
}

// Walk finds the files under paths as Load finds them (same order, same
// IDs), without reading them. problems[i] lists what the walk of paths[i]
// could not take (a broken symlink, an unsupported file type...).
func Walk(paths []string, maxSize int64) (files []File, problems [][]model.Problem) {
	if maxSize <= 0 {
		maxSize = DefaultMaxFileSize
	}
	problems = make([][]model.Problem, len(paths))
	root := 0
	w := newWalker(maxSize, func(j job) {
		files = append(files, File{Root: root, ID: j.id, Path: j.path, Size: j.size, ModTime: j.modTime, job: j})
	}, func(p model.Problem) { problems[root] = append(problems[root], p) })
	for i, p := range paths {
		root = i
		w.walkOS(p)
	}
	return files, problems
}

// WalkFS is Walk over a file system such as the embedded demo (one root,
// shown under prefix).
func WalkFS(fsys fs.FS, prefix string, maxSize int64) ([]File, []model.Problem) {
	if maxSize <= 0 {
		maxSize = DefaultMaxFileSize
	}
	var files []File
	var problems []model.Problem
	w := newWalker(maxSize, func(j job) {
		files = append(files, File{ID: j.id, Path: j.path, Size: j.size, ModTime: j.modTime, job: j})
	}, func(p model.Problem) { problems = append(problems, p) })
	w.walkFS(fsys, prefix)
	return files, problems
}

// LoadFiles loads files found by Walk into a corpus as Load would load
// them, corpus-wide passes (recurring boilerplate, sources, speakers) run
// over these files only. Walk problems are not repeated.
func LoadFiles(ctx context.Context, files []File, opt Options) (*model.Corpus, error) {
	return load(ctx, opt, func(w *walker) {
		for _, f := range files {
			j := f.job
			j.index = w.next
			w.next++
			w.emit(j)
		}
	})
}
