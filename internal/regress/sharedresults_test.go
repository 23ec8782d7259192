package regress

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// blendArgs unpacks p into Blend's a (na numbers), b and c.
func blendArgs(p []float64, na int) (a, b []float64, c float64) {
	return p[:na], p[na : len(p)-1], p[len(p)-1]
}

// TestSharedResultsBlend checks Blend, whose FGrad and FVJP return da and
// db in one backing array: the gradient against finite differences and
// FJVP, FVJP against seed times FGrad, each result capped where it ends
// (appending to da must not change db), one allocation per call for the
// two results (the tape is pooled).
func TestSharedResultsBlend(t *testing.T) {
	for _, na := range []int{0, 1, 3, 5} {
		nb := na + 2
		grad := func(p []float64) (float64, []float64) {
			a, b, c := blendArgs(p, na)
			y, da, db, dc := BlendGrad(a, b, c)
			return y, slices.Concat(da, db, []float64{dc})
		}
		pr := fdcheck.Problem{
			Name:  "Blend",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, na+nb+1, -2, 2) },
			F:     func(p []float64) float64 { a, b, c := blendArgs(p, na); return Blend(a, b, c) },
			Grad:  grad,
			JVP: func(p, v []float64) (float64, float64) {
				a, b, c := blendArgs(p, na)
				da, db, dc := blendArgs(v, na)
				return BlendJVP(a, b, c, da, db, dc)
			},
		}
		rng := rand.New(rand.NewPCG(7, uint64(na)))
		fdcheck.Check(t, pr, rng, 8, 1e-6)

		p := pr.Point(rng)
		a, b, c := blendArgs(p, na)
		_, g := grad(p)
		seed := 0.5 + rng.Float64()
		_, da, db, dc := BlendVJP(a, b, c, seed)
		for i := range g {
			g[i] *= seed
		}
		if m := fdcheck.Mismatch(slices.Concat(da, db, []float64{dc}), g, 1e-12); m != "" {
			t.Errorf("na=%d: VJP against seed times gradient: %s", na, m)
		}
		checkCapped(t, "BlendVJP", da, db)
		_, da, db, _ = BlendGrad(a, b, c)
		checkCapped(t, "BlendGrad", da, db)

		BlendGrad(a, b, c) // fills the pool
		if n := testing.AllocsPerRun(50, func() { BlendGrad(a, b, c) }); n != 1 {
			t.Errorf("na=%d: BlendGrad allocates %v times per call, want 1: da and db in one array", na, n)
		}
	}
}

// checkCapped checks that x and y, two results of one call, are each
// capped at their length, and that appending to x leaves y as it was.
func checkCapped(t *testing.T, name string, x, y []float64) {
	t.Helper()
	if cap(x) != len(x) || cap(y) != len(y) {
		t.Errorf("%s: results of length %d and %d have capacities %d and %d, want their lengths", name, len(x), len(y), cap(x), cap(y))
	}
	before := slices.Clone(y)
	_ = append(x, 1e300, 1e300)
	if !slices.Equal(y, before) {
		t.Errorf("%s: appending to one result changed the next: %v, was %v", name, y, before)
	}
}

// warpArgs unpacks p into Warp's x (nx numbers), y and k.
func warpArgs(p []float64, nx int) (x, y []float64, k float64) {
	return p[:nx], p[nx : len(p)-1], p[len(p)-1]
}

