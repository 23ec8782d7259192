package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/godiff/godiff/explain"
	"github.com/godiff/godiff/graph"
)

const graphUsage = `godiff graph draws the computation graph of an annotated function: its
forward values and the memos of its backward pass, in the source's names.

Usage:

	godiff graph [flags] -func F FILE.go [name=value ...]

Each parameter and each assignment of F is a node with its formula, F's
result is L, and each value the differentiated parameters reach has a memo
∂L/∂v; forward edges carry values, backward edges carry memos to the memos
of the operands (the chain rule), from the seed ∂L/∂L = 1 to the memos of
the parameters, the gradient. A loop's body is drawn once, in a frame.

With values for the parameters (name=value, as godiff explain takes them) it
runs godiff explain's pass and writes the values on the nodes, each memo's
chain and value, and marks a dead ReLU's cut; the values inside a loop are
those of its last iteration.

Flags:

	-func F       the annotated function: Loss, or Net.Loss for a method
	-format FMT   dot (the default): Graphviz, for dot -Tsvg;
	              mermaid: a Mermaid flowchart, for a Markdown page;
	              svg: an SVG picture, laid out by godiff itself;
	              tree: the tree of memos, as text, the gradient at its leaves
	-o FILE       write to FILE rather than to the standard output
	-values FILE  the values from a file: a JSON object (FILE.json) or Go
	              assignments, one per line
	-digits N     significant digits of the numbers written (default 4; 0 for
	              every digit)
	-h            print this help

Exit status: 0 on success, 1 when the function or a value is wrong (the
message says where), 2 for a bad command line.
`

// runGraph is godiff graph with the given arguments; it returns the exit
// status.
func runGraph(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("godiff graph", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {}
	var o explain.Options
	fl.StringVar(&o.Func, "func", "", "the annotated function to draw")
	format := fl.String("format", "dot", "dot, mermaid, svg or tree")
	out := fl.String("o", "", "the file to write")
	fl.StringVar(&o.Values, "values", "", "a file of values")
	fl.IntVar(&o.Digits, "digits", 4, "significant digits")
	const short = "usage: godiff graph [flags] -func F FILE.go [name=value ...] (godiff graph -h for help)"
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, graphUsage)
			return 0
		}
		fmt.Fprintln(stderr, short)
		return 2
	}
	write, ok := graphWriters[*format]
	if !ok {
		fmt.Fprintf(stderr, "godiff graph: -format %s: want dot, mermaid, svg or tree\n", *format)
		return 2
	}
	if msg := takeFileAndValues(&o, fl.Args(), "graph", "draw", short); msg != "" {
		fmt.Fprintln(stderr, msg)
		return 2
	}
	g, err := explain.Graph(o)
	if err != nil {
		graphError(stderr, err)
		return 1
	}
	var buf bytes.Buffer
	if err := write(&buf, g); err != nil {
		fmt.Fprintf(stderr, "godiff graph: %v\n", err)
		return 1
	}
	if *out == "" {
		_, err = stdout.Write(buf.Bytes())
	} else {
		err = os.WriteFile(*out, buf.Bytes(), 0o644)
	}
	if err != nil {
		fmt.Fprintf(stderr, "godiff graph: %v\n", err)
		return 1
	}
	return 0
}

// graphWriters are the formats of -format.
var graphWriters = map[string]func(io.Writer, *graph.Graph) error{
	"dot":     graph.WriteDOT,
	"mermaid": graph.WriteMermaid,
	"svg":     graph.WriteSVG,
	"tree":    graph.WriteTree,
}

// graphError prints the errors of godiff graph as explainError does.
func graphError(w io.Writer, err error) {
	var buf bytes.Buffer
	explainError(&buf, err)
	fmt.Fprint(w, strings.ReplaceAll(buf.String(), "godiff explain: ", "godiff graph: "))
}
