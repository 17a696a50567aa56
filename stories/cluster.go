package stories

import (
	"container/heap"
	"encoding/binary"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"byline/model"
)

// Scoring. A pair's similarity mixes the body's TF-IDF cosine, the
// overlap of the names and headline words the two share, and the
// quotations they share; near-duplicate texts and equal headlines are
// one story outright. README explains the weights; they were set from
// what each signal means, not fitted to a corpus.
const (
	weightBody     = 0.60
	weightNames    = 0.25
	weightTitle    = 0.15
	bonusQuote     = 0.10 // a shared quotation (two or more: twice)
	timeBonus      = 0.10 // for two dated articles published together, less as they are further apart
	outletBonus    = 0.05 // two outlets (one outlet writing twice about one thing is more often a follow-up: minus)
	nearDuplicate  = 0.50 // MinHash similarity of shingles: the same text, edited
	sameTextAnyDay = 0.80 // so similar the dates do not matter (a re-publication)
	keptTerms      = 64   // terms per article in the sparse vectors
	priorDocs      = 100  // see idf in Build
	minLink        = 0.10 // pairs below this are not kept at all
)

// node is one distinct text at one time: exact duplicates published at
// the same time (or both undated) are one node.
type node struct {
	key     uint64 // text key and date
	text    uint64
	textNum int32  // the text's number in this build (in order of its first article)
	outlet  string // of its first article
	when    time.Time
	dated   bool
	arts    []int32
	f       *Features

	terms     []weighted // kept terms, by term
	norm      float64    // of all the terms
	names     []weighted // names shared with another node, by name
	nameNorm  float64
	title     []weighted
	titleNorm float64
}

type weighted struct {
	id uint32
	w  float32
}

func cmpID(a, b weighted) int {
	switch {
	case a.id < b.id:
		return -1
	case a.id > b.id:
		return 1
	}
	return 0
}

// textKey hashes an article's text as written (title, standfirst, body):
// stable across runs, so features can be found again by it.
func textKey(a *model.Article) uint64 {
	h := uint64(0x243f6a8885a308d3)
	add := func(s string) {
		for len(s) >= 8 {
			h = mix(h ^ binary.LittleEndian.Uint64([]byte(s[:8])))
			s = s[8:]
		}
		var tail [8]byte
		copy(tail[:], s)
		h = mix(h ^ binary.LittleEndian.Uint64(tail[:]) ^ uint64(len(s))<<56)
	}
	if !a.TitleDerived {
		add(a.Title)
	}
	add("\x00")
	add(a.Standfirst)
	for _, p := range a.Body {
		add("\x00")
		add(p)
	}
	return h
}

