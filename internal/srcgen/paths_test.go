package srcgen

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"regexp"
	"strings"
	"testing"
)

// reached is what of reverse mode's newer paths a program's generated
// code shows (see Path), read from the text godiff wrote for it: its
// declarations in a_godiff.go, those of its variants included.
type reached struct {
	blockEnd bool // a tape field holding a counter "as its block ends" (reverse/nestedinduction.go)
	fixed    bool // a stack held as an array and a count (ir/fixstacks.go)
	local    bool // FGrad or FVJP keeping its tape in a local variable
	step     bool // a backward sweep running a checkpointed loop's step adjoint in place (reverse/step.go)
	// once: the helper PathOnce declares is inlined everywhere: no split
	// form of it (fOnceCallForward) in the output.
	once   bool
	argmax bool // a tape field holding the index of a running maximum's or minimum's winner (reverse/argmax.go)
	fused  bool // a backward loop doing the work of several (ir/fuseloops.go)
	// tapeless: the program's FGrad or FVJP is one function, the
	// forward sweep's code then the backward sweep's (tapeless.go).
	tapeless bool
}

var (
	blockEndRE = regexp.MustCompile(`as its block ends`)
	fixedRE    = regexp.MustCompile(`entries this run: the stack is`)
	// The tape of FGrad or FVJP declared as a local variable: var t FTape.
	localRE = regexp.MustCompile(`(?m)^\tvar t \w+Tape$`)
	// The step adjoint's backward code, inlined in the backward sweep of
	// its loop, keeps the comment of the body's backward function,
	// indented deeper than the function's own.
	stepRE   = regexp.MustCompile(`(?m)^\t\t+// Backward sweep: the chain rule`)
	argmaxRE = regexp.MustCompile(`the index of the element the (maximum|minimum) came from`)
	fusedRE  = regexp.MustCompile(`loops over the same range, fused into one`)
	// An exported FGrad or FVJP holding the backward sweep's code in its
	// own body (a callee's gradient is lower-case).
	tapelessNameRE = regexp.MustCompile(`^F\d+\w*(Grad|VJP)$`)
	tapelessRE     = regexp.MustCompile(`(?m)^\t// Backward sweep: the chain rule`)
)

// markPaths records, for each live program, what its declarations in
// out, godiff's output for the batch, reach.
func markPaths(out []byte, live map[string]*result) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "out.go", out, parser.ParseComments)
	if err != nil {
		return // the build reports it
	}
	for _, r := range live {
		r.paths = reached{once: r.fn.Path == PathOnce && !bytes.Contains(out, []byte(strings.ToLower(r.fn.Name)+"OnceCall"))}
	}
	for _, d := range file.Decls {
		r := live[declOwner(d)]
		if r == nil {
			continue
		}
		start := d.Pos()
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Doc != nil {
				start = d.Doc.Pos()
			}
		case *ast.GenDecl:
			if d.Doc != nil {
				start = d.Doc.Pos()
			}
		}
		text := out[fset.Position(start).Offset:fset.Position(d.End()).Offset]
		r.paths.blockEnd = r.paths.blockEnd || blockEndRE.Match(text)
		r.paths.fixed = r.paths.fixed || fixedRE.Match(text)
		r.paths.step = r.paths.step || stepRE.Match(text)
		r.paths.argmax = r.paths.argmax || argmaxRE.Match(text)
		r.paths.fused = r.paths.fused || fusedRE.Match(text)
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil {
			r.paths.local = r.paths.local || localRE.Match(text)
		}
		if fd, ok := d.(*ast.FuncDecl); ok && tapelessNameRE.MatchString(fd.Name.Name) {
			r.paths.tapeless = r.paths.tapeless || tapelessRE.Match(text)
		}
	}
}

// pathCounts counts the programs checked (accepted and right) whose
// output reaches each path, in all and among those given the Path meant
// to reach it.
type pathCounts struct {
	given, accepted           [len(pathNames)]int
	blockEnd, fixed, local, s int
	// Of the programs given the path meant for it.
	blockEndTri, fixedOnce, localOnce, stepStep, inlinedOnce int
	argmax, argmaxMax                                        int
	fused, fusedTri                                          int
	tapeless                                                 int // FGrad or FVJP as one function
	dstGiven, dstChecked                                     int // triangle helpers returning their output
	dstCallGiven, dstCallChecked                             int // through a second helper
	// Programs declaring a local struct, and of those, programs assigning
	// one of its fields (localstructs.go).
	localStructGiven, localStructChecked, fieldSetGiven, fieldSetChecked int
}

var (
	localStructRE = regexp.MustCompile(`\bls\d+ := `)
	fieldSetRE    = regexp.MustCompile(`\bls\d+\.[BC] [-+*/]?= `)
)

