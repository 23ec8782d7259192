package explain

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/godiff/godiff"
	"github.com/godiff/godiff/ir"
	"github.com/godiff/godiff/parse"
	"github.com/godiff/godiff/reverse"
)

// Mode is the mode of differentiation an explanation shows.
type Mode int

const (
	// Reverse shows the forward pass, then the backward pass with its
	// memos, then the gradient: backpropagation.
	Reverse Mode = iota
	// Forward shows the forward pass with the tangent of each value along
	// a direction beside it, then the directional derivative.
	Forward
)

// Options says what to explain.
type Options struct {
	File string // the Go file holding the function
	// Func names the annotated function: Loss, or Net.Loss for a method
	// (Loss alone will do if no other annotated method has that name).
	Func string
	// Args are the values of the function's parameters, name=value: a
	// number, or a JSON or Go literal for a slice or a struct.
	Args []string
	// Values, if set, is a file of values: a JSON object (.json), or Go
	// assignments name = value, one per line. Args may not repeat one.
	Values string
	Mode   Mode
	// Dir is the direction of forward mode: name=value for the
	// differentiated parameters; those not named get zero. With none,
	// the direction is 1 along the first differentiated parameter.
	Dir []string
	// Digits is the number of significant digits numbers are written
	// with; 0 writes them in full.
	Digits int
}

// Explain writes the worked pass of o.Func at the values o gives: the
// forward pass, a line per source assignment (its formula, the numbers it
// computed with, its value), then, in reverse mode, the backward pass, a
// line per memo (its chain of links, their numbers, its value), and the
// gradient; in forward mode, the tangents beside the values and the
// directional derivative. The numbers are those of the derivatives godiff
// generates, run by the IR's interpreter.
//
// Problems with the input (an unknown function, a value missing or not
// of its parameter's type, a function godiff refuses) are errors; those
// of godiff's checks are a parse.ErrorList.
func Explain(w io.Writer, o Options) error {
	files, err := parse.Load([]string{o.File})
	if err != nil {
		return err
	}
	t, err := findTarget(files[0], o.Func)
	if err != nil {
		return err
	}
	args, err := arguments(t.Func, o)
	if err != nil {
		return err
	}
	if o.Mode == Forward {
		return explainForward(w, t, files[0].Targets, args, o)
	}
	return explainReverse(w, t, files[0].Targets, args, o)
}

// findTarget returns the annotated function called name in file f.
func findTarget(f *parse.File, name string) (*parse.Target, error) {
	recv, fname, isMethod := strings.Cut(name, ".")
	if !isMethod {
		fname, recv = name, ""
	}
	var found []*parse.Target
	var names []string
	for _, t := range f.Targets {
		names = append(names, funcName(t.Func))
		if t.Func.Name == fname && (recv == "" || t.Func.RecvType() == recv) {
			found = append(found, t)
		}
	}
	switch {
	case len(found) == 1:
		return found[0], nil
	case len(found) > 1:
		var which []string
		for _, t := range found {
			which = append(which, funcName(t.Func))
		}
		return nil, fmt.Errorf("%s: %s names %s; say which with -func", f.Path, name, strings.Join(which, " and "))
	case len(names) == 0:
		return nil, fmt.Errorf("%s: no function with a //godiff: directive; explain needs one (//godiff:grad above %s)", f.Path, name)
	}
	return nil, fmt.Errorf("%s: no annotated function %s; the file's are %s", f.Path, name, strings.Join(names, ", "))
}

// arguments returns the runtime values of f's parameters from o's values.
func arguments(f *ir.Func, o Options) ([]any, error) {
	given := make(map[string]*node)
	var order []string
	if o.Values != "" {
		vals, names, err := readValueFile(o.Values)
		if err != nil {
			return nil, err
		}
		given, order = vals, names
	}
	for _, a := range o.Args {
		name, n, err := parseArg(a)
		if err != nil {
			return nil, err
		}
		if prev := given[name]; prev != nil && prev.at != n.at {
			return nil, fmt.Errorf("%s: %s is given twice, in %s too", n.at, name, prev.at)
		} else if prev != nil {
			return nil, fmt.Errorf("%s: %s is given twice", n.at, name)
		}
		given[name] = n
		order = append(order, name)
	}
	return bind(f, given, order)
}

