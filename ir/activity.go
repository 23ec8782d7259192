package ir

import "slices"

// Activity says what carries a derivative: which values, variables and
// memory (slices, by the allocation they are views of) depend on a
// differentiated parameter and influence a result or an output slice.
// Both halves are computed flow-insensitively, to a fixed point over the
// whole function: a variable assigned an active value anywhere is active
// everywhere, which is sound, and exact for the programs people write.
type Activity struct {
	Value map[*Value]bool
	Vars  map[*Var]bool
	Mem   map[*Value]bool // keyed by root: a parameter, make or slice literal

	Written map[*Value]bool // memory some store or copy writes, by root

	// Varied is the first half alone: what depends on the parameters,
	// whether or not it reaches a result. Forward mode needs no more.
	Varied *Flow
}

// Root returns the allocation a slice value is a view of: a parameter, a
// make or a slice literal. A row of a slice of slices shares its outer
// slice's root, so [][]float64 is one piece of memory.
func Root(s *Value) *Value {
	for {
		switch s.Op {
		case OpSubslice, OpLoad:
			s = s.Args[0]
		default:
			return s
		}
	}
}

// Analyse computes the activity of f's values with respect to the
// parameters whose indexes wrt lists.
func Analyse(f *Func, wrt []int) *Activity {
	a := &Activity{Written: make(map[*Value]bool)}
	f.Walk(func(v *Value) {
		switch v.Op {
		case OpStore:
			a.Written[Root(v.Args[0])] = true
		case OpCopySlice:
			a.Written[Root(v.Args[0])] = true
		case OpInvoke:
			for _, x := range Written(v) {
				a.Written[Root(x)] = true
			}
		}
	})
	varied := a.varied(f, wrt)
	useful := a.useful(f)
	a.Varied = varied
	a.Value = intersect(varied.Value, useful.Value)
	a.Vars = intersect(varied.Vars, useful.Vars)
	a.Mem = intersect(varied.Mem, useful.Mem)
	return a
}

func intersect[K comparable](x, y map[K]bool) map[K]bool {
	out := make(map[K]bool)
	for k := range x {
		if y[k] {
			out[k] = true
		}
	}
	return out
}

// Flow is one direction's result: the values, variables and memory roots
// it reaches.
type Flow struct {
	Value map[*Value]bool
	Vars  map[*Var]bool
	Mem   map[*Value]bool
	// Fields are the tape fields a varied value is saved into: in the
	// gradient as one function (reverse.Split.OneCall), which forward
	// mode differentiates for Hessian-vector products, a load of one
	// varies.
	Fields map[*TapeField]bool
}

func newFlow() *Flow {
	return &Flow{Value: make(map[*Value]bool), Vars: make(map[*Var]bool), Mem: make(map[*Value]bool), Fields: make(map[*TapeField]bool)}
}

// varied marks what depends on the differentiated parameters through
// floats: integers and bools never vary.
func (a *Activity) varied(f *Func, wrt []int) *Flow {
	fl := newFlow()
	isWrt := make(map[int]bool)
	for _, p := range wrt {
		isWrt[p] = true
	}
	for changed := true; changed; {
		changed = false
		set := func(m map[*Value]bool, v *Value) {
			if !m[v] {
				m[v] = true
				changed = true
			}
		}
		f.Walk(func(v *Value) {
			switch v.Op {
			case OpParam:
				if isWrt[v.Aux.(int)] && IsDifferentiable(v.Type) {
					set(fl.Value, v)
					if IsSlice(v.Type) {
						set(fl.Mem, v)
					}
				}
			case OpDecl, OpSet:
				if len(v.Args) == 1 && fl.Value[v.Args[0]] && !fl.Vars[v.Aux.(*Var)] {
					fl.Vars[v.Aux.(*Var)] = true
					changed = true
				}
			case OpGet:
				if fl.Vars[v.Aux.(*Var)] {
					set(fl.Value, v)
				}
			case OpStore:
				if fl.Value[v.Args[2]] {
					set(fl.Mem, Root(v.Args[0]))
				}
			case OpCopySlice:
				if fl.Mem[Root(v.Args[1])] {
					set(fl.Mem, Root(v.Args[0]))
				}
			case OpLoad, OpSubslice:
				if fl.Mem[Root(v)] && IsDifferentiable(v.Type) {
					set(fl.Value, v)
				}
			case OpSliceLit:
				for _, e := range v.Args {
					if fl.Value[e] {
						set(fl.Mem, v)
						set(fl.Value, v)
					}
				}
			case OpMake:
				if fl.Mem[v] {
					set(fl.Value, v)
				}
			case OpExtract:
				if fl.Value[v.Args[0]] && IsFloat(v.Type) {
					set(fl.Value, v)
				}
			case OpTapeSave:
				if fld := v.Aux.(*TapeField); fl.Value[v.Args[1]] && !fl.Fields[fld] {
					fl.Fields[fld] = true
					changed = true
				}
			case OpTapeLoad:
				if fl.Fields[v.Aux.(*TapeField)] {
					set(fl.Value, v)
					if IsSlice(v.Type) {
						set(fl.Mem, v)
					}
				}
			case OpInvoke:
				if severalResults(v) && v.Type.(Tuple).FloatIn() && fl.argsVary(v) {
					set(fl.Value, v)
				}
				if !IsSplitCall(v) || !fl.argsVary(v) {
					return
				}
				if IsFloat(v.Type) {
					set(fl.Value, v)
				}
				for _, x := range Written(v) {
					set(fl.Mem, Root(x))
				}
			default:
				if !v.Op.HasValue() || !IsFloat(v.Type) || !v.Op.IsPure() {
					return
				}
				for _, x := range v.Args {
					if fl.Value[x] {
						set(fl.Value, v)
						return
					}
				}
			}
		})
	}
	return fl
}

