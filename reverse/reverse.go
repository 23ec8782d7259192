package reverse

import (
	"fmt"

	"github.com/godiff/godiff/ir"
)

// Mode says which function built on the split form to make.
type Mode int

const (
	// Grad builds FGrad(params) (result, dq1, ..., dqk) for an F with one
	// float result: the gradient, with the seed 1.
	Grad Mode = iota
	// VJP builds FVJP(params, seeds) (results, dq1, ..., dqk): the
	// vector-Jacobian product of F's results with the seeds.
	VJP
)

// Names are the names of a split form's tape type and functions.
type Names struct {
	Tape, Forward, Backward string
}

// Split is reverse mode's split form of a function F: a tape type, a
// forward function that runs F and fills a tape, and a backward function
// that reads the tape and adds the adjoints into buffers the caller passes.
type Split struct {
	Tape              *ir.Tape
	Forward, Backward *ir.Func

	f       *ir.Func // the user's function
	wrt     []int
	buffers []int        // the parameters with an adjoint buffer, in order
	written map[int]bool // the buffers of the slices F writes: FVJP seeds them
}

// NewSplit builds the split form of f with respect to the parameters whose
// indexes wrt lists, in ascending order. It fails on what reverse mode
// cannot yet follow (a slice of slices made inside f).
func NewSplit(f *ir.Func, wrt []int, names Names) (*Split, error) {
	return newSplit(f, wrt, names, false, nil)
}

func newSplit(f *ir.Func, wrt []int, names Names, volatile bool, fixed []int) (*Split, error) {
	checkLoweredTuples(f, wrt)
	s := newSplitter(f, wrt, names.Tape)
	s.volatile = volatile
	for _, i := range fixed {
		s.fixed[i] = true
	}
	if volatile {
		s.fields.shareCalls()
	}
	s.made = s.tapeMakes() // first, so that its fields are named after the slices
	s.backwardName = names.Backward
	s.forwardFn = names.Forward
	bwd, buffers, written, err := s.buildBackward(names.Backward)
	if err != nil {
		return nil, err
	}
	fwd := s.buildForward(names.Forward, bwd)
	sortFields(s.fields.tape, fwd)
	sortLoads(bwd.Body, s.fields.tape)
	s.fields.tape.Doc = []string{fmt.Sprintf("%s is what %s keeps of one run of %s for %s: the forward values the backward sweep reads, and the control flow it replays. A tape may be reused: each run of %s overwrites it, and its buffers are kept.",
		names.Tape, names.Forward, f.Name, names.Backward, names.Forward)}
	if volatile {
		s.fields.tape.Doc = []string{fmt.Sprintf("%s is what %s keeps of the calls of %s at one call site for %s: the forward values the backward sweep reads, and the control flow it replays, each call's in its record and on the stacks the calls share. The tape of the caller holds it, and empties it for each of its own runs, keeping its buffers.",
			names.Tape, names.Forward, f.Name, names.Backward)}
	}
	s.fields.tape.Doc = append(s.fields.tape.Doc, s.tapeReport(fwd, bwd)...)
	return &Split{Tape: s.fields.tape, Forward: fwd, Backward: bwd, f: f, wrt: wrt, buffers: buffers, written: written}, nil
}

// Seeded returns the indexes of the parameters whose buffer holds a seed
// on entry (the slices F writes into), in the order of Buffers' params, which is
// that of FVJP's seeds for them.
func (sp *Split) Seeded() []int {
	var out []int
	for _, i := range sp.buffers {
		if sp.written[i] {
			out = append(out, i)
		}
	}
	return out
}

// NewCalleeSplit is NewSplit for a function other generated code calls:
// its callers may overwrite the slices they pass once it returns, so its
// forward function records every element of them its backward function
// reads, rather than reading them again; except for the parameters fixed
// lists, whose memory its callers leave unchanged until their backward
// sweep is over (see FixedArgs). Its tape is shared by the calls of one
// call site (see ir.Tape): each call adds a record and pushes onto the
// stacks after the calls before it, and its backward function takes the
// number of the call. Its backward function takes a buffer for the
// parameters in wrt only: a caller differentiates a slice the callee
// writes into (an in-place update, as for a differentiated parameter of
// FBackward) where its own adjoints of that memory are active, and needs
// nothing otherwise.
func NewCalleeSplit(f *ir.Func, wrt, fixed []int, names Names) (*Split, error) {
	return newSplit(f, wrt, names, true, fixed)
}

// Transform builds the split form (named after name's function) and the
// function of the given mode on it, named name, and returns them: forward,
// backward, then the function.
func Transform(f *ir.Func, wrt []int, mode Mode, name string) ([]*ir.Func, error) {
	s, err := NewSplit(f, wrt, SplitNames(f.Name))
	if err != nil {
		return nil, err
	}
	return []*ir.Func{s.Forward, s.Backward, s.Wrapper(mode, name)}, nil
}

// SplitNames returns the names of F's split form: FTape, FForward and
// FBackward.
func SplitNames(f string) Names {
	return Names{Tape: f + "Tape", Forward: f + "Forward", Backward: f + "Backward"}
}

// seedParams returns the seeds of f's results, one parameter each, named
// s for the only result, s1, s2, ... for several. The seed of an array
// result is an array too: a group whose leaves are the seeds of the
// array's elements (see ir.Group).
func seedParams(f *ir.Func, taken map[string]bool) []ir.Param {
	n := len(ir.GoResultNames(f.Results, allIndexes(len(f.Results))))
	var params []ir.Param
	groups := make(map[*ir.Group]*ir.Group)
	k := 0
	for _, r := range f.Results {
		if r.Group != nil && groups[r.Group] != nil {
			g := groups[r.Group]
			params = append(params, ir.Param{Name: leafSeedName(g, r.Field, taken), Type: r.Type, Group: g, Field: r.Field})
			continue
		}
		k++
		name := "s"
		if n > 1 {
			name = fmt.Sprintf("s%d", k)
		}
		name = ir.FreshName(taken, name)
		taken[name] = true
		if r.Group == nil {
			params = append(params, ir.Param{Name: name, Type: r.Type})
			continue
		}
		g := r.Group.Derived(name, false)
		groups[r.Group] = g
		params = append(params, ir.Param{Name: leafSeedName(g, r.Field, taken), Type: r.Type, Group: g, Field: r.Field})
	}
	return params
}

// leafSeedName returns a fresh IR name for the leaf field of seed group g.
func leafSeedName(g *ir.Group, field string, taken map[string]bool) string {
	n := ir.FreshName(taken, ir.LeafName(g.Name, field))
	taken[n] = true
	return n
}

// allIndexes returns 0, 1, ..., n-1.
func allIndexes(n int) []int {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	return idx
}
