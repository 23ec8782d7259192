package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/godiff/godiff/explain"
	"github.com/godiff/godiff/parse"
)

const explainUsage = `godiff explain writes out the chain rule of an annotated function at given
values, the way a textbook works backpropagation by hand.

Usage:

	godiff explain [flags] -func F FILE.go [name=value ...]

It runs the derivatives godiff generates for F (in godiff's interpreter) and
prints the forward pass, one line per assignment: the formula in the source's
names, the numbers substituted, the value; then the backward pass, one line
per memo ∂L/∂v: its chain of links (∂L/∂w11 = ∂L/∂z1 · x1), their numbers, its
value, a ReLU whose input was not positive marked as cutting the chain; then
the gradient. L is F's result. A loop shows its first and last iterations in
full and a summary of the others. With -mode jvp it prints each value's
tangent dv along a direction beside it, then the directional derivative.

Each parameter of F needs a value, name=value: a number, true or false, or
for a slice or a struct a JSON value or a Go literal:

	x=[1,2,3]   x='[]float64{1, 2, 3}'   n='{"W": [0.5, -1], "B": 0.1}'   n='Net{W: []float64{0.5, -1}, B: 0.1}'

Flags:

	-func F       the annotated function to explain: Loss, or Net.Loss for a method
	-mode M       grad (the default): the backward pass and the gradient;
	              jvp: forward mode, the tangents along a direction
	-dir n=v      a component of the direction of -mode jvp (repeat the flag);
	              parameters not named get 0; with no -dir, 1 along the
	              first differentiated parameter
	-values FILE  the values from a file: a JSON object (FILE.json) or Go
	              assignments, one per line (x = []float64{1, 2, 3})
	-digits N     significant digits of the numbers written (default 6; 0 for
	              every digit)
	-h            print this help

The parameters differentiated are those of F's directive. Exit status: 0 on
success, 1 when the function or a value is wrong (the message says where),
2 for a bad command line.
`

// runExplain is godiff explain with the given arguments; it returns the
// exit status.
func runExplain(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("godiff explain", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {}
	var o explain.Options
	fl.StringVar(&o.Func, "func", "", "the annotated function to explain")
	mode := fl.String("mode", "grad", "grad or jvp")
	fl.Func("dir", "a component of the direction of -mode jvp, name=value", func(s string) error {
		o.Dir = append(o.Dir, s)
		return nil
	})
	fl.StringVar(&o.Values, "values", "", "a file of values")
	fl.IntVar(&o.Digits, "digits", 6, "significant digits")
	const short = "usage: godiff explain [flags] -func F FILE.go [name=value ...] (godiff explain -h for help)"
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, explainUsage)
			return 0
		}
		fmt.Fprintln(stderr, short)
		return 2
	}
	switch *mode {
	case "grad":
		o.Mode = explain.Reverse
	case "jvp":
		o.Mode = explain.Forward
	default:
		fmt.Fprintf(stderr, "godiff explain: -mode %s: want grad or jvp\n", *mode)
		return 2
	}
	if msg := takeFileAndValues(&o, fl.Args(), "explain", "explain", short); msg != "" {
		fmt.Fprintln(stderr, msg)
		return 2
	}
	if err := explain.Explain(stdout, o); err != nil {
		explainError(stderr, err)
		return 1
	}
	return 0
}

// positioned matches a message that starts with its position, file:line:
// or file:line:col:, which is printed as it is.
var positioned = regexp.MustCompile(`^[^\s:]+:\d+(:\d+)?: `)

// explainError prints the errors of godiff explain: godiff's diagnostics
// and positioned messages as they are, others after "godiff explain: ".
func explainError(w io.Writer, err error) {
	var list parse.ErrorList
	if errors.As(err, &list) {
		printError(w, err)
		return
	}
	for _, line := range strings.Split(err.Error(), "\n") {
		line = relative(line)
		if !positioned.MatchString(line) {
			line = "godiff explain: " + line
		}
		fmt.Fprintln(w, line)
	}
}

// takeFileAndValues checks the command line that explain and graph share
// (-func, -digits, then FILE.go and name=value arguments) and fills o's File
// and Args from the arguments after the flags, rest. It returns the message
// for a bad command line (exit status 2), or "". The command is godiff
// cmd; verb says what it does to the function.
func takeFileAndValues(o *explain.Options, rest []string, cmd, verb, short string) string {
	switch {
	case o.Func == "":
		return "godiff " + cmd + ": -func is missing: name the function to " + verb + "; " + short
	case len(rest) == 0 || !strings.HasSuffix(rest[0], ".go"):
		return "godiff " + cmd + ": no Go file; " + short
	case o.Digits < 0:
		return "godiff " + cmd + ": -digits must be 0 or more"
	}
	o.File, o.Args = rest[0], rest[1:]
	return ""
}