// Build clusters articles into stories and finds the echoes of their
// quotations. It is deterministic for a given input and reads nothing
// but its arguments.
func Build(arts []*model.Article, opt Options) *Set {
	start := time.Now()
	if opt.Window <= 0 {
		opt.Window = DefaultWindow
	}
	if opt.Threshold <= 0 {
		opt.Threshold = DefaultThreshold
	}
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	cancelled := func() bool { return opt.Cancelled != nil && opt.Cancelled() }
	set := &Set{}
	set.Stats.Articles = len(arts)

	// Nodes: distinct texts at distinct times. Texts are numbered in
	// the order of their first article; byText is each one's features.
	var nodes []*node
	byKey := map[uint64]int32{}
	artNode := make([]int32, len(arts))
	textNum := map[uint64]int32{}
	var byText []*Features
	var todo []*node // nodes whose features must be computed, one per text
	for i, a := range arts {
		tk := opt.textKey(i, a)
		t, dated := when(a)
		key := tk
		if dated {
			key = mix(tk ^ uint64(t.Unix()))
		}
		k, ok := byKey[key]
		if !ok {
			k = int32(len(nodes))
			byKey[key] = k
			tn, seen := textNum[tk]
			if !seen {
				tn = int32(len(byText))
				textNum[tk] = tn
				byText = append(byText, nil)
			}
			n := &node{key: key, text: tk, textNum: tn, when: t, dated: dated, outlet: outlet(a)}
			nodes = append(nodes, n)
			if seen {
				n.f = byText[tn]
			} else if f := opt.Prev.features(tk); f != nil {
				n.f = f
				byText[tn] = f
				set.Stats.Reused++
			} else {
				todo = append(todo, n)
			}
		}
		artNode[i] = k
	}
	textNum = nil
	set.Stats.Texts = len(byText)
	// Each node's articles, and each text's, in one array each (counted,
	// then filled), in the corpus's order.
	nodeOf := func(i int32) int32 { return artNode[i] }
	textOf := func(i int32) int32 { return nodes[artNode[i]].textNum }
	nodeArts := groupArticles(len(arts), len(nodes), nodeOf)
	for k, n := range nodes {
		n.arts = nodeArts.of(int32(k))
	}
	textArts := groupArticles(len(arts), len(byText), textOf)
	// First the sketches of new texts (their MinHash), to find the
	// near-copies; then the words of the texts that will be scored.
	computed := make([]bool, len(byText))
	computeFeatures(todo, arts, opt.Workers, true, nil)
	for _, n := range todo {
		byText[n.textNum] = n.f
		computed[n.textNum] = true
	}
	if cancelled() {
		return nil
	}
	// Near-copies are one text edited: each is folded into its group's
	// representative (its first node), which alone is weighed and
	// scored, standing for the group as a group of near-copies stood as
	// one member in average-link clustering.
	rep, anyDay := foldNearCopies(nodes, len(byText), opt.Window)
	groupSize := make([]int32, len(nodes))
	var reps []int32
	for i := range nodes {
		groupSize[rep[i]]++
		if rep[i] == int32(i) {
			reps = append(reps, int32(i))
		} else {
			set.Stats.Folded++
		}
	}
	var full []*node
	for _, i := range reps {
		if n := nodes[i]; n.f.Sketch {
			full = append(full, n)
		}
	}
	computeFeatures(full, arts, opt.Workers, false, computed)
	for _, n := range full {
		byText[n.textNum] = n.f
		computed[n.textNum] = true
	}
	for _, n := range nodes {
		n.f = byText[n.textNum]
	}
	for _, c := range computed {
		if c {
			set.Stats.Computed++
		}
	}
	if cancelled() {
		return nil
	}

	// Corpus weights: document frequencies over nodes.
	// A representative counts for its group's nodes.
	df := map[uint32]int32{}
	ndf := map[uint32]int32{}
	for _, i := range reps {
		n, w := nodes[i], groupSize[i]
		for _, t := range n.f.Terms {
			df[t.Term] += w
		}
		for _, nm := range n.f.Names {
			ndf[nm] += w
		}
	}
	N := float64(len(nodes))
	// A prior of priorDocs documents that have none of the words: in a
	// small corpus a word all its articles share may still be rare in
	// the world (two articles about one event share most of their
	// words); in a large one the prior fades.
	idf := func(d int32) float64 { return math.Log((N + priorDocs) / (float64(d) + 0.5)) }
	var weighBuf []weighted
	for _, i := range reps {
		weigh(nodes[i], df, ndf, idf, &weighBuf)
	}

	// Quotations shared by two articles. Echoes compare the quotations
	// of each text's first article (textReps, in text order).
	sharedQuotes := map[[2]int32]int{}
	textReps := make([]int32, len(byText))
	for t := range textReps {
		textReps[t] = textArts.of(int32(t))[0]
	}
	copiesOf := func(r int32) []int32 { return textArts.of(textOf(r)) }
	echoes, echoIndex := findEchoes(arts, textReps, copiesOf, func(a, b int32) {
		// Every node of the one text shares the quotation with every
		// node of the other; only representatives are scored.
		for _, x := range textNodes(copiesOf(a), artNode) {
			for _, y := range textNodes(copiesOf(b), artNode) {
				if x != y && rep[x] == x && rep[y] == y {
					sharedQuotes[[2]int32{min(x, y), max(x, y)}]++
				}
			}
		}
	})
	set.Echoes, set.echo = echoes, echoIndex
	if cancelled() {
		return nil
	}

	// Candidate pairs share a kept term few nodes have (within the
	// window when both are dated: timeline); scored ones are the graph's
	// edges. An unchanged pair's score is reused when the
	// corpus changed little (its weights hardly moved).
	changed := make([]bool, len(nodes))
	prevLinks := opt.Prev.reusable(nodes, reps, changed, opt.Window)
	dfCap := int32(max(64, 4*math.Sqrt(N)))
	// Posting lists in one array, counted first then filled, for the
	// terms with 1 < df <= dfCap (df serves as their index from here:
	// the weights are made).
	lists := newPostingLists[uint32, posting](df, 1, dfCap)
	df = nil
	for _, i := range reps {
		for _, t := range nodes[i].terms {
			lists.count(t.id)
		}
	}
	lists.layout()
	tl := newTimeline(nodes, anyDay, opt.Window)
	for _, i := range tl.order(reps) {
		if anyDay[i] && nodes[i].dated {
			set.Stats.AnyDay++
		}
		for _, t := range nodes[i].terms {
			lists.put(t.id, posting{int32(i), t.w})
		}
	}
	lists.filled()
	post := lists.list
	quotePairs := map[int32][]int32{}
	for k := range sharedQuotes {
		quotePairs[k[0]] = append(quotePairs[k[0]], k[1])
		quotePairs[k[1]] = append(quotePairs[k[1]], k[0])
	}
	var edges []edge
	var todoNodes []int32
	if prevLinks != nil {
		index := make(map[uint64]int32, len(reps))
		for _, i := range reps {
			index[nodes[i].key] = i
		}
		for k, v := range prevLinks {
			a, okA := index[k[0]]
			b, okB := index[k[1]]
			if okA && okB && !changed[a] && !changed[b] {
				edges = append(edges, edge{min(a, b), max(a, b), float64(v)})
			}
		}
		for _, i := range reps {
			if changed[i] {
				todoNodes = append(todoNodes, i)
			}
		}
	} else {
		todoNodes = reps
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	var scored int
	mines := make([][]edge, opt.Workers) // each worker's edges
	for w := range opt.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			acc := make([]float32, len(nodes))
			touched := make([]bool, len(nodes))
			var list []int32
			var mine []edge
			var traced []tracedPair
			count := 0
			for k := w; k < len(todoNodes); k += opt.Workers {
				i := todoNodes[k]
				if k%512 == w && cancelled() {
					return
				}
				n := nodes[i]
				list = list[:0]
				// A pair is scored from one side: the lower index, or
				// the changed one when only one side changed.
				other := func(j int32) bool {
					if j == i {
						return false
					}
					if prevLinks != nil && !changed[j] {
						return true
					}
					return j > i
				}
				for _, t := range n.terms {
					a, b, c := post(t.id), []posting(nil), []posting(nil)
					if !opt.wholeLists {
						a, b, c = tl.spans(i, a)
					}
					for _, run := range [3][]posting{a, b, c} {
						for _, p := range run {
							if !other(p.node) {
								continue
							}
							if !touched[p.node] {
								touched[p.node] = true
								list = append(list, p.node)
							}
							acc[p.node] += t.w * p.w
						}
					}
				}
				for _, j := range quotePairs[i] {
					if other(j) && !touched[j] {
						touched[j] = true
						list = append(list, j)
					}
				}
				slices.Sort(list)
				for _, j := range list {
					partial := float64(acc[j])
					acc[j], touched[j] = 0, false
					m := nodes[j]
					q := sharedQuotes[[2]int32{min(i, j), max(i, j)}]
					// Words alone cannot link a pair below this: skip the
					// full score (most candidates end here).
					if q == 0 && (n.f.Title == 0 || n.f.Title != m.f.Title) && partial < 0.05*n.norm*m.norm {
						continue
					}
					sim := similarity(n, m, q, opt.Window)
					count++
					if opt.Trace != nil {
						traced = append(traced, tracedPair{i, j, sim})
					}
					if sim.Score >= minLink {
						mine = append(mine, edge{min(i, j), max(i, j), sim.Score})
					}
				}
			}
			mu.Lock()
			mines[w] = mine
			scored += count
			for _, t := range traced {
				opt.Trace(arts[nodes[t.a].arts[0]].ID, arts[nodes[t.b].arts[0]].ID, t.s)
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	if cancelled() {
		return nil
	}
	// The edges in one array, sized for the folded nodes' must-links to
	// follow them (below).
	total := len(edges)
	for _, m := range mines {
		total += len(m)
	}
	edges = append(make([]edge, 0, total+set.Stats.Folded), edges...)
	for _, m := range mines {
		edges = append(edges, m...)
	}
	mines = nil
	slices.SortFunc(edges, func(x, y edge) int {
		if x.a != y.a {
			return int(x.a - y.a)
		}
		return int(x.b - y.b)
	})
	set.Stats.Pairs = scored
	if prevLinks != nil {
		set.Stats.Rescored = scored
	}
	for _, e := range edges {
		if e.s >= opt.Threshold {
			set.Stats.Links++
		}
	}

	// A folded node is its representative's near-copy: a must-link, and
	// not a member of its own in the means. The must-links go in the
	// room edges has past its end: edges stays the scored ones.
	all := edges
	for i, r := range rep {
		if r != int32(i) {
			all = append(all, edge{r, int32(i), 1})
		}
	}
	clusters := averageLink(len(nodes), all, opt.Threshold, func(i int32) bool { return rep[i] == i })
	texts := make(map[uint64]*Features, len(byText))
	for _, n := range nodes {
		texts[n.text] = n.f
	}
	set.State = newState(opt, texts, nodes, reps, edges)
	// A copy of a text answers for its quotations by its text.
	echoOf := func(art int32, qi int) (int32, bool) { return set.echoIndexOf(textOf(art), qi) }
	var storyOf []int32 // by group
	set.Stories, storyOf = makeStories(arts, nodes, clusters, all, echoOf)
	set.byID = make([]articleRef, len(arts))
	for i, a := range arts {
		set.byID[i] = articleRef{id: a.ID, story: storyOf[clusters[artNode[i]]], text: textOf(int32(i))}
	}
	// (An unstable sort: IDs are unique, and a stable one costs twice
	// the time on a corpus not in ID order.)
	slices.SortFunc(set.byID, func(x, y articleRef) int { return strings.Compare(x.id, y.id) })
	set.Stats.Elapsed = time.Since(start)
	return set
}

// computeFeatures fills each node's features from its first article, on
// workers goroutines; the nodes are of distinct texts. A text's sketch
// computed by this build (own, by text number) is completed in place;
// one from an earlier state is left as it was.
func computeFeatures(todo []*node, arts []*model.Article, workers int, sketch bool, own []bool) {
	var wg sync.WaitGroup
	next := make(chan *node)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var sc scratch
			for n := range next {
				if sketch {
					f := sc.sketch(arts[n.arts[0]])
					n.f = &f
				} else if n.f != nil && n.f.Sketch && own[n.textNum] {
					// This build's own sketch: filled in place.
					*n.f = sc.features(arts[n.arts[0]])
				} else {
					f := sc.features(arts[n.arts[0]])
					n.f = &f
				}
			}
		}()
	}
	for _, n := range todo {
		next <- n
	}
	close(next)
	wg.Wait()
}

