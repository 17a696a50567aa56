package tui

import "testing"

func TestCountText(t *testing.T) {
	for _, c := range []struct {
		n         int
		estimated bool
		want      string
	}{
		{0, false, "0"},
		{2225, false, "2225"},
		{10_000, false, "10,000"},
		{249_046, false, "249,046"},
		{1_000_000, false, "1,000,000"},
		{2_499_624, false, "2,499,624"},
		{46_633, true, "~47k"},
		{1_234_567, true, "~1.2M"},
		{999, true, "~999"},
	} {
		if got := countText(c.n, c.estimated); got != c.want {
			t.Errorf("countText(%d, %v) = %q, want %q", c.n, c.estimated, got, c.want)
		}
	}
}
