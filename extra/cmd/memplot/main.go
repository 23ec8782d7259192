// Command memplot measures the memory and the time of the gradient of
// ADBench's GMM d=2 K=5, with every point recorded and with the loop over
// the points checkpointed, against the number of points, and draws them on
// log–log axes (package memory); it prints that table and the tables of
// the snapshots of a leapfrog integrator against their recompute factor
// (every K steps, and binomial with at most S states), and of a chain of
// springs whose state is in slices (binomial), in Markdown.
// Regenerate the README's picture and tables from the extra directory with
//
//	go run ./cmd/memplot -o ../docs/memory.svg
//
// It takes a few minutes (the recorded gradient at 10⁶ points holds
// 800 MB of tape, and needs about 1.5 GB of memory); -max lowers the
// largest number of points. The times are the process's CPU time, so a
// busy machine disturbs them less than the wall clock's; they depend on
// the machine, the memory does not.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/godiff/godiff/extra/memory"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is the command with the given arguments; it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("memplot", flag.ContinueOnError)
	fl.SetOutput(stderr)
	out := fl.String("o", "memory.svg", "the SVG file to write")
	data := fl.String("data", "../internal/adbench/testdata/gmm/1k_d2_K5.txt", "the ADBench GMM file whose points are cycled")
	minN := fl.Int("min", 1000, "the fewest points")
	maxN := fl.Int("max", 1_000_000, "the most points: sizes go from -min to -max by factors 10^(1/2)")
	steps := fl.Int("steps", 1_000_000, "the integrator's steps, for the snapshot table")
	chainSteps := fl.Int("chain-steps", 100_000, "the chain of springs' steps, for the table of state in slices")
	masses := fl.Int("masses", 8, "the masses of the chain of springs")
	minTime := fl.Duration("time", 100*time.Millisecond, "how long each of the three trials of a timing runs at least; the fastest counts")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if *minN < 1 || *maxN < *minN || *steps < 1 || *chainSteps < 1 || *masses < 1 {
		fmt.Fprintln(stderr, "memplot: want 1 ≤ -min ≤ -max, and -steps, -chain-steps and -masses ≥ 1")
		return 2
	}
	points, err := memory.MeasureGMM(memory.GMMConfig{Data: *data, Sizes: sizes(*minN, *maxN), MinTime: *minTime})
	if err != nil {
		fmt.Fprintln(stderr, "memplot:", err)
		return 1
	}
	fmt.Fprintf(stdout, "GMM d=2 K=5, ADBench's 1k points cycled:\n\n%s\n", memory.GMMTable(points))
	rows := memory.MeasureOrbit(*steps, *minTime)
	fmt.Fprintf(stdout, "Leapfrog integrator, %d steps:\n\n%s", *steps, memory.OrbitTable(rows))
	revolve := memory.MeasureRevolve(*steps, *minTime, rows[0], memory.OrbitGradient(*steps))
	fmt.Fprintf(stdout, "\nLeapfrog integrator, %d steps, binomial checkpointing:\n\n%s", *steps, memory.RevolveTable(revolve))
	chain := memory.MeasureSprings(*masses, *chainSteps, *minTime)
	fmt.Fprintf(stdout, "\nChain of %d springs (state in slices q, p), %d steps:\n\n%s", *masses, *chainSteps, memory.SpringsTable(chain))
	var buf bytes.Buffer
	if err := memory.Plot(&buf, points); err != nil {
		fmt.Fprintln(stderr, "memplot:", err)
		return 1
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		fmt.Fprintln(stderr, "memplot:", err)
		return 1
	}
	return 0
}

// sizes returns lo, then sizes growing by 10^(1/2) (1000, 3162, 10000,
// ...) while they stay below hi, then hi.
func sizes(lo, hi int) []int {
	var ns []int
	for x := float64(lo); int(x) < hi; x *= 3.1622776601683795 {
		ns = append(ns, int(x))
	}
	return append(ns, hi)
}
