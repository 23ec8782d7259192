package ba

import (
	"testing"

	"github.com/godiff/godiff/internal/adbench"
)

// Benchmarks on ADBench's ba1 (n=49, m=7776, p=31843). Run:
//
//	go test -run X -bench . -benchmem ./internal/adbench/ba
//
// The objective is all 3p residuals; each derivative form is the whole
// sparse Jacobian of them, assembled into a matrix kept across calls (as
// ADBench's harness keeps its BASparseMat), its blocks computed with VJP
// (two ReprojErrorVJP calls per observation), VJPFresh (the same sweeps
// on a fresh tape per call, written out, with buffers that stay on the
// stack where ReprojErrorVJP allocates its results), SplitPerRow (VJP's
// sweeps, a forward and a backward per residual, on a kept tape: what VJP
// costs without its fresh tape and results), Split (one
// ReprojErrorForward and two ReprojErrorBackward per observation on a kept
// tape), JVP (15 ReprojErrorJVP calls per observation, one per input), Jac
// (one ReprojErrorJacobianTo call per observation on a kept work: the
// form to use) or JacFresh (one ReprojErrorJacobian call, a fresh work and
// Jacobian each). BenchmarkRatios reports each Jacobian's time over the
// objective's, ADBench's measure.

var sink float64

func forms(in *Instance) []adbench.Form {
	reproj, werr := make([]float64, 2*in.P), make([]float64, in.P)
	var j SparseMat
	jac := func(m BlockMethod) func() {
		return func() {
			in.Jacobian(&j, m, reproj, werr)
			sink += j.Vals[0]
		}
	}
	return []adbench.Form{
		{Name: "Objective", Run: func() { in.Objective(reproj, werr); sink += reproj[0] }},
		{Name: "VJP", Run: jac(VJP{})},
		{Name: "VJPFresh", Run: jac(vjpFresh{})},
		{Name: "Split", Run: jac(&Split{})},
		{Name: "SplitPerRow", Run: jac(&splitPerRow{})},
		{Name: "JVP", Run: jac(&JVP{})},
		{Name: "Jac", Run: jac(&Jac{})},
		{Name: "JacFresh", Run: jac(JacFresh{})},
	}
}

// BenchmarkRatios times the objective and each Jacobian alternately in one
// run and reports Jacobian time / objective time (minimum per call).
func BenchmarkRatios(b *testing.B) {
	adbench.Ratios(b, forms(load(b, "ba1_n49_m7776_p31843.txt")))
}

// BenchmarkForms times each form on its own, with its allocations.
func BenchmarkForms(b *testing.B) {
	in := load(b, "ba1_n49_m7776_p31843.txt")
	for _, f := range forms(in) {
		b.Run(f.Name, func(b *testing.B) {
			b.ReportAllocs()
			f.Run()
			for b.Loop() {
				f.Run()
			}
		})
	}
}

// vjpFresh is VJP with ReprojErrorVJP's work written out on a fresh tape
// per call. ReprojErrorVJP's tape is a local variable too (no pool since
// its stacks are arrays), so the two differ only by where the buffers
// are: ReprojErrorVJP allocates dcam and dx, its results, in one array;
// here dcam (88 bytes) is allocated and dx and derr stay on the stack
// (Go keeps there a make of at most 32 bytes that does not escape). Each
// allocates once per call.
type vjpFresh struct{}

func (vjpFresh) Block(cam, x []float64, w float64, feat, err []float64, b *Block) {
	for row := 0; row < 2; row++ {
		var seed [2]float64
		seed[row] = 1
		var t ReprojErrorTape
		ReprojErrorForward(&t, cam, x, w, feat, err)
		dcam, dx, derr := make([]float64, len(cam)), make([]float64, len(x)), make([]float64, len(err))
		var dw float64
		copy(derr, seed[:])
		ReprojErrorBackward(&t, dcam, dx, &dw, derr)
		for c := 0; c < nCamParams; c++ {
			b[2*c+row] = dcam[c]
		}
		for c := 0; c < 3; c++ {
			b[2*(nCamParams+c)+row] = dx[c]
		}
		b[2*(blockCols-1)+row] = dw
	}
}

// splitPerRow computes a block as VJP does, a forward and a backward sweep
// per residual, but on a tape and buffers kept across calls, as Split
// keeps them: VJP's time over this one is the cost of ReprojErrorVJP's
// one-call form alone (a fresh tape and allocated results), where VJP over
// Split also counts the forward sweep VJP runs twice.
type splitPerRow struct{ Split }

func (s *splitPerRow) Block(cam, x []float64, w float64, feat, err []float64, b *Block) {
	for row := 0; row < 2; row++ {
		ReprojErrorForward(&s.tape, cam, x, w, feat, err)
		s.backward(row, b)
	}
}
