package regress

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// vecProblem is a generated FVJP and FJVP of a function with several
// outputs (results and the slices it writes), as functions of a flat
// vector p of the values they differentiate in and a flat vector of the
// outputs, in the same order in all three.
type vecProblem struct {
	name string
	n    int                                         // len(p)
	f    func(p []float64) []float64                 // F's outputs
	vjp  func(p, w []float64) ([]float64, []float64) // F's outputs, then <w, J>
	jvp  func(p, v []float64) ([]float64, []float64) // F's outputs, then J v
}

// check runs pr at random points: the outputs of FVJP and FJVP must be F's
// bit for bit, <w, J> and J v must match central finite differences, and
// <JVP(v), w> must equal <v, VJP(w)> (1e-12). Each call gets its own copies:
// F updates some slices in place.
func (pr vecProblem) check(t *testing.T, rng *rand.Rand, trials int) {
	t.Helper()
	for range trials {
		p := fdcheck.Uniform(rng, pr.n, -1.5, 1.5)
		want := pr.f(slices.Clone(p))
		jac := fdcheck.Jacobian(func(q []float64) []float64 { return pr.f(slices.Clone(q)) }, p)
		w := fdcheck.Uniform(rng, len(want), -1, 1)
		v := fdcheck.Uniform(rng, pr.n, -1, 1)
		y, g := pr.vjp(slices.Clone(p), slices.Clone(w))
		if !slices.Equal(y, want) {
			t.Fatalf("%s at %v: FVJP's outputs %v, F's %v", pr.name, p, y, want)
		}
		yj, dy := pr.jvp(slices.Clone(p), slices.Clone(v))
		if !slices.Equal(yj, want) {
			t.Fatalf("%s at %v: FJVP's outputs %v, F's %v", pr.name, p, yj, want)
		}
		wantG := make([]float64, pr.n)
		wantDy := make([]float64, len(want))
		for r, row := range jac {
			for c := range row {
				wantG[c] += w[r] * row[c]
				wantDy[r] += row[c] * v[c]
			}
		}
		if m := fdcheck.Mismatch(g, wantG, 1e-6); m != "" {
			t.Errorf("%s at %v: VJP against finite differences: %s", pr.name, p, m)
		}
		if m := fdcheck.Mismatch(dy, wantDy, 1e-6); m != "" {
			t.Errorf("%s at %v: JVP against finite differences: %s", pr.name, p, m)
		}
		if a, b := fdcheck.Dot(dy, w), fdcheck.Dot(v, g); !fdcheck.Close(a, b, 1e-12) {
			t.Errorf("%s at %v: <JVP(v), w> = %v, <v, VJP(w)> = %v", pr.name, p, a, b)
		}
		if allZero(g) {
			t.Errorf("%s at %v: VJP is zero", pr.name, p)
		}
	}
}

func allZero(x []float64) bool {
	return !slices.ContainsFunc(x, func(v float64) bool { return v != 0 })
}

func cat(parts ...[]float64) []float64 { return slices.Concat(parts...) }

func to32(x []float64) []float32 {
	y := make([]float32, len(x))
	for i, v := range x {
		y[i] = float32(v)
	}
	return y
}

func to64(x []float32) []float64 {
	y := make([]float64, len(x))
	for i, v := range x {
		y[i] = float64(v)
	}
	return y
}

const nOut = 3 // the length of the slices

