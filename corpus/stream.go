package corpus

import (
	"context"
	"errors"
	"sync"

	"byline/corpus/clean"
	"byline/model"
	"byline/sanitize"
)

// taskPool shares the tasks of streamed files with every worker: a WARC of
// ten thousand pages is read by one worker but parsed by all of them. The
// channel is small, so only a few records' bytes wait at a time: memory
// stays bounded however large the archive. A task that finds the channel
// full runs where it was made, which also means no worker ever waits on a
// channel nobody reads.
type taskPool struct {
	tasks chan func()
}

func (p *taskPool) submit(t func()) {
	select {
	case p.tasks <- t:
	default:
		t()
	}
}

// wait runs other tasks until done is closed: a worker that finished
// reading its archive helps with what is queued rather than sleep.
func (p *taskPool) wait(done <-chan struct{}) {
	for {
		select {
		case <-done:
			return
		case t := <-p.tasks:
			t()
		}
	}
}

// taskResult is what one task made, with its recurrence hashes.
type taskResult struct {
	articles []*model.Article
	hashes   [][]uint64
	problems []model.Problem
}

// streamJob reads a file with its format's Stream, running the tasks it
// emits on the pool; results keep the order the tasks were emitted in.
func streamJob(ctx context.Context, j job, format Format, maxSize int64, rec *clean.Recurrence, pool *taskPool) result {
	res := result{job: j}
	var slots []*taskResult
	var wg sync.WaitGroup
	emit := func(t Task) {
		slot := &taskResult{}
		slots = append(slots, slot)
		wg.Add(1)
		pool.submit(func() {
			defer wg.Done()
			slot.articles, slot.problems = runTask(t, j.path)
			slot.hashes = make([][]uint64, len(slot.articles))
			for i, a := range slot.articles {
				slot.hashes[i] = prepare(a, rec)
			}
		})
	}
	src := Source{Ctx: ctx, ID: j.id, Path: j.path, Size: j.size, MaxSize: maxSize, Open: j.open}
	problems, err := streamSafely(format, src, emit)
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	pool.wait(done)
	for _, s := range slots {
		res.articles = append(res.articles, s.articles...)
		res.hashes = append(res.hashes, s.hashes...)
		res.problems = append(res.problems, s.problems...)
	}
	res.problems = append(res.problems, problems...)
	if err != nil {
		res.problems = append(res.problems, model.Problem{Path: j.path, Reason: err.Error()})
	}
	for i, p := range res.problems {
		res.problems[i] = model.Problem{Path: sanitize.Line(p.Path), Reason: sanitize.Line(p.Reason)}
	}
	return res
}

// streamSafely turns a panic while reading a file into a problem; what was
// emitted before it still loads.
func streamSafely(f Format, src Source, emit func(Task)) (problems []model.Problem, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errors.New("internal error while reading: please report this file")
		}
	}()
	return f.Stream(src, emit)
}

// runTask runs one task, a panic becoming a problem of the file.
func runTask(t Task, path string) (articles []*model.Article, problems []model.Problem) {
	defer func() {
		if r := recover(); r != nil {
			articles, problems = nil, []model.Problem{{Path: path, Reason: "internal error while parsing: please report this file"}}
		}
	}()
	return t()
}
