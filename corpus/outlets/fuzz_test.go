package outlets

import (
	"strings"
	"testing"
)

func FuzzOutlets(f *testing.F) {
	for _, s := range []string{"Reuter", "https://www.reuters.com/a", "thelantern.example", "The Lantern", "news.bbc.co.uk", "a..b", "::", "http://@:/", "The"} {
		f.Add(s, "thelantern.example")
	}
	f.Fuzz(func(t *testing.T, name, host string) {
		n, known := Name(name)
		if known {
			if again, ok := Name(n); !ok || again != n {
				t.Fatalf("Name(%q) = %q, but Name(%q) = %q, %v", name, n, n, again, ok)
			}
		}
		if h := Host(name); strings.ContainsAny(h, "/ ?#@") {
			t.Fatalf("Host(%q) = %q", name, h)
		}
		HostKey(host)
		MatchesHost(name, host)
		Like(name)
		Key(name)
	})
}