// grouped is n articles in groups, each group's in one run of one array:
// group g's are at[start[g]:start[g+1]].
type grouped struct {
	at    []int32
	start []int32
}

func (g grouped) of(k int32) []int32 {
	return g.at[g.start[k]:g.start[k+1]:g.start[k+1]]
}

// groupArticles puts articles 0..n-1 in groups by groupOf, in order
// within each group: counted, then filled (one array, not a growing
// slice per group).
func groupArticles(n, groups int, groupOf func(int32) int32) grouped {
	g := grouped{at: make([]int32, n), start: make([]int32, groups+1)}
	for i := range int32(n) {
		g.start[groupOf(i)+1]++
	}
	for k := range groups {
		g.start[k+1] += g.start[k]
	}
	// Filled from the end, each group from its end: in order.
	fill := slices.Clone(g.start[1:])
	for i := int32(n) - 1; i >= 0; i-- {
		k := groupOf(i)
		fill[k]--
		g.at[fill[k]] = i
	}
	return g
}

// weigh makes a node's sparse vectors from its features and the corpus's
// frequencies: TF-IDF of its words (sublinear counts; the norm over all
// words, the kept ones the heaviest that another node also has), IDF of
// its names and headline words.
//
// buf is scratch space reused from one node to the next: a node keeps
// only its heaviest keptTerms words, a copy sized to them.
func weigh(n *node, df, ndf map[uint32]int32, idf func(int32) float64, buf *[]weighted) {
	var norm float64
	kept := (*buf)[:0]
	defer func() { *buf = kept[:0] }()
	for _, t := range n.f.Terms {
		d := df[t.Term]
		w := (1 + math.Log(float64(t.Count))) * idf(d)
		norm += w * w
		if d > 1 {
			kept = append(kept, weighted{t.Term, float32(w)})
		}
	}
	n.norm = math.Sqrt(norm)
	if len(kept) > keptTerms {
		slices.SortFunc(kept, func(a, b weighted) int {
			if a.w != b.w {
				if a.w > b.w {
					return -1
				}
				return 1
			}
			return cmpID(a, b)
		})
		kept = kept[:keptTerms]
	}
	slices.SortFunc(kept, cmpID)
	n.terms = slices.Clone(kept)

	norm = 0
	n.names = nil
	shared := 0
	for _, nm := range n.f.Names {
		if ndf[nm] > 1 {
			shared++
		}
	}
	if shared > 0 {
		n.names = make([]weighted, 0, shared)
	}
	for _, nm := range n.f.Names {
		d := ndf[nm]
		w := idf(d)
		norm += w * w
		if d > 1 {
			n.names = append(n.names, weighted{nm, float32(w)})
		}
	}
	n.nameNorm = math.Sqrt(norm)
	norm = 0
	n.title = nil
	if len(n.f.TitleTerms) > 0 {
		n.title = make([]weighted, 0, len(n.f.TitleTerms))
	}
	for _, t := range n.f.TitleTerms {
		w := idf(max(df[t], 1))
		norm += w * w
		n.title = append(n.title, weighted{t, float32(w)})
	}
	n.titleNorm = math.Sqrt(norm)
}

