package tapes

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
	"github.com/godiff/godiff/internal/tapesize"
)

// halves cuts p into its two halves: x, then w.
func halves(p []float64) ([]float64, []float64) { return p[:len(p)/2], p[len(p)/2:] }

// The generated derivatives against finite differences and forward mode.
func TestDerivatives(t *testing.T) {
	const d = 3
	maha := func(p []float64) ([]float64, []float64, []float64, []float64) {
		return p[:d], p[d : d+d*(d-1)/2], p[d+d*(d-1)/2 : 2*d+d*(d-1)/2], p[2*d+d*(d-1)/2:]
	}
	xs := []float64{0.5, -1, 2, 1.5, 0.25, -0.75, -2, 1, 0.5}
	problems := []fdcheck.Problem{
		{
			Name:  "Triangle",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 5+10, -2, 2)[:5+10] },
			F:     func(p []float64) float64 { return Triangle(p[:5], p[5:]) },
			Grad: func(p []float64) (float64, []float64) {
				y, dx, dw := TriangleGrad(p[:5], p[5:])
				return y, append(dx, dw...)
			},
			JVP: func(p, v []float64) (float64, float64) { return TriangleJVP(p[:5], p[5:], v[:5], v[5:]) },
		},
		{
			Name:  "Compact",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 6+12, -1, 1) },
			F:     func(p []float64) float64 { return Compact(p[:6], p[6:]) },
			Grad: func(p []float64) (float64, []float64) {
				y, dx, dw := CompactGrad(p[:6], p[6:])
				return y, append(dx, dw...)
			},
			JVP: func(p, v []float64) (float64, float64) { return CompactJVP(p[:6], p[6:], v[:6], v[6:]) },
		},
		{
			Name:  "Rows",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 8, -1, 1) },
			F:     func(p []float64) float64 { x, w := halves(p); return Rows(x, w) },
			Grad: func(p []float64) (float64, []float64) {
				x, w := halves(p)
				y, dx, dw := RowsGrad(x, w)
				return y, append(dx, dw...)
			},
			JVP: func(p, v []float64) (float64, float64) {
				x, w := halves(p)
				vx, vw := halves(v)
				return RowsJVP(x, w, vx, vw)
			},
		},
		{
			Name:  "Mahalanobis",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 2*d+d*(d-1)/2+d, -1, 1) },
			F: func(p []float64) float64 {
				diag, ltri, mu, _ := maha(p)
				return Mahalanobis(d, diag, ltri, mu, xs)
			},
			Grad: func(p []float64) (float64, []float64) {
				diag, ltri, mu, _ := maha(p)
				y, g1, g2, g3 := MahalanobisGrad(d, diag, ltri, mu, xs)
				return y, append(append(append(g1, g2...), g3...), make([]float64, d)...)
			},
			JVP: func(p, v []float64) (float64, float64) {
				diag, ltri, mu, _ := maha(p)
				vd, vl, vm, _ := maha(v)
				return MahalanobisJVP(d, diag, ltri, mu, xs, vd, vl, vm)
			},
		},
		{
			Name:  "Until",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 12, -1, 1) },
			F:     func(p []float64) float64 { x, w := halves(p); return Until(x, w, 0.3) },
			Grad: func(p []float64) (float64, []float64) {
				x, w := halves(p)
				y, dx, dw := UntilGrad(x, w, 0.3)
				return y, append(dx, dw...)
			},
			JVP: func(p, v []float64) (float64, float64) {
				x, w := halves(p)
				vx, vw := halves(v)
				return UntilJVP(x, w, 0.3, vx, vw)
			},
		},
		{
			Name:  "Early",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 12, -1, 1) },
			F:     func(p []float64) float64 { x, w := halves(p); return Early(x, w, 0.3) },
			Grad: func(p []float64) (float64, []float64) {
				x, w := halves(p)
				y, dx, dw := EarlyGrad(x, w, 0.3)
				return y, append(dx, dw...)
			},
			JVP: func(p, v []float64) (float64, float64) {
				x, w := halves(p)
				vx, vw := halves(v)
				return EarlyJVP(x, w, 0.3, vx, vw)
			},
		},
		{
			Name:  "Pass",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 3, -1, 1) },
			F:     func(p []float64) float64 { return Pass(p, xs) },
			Grad: func(p []float64) (float64, []float64) {
				y, dw := PassGrad(p, xs)
				return y, dw
			},
			JVP: func(p, v []float64) (float64, float64) { return PassJVP(p, xs, v) },
		},
		{
			Name:  "PassCall",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 3, -1, 1) },
			F:     func(p []float64) float64 { return PassCall(p, xs) },
			Grad: func(p []float64) (float64, []float64) {
				y, dw := PassCallGrad(p, xs)
				return y, dw
			},
			JVP: func(p, v []float64) (float64, float64) { return PassCallJVP(p, xs, v) },
		},
		{
			Name:  "Down",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 7, -1, 1) },
			F:     Down,
			Grad:  DownGrad,
			JVP:   DownJVP,
		},
		{
			Name:  "Jumps",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 12, -1, 1) },
			F:     func(p []float64) float64 { x, w := halves(p); return Jumps(x, w) },
			Grad: func(p []float64) (float64, []float64) {
				x, w := halves(p)
				y, dx, dw := JumpsGrad(x, w)
				return y, append(dx, dw...)
			},
			JVP: func(p, v []float64) (float64, float64) {
				x, w := halves(p)
				vx, vw := halves(v)
				return JumpsJVP(x, w, vx, vw)
			},
		},
	}
	for _, pr := range problems {
		t.Run(pr.Name, func(t *testing.T) {
			fdcheck.Check(t, pr, rand.New(rand.NewPCG(3, uint64(len(pr.Name)))), 10, 1e-5)
		})
	}
}

