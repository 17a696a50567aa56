package clean

import (
	"strings"
	"testing"
)

// Clean copy (invented, in the shape of an archive's text: headline on the
// first line, then paragraphs) that uses furniture words in its prose, a
// short line and list items in the middle: nothing may be removed.
const cleanCopyText = `Ad rates lift Norhaven broadcaster - Halvorsen

Advertising sales at Norhaven's largest broadcaster rose by a fifth in the last quarter, helped by a cookie brand's campaign and new subscribers to its streaming service.

Budget at a glance:

- Fuel duty frozen
- Income tax threshold raised
- Share of spending on ports up

The company said it would share more of its profits with viewers through cheaper subscriptions, and that its newsletter for investors would be published monthly. "Sign up for the long haul," the chief executive told shareholders.

Shares rose 3%.
`

func TestCleanCopyKeepsEveryParagraph(t *testing.T) {
	r := Dump(cleanCopyText)
	if r.Page {
		t.Error("clean copy taken for a web page")
	}
	if r.Title != "Ad rates lift Norhaven broadcaster - Halvorsen" || r.TitleDerived {
		t.Errorf("title %q derived %v", r.Title, r.TitleDerived)
	}
	if r.Source != "" {
		t.Errorf("source %q invented from the headline", r.Source)
	}
	if len(r.Removed) != 0 {
		t.Errorf("removed %q", r.Removed)
	}
	want := 0
	for _, line := range strings.Split(cleanCopyText, "\n")[1:] {
		if strings.TrimSpace(line) != "" {
			want++
		}
	}
	if len(r.Body) != want {
		t.Errorf("body has %d paragraphs, want %d:\n%s", len(r.Body), want, strings.Join(r.Body, "\n"))
	}
}

func TestPageEvidence(t *testing.T) {
	tests := []struct {
		name string
		text string
		page bool
	}{
		{"clean copy with furniture words in prose", cleanCopyText, false},
		{"wire copy", wireTests[0].dump, false},
		{"page dump", harbourPage, true},
		{"menu line and masthead only", "Portlight News\nHome | World | Region | Business | Climate | Video\nA headline about the port\nThe story begins here and runs for a while, as stories do, with many words.\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bs := splitBlocks(tt.text)
			for i := range bs {
				classify(&bs[i])
			}
			e := pageEvidence(bs)
			if e.page() != tt.page {
				t.Errorf("page %v (score %d: %v), want %v", e.page(), e.score(), e.signals(), tt.page)
			}
			if LooksLikeDump(tt.text) != tt.page {
				t.Errorf("LooksLikeDump disagrees")
			}
		})
	}
}

// harbourPage is an invented page dump with the furniture of a news site.
const harbourPage = `Harbour Daily
We use cookies to improve your experience. By continuing you accept our cookie policy.
Accept all cookies
Manage preferences
News
Port Alder
Shipping
Climate
Business
Subscribe
Sign in
Cranes turn again at Port Alder
Shipping lines expect the backlog to clear within five weeks
By Tess Hallam
Wednesday 20 March 2024 14:05 GMT
Share on Facebook
Share via Email
Copy link
The first container ships in more than two weeks berthed at Port Alder on Wednesday, as dockworkers returned to work after accepting a deal that ended the strike.
Harbour officials said eleven vessels were waiting in the bay and that the port would run around the clock until the queue had cleared.
Crane drivers said the first shifts had been slow.
The authority said it expected the terminal to reach its normal rate by the end of the week, and that no ship would be turned away.
Sign up to Morning Tide
Get the day's shipping news in your inbox every weekday morning.
Enter your email address
Sign up
By signing up you agree to our privacy policy. You can unsubscribe at any time.
Related
Dockworkers accept deal to end strike
How the arbitration panel broke the deadlock
Most popular
© 2024 Harbour Daily
`