// dot is the dot product of two sparse vectors sorted by id.
func dot(a, b []weighted) float64 {
	var s float64
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].id == b[j].id:
			s += float64(a[i].w) * float64(b[j].w)
			i++
			j++
		case a[i].id < b[j].id:
			i++
		default:
			j++
		}
	}
	return s
}

func cosine(a, b []weighted, na, nb float64) float64 {
	if na == 0 || nb == 0 {
		return 0
	}
	return dot(a, b) / (na * nb)
}

// Similarity is how alike two articles are, and why (for tests, tools and
// the README).
type Similarity struct {
	Body, Names, Title, Shingles float64
	Quotes                       int
	Apart                        time.Duration // 0 unless both are dated
	Score                        float64
}

func similarity(a, b *node, quotes int, window time.Duration) Similarity {
	var s Similarity
	s.Shingles = shingleSimilarity(&a.f.Shingles, &b.f.Shingles)
	if a.dated && b.dated {
		s.Apart = a.when.Sub(b.when)
		if s.Apart < 0 {
			s.Apart = -s.Apart
		}
		if s.Apart > window && s.Shingles < sameTextAnyDay {
			return s
		}
	}
	s.Body = cosine(a.terms, b.terms, a.norm, b.norm)
	s.Names = cosine(a.names, b.names, a.nameNorm, b.nameNorm)
	s.Title = cosine(a.title, b.title, a.titleNorm, b.titleNorm)
	s.Quotes = quotes
	s.Score = weightBody*s.Body + weightNames*s.Names + weightTitle*s.Title
	if quotes > 0 {
		s.Score += bonusQuote * float64(min(quotes, 2))
	}
	if a.dated && b.dated {
		s.Score += timeBonus * (1 - float64(s.Apart)/float64(window))
	}
	if a.outlet != "" && b.outlet != "" {
		if a.outlet == b.outlet {
			s.Score -= outletBonus
		} else {
			s.Score += outletBonus
		}
	}
	if a.f.Title != 0 && a.f.Title == b.f.Title && s.Body >= 0.3 {
		s.Score = 1 // the same headline, about the same things
	}
	if s.Shingles >= nearDuplicate {
		s.Score = 1
	}
	s.Score = min(s.Score, 1)
	return s
}