var outputProblems = []vecProblem{
	{
		// x is updated in place: the seed is for its final contents,
		// the gradient with respect to its initial contents.
		name: "Scale", n: nOut + 1,
		f: func(p []float64) []float64 { Scale(p[:nOut], p[nOut]); return p[:nOut] },
		vjp: func(p, w []float64) ([]float64, []float64) {
			dx, da := ScaleVJP(p[:nOut], p[nOut], w)
			return p[:nOut], cat(dx, []float64{da})
		},
		jvp: func(p, v []float64) ([]float64, []float64) {
			ScaleJVP(p[:nOut], p[nOut], v[:nOut], v[nOut])
			return p[:nOut], v[:nOut]
		},
	},
	{
		// dst is a pure output, but differentiated: its derivative is 0.
		name: "Step", n: 2*nOut + 1,
		f: func(p []float64) []float64 { Step(p[:nOut], p[nOut:2*nOut], p[2*nOut]); return p[:nOut] },
		vjp: func(p, w []float64) ([]float64, []float64) {
			ddst, ds, dh := StepVJP(p[:nOut], p[nOut:2*nOut], p[2*nOut], w)
			return p[:nOut], cat(ddst, ds, []float64{dh})
		},
		jvp: func(p, v []float64) ([]float64, []float64) {
			StepJVP(p[:nOut], p[nOut:2*nOut], p[2*nOut], v[:nOut], v[nOut:2*nOut], v[2*nOut])
			return p[:nOut], v[:nOut]
		},
	},
	{
		// dst is read before it is written.
		name: "Accum", n: 2*nOut + 1,
		f: func(p []float64) []float64 { Accum(p[:nOut], p[nOut:2*nOut], p[2*nOut]); return p[:nOut] },
		vjp: func(p, w []float64) ([]float64, []float64) {
			ddst, ds, dh := AccumVJP(p[:nOut], p[nOut:2*nOut], p[2*nOut], w)
			return p[:nOut], cat(ddst, ds, []float64{dh})
		},
		jvp: func(p, v []float64) ([]float64, []float64) {
			AccumJVP(p[:nOut], p[nOut:2*nOut], p[2*nOut], v[:nOut], v[nOut:2*nOut], v[2*nOut])
			return p[:nOut], v[:nOut]
		},
	},
	{
		// dst is read and written but not differentiated: p holds s and h,
		// dst is fixed.
		name: "AccumS", n: nOut + 1,
		f: func(p []float64) []float64 {
			dst := []float64{0.5, -1, 2}
			AccumS(dst, p[:nOut], p[nOut])
			return dst
		},
		vjp: func(p, w []float64) ([]float64, []float64) {
			dst := []float64{0.5, -1, 2}
			ds, dh := AccumSVJP(dst, p[:nOut], p[nOut], w)
			return dst, cat(ds, []float64{dh})
		},
		jvp: func(p, v []float64) ([]float64, []float64) {
			dst := []float64{0.5, -1, 2}
			ddst := make([]float64, nOut)
			AccumSJVP(dst, p[:nOut], p[nOut], v[:nOut], v[nOut], ddst)
			return dst, ddst
		},
	},
	{
		// Two float results and an output slice: outputs (a, b, out...).
		name: "Mixed", n: 2 * nOut,
		f: func(p []float64) []float64 {
			a, b := Mixed(p[:nOut], p[nOut:])
			return cat([]float64{a, b}, p[:nOut])
		},
		vjp: func(p, w []float64) ([]float64, []float64) {
			a, b, dout, dx := MixedVJP(p[:nOut], p[nOut:], w[0], w[1], w[2:])
			return cat([]float64{a, b}, p[:nOut]), cat(dout, dx)
		},
		jvp: func(p, v []float64) ([]float64, []float64) {
			a, b, da, db := MixedJVP(p[:nOut], p[nOut:], v[:nOut], v[nOut:])
			return cat([]float64{a, b}, p[:nOut]), cat([]float64{da, db}, v[:nOut])
		},
	},
	{
		// A method with a value receiver of float fields: p is (Sigma, Rho,
		// Beta, dst, s, h).
		name: "Lorenz.RK4Step", n: 3 + 2*nOut + 1,
		f: func(p []float64) []float64 {
			l := Lorenz{p[0], p[1], p[2]}
			l.RK4Step(p[3:6], p[6:9], p[9])
			return p[3:6]
		},
		vjp: func(p, w []float64) ([]float64, []float64) {
			l := Lorenz{p[0], p[1], p[2]}
			dl, ddst, ds, dh := l.RK4StepVJP(p[3:6], p[6:9], p[9], w)
			return p[3:6], cat([]float64{dl.Sigma, dl.Rho, dl.Beta}, ddst, ds, []float64{dh})
		},
		jvp: func(p, v []float64) ([]float64, []float64) {
			l := Lorenz{p[0], p[1], p[2]}
			l.RK4StepJVP(p[3:6], p[6:9], p[9], Lorenz{v[0], v[1], v[2]}, v[3:6], v[6:9], v[9])
			return p[3:6], v[3:6]
		},
	},
	{
		// A value receiver whose slice field is updated in place and a
		// result: outputs (r, X...); p is (G, X..., a).
		name: "Buf.Norm", n: 1 + nOut + 1,
		f: func(p []float64) []float64 {
			b := Buf{X: p[1 : 1+nOut], G: p[0]}
			r := b.Norm(p[1+nOut])
			return cat([]float64{r}, b.X)
		},
		vjp: func(p, w []float64) ([]float64, []float64) {
			b := Buf{X: p[1 : 1+nOut], G: p[0]}
			r, db, da := b.NormVJP(p[1+nOut], w[0], w[1:])
			return cat([]float64{r}, b.X), cat([]float64{db.G}, db.X, []float64{da})
		},
		jvp: func(p, v []float64) ([]float64, []float64) {
			b := Buf{X: p[1 : 1+nOut], G: p[0]}
			r, dr := b.NormJVP(p[1+nOut], Buf{X: v[1 : 1+nOut], G: v[0]}, v[1+nOut])
			return cat([]float64{r}, b.X), cat([]float64{dr}, v[1:1+nOut])
		},
	},
	{
		// A pointer receiver whose slice field is updated in place, with
		// the same layout as Buf.Norm.
		name: "PBuf.Norm", n: 1 + nOut + 1,
		f: func(p []float64) []float64 {
			b := &PBuf{X: p[1 : 1+nOut], G: p[0]}
			r := b.Norm(p[1+nOut])
			return cat([]float64{r}, b.X)
		},
		vjp: func(p, w []float64) ([]float64, []float64) {
			b := &PBuf{X: p[1 : 1+nOut], G: p[0]}
			r, db, da := b.NormVJP(p[1+nOut], w[0], w[1:])
			return cat([]float64{r}, b.X), cat([]float64{db.G}, db.X, []float64{da})
		},
		jvp: func(p, v []float64) ([]float64, []float64) {
			b := &PBuf{X: p[1 : 1+nOut], G: p[0]}
			r, dr := b.NormJVP(p[1+nOut], &PBuf{X: v[1 : 1+nOut], G: v[0]}, v[1+nOut])
			return cat([]float64{r}, b.X), cat([]float64{dr}, v[1:1+nOut])
		},
	},
	{
		// A slice of slices updated in place: rows of 2 and 1; p is
		// (x[0][0], x[0][1], x[1][0], a).
		name: "Square2", n: 4,
		f: func(p []float64) []float64 {
			x := [][]float64{p[0:2], p[2:3]}
			Square2(x, p[3])
			return p[:3]
		},
		vjp: func(p, w []float64) ([]float64, []float64) {
			x := [][]float64{p[0:2], p[2:3]}
			seed := [][]float64{slices.Clone(w[0:2]), slices.Clone(w[2:3])}
			dx, da := Square2VJP(x, p[3], seed)
			// The seed is the caller's: FVJP neither writes into it nor
			// returns its rows.
			if !slices.Equal(cat(seed...), w) || &dx[0][0] == &seed[0][0] {
				return nil, nil
			}
			return p[:3], cat(dx[0], dx[1], []float64{da})
		},
		jvp: func(p, v []float64) ([]float64, []float64) {
			x := [][]float64{p[0:2], p[2:3]}
			dx := [][]float64{v[0:2], v[2:3]}
			Square2JVP(x, p[3], dx, v[3])
			return p[:3], v[:3]
		},
	},
	{
		// A pointer receiver's slice field is the only output; p is (G,
		// X..., a).
		name: "PBuf.Decay", n: 1 + nOut + 1,
		f: func(p []float64) []float64 {
			b := &PBuf{X: p[1 : 1+nOut], G: p[0]}
			b.Decay(p[1+nOut])
			return b.X
		},
		vjp: func(p, w []float64) ([]float64, []float64) {
			b := &PBuf{X: p[1 : 1+nOut], G: p[0]}
			db, da := b.DecayVJP(p[1+nOut], w)
			return b.X, cat([]float64{db.G}, db.X, []float64{da})
		},
		jvp: func(p, v []float64) ([]float64, []float64) {
			b := &PBuf{X: p[1 : 1+nOut], G: p[0]}
			b.DecayJVP(p[1+nOut], &PBuf{X: v[1 : 1+nOut], G: v[0]}, v[1+nOut])
			return b.X, v[1 : 1+nOut]
		},
	},
	{
		// A struct parameter's slice field is the only output.
		name: "Decay2", n: 1 + nOut + 1,
		f: func(p []float64) []float64 {
			b := Buf{X: p[1 : 1+nOut], G: p[0]}
			Decay2(b, p[1+nOut])
			return b.X
		},
		vjp: func(p, w []float64) ([]float64, []float64) {
			b := Buf{X: p[1 : 1+nOut], G: p[0]}
			db, da := Decay2VJP(b, p[1+nOut], w)
			return b.X, cat([]float64{db.G}, db.X, []float64{da})
		},
		jvp: func(p, v []float64) ([]float64, []float64) {
			b := Buf{X: p[1 : 1+nOut], G: p[0]}
			Decay2JVP(b, p[1+nOut], Buf{X: v[1 : 1+nOut], G: v[0]}, v[1+nOut])
			return b.X, v[1 : 1+nOut]
		},
	},
	{
		// An output read back after it is written, and written twice:
		// outputs (r, out...).
		name: "Feed", n: 2 * nOut,
		f: func(p []float64) []float64 {
			r := Feed(p[:nOut], p[nOut:])
			return cat([]float64{r}, p[:nOut])
		},
		vjp: func(p, w []float64) ([]float64, []float64) {
			r, dout, dx := FeedVJP(p[:nOut], p[nOut:], w[0], w[1:])
			return cat([]float64{r}, p[:nOut]), cat(dout, dx)
		},
		jvp: func(p, v []float64) ([]float64, []float64) {
			r, dr := FeedJVP(p[:nOut], p[nOut:], v[:nOut], v[nOut:])
			return cat([]float64{r}, p[:nOut]), cat([]float64{dr}, v[:nOut])
		},
	},
	{
		// x updated in place but not differentiated: p is a alone.
		name: "ScaleA", n: 1,
		f: func(p []float64) []float64 {
			x := []float64{0.5, -1, 2}
			ScaleA(x, p[0])
			return x
		},
		vjp: func(p, w []float64) ([]float64, []float64) {
			x := []float64{0.5, -1, 2}
			da := ScaleAVJP(x, p[0], w)
			return x, []float64{da}
		},
		jvp: func(p, v []float64) ([]float64, []float64) {
			x := []float64{0.5, -1, 2}
			dx := make([]float64, nOut)
			ScaleAJVP(x, p[0], v[0], dx)
			return x, dx
		},
	},
	{
		// x updated in place by a helper, twice.
		name: "Twice", n: nOut + 1,
		f: func(p []float64) []float64 { Twice(p[:nOut], p[nOut]); return p[:nOut] },
		vjp: func(p, w []float64) ([]float64, []float64) {
			dx, da := TwiceVJP(p[:nOut], p[nOut], w)
			return p[:nOut], cat(dx, []float64{da})
		},
		jvp: func(p, v []float64) ([]float64, []float64) {
			TwiceJVP(p[:nOut], p[nOut], v[:nOut], v[nOut])
			return p[:nOut], v[:nOut]
		},
	},
}

