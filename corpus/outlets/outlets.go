// Package outlets names news outlets: a list shipped with byline of agencies
// and publishers, with the other ways copy writes their names ("Reuter",
// "AP", "Agence France-Presse") and their web hosts. It turns a sign-off, a
// credit or a host name into the outlet's name, and says whether a name is
// an outlet at all — evidence a source needs before byline shows it.
package outlets

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:embed outlets.txt
var list string

// Outlet is one known outlet.
type Outlet struct {
	Name   string
	Agency bool
}

type table struct {
	byName map[string]Outlet // Key(name or alias) → outlet
	byHost map[string]Outlet // host → outlet
}

var known = parse(list)

func parse(text string) table {
	t := table{byName: map[string]Outlet{}, byHost: map[string]Outlet{}}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		fields := strings.Split(line, "|")
		for len(fields) < 3 {
			fields = append(fields, "")
		}
		name := strings.TrimSpace(fields[0])
		o := Outlet{Name: strings.TrimPrefix(name, "*"), Agency: strings.HasPrefix(name, "*")}
		t.byName[Key(o.Name)] = o
		for _, alias := range strings.Split(fields[1], ";") {
			if k := Key(alias); k != "" {
				t.byName[k] = o
			}
		}
		for _, host := range strings.Fields(fields[2]) {
			t.byHost[strings.ToLower(host)] = o
		}
	}
	return t
}

// Key folds a name for comparison: letters and digits only, lower case,
// a leading word "the" dropped ("The Lantern", "THE LANTERN" and
// "the-lantern" all give "lantern").
func Key(name string) string {
	name = strings.TrimSpace(name)
	if len(name) > 4 && strings.EqualFold(name[:4], "the ") {
		name = name[4:]
	}
	return fold(name)
}

// fold keeps the letters and digits of s, lower-cased.
func fold(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// MatchesHost reports whether name is the outlet a host names by its
// letters: "The Lantern" and thelantern.example, "Coastline Wire" and
// coastlinewire.example, "BBC News" and bbc.co.uk do not (that pair is in
// the list).
func MatchesHost(name, host string) bool {
	hk := HostKey(host)
	if hk == "" {
		return false
	}
	nk := fold(name)
	return nk == hk || strings.TrimPrefix(nk, "the") == hk || strings.TrimPrefix(hk, "the") == nk
}

// Lookup returns the outlet a name, alias or host names.
func Lookup(name string) (Outlet, bool) {
	name = strings.TrimSpace(name)
	if name == "" {
		return Outlet{}, false
	}
	if o, ok := known.byName[Key(name)]; ok {
		return o, true
	}
	if looksLikeHost(name) {
		return FromHost(name)
	}
	return Outlet{}, false
}

// Name returns the outlet's name for a name, alias or host, and whether it
// is a known outlet; an unknown name comes back as given.
func Name(name string) (string, bool) {
	if o, ok := Lookup(name); ok {
		return o.Name, true
	}
	return strings.TrimSpace(name), false
}

// FromHost returns the outlet of a web host ("www.reuters.com",
// "uk.reuters.com", "https://apnews.com/article/x").
func FromHost(host string) (Outlet, bool) {
	host = Host(host)
	for host != "" {
		if o, ok := known.byHost[host]; ok {
			return o, true
		}
		i := strings.IndexByte(host, '.')
		if i < 0 || !strings.Contains(host[i+1:], ".") {
			break
		}
		host = host[i+1:]
	}
	return Outlet{}, false
}

// Host returns the lower-case host of a URL or host name, without "www."
// and without a port; "" when s is neither.
func Host(s string) string {
	s = hostPart(s)
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		s = s[i+1:]
	}
	if i := strings.LastIndexByte(s, ':'); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimPrefix(s, "www.")
	if !validHost(s) {
		return ""
	}
	return s
}

// hostPart lower-cases a URL or host name and drops its scheme and
// everything from its path on.
func hostPart(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		s = s[:i]
	}
	return s
}

// looksLikeHost reports whether s is shaped like a host name: labels of
// letters, digits and hyphens joined by dots, no spaces.
func looksLikeHost(s string) bool { return validHost(hostPart(s)) }

// validHost reports whether s itself is a host name (with a port, perhaps).
func validHost(s string) bool {
	if !strings.Contains(s, ".") || strings.HasPrefix(s, ".") || strings.HasSuffix(s, ".") {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '.' || r == ':') {
			return false
		}
	}
	return true
}

// IsHost reports whether s is a host name or URL rather than a name.
func IsHost(s string) bool { return looksLikeHost(s) }

// HostKey is the part of a host that names the outlet: the label before
// the public suffix, folded ("thelantern.example" → "thelantern",
// "news.bbc.co.uk" → "bbc").
func HostKey(host string) string {
	host = Host(host)
	if host == "" {
		return ""
	}
	labels := strings.Split(host, ".")
	// Drop the top-level domain and a second-level one of two or three
	// letters under a country code (co.uk, com.au, co.jp).
	labels = labels[:len(labels)-1]
	if n := len(labels); n >= 2 && len(labels[n-1]) <= 3 {
		switch labels[n-1] {
		case "co", "com", "org", "net", "gov", "ac", "edu", "ne", "or":
			labels = labels[:n-1]
		}
	}
	if len(labels) == 0 {
		return ""
	}
	return fold(labels[len(labels)-1])
}

// outletWords end the names of many outlets ("Coastline Wire", "Harbour
// Daily", "The Meridian Post"): a credit naming one is an outlet, not a
// person or a data source.
var outletWords = map[string]bool{
	"news": true, "wire": true, "wires": true, "agency": true, "agencies": true, "press": true, "times": true,
	"post": true, "herald": true, "journal": true, "telegraph": true, "tribune": true, "gazette": true,
	"service": true, "media": true, "tv": true, "radio": true, "network": true, "daily": true, "weekly": true,
	"chronicle": true, "observer": true, "mail": true, "express": true, "star": true, "sun": true, "record": true,
	"courier": true, "examiner": true, "independent": true, "standard": true, "monitor": true, "review": true,
	"magazine": true, "bulletin": true, "dispatch": true, "inquirer": true, "register": true, "newswire": true,
	"newswires": true, "reporter": true, "today": true, "online": true, "digest": true, "broadcasting": true,
}

// Like reports whether a name is an outlet's: a known outlet, or a name
// of one to six capitalised words ending in a word outlets' names end in
// ("Coastline Wire", "Harbour Daily").
func Like(name string) bool {
	if _, ok := Lookup(name); ok {
		return true
	}
	f := strings.Fields(strings.Trim(name, " .,;:()"))
	if len(f) == 0 || len(f) > 6 {
		return false
	}
	for _, w := range f {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) && !strings.EqualFold(w, "the") && !strings.EqualFold(w, "of") && !strings.EqualFold(w, "and") {
			return false
		}
	}
	return outletWords[strings.ToLower(strings.Trim(f[len(f)-1], ".,;:()"))]
}