func (c *pathCounts) add(r *result) {
	p := r.fn.Path
	c.given[p]++
	c.dstGiven += b2i(r.fn.ReturnsDst)
	c.dstCallGiven += b2i(r.fn.ReturnsDstCall)
	local, set := localStructRE.MatchString(r.fn.Decls), fieldSetRE.MatchString(r.fn.Decls)
	c.localStructGiven += b2i(local)
	c.fieldSetGiven += b2i(set)
	if r.out != ok {
		return
	}
	c.localStructChecked += b2i(local)
	c.fieldSetChecked += b2i(set)
	c.dstChecked += b2i(r.fn.ReturnsDst)
	c.dstCallChecked += b2i(r.fn.ReturnsDstCall)
	c.accepted[p]++
	c.inlinedOnce += b2i(r.paths.once)
	if r.paths.blockEnd {
		c.blockEnd++
		c.blockEndTri += b2i(p == PathTriangle)
	}
	if r.paths.fixed {
		c.fixed++
		c.fixedOnce += b2i(p == PathOnce)
	}
	if r.paths.local {
		c.local++
		c.localOnce += b2i(p == PathOnce)
	}
	if r.paths.step {
		c.s++
		c.stepStep += b2i(p == PathStep)
	}
	c.fused += b2i(r.paths.fused)
	c.tapeless += b2i(r.paths.tapeless)
	c.fusedTri += b2i(r.paths.fused && p == PathTriangle)
	if r.paths.argmax {
		c.argmax++
		c.argmaxMax += b2i(p == PathMax)
	}
}

func (c pathCounts) line() string {
	return fmt.Sprintf("\n  newer paths: programs given a triangle helper %d (checked %d), a helper inlined once %d (checked %d), a loop for the step adjoint %d (checked %d), a running maximum %d (checked %d); of the once's checked, inlined %d; checked programs whose output has a counter kept as its block ends %d (%d of the triangle's), fixed-size stacks %d (%d of the once's), a tape as a local variable %d (%d of the once's), a step adjoint %d (%d of the step's), a running maximum's index %d (%d of the max's), backward loops fused %d (%d of the triangle's); triangle helpers returning the slice they write %d (checked %d), %d of them through a second helper (checked %d); FGrad or FVJP written as one function %d; local structs %d (checked %d), their fields assigned %d (checked %d)",
		c.given[PathTriangle], c.accepted[PathTriangle], c.given[PathOnce], c.accepted[PathOnce], c.given[PathStep], c.accepted[PathStep], c.given[PathMax], c.accepted[PathMax],
		c.inlinedOnce, c.blockEnd, c.blockEndTri, c.fixed, c.fixedOnce, c.local, c.localOnce, c.s, c.stepStep, c.argmax, c.argmaxMax, c.fused, c.fusedTri, c.dstGiven, c.dstChecked, c.dstCallGiven, c.dstCallChecked, c.tapeless,
		c.localStructGiven, c.localStructChecked, c.fieldSetGiven, c.fieldSetChecked)
}

// check fails t when a path's construct, given to at least five programs
// checked, reaches its path in none: the construct no longer tests it.
func (c pathCounts) check(t *testing.T) {
	for _, p := range []struct {
		path    Path
		reached int
		what    string
	}{
		{PathTriangle, c.blockEndTri, "a counter kept as its block ends"},
		{PathOnce, c.inlinedOnce, "the helper inlined once"},
		{PathStep, c.stepStep, "a step adjoint"},
		{PathMax, c.argmaxMax, "a running maximum's index"},
	} {
		if c.accepted[p.path] >= 5 && p.reached == 0 {
			t.Errorf("of %d programs checked with the %v construct, none has %s in its output", c.accepted[p.path], p.path, p.what)
		}
	}
	// Some programs have a forward sweep of single values (about one in
	// forty: most take slices and loop; those of -srcgen.newer all do).
	checked := 0
	for _, n := range c.accepted {
		checked += n
	}
	if !*flagNewer && checked >= 300 && c.tapeless == 0 {
		t.Errorf("of %d programs checked, none has its FGrad or FVJP written as one function", checked)
	}
	if !*flagNewer && checked >= 300 && (c.localStructChecked == 0 || c.fieldSetChecked == 0) {
		t.Errorf("of %d programs checked, %d declare a local struct and %d assign one's field: the construct no longer reaches godiff", checked, c.localStructChecked, c.fieldSetChecked)
	}
	// Half the triangle helpers have the loops FuseLoops merges.
	if c.accepted[PathTriangle] >= 10 && c.fusedTri == 0 {
		t.Errorf("of %d programs checked with the triangle construct, none has a fused backward loop in its output", c.accepted[PathTriangle])
	}
}
