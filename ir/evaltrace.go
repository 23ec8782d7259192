package ir

// EvalTraced runs f on args like [EvalWith], and tells observe of every
// step of the run as it happens: each function entered and left, each
// value run, each iteration of a loop and each branch of an if taken.
// godiff explain builds its worked pass from these steps.
func EvalTraced(funcs map[string]*Func, f *Func, observe func(Step), args ...any) ([]any, error) {
	return evalWith(funcs, f, observe, args)
}

// Step is one step of a traced run (see EvalTraced).
type Step struct {
	Kind StepKind
	Func *Func // the function running
	// Value is the value run (StepValue), the loop (StepIter, StepDone),
	// the if (StepBranch), or the call or invoke running Func (StepEnter,
	// StepLeave; nil for the function EvalTraced runs).
	Value *Value
	Depth int   // the number of calls between Func and the function EvalTraced runs
	Iter  int64 // StepIter: the iteration about to run, from 0
	Then  bool  // StepBranch: whether the if takes its then block
	fr    *evalFrame
}

// StepKind says what a Step is.
type StepKind int

const (
	StepEnter  StepKind = iota + 1 // Func begins
	StepLeave                      // Func has returned
	StepValue                      // Value has run: its value, or its effect, is there to read
	StepBranch                     // the if Value is about to run one of its blocks
	StepIter                       // loop Value is about to run iteration Iter
	StepDone                       // loop Value has finished
)

// Of returns the current value of v, a value of Func, in the step's call:
// what v computed when it last ran. It is nil for a value that has not
// run.
func (s Step) Of(v *Value) any {
	if s.fr == nil {
		return nil
	}
	return s.fr.vals[v]
}

// VarOf returns the current value of variable x in the step's call, nil
// before its declaration.
func (s Step) VarOf(x *Var) any {
	if s.fr == nil || s.fr.vars[x] == nil {
		return nil
	}
	return s.fr.vars[x].V
}

// observe tells the observer of a step of fr, if there is one.
func (fr *evalFrame) observe(kind StepKind, v *Value, iter int64, then bool) {
	if fr.ev.observe == nil {
		return
	}
	fr.ev.observe(Step{Kind: kind, Func: fr.f, Value: v, Depth: fr.depth, Iter: iter, Then: then, fr: fr})
}