// directive returns the directive of t's function for mode (grad, or
// jvp), with the parameters it names: the function's own for that mode if
// it has one, else one with the parameters of its first directive.
func directive(t *parse.Target, mode parse.Mode) parse.Directive {
	for _, d := range t.Directives {
		if d.Mode == mode {
			return d
		}
	}
	for _, d := range t.Directives {
		if mode == parse.Grad && d.Mode == parse.VJP {
			return parse.Directive{Mode: parse.Grad, Wrt: d.Wrt, Name: parse.Grad.FuncName(t.Func.Name), Pos: d.Pos, Split: d.Split}
		}
	}
	d := parse.Directive{Mode: mode, Wrt: t.Directives[0].Wrt, Name: mode.FuncName(t.Func.Name), Pos: t.Directives[0].Pos}
	if mode != parse.JVP {
		d.Split = reverse.SplitNames(t.Func.Name)
	}
	return d
}

// derive builds the derivatives d asks for and returns them by name, for
// the interpreter, with those the file's other annotated functions
// (others) ask for: a derivative may call a callee's own (its
// //godiff:jvp's), which godiff writes for the callee's directive.
func derive(f *ir.Func, d parse.Directive, others []*parse.Target) (map[string]*ir.Func, error) {
	gs, err := godiff.DeriveCalls(f, []parse.Directive{d})
	if err != nil {
		return nil, err
	}
	funcs := make(map[string]*ir.Func)
	for _, g := range gs {
		funcs[g.Name] = g
	}
	missing := missingCallees(funcs)
	for _, t := range others {
		for _, od := range t.Directives {
			if t.Func == f || !missing[od.Name] && !missing[od.Split.Forward] {
				continue
			}
			gs, err := godiff.DeriveCalls(t.Func, []parse.Directive{od})
			if err != nil {
				continue // its own run reports it; a call of it fails, positioned
			}
			for _, g := range gs {
				if funcs[g.Name] == nil {
					funcs[g.Name] = g
				}
			}
		}
	}
	return funcs, nil
}

// missingCallees returns the names of the functions funcs invoke that
// funcs do not hold (math's are the interpreter's own).
func missingCallees(funcs map[string]*ir.Func) map[string]bool {
	missing := make(map[string]bool)
	for _, g := range funcs {
		g.Walk(func(v *ir.Value) {
			if c, ok := v.Aux.(ir.Callee); ok && v.Op == ir.OpInvoke && c.Path == "" && funcs[c.Name] == nil {
				missing[c.Name] = true
			}
		})
	}
	return missing
}

// newRenderer returns a renderer of f's values.
func newRenderer(f *ir.Func, digits int) *renderer {
	r := &renderer{f: f, digits: digits}
	for i, res := range f.Results {
		switch {
		case res.Name != "" && res.Name != "_":
			r.results = append(r.results, res.Name)
		case len(f.Results) == 1:
			r.results = append(r.results, "L")
		default:
			r.results = append(r.results, fmt.Sprintf("L%d", i+1))
		}
	}
	return r
}

// reverseRun is a run of the gradient for an explanation: the lines of
// its forward and backward passes (tr) and what FGrad returned (out).
type reverseRun struct {
	r   *renderer
	tr  *tracer
	d   parse.Directive
	out []any
}

// runReverse runs the gradient of t's function at args in the
// interpreter, tracing its steps; others are the file's annotated
// functions (see derive).
func runReverse(t *parse.Target, others []*parse.Target, args []any, o Options) (*reverseRun, error) {
	f := t.Func
	if len(f.Results) != 1 || !ir.IsFloat(f.Results[0].Type) {
		return nil, fmt.Errorf("%s: explain shows the gradient of a function with one float result, and %s has %d results; use -mode jvp", t.Pos, funcName(f), len(f.Results))
	}
	d := directive(t, parse.Grad)
	funcs, err := derive(f, d, others)
	if err != nil {
		return nil, err
	}
	r := newRenderer(f, o.Digits)
	tr := newTracer(r, funcs[d.Split.Forward], funcs[d.Split.Backward])
	tr.sections[1].add(&line{lhs: r.memo(r.resultName(0)), val: "1", note: "the seed"})
	out, err := ir.EvalTraced(funcs, funcs[d.Name], tr.observe, args...)
	switch {
	case tr.err != nil:
		return nil, tr.err
	case err != nil:
		return nil, runError(f, err)
	}
	return &reverseRun{r: r, tr: tr, d: d, out: out}, nil
}