// What each tape holds after one forward run: how many numbers its stacks
// hold (data words), and which stacks of ints (counters, indexes, trip
// counts recorded per iteration) it has.
func TestTapeContents(t *testing.T) {
	stacks, err := tapesize.ReadStacks("funcs_godiff.go")
	if err != nil {
		t.Fatal(err)
	}
	x := []float64{0.5, -1, 2, 1.5, -0.25, 0.75}
	w := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}
	const d = 4
	xs := make([]float64, 5*d)
	for i := range xs {
		xs[i] = float64(i%7) - 3
	}
	diag, ltri, mu := w[:d], w[:d*(d-1)/2], w[:d]
	for _, c := range []struct {
		name string
		run  func() any // a forward run on a fresh tape
		data int
		ints []string
	}{
		// Counters (j from i+1), trip counts, k: none recorded; x and w
		// are read again.
		{"Triangle", func() any { var tp TriangleTape; TriangleForward(&tp, x, w); return &tp }, 0, nil},
		{"Compact", func() any { var tp CompactTape; CompactForward(&tp, x, w); return &tp }, 0, nil},
		// buf[i] once per i (6), not once per pair (36).
		{"Rows", func() any { var tp RowsTape; RowsForward(&tp, x, w[:6]); return &tp }, len(x), nil},
		// Per point: lower, inlined (see TestInlinedLower), records
		// centred's d elements in its first loop and x[i] once per run of
		// the loop on j (d: its split form read them from its first loop's
		// stack, but kept a record of 9 words per call); sqsum out's d;
		// diag, ltri and mu not at all. centred is not computed again from
		// xs and mu (see reverse's forwardedStore): p steps by d, which the
		// backward sweep does not recover.
		{"Mahalanobis", func() any { var tp MahalanobisTape; MahalanobisForward(&tp, d, diag, ltri, mu, xs); return &tp }, 5 * 3 * d, nil},
		// The loop breaks in its fourth iteration: one bool per iteration
		// begun, whether it broke.
		{"Until", func() any { var tp UntilTape; UntilForward(&tp, x, w, 6); return &tp }, 4, nil},
		// Returns in its third iteration: the branch taken, one bool per
		// iteration; k's final value, one int, at the return.
		{"Early", func() any { var tp EarlyTape; EarlyForward(&tp, x, w, 6); return &tp }, 3, nil},
		// Per point (six of three in xs), shifted, inlined, records x[1],
		// x[2] in its first loop and x[i], x[i-1] once per run of the loop
		// on j (its split form read x[i] from its first loop's stack, but
		// kept a record per call); p, which steps by 3, is not recorded.
		{"Pass", func() any { var tp PassTape; PassForward(&tp, w[:3], xs); return &tp }, 6 * 6, nil},
		// The same with shiftedCall, a call: per point, x[1], x[2] in its
		// first loop (its second reads them there) and x[0], x[1] once per
		// run of the loop on j.
		{"PassCall", func() any { var tp PassCallTape; PassCallForward(&tp, w[:3], xs); return &tp }, 6 * 4, nil},
		// Counters that count down and in steps of two: not recorded; only
		// math.Sin of the second loop, once per iteration (3).
		{"Down", func() any { var tp DownTape; DownForward(&tp, x); return &tp }, 3, nil},
		// k read before an inner loop that steps it: one int per i.
		{"Jumps", func() any { var tp JumpsTape; JumpsForward(&tp, x, w); return &tp }, len(x), []string{"JumpsTape.k"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			tape := c.run()
			if data, _ := stacks.Words(tape); data != c.data {
				t.Errorf("the tape's stacks hold %d numbers, want %d", data, c.data)
			}
			if got := stacks.IntStacks(tape); !slices.Equal(got, c.ints) {
				t.Errorf("stacks of ints %v, want %v", got, c.ints)
			}
		})
	}
}

// Mahalanobis's caller leaves diag and ltri unchanged and overwrites
// centred; lower, whose k steps through a triangle, is inlined into it (see
// reverse.InlineSmall): the tape refers to diag and ltri, read again, keeps
// k's final value once (one int, the same at every point, not a stack),
// and records the elements of centred lower reads: in its first loop, and
// x[i] once per run of the loop on j (zero where that loop does not run),
// with no record per call.
func TestInlinedLower(t *testing.T) {
	var tp MahalanobisTape
	MahalanobisForward(&tp, 2, []float64{1, 2}, []float64{3}, []float64{0, 0}, []float64{1, 2, 3, 4})
	if len(tp.diag) != 2 || len(tp.ltri) != 1 || tp.k != 1 {
		t.Errorf("the tape refers to diag %v, ltri %v, k %d; want the caller's diag and ltri and k's final value 1", tp.diag, tp.ltri, tp.k)
	}
	if !slices.Equal(tp.elem2, []float64{1, 2, 3, 4}) || !slices.Equal(tp.elem, []float64{1, 0, 3, 0}) {
		t.Errorf("lower recorded %v and %v of the two points' centred elements, want [1 2 3 4] and [1 0 3 0]", tp.elem2, tp.elem)
	}
}