// Functions whose outputs are slices they write, some in place, some with
// results too: FVJP takes a seed for each slice written (was: an in-place
// updated slice got no seed and FVJP returned zeros).
func TestOutputSlices(t *testing.T) {
	for k, pr := range outputProblems {
		pr.check(t, rand.New(rand.NewPCG(9, uint64(k))), 20)
	}
}

// The split form of an in-place update: the buffer holds the seed of the
// final contents on entry and the derivative with respect to the initial
// contents on return, as FVJP returns it.
func TestOutputSlicesSplit(t *testing.T) {
	x0 := []float64{0.5, -2, 3}
	w := []float64{1, 2, -1}
	x := slices.Clone(x0)
	var tape ScaleTape
	ScaleForward(&tape, x, 1.5)
	dx := slices.Clone(w)
	var da float64
	ScaleBackward(&tape, dx, &da)
	x2 := slices.Clone(x0)
	wantDx, wantDa := ScaleVJP(x2, 1.5, w)
	if !slices.Equal(x, x2) || !slices.Equal(dx, wantDx) || da != wantDa {
		t.Errorf("split form: x %v dx %v da %v; FVJP: x %v dx %v da %v", x, dx, da, x2, wantDx, wantDa)
	}
	if want := []float64{1.5, 3, -1.5}; !slices.Equal(dx, want) || da != 0.5-4-3 {
		t.Errorf("ScaleVJP: dx %v da %v, want %v %v", dx, da, want, 0.5-4-3)
	}
}

// float32: the in-place update of a []float32 takes a []float32 seed.
func TestOutputSlices32(t *testing.T) {
	rng := rand.New(rand.NewPCG(10, 1))
	for range 10 {
		p := fdcheck.Uniform(rng, nOut+1, 0.5, 1.5)
		w := fdcheck.Uniform(rng, nOut, -1, 1)
		x := to32(p[:nOut])
		dx, da := Scale32VJP(x, float32(p[nOut]), to32(w))
		f := func(q []float64) []float64 {
			y := slices.Clone(q[:nOut])
			for i := range y {
				y[i] *= q[nOut] * y[i]
			}
			return y
		}
		want := to32(p[:nOut])
		Scale32(want, float32(p[nOut]))
		if !slices.Equal(x, want) {
			t.Errorf("Scale32VJP's x %v, want %v", x, want)
		}
		jac := fdcheck.Jacobian(f, p)
		g := make([]float64, nOut+1)
		for r, row := range jac {
			for c := range row {
				g[c] += float64(to32(w)[r]) * row[c]
			}
		}
		if m := fdcheck.Mismatch(cat(to64(dx), []float64{float64(da)}), g, 1e-5); m != "" {
			t.Errorf("Scale32VJP against finite differences: %s", m)
		}
	}
}