// textNodes are the distinct nodes of a text's articles.
func textNodes(arts []int32, artNode []int32) []int32 {
	var out []int32
	for _, a := range arts {
		if !slices.Contains(out, artNode[a]) {
			out = append(out, artNode[a])
		}
	}
	return out
}

type posting struct {
	node int32
	w    float32
}

type tracedPair struct {
	a, b int32
	s    Similarity
}

type edge struct {
	a, b int32
	s    float64
}

// averageLink clusters n nodes: it joins the two groups with the highest
// mean similarity over all their pairs (pairs with no edge count as 0)
// while that mean is at least threshold. It returns each node's group.
//
// Pairs scored 1 (near-duplicates, the same headline) are one text told
// twice: they are joined first and count as one member, whose similarity
// to others is their mean.
func averageLink(n int, edges []edge, threshold float64, counted func(int32) bool) []int32 {
	// Join the must-links.
	root := make([]int32, n)
	for i := range root {
		root[i] = int32(i)
	}
	find := func(x int32) int32 {
		for root[x] != x {
			root[x] = root[root[x]]
			x = root[x]
		}
		return x
	}
	for _, e := range edges {
		if e.s >= 1 {
			a, b := find(e.a), find(e.b)
			if a != b {
				root[max(a, b)] = min(a, b)
			}
		}
	}
	count := make([]float64, n)
	for i := range n {
		if counted(int32(i)) {
			count[find(int32(i))]++
		}
	}
	members := make([][]int32, n)
	for i := range n {
		r := find(int32(i))
		members[r] = append(members[r], int32(i))
	}
	size := make([]float64, n)
	links := make([]map[int32]float64, n)
	version := make([]int32, n)
	alive := make([]bool, n)
	for i := range n {
		if find(int32(i)) == int32(i) {
			size[i], alive[i] = 1, true
		}
	}
	for _, e := range edges {
		a, b := find(e.a), find(e.b)
		if a == b {
			continue
		}
		if links[a] == nil {
			links[a] = map[int32]float64{}
		}
		if links[b] == nil {
			links[b] = map[int32]float64{}
		}
		// The mean over the two groups' members.
		v := e.s / (count[a] * count[b])
		links[a][b] += v
		links[b][a] += v
	}
	h := &pairHeap{}
	for a := range links {
		for b, v := range links[a] {
			if int32(a) < b && v >= threshold {
				heap.Push(h, pairItem{v, int32(a), b, 0, 0})
			}
		}
	}
	group := make([]int32, n)
	for h.Len() > 0 {
		it := heap.Pop(h).(pairItem)
		a, b := it.a, it.b
		if !alive[a] || !alive[b] || version[a] != it.va || version[b] != it.vb {
			continue
		}
		// Merge the smaller into the larger, keeping ids stable.
		if size[a] < size[b] || size[a] == size[b] && a > b {
			a, b = b, a
		}
		alive[b] = false
		delete(links[a], b)
		for c, s := range links[b] {
			if c == a {
				continue
			}
			if links[a] == nil {
				links[a] = map[int32]float64{}
			}
			links[a][c] += s
			delete(links[c], b)
			links[c][a] += s
		}
		links[b] = nil
		size[a] += size[b]
		members[a] = append(members[a], members[b]...)
		members[b] = nil
		version[a]++
		cs := make([]int32, 0, len(links[a]))
		for c := range links[a] {
			cs = append(cs, c)
		}
		slices.Sort(cs)
		for _, c := range cs {
			avg := links[a][c] / (size[a] * size[c])
			if avg >= threshold {
				x, y := a, c
				heap.Push(h, pairItem{avg, x, y, version[x], version[y]})
			}
		}
	}
	for g, ms := range members {
		for _, m := range ms {
			group[m] = int32(g)
		}
	}
	return group
}

