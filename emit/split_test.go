package emit

import (
	"strings"
	"testing"

	"github.com/godiff/godiff/ir"
)

// fileCases are sets of functions that belong together, emitted into one
// file: the tape type comes before the first function using it.
var fileCases = []struct {
	name  string
	build func() []*ir.Func
	want  string
}{
	{
		name:  "split form: a tape, forward and backward functions, and calls of them",
		build: lossSplit,
		want: `// LossTape holds what LossForward keeps for LossBackward.
type LossTape struct {
	// w*x[i], one per iteration of the loop over x
	z []float64
	// len(x)
	n int
}

// Bytes returns the bytes t holds after a run, as the formula in LossTape's
// comment counts them: each value's size, 24 for a slice the tape refers to, a
// stack's entries by its length, the tapes of its call sites; not Go's padding
// nor spare capacity.
func (t *LossTape) Bytes() int {
	n := 8
	n += len(t.z) * 8
	return n
}

func LossForward(t *LossTape, x []float64, w float64) float64 {
	t.z = t.z[:0]
	s := 0.0
	for i := range x {
		z := w * x[i]
		t.z = append(t.z, z)
		s += math.Sin(z)
	}
	t.n = len(x)
	return s
}

func LossBackward(t *LossTape, x []float64, w, ds float64, dw *float64, dx []float64) {
	for i := t.n - 1; i >= 0; i-- {
		z := t.z[i]
		dz := ds * math.Cos(z)
		*dw += dz * x[i]
		dx[i] += dz * w
	}
}

func LossGrad(x []float64, w float64) (float64, float64, []float64) {
	var t LossTape
	dx := make([]float64, len(x))
	var dw float64
	y := LossForward(&t, x, w)
	LossBackward(&t, x, w, 1, &dw, dx)
	return y, dw, dx
}

func LossValueAndDx(x []float64, w float64) (float64, []float64) {
	y, _, dx := LossGrad(x, w)
	return y, dx
}

func LossSteps(x []float64, w float64) int {
	var tape LossTape
	LossForward(&tape, x, w)
	return tape.n
}
`,
	},
}

// lossSplit builds the split form of Loss(x, w) = Σ sin(w·x[i]): the
// tape, the forward and backward functions, and functions calling them.
func lossSplit() []*ir.Func {
	fs := ir.Slice{Elem: ir.Float64}
	tape := &ir.Tape{Name: "LossTape", Doc: []string{"LossTape holds what LossForward keeps for LossBackward."}}
	zf := tape.Field("z", ir.Float64, true, "w*x[i], one per iteration of the loop over x")
	nf := tape.Field("n", ir.Int, false, "len(x)")
	ref := ir.TapeRef{Tape: tape}
	tapeParam := []ir.Param{{Name: "t", Type: ref}}

	fwd := newFn("LossForward", join(tapeParam, slices("x"), floats("w")), ir.Float64)
	fwd.f.Tape = tape
	tp, x, w := fwd.p[0], fwd.p[1], fwd.p[2]
	fwd.TapeReset(tp, zf)
	s := newVar("s", ir.Float64)
	fwd.Declare(s, fwd.c(0))
	fwd.rangeLoop("", x, "i", func(_, i *ir.Value) {
		z := fwd.as("z", fwd.Mul(w, fwd.Load(x, i)))
		fwd.TapeSave(tp, zf, z)
		fwd.Set(s, fwd.Add(fwd.Get(s), fwd.call("Sin", z)))
	})
	fwd.TapeSave(tp, nf, fwd.Len(x))
	fwd.ret(fwd.Get(s))

	bwd := newFn("LossBackward", join(tapeParam, slices("x"), floats("w", "ds"),
		[]ir.Param{{Name: "dw", Type: ir.Pointer{Elem: ir.Float64}}}, slices("dx")))
	bwd.f.Tape = tape
	tp, x, w = bwd.p[0], bwd.p[1], bwd.p[2]
	ds, dw, dx := bwd.p[3], bwd.p[4], bwd.p[5]
	i := newVar("i", ir.Int)
	bwd.forLoop("",
		func() { bwd.Declare(i, bwd.Sub(bwd.TapeLoad(tp, nf), bwd.ci(1))) },
		func() *ir.Value { return bwd.Compare(ir.OpGe, bwd.Get(i), bwd.ci(0)) },
		func() { bwd.Set(i, bwd.Sub(bwd.Get(i), bwd.ci(1))) },
		func(*ir.Value) {
			z := bwd.as("z", bwd.Load(bwd.TapeLoad(tp, zf), bwd.Get(i)))
			dz := bwd.as("dz", bwd.Mul(ds, bwd.call("Cos", z)))
			gi := bwd.Get(i) // read three times, written at each
			bwd.Accum(dw, bwd.Mul(dz, bwd.Load(x, gi)))
			bwd.Store(dx, gi, bwd.Add(bwd.Load(dx, gi), bwd.Mul(dz, w)))
		})
	bwd.ret()

	grad := newFn("LossGrad", join(slices("x"), floats("w")), ir.Float64, ir.Float64, fs)
	x, w = grad.p[0], grad.p[1]
	local := grad.LocalTape(ref, "t")
	gdx := grad.as("dx", grad.Make(fs, grad.Len(x)))
	gdw := newVar("dw", ir.Float64)
	grad.Declare(gdw, nil)
	y := grad.as("y", grad.Invoke(ir.Callee{Name: "LossForward"}, ir.Float64, local, x, w))
	grad.Invoke(ir.Callee{Name: "LossBackward"}, nil, local, x, w, grad.c(1), grad.Addr(gdw), gdx)
	grad.ret(y, grad.Get(gdw), gdx)

	both := newFn("LossValueAndDx", join(slices("x"), floats("w")), ir.Float64, fs)
	r := both.Invoke(ir.Callee{Name: "LossGrad"}, ir.Tuple{ir.Float64, ir.Float64, fs}, both.p[0], both.p[1])
	both.ret(both.as("y", both.Extract(r, 0)), both.as("dx", both.Extract(r, 2)))

	steps := newFn("LossSteps", join(slices("x"), floats("w")), ir.Int)
	own := steps.LocalTape(ref, "")
	steps.Invoke(ir.Callee{Name: "LossForward"}, ir.Float64, own, steps.p[0], steps.p[1]) // result unused
	steps.ret(steps.TapeLoad(own, nf))

	return []*ir.Func{fwd.f, bwd.f, grad.f, both.f, steps.f}
}

func TestFiles(t *testing.T) {
	for _, tc := range fileCases {
		t.Run(tc.name, func(t *testing.T) {
			src := emitFile(t, FileSpec{Package: "p", Funcs: tc.build()})
			if got := funcsOf(src); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s\nwhole file:\n%s", got, tc.want, src)
			}
			checkFormatted(t, src)
		})
	}
}

// Two tapes of one name would be two declarations of one type.
func TestTapeNameClash(t *testing.T) {
	var fs []*ir.Func
	for range 2 {
		tape := &ir.Tape{Name: "FTape"}
		f := newFn("F", []ir.Param{{Name: "t", Type: ir.TapeRef{Tape: tape}}})
		f.f.Tape = tape
		fs = append(fs, f.ret())
	}
	fs[1].Name = "G"
	_, err := File(FileSpec{Package: "p", Funcs: fs})
	if err == nil || !strings.Contains(err.Error(), "two different tapes are named FTape") {
		t.Errorf("got error %v, want one about two tapes named FTape", err)
	}
}