// TestSharedResultsWarp checks Warp, a function of two slices and a float
// that writes an output: its Jacobian (a row for the result, one per
// element of out) against finite differences, WarpJacobian against
// WarpJacobianTo bit for bit in both of its paths (forward mode when
// there are no more inputs than outputs), FVJP's rows against the
// Jacobian's and against FJVP (<JVP(v), w> = <v, VJP(w)>), FVJP's dx
// and dy capped, and what WarpJacobian allocates: the Jacobian (its data
// and its rows) and, in reverse mode with at most 4 outputs, nothing
// else (the tape is pooled, the seed of out on the stack).
func TestSharedResultsWarp(t *testing.T) {
	for _, sz := range []struct{ nx, ny, nout int }{{3, 2, 3}, {1, 1, 4}, {2, 3, 2}} {
		rng := rand.New(rand.NewPCG(8, uint64(sz.nx*100+sz.ny*10+sz.nout)))
		p := fdcheck.Uniform(rng, sz.nx+sz.ny+1, -1.5, 1.5)
		x, y, k := warpArgs(p, sz.nx)
		out := make([]float64, sz.nout)
		r, jac := WarpJacobian(x, y, k, out)
		if want := Warp(x, y, k, make([]float64, sz.nout)); r != want {
			t.Fatalf("%v: WarpJacobian's value %v, Warp's %v", sz, r, want)
		}
		var work WarpJacobianWork
		jac2 := make([][]float64, len(jac))
		for i := range jac2 {
			jac2[i] = make([]float64, len(jac[i]))
		}
		WarpJacobianTo(&work, jac2, x, y, k, make([]float64, sz.nout))
		for i := range jac {
			if !slices.Equal(jac[i], jac2[i]) {
				t.Errorf("%v: row %d of WarpJacobian %v, of WarpJacobianTo %v: want them equal bit for bit", sz, i, jac[i], jac2[i])
			}
		}
		fd := fdcheck.Jacobian(func(q []float64) []float64 {
			x, y, k := warpArgs(q, sz.nx)
			o := make([]float64, sz.nout)
			return append([]float64{Warp(x, y, k, o)}, o...)
		}, p)
		for i := range fd {
			if m := fdcheck.Mismatch(jac[i], fd[i], 1e-6); m != "" {
				t.Errorf("%v: row %d against finite differences: %s", sz, i, m)
			}
		}
		reverse := sz.nx+sz.ny+1 > 1+sz.nout
		for row := range jac {
			var s float64
			sout := make([]float64, sz.nout)
			if row == 0 {
				s = 1
			} else {
				sout[row-1] = 1
			}
			_, dx, dy, dk := WarpVJP(x, y, k, make([]float64, sz.nout), s, sout)
			// Reverse mode runs FVJP's sweeps: the same bit for bit;
			// forward mode sums in another order.
			got := slices.Concat(dx, dy, []float64{dk})
			if m := fdcheck.Mismatch(got, jac[row], 1e-12); reverse && !slices.Equal(got, jac[row]) || m != "" {
				t.Errorf("%v: FVJP along output %d = %v, the Jacobian's row %v", sz, row, got, jac[row])
			}
			checkCapped(t, "WarpVJP", dx, dy)
		}
		v := fdcheck.Uniform(rng, len(p), -1, 1)
		w := fdcheck.Uniform(rng, 1+sz.nout, -1, 1)
		dx, dy, dk := warpArgs(v, sz.nx)
		dout := make([]float64, sz.nout)
		_, dr := WarpJVP(x, y, k, make([]float64, sz.nout), dx, dy, dk, dout)
		_, vx, vy, vk := WarpVJP(x, y, k, make([]float64, sz.nout), w[0], w[1:])
		lhs := dr*w[0] + fdcheck.Dot(dout, w[1:])
		if rhs := fdcheck.Dot(v, slices.Concat(vx, vy, []float64{vk})); !fdcheck.Close(lhs, rhs, 1e-10) {
			t.Errorf("%v: <JVP(v), w> = %v, <v, VJP(w)> = %v", sz, lhs, rhs)
		}
		if reverse && sz.nout <= 4 {
			allocs := testing.AllocsPerRun(50, func() { WarpJacobian(x, y, k, out) })
			if allocs != 2 {
				t.Errorf("%v: WarpJacobian allocates %v times per call in reverse mode, want 2: the Jacobian's data and rows", sz, allocs)
			}
		}
	}
}
