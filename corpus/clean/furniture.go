package clean

import "strings"

// A phrase rule names a kind of web furniture by phrases typical of it.
type phraseRule struct {
	reason  string
	phrases []string
}

// strongRules match furniture whatever the block's length: these phrases
// are rare in news prose and typical of pitches and prompts. Long blocks
// must also address the reader (you/your/our) to match.
var strongRules = []phraseRule{
	{"notification prompt", []string{"notifications from", "allow notifications", "turn on notifications", "notifications can be managed", "push notifications", "browser preferences"}},
	{"donation pitch", []string{"your support", "your donation", "support our journalism", "support independent journalism", "support quality journalism", "make a contribution", "make a donation", "donate now", "become a member", "become a patron", "help us keep", "support us"}},
	{"subscription pitch", []string{"subscribe to", "subscribe now", "subscribe today", "already a subscriber", "already subscribed", "subscribers only", "free trial", "unlimited access", "unlimited digital access", "to continue reading", "for subscribers", "start your subscription", "paywall"}},
	{"newsletter sign-up", []string{"newsletter", "sign up for", "sign up to", "sign up now", "signing up", "unsubscribe", "delivered to your inbox", "straight to your inbox", "in your inbox", "enter your email", "your email address"}},
	{"login prompt", []string{"log in to", "login to", "sign in to", "logged in", "create an account", "create a free account", "register for free", "thank you for registering", "please refresh", "refresh the page", "forgot password", "forgot your password"}},
	{"cookie prompt", []string{"cookie", "privacy policy", "privacy notice", "terms of use", "terms of service", "terms and conditions", "terms & conditions", "all rights reserved", "user agreement", "accept all", "consent"}},
	{"comment widget", []string{"commenting forum", "join the conversation", "join the discussion", "leave a comment", "post a comment", "view comments", "show comments", "comments are closed", "community guidelines", "thought-provoking conversations", "be the first to comment"}},
	{"share bar", []string{"share this article", "share this story", "share on facebook", "share on twitter", "share via email", "copy link", "click to share", "share this:", "share article"}},
	{"related links", []string{"read more:", "read more about", "related:", "related articles", "related stories", "related content", "related coverage", "related posts", "you may also like", "you might also like", "recommended for you", "most popular", "most read", "more stories", "also read:", "read next", "what to read next", "more on this story", "more from", "see also:", "watch:", "read also", "more great"}},
	{"advertisement", []string{"advertisement", "sponsored content", "paid content", "ad choices", "adchoices", "continue reading the main story", "skip to main content", "skip to content", "skip navigation", "scroll to continue", "story continues below"}},
	{"photo caption", []string{"photograph:", "photo:", "photos:", "image:", "getty images", "photo by", "photo credit", "credit...", "image caption", "image copyright", "media caption", "ap photo", "file photo", "shutterstock", "/reuters", "reuters/", "/afp", "afp/", "/ap ", "(photo", "pictured:", "illustration:", "[image", "image source"}},
	{"contact info", []string{"customer service", "can be contacted", "contact us at", "for inquiries", "editorial enquiries", "press inquiries"}},
	{"app prompt", []string{"download the app", "download our app", "get the app", "open in app", "app store", "google play"}},
	{"copyright line", []string{"©", "(c) 20", "copyright 20", "copyright ©"}},
}

// maxRules bounds the number of strong rules (a bit each in a uint32).
const maxRules = 32

// weakRules match only short blocks that are not sentences (menus, buttons,
// headings of widgets), where single words are telling.
var weakRules = []phraseRule{
	{"comment widget", []string{"comment", "comments", "reply", "replies"}},
	{"share bar", []string{"share", "facebook", "twitter", "whatsapp", "pinterest", "linkedin", "reddit", "email", "e-mail", "print", "tweet", "messenger", "flipboard", "tumblr", "instagram", "youtube", "rss"}},
	{"related links", []string{"related", "read more", "recommended", "trending", "popular", "latest", "top stories", "more news", "see more", "show more", "load more", "view all", "see all", "more", "up next", "next article", "previous article", "next story", "previous", "next"}},
	{"subscription pitch", []string{"subscribe", "subscription", "subscriber", "premium"}},
	{"login prompt", []string{"log in", "login", "sign in", "sign up", "register", "log out", "my account", "account", "profile"}},
	{"navigation", []string{"menu", "search", "home", "close", "back to top", "skip", "sections", "navigation", "toggle", "open", "expand", "contact us", "about us", "sitemap", "site map", "jobs", "careers", "advertise", "faq", "help"}},
	{"advertisement", []string{"advertisement", "advert", "ad", "sponsored", "promoted", "partner content"}},
}

// phraseBuckets lists the strong phrases by their first two bytes, and
// phraseBucket gives the bucket of a pair (0: no phrase starts with it), so
// a block is scanned once instead of once per phrase, and most word starts
// in prose ("th", "an", "wa") are rejected with one lookup.
var phraseBuckets, phraseBucket = func() ([][]phraseRef, *[256][256]uint8) {
	var bucket [256][256]uint8
	buckets := [][]phraseRef{nil}
	for ri, r := range strongRules {
		for _, p := range r.phrases {
			if len(p) < 2 {
				panic("strong phrase shorter than two bytes: " + p)
			}
			k := bucket[p[0]][p[1]]
			if k == 0 {
				k = uint8(len(buckets))
				buckets = append(buckets, nil)
				bucket[p[0]][p[1]] = k
			}
			ref := phraseRef{phrase: p, rule: ri}
			for b := range min(len(p), 4) {
				ref.head |= uint32(p[b]) << (8 * b)
				ref.mask |= 0xff << (8 * b)
			}
			buckets[k] = append(buckets[k], ref)
		}
	}
	if len(buckets) > 255 {
		panic("too many strong phrase buckets")
	}
	return buckets, &bucket
}()

