package index

import (
	"context"
	"fmt"

	"byline/browse/pgstore"
	"byline/stories"
)

// buildStories computes the stories across outlets and the quotations'
// echoes of everything the database holds, as a load from files does
// (package stories' Build, default options, corpus order), and writes
// them — unless nothing changed since they were last computed.
//
// Build wants every article at once; what it reads of them is light (ID,
// headline, outlet, date, quotations: stories.Light) besides their text,
// and of their text only its features, which are kept per distinct text
// in the database: computed once, when a text is first seen (FillTexts
// reads the new articles back a chunk at a time), and reused by every
// later run. So the run holds the light articles and the features, never
// the bodies (README, "Beyond one machine", has the figures).
func buildStories(ctx context.Context, w *pgstore.Writer, opt Options, res *Result, progress func(string)) error {
	current, err := w.StoriesCurrent(ctx)
	if err != nil {
		return err
	}
	if current {
		res.Stories.Current = true
		return nil
	}
	progress("stories: features of new texts")
	computed, keyed, err := w.FillTexts(ctx, func(done, total int) {
		progress(fmt.Sprintf("stories: features of new texts, %d/%d articles", done, total))
	})
	if err != nil {
		return err
	}
	res.Stories.Computed, res.Stories.Keyed = computed, keyed
	progress("stories: reading articles")
	arts, keys, ids, err := w.LightArticles(ctx)
	if err != nil {
		return fmt.Errorf("reading articles: %w", err)
	}
	kept, err := w.KeptFeatures(ctx)
	if err != nil {
		return fmt.Errorf("reading kept features: %w", err)
	}
	links, err := w.StoryLinks(ctx)
	if err != nil {
		return fmt.Errorf("reading the last clustering's links: %w", err)
	}
	prev := stories.KnownState(kept)
	if links != nil {
		prev = links.WithTexts(kept)
	}
	for i, k := range keys {
		if !prev.Has(k) {
			return fmt.Errorf("article %s: its text's features are missing", arts[i].ID)
		}
	}
	progress("stories: clustering")
	set := stories.Build(arts, stories.Options{Keys: keys, Prev: prev, Cancelled: func() bool { return ctx.Err() != nil }})
	if set == nil {
		return ctx.Err()
	}
	res.Stories.Reused = set.Stats.Reused
	res.Stories.Pairs = set.Stats.Pairs
	res.Stories.Stories, res.Stories.Echoes = len(set.Stories), len(set.Echoes)
	kept, prev, links = nil, nil, nil
	progress("stories: writing")
	return w.WriteStories(ctx, arts, ids, set, opt.Byline)
}
