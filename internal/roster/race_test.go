//go:build race

package roster

// raceEnabled relaxes timing assertions: the race detector slows code ~10x.
const raceEnabled = true