// useful marks what a result or an output slice (a parameter the function
// writes into) can be computed from.
func (a *Activity) useful(f *Func) *Flow {
	fl := newFlow()
	for r := range a.Written {
		if r.Op == OpParam {
			fl.Mem[r] = true
		}
	}
	for changed := true; changed; {
		changed = false
		set := func(v *Value) {
			if v != nil && !fl.Value[v] {
				fl.Value[v] = true
				changed = true
			}
		}
		f.Walk(func(v *Value) {
			switch v.Op {
			case OpReturn:
				for _, x := range v.Args {
					set(x)
				}
			case OpDecl, OpSet:
				if fl.Vars[v.Aux.(*Var)] && len(v.Args) == 1 {
					set(v.Args[0])
				}
			case OpGet:
				if fl.Value[v] && !fl.Vars[v.Aux.(*Var)] {
					fl.Vars[v.Aux.(*Var)] = true
					changed = true
				}
			case OpStore:
				if fl.Mem[Root(v.Args[0])] {
					set(v.Args[2])
					set(v.Args[0])
				}
			case OpCopySlice:
				if fl.Mem[Root(v.Args[0])] && !fl.Mem[Root(v.Args[1])] {
					fl.Mem[Root(v.Args[1])] = true
					changed = true
				}
			case OpLoad, OpSubslice:
				if fl.Value[v] {
					if !fl.Mem[Root(v)] {
						fl.Mem[Root(v)] = true
						changed = true
					}
					set(v.Args[0])
				}
			case OpExtract:
				if fl.Value[v] && severalResults(v.Args[0]) {
					set(v.Args[0])
				}
			case OpInvoke:
				if severalResults(v) && fl.Value[v] {
					for _, x := range v.Args {
						set(x)
					}
				}
				if !IsSplitCall(v) || !fl.Value[v] && !slices.ContainsFunc(Written(v), func(x *Value) bool { return fl.Mem[Root(x)] }) {
					return
				}
				// The result depends on the arguments, and on the memory
				// of the slices among them.
				for _, x := range v.Args {
					set(x)
					if IsSlice(x.Type) && !fl.Mem[Root(x)] {
						fl.Mem[Root(x)] = true
						changed = true
					}
				}
			default:
				if fl.Value[v] && v.Op.IsPure() {
					for _, x := range v.Args {
						set(x)
					}
				}
			}
			if IsSlice(v.Type) && fl.Mem[Root(v)] {
				set(v)
			}
			if v.Op == OpSliceLit && fl.Mem[v] {
				for _, x := range v.Args {
					set(x)
				}
			}
		})
	}
	return fl
}

// IsSplitCall reports whether v is a call of a function of slices that the
// transforms differentiate through its split form (see CallRule).
func IsSplitCall(v *Value) bool {
	if v.Op != OpInvoke {
		return false
	}
	c, ok := v.Aux.(Callee)
	return ok && c.Rule != nil && c.Rule.Split
}

// severalResults reports whether v is a call of several results as the
// source wrote it, a, b := f(x): its results depend on its arguments. The
// calls of several results that rules.LowerCalls makes do not count: the
// derivatives of their results flow through partials ops.
func severalResults(v *Value) bool {
	_, tuple := v.Type.(Tuple)
	c, ok := v.Aux.(Callee)
	return v.Op == OpInvoke && tuple && ok && !c.Lowered
}

// Written returns the arguments of call v whose memory the call writes:
// for a call of a function of slices, those its callee writes into.
func Written(v *Value) []*Value {
	if !IsSplitCall(v) {
		return nil
	}
	r := v.Aux.(Callee).Rule
	args := v.Args
	if r.Derived != nil && len(args) > len(r.Derived.Params) {
		args = args[len(args)-len(r.Derived.Params):] // after the tape of a callee's forward function
	}
	var out []*Value
	for i, x := range args {
		// Writes is unknown while the callee's own body is analysed, for
		// a mutually recursive call: any slice may be written.
		if r.Writes == nil && IsSlice(x.Type) || r.Writes != nil && r.Writes[i] {
			out = append(out, x)
		}
	}
	return out
}

// argsVary reports whether an argument of call v varies: a number, or the
// memory of a slice.
func (fl *Flow) argsVary(v *Value) bool {
	for _, x := range v.Args {
		if fl.Value[x] || IsSlice(x.Type) && fl.Mem[Root(x)] {
			return true
		}
	}
	return false
}