func TestPageReasons(t *testing.T) {
	r := Dump(harbourPage)
	if !r.Page {
		t.Fatal("page dump not taken for a page")
	}
	if r.Title != "Cranes turn again at Port Alder" {
		t.Errorf("title %q", r.Title)
	}
	// Inside the article, a short line between paragraphs stays.
	if !strings.Contains(strings.Join(r.Body, "\n"), "Crane drivers said the first shifts had been slow.") {
		t.Errorf("short line in the article removed:\n%s", strings.Join(r.Body, "\n"))
	}
	want := map[string]string{
		"Sign up": "newsletter sign-up",
		"By signing up you agree to our privacy policy. You can unsubscribe at any time.": "newsletter sign-up",
		"Accept all cookies":                           "cookie prompt",
		"Dockworkers accept deal to end strike":        "related links",
		"How the arbitration panel broke the deadlock": "related links",
		"Sign in":              "login prompt",
		"© 2024 Harbour Daily": "copyright line",
	}
	got := map[string]string{}
	for _, rm := range r.Removed {
		got[rm.Text] = rm.Reason
		if rm.Reason == "" || rm.Reason == "short line" || rm.Reason == "boilerplate" {
			t.Errorf("%q removed as %q", rm.Text, rm.Reason)
		}
	}
	for text, reason := range want {
		if got[text] != reason {
			t.Errorf("%q removed as %q, want %q", text, got[text], reason)
		}
	}
}

func TestNeverEmpty(t *testing.T) {
	tests := []struct {
		name string
		text string
	}{
		{"all furniture", "Menu\nSearch\nHome\nSign in\nSubscribe\nShare\nCookie settings\nPrivacy policy\n"},
		{"a headline only", "Port Alder strike ends\n"},
		{"headline and date", "PORT ALDER STRIKE ENDS\nMarch 19, 2024 18:20 GMT\n"},
		{"a sign-off only", "Reuter\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Dump(tt.text)
			if len(r.Body) == 0 {
				t.Fatalf("empty body; removed %q", r.Removed)
			}
			if len(r.Removed) != 0 && r.Problems == nil {
				t.Errorf("removed %q", r.Removed)
			}
		})
	}
	// The header survives a body kept whole.
	r := Dump("PORT ALDER STRIKE ENDS\nMarch 19, 2024 18:20 GMT\nReuter\n")
	if r.Title != "PORT ALDER STRIKE ENDS" || r.DatePrecision == 0 {
		t.Errorf("title %q date %v", r.Title, r.Published)
	}
	if len(r.Problems) != 1 || r.Problems[0] != KeptWhole {
		t.Errorf("problems %q", r.Problems)
	}
}

func TestTitleLineSource(t *testing.T) {
	tests := []struct {
		name, text, source string
	}{
		{"clean copy: a name ending the headline", "Fear will help us win - Okafor\n\nThe union leader said the strike would go on, and that members were ready.\n", ""},
		{"clean copy: a known outlet ending the title line", "Port strike ends after 15 days - Reuters\n\nDockworkers voted on Tuesday to accept a deal, the union said.\n", "Reuters"},
		{"page title repeated by the headline", "Port strike ends after 15 days | Harbour Daily\n\nPort strike ends after 15 days\n\nDockworkers voted on Tuesday to accept a deal, the union said.\n", "Harbour Daily"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if r := Dump(tt.text); r.Source != tt.source {
				t.Errorf("source %q, want %q", r.Source, tt.source)
			}
		})
	}
}

func TestFirstLineHeadline(t *testing.T) {
	tests := []struct {
		name, text, title string
		derived           bool
	}{
		{"a headline ending with a full stop, set off by a blank line", "Poll: the mayor and her rival are level before the debate.\n\nThe mayor and her rival are tied, according to a poll published on Sunday by the city's paper.\n", "Poll: the mayor and her rival are level before the debate.", false},
		{"a lead sentence in one-paragraph-a-line copy", "Veldara's harbour minister has threatened the country's largest union with emergency legislation if its strike at Port Alder goes on past the end of the month, officials said.\nThe union said it would not be intimidated.\nSource: Agencies\n", "Veldara's harbour minister has threatened the country's largest union with emergency legislation if its strike…", true},
		{"an agency lead is no headline", "NORHAVEN, March 13 (Coastline Wire) — The minister walked out.\n\nShe did not return.\n", "The minister walked out", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Dump(tt.text)
			if r.Title != tt.title || r.TitleDerived != tt.derived {
				t.Errorf("title %q derived %v, want %q derived %v", r.Title, r.TitleDerived, tt.title, tt.derived)
			}
		})
	}
}
