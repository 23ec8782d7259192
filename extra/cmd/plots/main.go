// Command plots measures the time of the gradient of a logistic-regression
// loss by reverse mode, forward mode and central finite differences
// against the number of parameters, and draws it on log–log axes (package
// cost). Regenerate the README's picture from the extra directory with
//
//	go run ./cmd/plots -o ../docs/cost.svg
//
// It takes about half a minute. The times are each thread's CPU time on
// Linux, so a busy machine disturbs them little; they depend on the
// machine, their slopes do not.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/godiff/godiff/extra/cost"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is the command with the given arguments; it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("plots", flag.ContinueOnError)
	fl.SetOutput(stderr)
	out := fl.String("o", "cost.svg", "the file to write; its extension says the format: .svg, .png or .pdf")
	sizeList := fl.String("sizes", "10,20,50,100,200,500,1000,2000,5000,10000", "the numbers of parameters, comma-separated")
	examples := fl.Int("m", 8, "the examples of the loss")
	minTime := fl.Duration("time", 20*time.Millisecond, "how long each of the five trials of a timing runs at least; the fastest counts")
	dirs := fl.Int("dirs", 100, "the most directions forward mode and finite differences are timed on, then scaled to n")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	sizes, err := parseSizes(*sizeList)
	if err != nil {
		fmt.Fprintln(stderr, "plots: -sizes:", err)
		return 2
	}
	points := cost.Measure(cost.Config{Sizes: sizes, Examples: *examples, MinTime: *minTime, MaxDirections: *dirs})
	for _, p := range points {
		fmt.Fprintf(stdout, "n=%-6d loss %9.3gs  reverse %6.2f×  forward %9.1f×  central %9.1f×\n", p.N, p.F, p.Reverse, p.Forward, p.Central)
	}
	var buf bytes.Buffer
	if err := cost.Plot(&buf, points, *examples, strings.TrimPrefix(filepath.Ext(*out), ".")); err != nil {
		fmt.Fprintln(stderr, "plots:", err)
		return 1
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		fmt.Fprintln(stderr, "plots:", err)
		return 1
	}
	return 0
}

// parseSizes reads a comma-separated list of positive sizes.
func parseSizes(list string) ([]int, error) {
	var sizes []int
	for _, s := range strings.Split(list, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("%q is not a positive number of parameters", s)
		}
		sizes = append(sizes, n)
	}
	return sizes, nil
}
