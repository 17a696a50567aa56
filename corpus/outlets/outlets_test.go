package outlets

import "testing"

func TestName(t *testing.T) {
	tests := []struct {
		in, want string
		known    bool
	}{
		{"Reuter", "Reuters", true},
		{"REUTERS", "Reuters", true},
		{"reuters.com", "Reuters", true},
		{"https://www.reuters.com/article/x", "Reuters", true},
		{"uk.reuters.com", "Reuters", true},
		{"AP", "Associated Press", true},
		{"The Associated Press", "Associated Press", true},
		{"Agence France-Presse", "AFP", true},
		{"apnews.com", "Associated Press", true},
		{"news.bbc.co.uk", "BBC News", true},
		{"Independent", "The Independent", true},
		{"Laporte", "Laporte", false},
		{"thelantern.example", "thelantern.example", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, known := Name(tt.in)
		if got != tt.want || known != tt.known {
			t.Errorf("Name(%q) = %q, %v; want %q, %v", tt.in, got, known, tt.want, tt.known)
		}
	}
}

func TestLike(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Coastline Wire", true},
		{"Harbour Daily", true},
		{"The Meridian Post", true},
		{"Agencies", true},
		{"Reuters", true},
		{"NATO.", false},
		{"Laporte", false},
		{"Jane Doe", false},
		{"the wire", false},
		{"Sources", false},
		{"Trade", false},
	}
	for _, tt := range tests {
		if got := Like(tt.in); got != tt.want {
			t.Errorf("Like(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestMatchesHost(t *testing.T) {
	tests := []struct {
		name, host string
		want       bool
	}{
		{"The Lantern", "thelantern.example", true},
		{"Coastline Wire", "coastlinewire.example", true},
		{"Coastline Wire", "https://www.coastlinewire.example/2024/03/x", true},
		{"The Lantern", "lantern.co.uk", true},
		{"The Meridian Post", "thelantern.example", false},
		{"Harbour Daily", "harbour.example", false},
		{"Anything", "", false},
	}
	for _, tt := range tests {
		if got := MatchesHost(tt.name, tt.host); got != tt.want {
			t.Errorf("MatchesHost(%q, %q) = %v, want %v", tt.name, tt.host, got, tt.want)
		}
	}
}

func TestHost(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://www.Example.com:8080/a?b", "example.com"},
		{"example.com", "example.com"},
		{"The Lantern", ""},
		{"mailto:x@news.example", "news.example"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Host(tt.in); got != tt.want {
			t.Errorf("Host(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// The list parses: every line gives a name, and no alias names two outlets.
func TestList(t *testing.T) {
	if len(known.byName) < 100 || len(known.byHost) < 100 {
		t.Errorf("list has %d names and %d hosts", len(known.byName), len(known.byHost))
	}
	if o, ok := Lookup("Reuters"); !ok || !o.Agency {
		t.Errorf("Reuters: %+v %v", o, ok)
	}
	if o, ok := Lookup("The Guardian"); !ok || o.Agency {
		t.Errorf("The Guardian: %+v %v", o, ok)
	}
}
