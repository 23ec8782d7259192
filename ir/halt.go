package ir

import "strings"

// Halt is what an OpHalt keeps of a statement that ends the run, as the
// source wrote it: panic(...), log.Fatal..., log.Panic..., os.Exit(n). It
// has no derivative: the backward sweep never sees a run that took it, so
// the transforms copy it into the forward sweep (and the JVP) and give it
// no backward code. Its arguments are inactive: constants, names of
// package-level constants and variables, calls of other packages'
// functions (fmt.Sprintf, errors.New), and the op's Args, values of the
// function (a length, a float printed in the message).
type Halt struct{ Call HaltExpr }

// HaltKind says what a HaltExpr is.
type HaltKind int

const (
	HaltArg  HaltKind = iota // Args[Arg] of the op
	HaltLit                  // a constant, Lit in Go syntax
	HaltName                 // a package-level name: Name of package Path ("" for the function's own)
	HaltCall                 // a call of Path.Name (Path "" for a builtin or the package's own) with Args
)

// HaltExpr is an expression of a Halt.
type HaltExpr struct {
	Kind       HaltKind
	Arg        int
	Lit        string
	Path, Name string
	Args       []HaltExpr
	Ellipsis   bool // the call's last argument is spread: f(a, b...)
}

// Ends reports whether the statement ends its block for Go's analysis of
// reachability (vet's): a call of the builtin panic. os.Exit and log.Fatal
// end the run too, but Go does not know it, so code after them (a return
// the compiler asks for) stays.
func (h *Halt) Ends() bool {
	return h.Call.Kind == HaltCall && h.Call.Path == "" && h.Call.Name == "panic"
}

// Paths returns the import paths the statement's calls and names use.
func (h *Halt) Paths() []string {
	var out []string
	var walk func(e HaltExpr)
	walk = func(e HaltExpr) {
		if (e.Kind == HaltCall || e.Kind == HaltName) && e.Path != "" {
			out = append(out, e.Path)
		}
		for _, a := range e.Args {
			walk(a)
		}
	}
	walk(h.Call)
	return out
}

// Names returns the identifiers the statement names without a package:
// builtins (panic, nil) and the package's own functions, constants and
// variables, which no local of the generated code may shadow.
func (h *Halt) Names() []string {
	var out []string
	var walk func(e HaltExpr)
	walk = func(e HaltExpr) {
		switch {
		case (e.Kind == HaltCall || e.Kind == HaltName) && e.Path == "":
			out = append(out, e.Name)
		case e.Kind == HaltLit && e.Lit == "nil":
			out = append(out, "nil")
		}
		for _, a := range e.Args {
			walk(a)
		}
	}
	walk(h.Call)
	return out
}

// maxArg returns the largest Arg the expression refers to, or -1.
func (e HaltExpr) maxArg() int {
	m := -1
	if e.Kind == HaltArg {
		m = e.Arg
	}
	for _, a := range e.Args {
		m = max(m, a.maxArg())
	}
	return m
}

// format writes the expression in Go syntax, an argument of the op as
// arg gives it, a package by its last path element.
func (e HaltExpr) format(sb *strings.Builder, arg func(int) string) {
	switch e.Kind {
	case HaltArg:
		sb.WriteString(arg(e.Arg))
		return
	case HaltLit:
		sb.WriteString(e.Lit)
		return
	}
	if e.Path != "" {
		sb.WriteString(e.Path[strings.LastIndex(e.Path, "/")+1:] + ".")
	}
	sb.WriteString(e.Name)
	if e.Kind != HaltCall {
		return
	}
	sb.WriteString("(")
	for i, a := range e.Args {
		if i > 0 {
			sb.WriteString(", ")
		}
		a.format(sb, arg)
	}
	if e.Ellipsis {
		sb.WriteString("...")
	}
	sb.WriteString(")")
}

// Format returns the statement in Go syntax, the op's arguments as arg
// names them.
func (h *Halt) Format(arg func(int) string) string {
	var sb strings.Builder
	h.Call.format(&sb, arg)
	return sb.String()
}