// explainReverse explains the gradient of t's function at args; others
// are the file's annotated functions (see derive).
func explainReverse(w io.Writer, t *parse.Target, others []*parse.Target, args []any, o Options) error {
	run, err := runReverse(t, others, args, o)
	if err != nil {
		return err
	}
	f, r, tr, d := t.Func, run.r, run.tr, run.d
	p := &printer{w: w, r: r}
	p.header(f, args, d.Wrt, "reverse mode: the gradient of "+r.resultName(0)+", "+funcName(f)+"'s result, with respect to "+strings.Join(wrtNames(r, d.Wrt), ", "))
	p.printf("\nForward pass: each value from the values before it\n")
	p.block(tr.sections[0].root, "  ")
	p.printf("\nBackward pass: each memo %s from the memos after it, last value first\n", r.memo("v"))
	p.block(tr.sections[1].root, "  ")
	p.printf("\nGradient (what %s returns)\n", d.Name)
	p.gradient(tr, d.Wrt, run.out[1:])
	return p.err
}

// explainForward explains the derivative of t's function at args along
// a direction.
func explainForward(w io.Writer, t *parse.Target, others []*parse.Target, args []any, o Options) error {
	f := t.Func
	d := directive(t, parse.JVP)
	funcs, err := derive(f, d, others)
	if err != nil {
		return err
	}
	jvp := funcs[d.Name]
	r := newRenderer(f, o.Digits)
	dir, err := direction(f, d.Wrt, args, o.Dir)
	if err != nil {
		return err
	}
	all := append(slices.Clone(args), dir...)
	for _, p := range jvp.Params[len(all):] {
		all = append(all, outputBuffer(f, p, args)) // an output's tangent, which the JVP fills
	}
	tr := newTracer(r, jvp, nil)
	tr.jvp = true
	out, err := ir.EvalTraced(funcs, jvp, tr.observe, all...)
	switch {
	case tr.err != nil:
		return tr.err
	case err != nil:
		return runError(f, err)
	}
	p := &printer{w: w, r: r}
	var along []string
	for k, i := range d.Wrt {
		along = append(along, r.tangent(r.leafName(i))+" = "+r.number(dir[k]))
	}
	p.header(f, args, d.Wrt, "forward mode: each value's tangent along "+strings.Join(along, ", "))
	p.printf("\nForward pass: each value, then its tangent %s\n", r.tangent("v"))
	p.block(tr.sections[0].root, "  ")
	p.printf("\nDirectional derivative (what %s returns)\n", d.Name)
	n := len(f.Results)
	for i := 0; i < n && n+i < len(out); i++ {
		p.line(&line{lhs: r.tangent(r.resultName(i)), val: r.number(out[n+i])}, "  ", 0)
	}
	return p.err
}

// runError is an error of the run at the values given: the user's
// function failed there (an index out of range, a panic it calls), at
// the position of the statement that failed where it is known.
func runError(f *ir.Func, err error) error {
	if errors.Is(err, ir.ErrEvalSteps) {
		return fmt.Errorf("%s runs too long at these values for explain, which runs its derivative in godiff's interpreter (%v); explain it at smaller values: a shorter slice, fewer iterations", funcName(f), ir.ErrEvalSteps)
	}
	var ee *ir.EvalError
	if errors.As(err, &ee) && ee.Value != nil {
		pos := ir.Origin(ee.Value).Pos
		if c, ok := ee.Value.Aux.(ir.Callee); ok && ee.Value.Op == ir.OpInvoke && pos.IsValid() {
			return fmt.Errorf("%v: explain cannot run this call at these values: godiff's interpreter runs the code godiff derives, and %s is not (a //godiff:rule written by hand?): %s", pos, c.Name, ee.Detail)
		}
		if pos.IsValid() {
			return fmt.Errorf("%v: %s fails here at these values: %s", pos, funcName(f), ee.Detail)
		}
	}
	return fmt.Errorf("%s fails at these values: %v", funcName(f), err)
}

// wrtNames names the differentiated parameters as the source does.
func wrtNames(r *renderer, wrt []int) []string {
	var names []string
	for _, i := range wrt {
		names = append(names, r.leafName(i))
	}
	return names
}

// newTracer returns a tracer of the sections of fwd and bwd (nil in
// forward mode).
func newTracer(r *renderer, fwd, bwd *ir.Func) *tracer {
	t := &tracer{r: r, relu: findReLUs(r.f), src: make(map[string][]string), tangentOf: make(map[*ir.Value]*ir.Value)}
	if bwd == nil {
		t.sections = append(t.sections, newSection(fwd, 0, false)) // the JVP itself
	} else {
		// Called by the gradient.
		t.sections = append(t.sections, newSection(fwd, 1, false), newSection(bwd, 1, true))
	}
	fwd.Walk(func(v *ir.Value) {
		for _, n := range v.Notes {
			if n.Kind == ir.NoteTangent && n.Of != nil && t.tangentOf[n.Of] == nil {
				t.tangentOf[n.Of] = v
			}
		}
	})
	return t
}