type phraseRef struct {
	phrase     string
	rule       int
	head, mask uint32 // the phrase's first four bytes (little-endian), and which of them it has
}

// strongMatches returns a bit set of the strong rules whose phrases occur
// in lower, and for each rule the offset of its first phrase. Phrases are
// tried at word starts and at punctuation.
func strongMatches(lower string) (set uint32, first [maxRules]int) {
	prevWord := false
	for i := 0; i+1 < len(lower); i++ {
		c := lower[i]
		word := wordStart[c]
		if !(word && prevWord) {
			if k := phraseBucket[c][lower[i+1]]; k != 0 {
				// The next four bytes, to turn most candidates away
				// with one comparison (at the end of the text, all
				// candidates are compared in full).
				var next uint32
				if i+4 <= len(lower) {
					next = uint32(lower[i]) | uint32(lower[i+1])<<8 | uint32(lower[i+2])<<16 | uint32(lower[i+3])<<24
				}
				for _, ref := range phraseBuckets[k] {
					if set&(1<<ref.rule) != 0 || i+4 <= len(lower) && next&ref.mask != ref.head {
						continue
					}
					if strings.HasPrefix(lower[i:], ref.phrase) {
						set |= 1 << ref.rule
						first[ref.rule] = i
					}
				}
			}
		}
		prevWord = word
	}
	return set, first
}

// wordStart marks the bytes a phrase is not tried after: lower-case ASCII
// letters and digits.
var wordStart = func() (t [256]bool) {
	for c := range 256 {
		t[c] = c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
	}
	return t
}()

// furnitureReason returns why a block is web furniture, or "", and whether
// the reason rests only on a weak (single-word, UI) phrase. sentence tells
// whether the block reads as a sentence (ends in sentence punctuation and
// has stop words). When phrases of several kinds occur, the kind whose
// phrase comes first wins: a block says what it is about up front ("By
// signing up you agree to our privacy policy" is the sign-up's small print,
// not a cookie prompt).
func furnitureReason(lower string, chars int, sentence bool) (reason string, weak bool) {
	if chars > 300 && !addressesReader(lower) {
		// Above 300 characters only a block that addresses the reader
		// can match (captions stop at 300; see below): asking that
		// first spares most prose the phrase scan.
		return "", false
	}
	return furnitureByPhrases(lower, chars, sentence, strongMatches)
}

// furnitureByPhrases is furnitureReason's phrase rules, the strong phrases
// found by matches (strongMatches; a test gives the plain scan it must
// agree with).
func furnitureByPhrases(lower string, chars int, sentence bool, matches func(string) (uint32, [maxRules]int)) (reason string, weak bool) {
	long := chars > 160
	if set, first := matches(lower); set != 0 {
		reader := !long || addressesReader(lower)
		best := -1
		for ri, r := range strongRules {
			if set&(1<<ri) == 0 {
				continue
			}
			ok := false
			switch {
			case !long:
				ok = true
			case r.reason == "photo caption":
				ok = chars <= 300
			case r.reason == "related links" || r.reason == "advertisement" || r.reason == "copyright line":
			case reader:
				ok = true
			}
			if ok && (best < 0 || first[ri] < first[best]) {
				best = ri
			}
		}
		if best >= 0 {
			return strongRules[best].reason, false
		}
	}
	if chars <= 60 && !sentence {
		for _, r := range weakRules {
			for _, p := range r.phrases {
				if hasPhrase(lower, p) {
					return r.reason, true
				}
			}
		}
	}
	return "", false
}

// addressesReader reports whether text speaks to the reader or for the
// publisher (pitches do; reporting mostly does not).
func addressesReader(lower string) bool {
	return hasPhrase(lower, "you") || hasPhrase(lower, "your") || hasPhrase(lower, "our") || hasPhrase(lower, "us")
}

// hasPhrase reports whether p occurs in s on word boundaries.
func hasPhrase(s, p string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], p)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(p)
		if (j == 0 || !isWordByte(s[j-1])) && (end == len(s) || !isWordByte(s[end])) {
			return true
		}
		i = j + 1
		if i >= len(s) {
			return false
		}
	}
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// formKinds are the furniture kinds of forms and widgets whose buttons
// say little on their own: "Sign up" under a newsletter box, "Continue"
// under a cookie prompt.
var formKinds = map[string]bool{
	"newsletter sign-up": true, "subscription pitch": true, "donation pitch": true, "login prompt": true,
	"notification prompt": true, "cookie prompt": true, "comment widget": true,
}

// buttonKinds are the kinds a button's word alone gives ("Sign up" a login
// prompt, "Subscribe" a subscription pitch), which the form around it may
// correct.
var buttonKinds = map[string]bool{"login prompt": true, "subscription pitch": true}

// widgetContext gives a form's button named only by a weak phrase (its
// kind a form's too) the kind of the form it sits in, when a neighbour names that form by a strong phrase: a
// "Sign up" button next to "Enter your email address" belongs to the
// newsletter sign-up, not to a login prompt.
func widgetContext(bs []block) {
	for i := range bs {
		b := &bs[i]
		if !b.weak || !buttonKinds[b.reason] {
			continue
		}
		for _, j := range []int{i - 1, i + 1} {
			if j < 0 || j >= len(bs) || bs[j].weak || !formKinds[bs[j].reason] {
				continue
			}
			b.reason = bs[j].reason
			break
		}
	}
}