type pairItem struct {
	s      float64
	a, b   int32
	va, vb int32
}

type pairHeap []pairItem

func (h pairHeap) Len() int { return len(h) }
func (h pairHeap) Less(i, j int) bool {
	if h[i].s != h[j].s {
		return h[i].s > h[j].s
	}
	if h[i].a != h[j].a {
		return h[i].a < h[j].a
	}
	return h[i].b < h[j].b
}
func (h pairHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *pairHeap) Push(x any)   { *h = append(*h, x.(pairItem)) }
func (h *pairHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// makeStories turns groups of nodes into stories; storyOf is each
// group's story (an index in stories; a group is numbered by a node).
// echo finds the echo of an article's quotation.
func makeStories(arts []*model.Article, nodes []*node, group []int32, edges []edge, echo func(art int32, qi int) (int32, bool)) (stories []*Story, storyOf []int32) {
	// Centrality: each node's summed similarity to its group.
	central := make([]float64, len(nodes))
	for _, e := range edges {
		if group[e.a] == group[e.b] {
			central[e.a] += e.s
			central[e.b] += e.s
		}
	}
	byGroup := groupArticles(len(nodes), len(nodes), func(i int32) int32 { return group[i] })
	groups := 0
	for g := range int32(len(nodes)) {
		if len(byGroup.of(g)) > 0 {
			groups++
		}
	}
	stories = make([]*Story, 0, groups)
	groupOf := make([]int32, 0, groups) // each story's group, while they are made
	var members []int32                 // a story's articles (reused)
	for g := range int32(len(nodes)) {
		ns := byGroup.of(g)
		if len(ns) == 0 {
			continue
		}
		size := 0
		for _, k := range ns {
			size += len(nodes[k].arts)
		}
		members = slices.Grow(members[:0], size) // article indexes
		best, bestScore := -1, math.Inf(-1)
		for _, k := range ns {
			n := nodes[k]
			members = append(members, n.arts...)
			a := arts[n.arts[0]]
			sc := central[k]
			if a.TitleDerived {
				sc -= 1000 // a real headline makes the better label
			}
			if sc > bestScore || sc == bestScore && (best < 0 || earlier(a, arts[best])) {
				best, bestScore = int(n.arts[0]), sc
			}
		}
		slices.SortFunc(members, func(x, y int32) int { return compareEarlier(arts[x], arts[y]) })
		s := &Story{Label: arts[best].Title, LabelArticle: arts[best].ID, Articles: make([]string, 0, len(members))}
		seenSrc := map[string]bool{}
		// Echoes carried by two or more members: each echo's first
		// member seen, and whether a second one carries it too.
		echoFirst := map[int32]string{}
		echoTwice := map[int32]bool{}
		for _, m := range members {
			a := arts[m]
			s.Articles = append(s.Articles, a.ID)
			src := outlet(a)
			if src != "" && !seenSrc[src] {
				seenSrc[src] = true
				s.Sources = append(s.Sources, src)
			}
			if t, ok := when(a); ok {
				if s.First.IsZero() || t.Before(s.First) {
					s.First = t
				}
				if s.Last.IsZero() || t.After(s.Last) {
					s.Last = t
				}
			}
			for qi := range a.Quotes {
				if !a.Quotes[qi].IsQuotation() {
					continue
				}
				s.Quotes++
				if e, ok := echo(m, qi); ok {
					if first, ok := echoFirst[e]; !ok {
						echoFirst[e] = a.ID
					} else if first != a.ID {
						echoTwice[e] = true
					}
				}
			}
		}
		// An echo counts for this story when two of its members carry it.
		s.Echoed = len(echoTwice)
		s.ID = s.Articles[0]
		stories = append(stories, s)
		groupOf = append(groupOf, g)
	}
	// Newest activity first, undated ones largest first (each story's
	// group moved along with it).
	order := make([]int32, len(stories))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(x, y int32) int {
		a, b := stories[x], stories[y]
		if a.Dated() != b.Dated() {
			if a.Dated() {
				return -1
			}
			return 1
		}
		if a.Dated() && !a.Last.Equal(b.Last) {
			return b.Last.Compare(a.Last)
		}
		if len(a.Articles) != len(b.Articles) {
			return len(b.Articles) - len(a.Articles)
		}
		return strings.Compare(a.ID, b.ID)
	})
	sorted := make([]*Story, len(stories))
	storyOf = make([]int32, len(nodes))
	for k, i := range order {
		sorted[k] = stories[i]
		storyOf[groupOf[i]] = int32(k)
	}
	return sorted, storyOf
}

// outlet is who published an article: its source, or its credit.
func outlet(a *model.Article) string {
	if a.Source != "" {
		return a.Source
	}
	return a.Credit
}

// earlier orders articles by publication: dated first, earliest first,
// then by ID.
func earlier(a, b *model.Article) bool { return compareEarlier(a, b) < 0 }

// compareEarlier is earlier as a comparison (-1, 0, +1).
func compareEarlier(a, b *model.Article) int {
	if a.Dated() != b.Dated() {
		if a.Dated() {
			return -1
		}
		return 1
	}
	if a.Dated() && !a.Published.Equal(b.Published) {
		return a.Published.Compare(b.Published)
	}
	return strings.Compare(a.ID, b.ID)
}

func pairKey(a, b uint64) [2]uint64 {
	if a > b {
		a, b = b, a
	}
	return [2]uint64{a, b}
}
