//go:build race

package serve

// raceDetector tells tests that the race detector slows everything down
// about tenfold.
const raceDetector = true
