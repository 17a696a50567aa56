package model

// Progress reports a corpus load under way: what a loader tells whoever
// shows it (the TUI's progress bar and its previews of the stories).
type Progress struct {
	Found    int        // files found so far (grows while the walk runs)
	Done     int        // files read and parsed
	Walking  bool       // the walk has not finished: Found may still grow
	Articles []*Article // parsed since the last report (previews: the final corpus replaces them)
	Problems []Problem  // found since the last report
}
