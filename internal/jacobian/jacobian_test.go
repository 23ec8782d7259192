package jacobian

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// A jcase is one annotated function seen as a map from its flattened
// inputs (the Jacobian's columns, in order) to its flattened outputs (the
// rows), at a size n for the functions of slices.
type jcase struct {
	name  string
	sizes []int // the sizes n to test; {0} for a function of fixed size
	point func(rng *rand.Rand, n int) []float64
	// f runs the function; jac runs FJacobian and to FJacobianTo with a
	// work kept across calls (made by newTo); both return the outputs
	// the function returned or wrote.
	f     func(p []float64, n int) []float64
	jac   func(p []float64, n int) ([]float64, [][]float64)
	newTo func() func(p []float64, n int, jac [][]float64) []float64
	// jvp and vjp run FJVP along v and FVJP with the seeds s.
	jvp func(p, v []float64, n int) []float64
	vjp func(p, s []float64, n int) []float64
}

var feat = [2]float64{0.3, -0.2}

func reprojPoint(rng *rand.Rand, _ int) []float64 {
	p := fdcheck.Uniform(rng, 15, -0.5, 0.5)
	p[6] += 2    // focal length
	p[13] += 4   // depth of the point
	p[14] += 1.5 // weight
	return p
}

func reprojArgs(p []float64) (cam [11]float64, x [3]float64, w float64) {
	copy(cam[:], p[:11])
	copy(x[:], p[11:14])
	return cam, x, p[14]
}

// outs flattens results and slices into one vector.
func outs(parts ...any) []float64 {
	var v []float64
	for _, p := range parts {
		switch p := p.(type) {
		case float64:
			v = append(v, p)
		case []float64:
			v = append(v, p...)
		case [3]float64:
			v = append(v, p[:]...)
		}
	}
	return v
}

// layerOf cuts p into a Layer of rows×rows weights and the input x.
func layerOf(p []float64, rows int) (*Layer, []float64) {
	l := &Layer{Name: "test"}
	for i := range rows {
		l.W = append(l.W, slices.Clone(p[i*rows:(i+1)*rows]))
	}
	k := rows * rows
	l.B = slices.Clone(p[k : k+rows])
	l.Scale = p[k+rows]
	return l, slices.Clone(p[k+rows+1:])
}

func matOf(p []float64, n int) ([][]float64, []float64) {
	a := make([][]float64, n)
	for i := range a {
		a[i] = slices.Clone(p[i*n : (i+1)*n])
	}
	return a, slices.Clone(p[n*n:])
}

func cases() []jcase {
	polar := jcase{
		name: "Polar3", sizes: []int{0},
		point: func(rng *rand.Rand, _ int) []float64 { return fdcheck.Uniform(rng, 3, 0.2, 2) },
		f:     func(p []float64, _ int) []float64 { a, b, c := Polar3(p[0], p[1], p[2]); return outs(a, b, c) },
		jac: func(p []float64, _ int) ([]float64, [][]float64) {
			a, b, c, j := Polar3Jacobian(p[0], p[1], p[2])
			return outs(a, b, c), j
		},
		newTo: func() func(p []float64, _ int, jac [][]float64) []float64 {
			var w Polar3JacobianWork
			return func(p []float64, _ int, jac [][]float64) []float64 {
				a, b, c := Polar3JacobianTo(&w, jac, p[0], p[1], p[2])
				return outs(a, b, c)
			}
		},
		jvp: func(p, v []float64, _ int) []float64 {
			_, _, _, a, b, c := Polar3JVP(p[0], p[1], p[2], v[0], v[1], v[2])
			return outs(a, b, c)
		},
		vjp: func(p, s []float64, _ int) []float64 {
			_, _, _, a, b, c := Polar3VJP(p[0], p[1], p[2], s[0], s[1], s[2])
			return outs(a, b, c)
		},
	}
	polarRev := polar
	polarRev.name = "Polar3Rev"
	polarRev.jac = func(p []float64, _ int) ([]float64, [][]float64) {
		a, b, c, j := Polar3RevJacobian(p[0], p[1], p[2])
		return outs(a, b, c), j
	}
	polarRev.newTo = func() func(p []float64, _ int, jac [][]float64) []float64 {
		var w Polar3RevJacobianWork
		return func(p []float64, _ int, jac [][]float64) []float64 {
			a, b, c := Polar3RevJacobianTo(&w, jac, p[0], p[1], p[2])
			return outs(a, b, c)
		}
	}

	reproj := jcase{
		name: "Reproj", sizes: []int{0}, point: reprojPoint,
		f: func(p []float64, _ int) []float64 {
			cam, x, w := reprojArgs(p)
			u, v := Reproj(cam, x, w, feat)
			return outs(u, v)
		},
		jac: func(p []float64, _ int) ([]float64, [][]float64) {
			cam, x, w := reprojArgs(p)
			u, v, j := ReprojJacobian(cam, x, w, feat)
			return outs(u, v), j
		},
		newTo: func() func(p []float64, _ int, jac [][]float64) []float64 {
			var work ReprojJacobianWork
			return func(p []float64, _ int, jac [][]float64) []float64 {
				cam, x, w := reprojArgs(p)
				u, v := ReprojJacobianTo(&work, jac, cam, x, w, feat)
				return outs(u, v)
			}
		},
		jvp: func(p, t []float64, _ int) []float64 {
			cam, x, w := reprojArgs(p)
			dcam, dx, dw := reprojArgs(t)
			_, _, du, dv := ReprojJVP(cam, x, w, feat, dcam, dx, dw)
			return outs(du, dv)
		},
		vjp: func(p, s []float64, _ int) []float64 {
			cam, x, w := reprojArgs(p)
			_, _, dcam, dx, dw := ReprojVJP(cam, x, w, feat, s[0], s[1])
			return append(append(dcam[:], dx[:]...), dw)
		},
	}
	reprojFwd := reproj
	reprojFwd.name = "ReprojFwd"
	reprojFwd.jac = func(p []float64, _ int) ([]float64, [][]float64) {
		cam, x, w := reprojArgs(p)
		u, v, j := ReprojFwdJacobian(cam, x, w, feat)
		return outs(u, v), j
	}
	reprojFwd.newTo = func() func(p []float64, _ int, jac [][]float64) []float64 {
		var work ReprojFwdJacobianWork
		return func(p []float64, _ int, jac [][]float64) []float64 {
			cam, x, w := reprojArgs(p)
			u, v := ReprojFwdJacobianTo(&work, jac, cam, x, w, feat)
			return outs(u, v)
		}
	}

	three := func(p []float64) (a, b [3]float64) {
		copy(a[:], p[:3])
		copy(b[:], p[3:6])
		return a, b
	}
	crossCase := jcase{
		name: "Cross", sizes: []int{0},
		point: func(rng *rand.Rand, _ int) []float64 { return fdcheck.Uniform(rng, 6, -2, 2) },
		f:     func(p []float64, _ int) []float64 { a, b := three(p); return outs(Cross(a, b)) },
		jac: func(p []float64, _ int) ([]float64, [][]float64) {
			a, b := three(p)
			y, j := CrossJacobian(a, b)
			return outs(y), j
		},
		newTo: func() func(p []float64, _ int, jac [][]float64) []float64 {
			var w CrossJacobianWork
			return func(p []float64, _ int, jac [][]float64) []float64 {
				a, b := three(p)
				return outs(CrossJacobianTo(&w, jac, a, b))
			}
		},
		jvp: func(p, v []float64, _ int) []float64 {
			a, b := three(p)
			da, db := three(v)
			_, dy := CrossJVP(a, b, da, db)
			return outs(dy)
		},
		vjp: func(p, s []float64, _ int) []float64 {
			a, b := three(p)
			var seed [3]float64
			copy(seed[:], s)
			_, da, db := CrossVJP(a, b, seed)
			return outs(da, db)
		},
	}
	crossFwd := crossCase
	crossFwd.name = "CrossFwd"
	crossFwd.jac = func(p []float64, _ int) ([]float64, [][]float64) {
		a, b := three(p)
		y, j := CrossFwdJacobian(a, b)
		return outs(y), j
	}
	crossFwd.newTo = func() func(p []float64, _ int, jac [][]float64) []float64 {
		var w CrossFwdJacobianWork
		return func(p []float64, _ int, jac [][]float64) []float64 {
			a, b := three(p)
			return outs(CrossFwdJacobianTo(&w, jac, a, b))
		}
	}

	axpy := jcase{
		name: "Axpy", sizes: []int{0, 1, 3, 9, 17},
		point: func(rng *rand.Rand, n int) []float64 { return fdcheck.Uniform(rng, n+1, -2, 2) },
		f: func(p []float64, n int) []float64 {
			out := make([]float64, n)
			Axpy(p[0], p[1:], out)
			return out
		},
		jac: func(p []float64, n int) ([]float64, [][]float64) {
			out := make([]float64, n)
			return out, AxpyJacobian(p[0], slices.Clone(p[1:]), out)
		},
		newTo: func() func(p []float64, n int, jac [][]float64) []float64 {
			var w AxpyJacobianWork
			return func(p []float64, n int, jac [][]float64) []float64 {
				out := make([]float64, n)
				AxpyJacobianTo(&w, jac, p[0], p[1:], out)
				return out
			}
		},
		jvp: func(p, v []float64, n int) []float64 {
			out, dout := make([]float64, n), make([]float64, n)
			AxpyJVP(p[0], p[1:], out, v[0], v[1:], dout)
			return dout
		},
		vjp: func(p, s []float64, n int) []float64 {
			da, dx := AxpyVJP(p[0], p[1:], make([]float64, n), s)
			return append([]float64{da}, dx...)
		},
	}
	axpyFwd := axpy
	axpyFwd.name = "AxpyFwd"
	axpyFwd.jac = func(p []float64, n int) ([]float64, [][]float64) {
		out := make([]float64, n)
		return out, AxpyFwdJacobian(p[0], slices.Clone(p[1:]), out)
	}
	axpyFwd.newTo = func() func(p []float64, n int, jac [][]float64) []float64 {
		var w AxpyFwdJacobianWork
		return func(p []float64, n int, jac [][]float64) []float64 {
			out := make([]float64, n)
			AxpyFwdJacobianTo(&w, jac, p[0], p[1:], out)
			return out
		}
	}

	// Decay's inputs are x then rate; its outputs x as it leaves it.
	decayPoint := func(rng *rand.Rand, n int) []float64 {
		p := fdcheck.Uniform(rng, n+1, 0.2, 1.5)
		for i := range n {
			if rng.IntN(2) == 0 {
				p[i] = -p[i] // both branches, away from the kink at 0
			}
		}
		return p
	}
	decay := jcase{
		name: "Decay", sizes: []int{1, 3, 9, 20}, point: decayPoint,
		f: func(p []float64, n int) []float64 {
			x := slices.Clone(p[:n])
			Decay(x, p[n])
			return x
		},
		jac: func(p []float64, n int) ([]float64, [][]float64) {
			x := slices.Clone(p[:n])
			j := DecayJacobian(x, p[n])
			return x, j
		},
		newTo: func() func(p []float64, n int, jac [][]float64) []float64 {
			var w DecayJacobianWork
			return func(p []float64, n int, jac [][]float64) []float64 {
				x := slices.Clone(p[:n])
				DecayJacobianTo(&w, jac, x, p[n])
				return x
			}
		},
		jvp: func(p, v []float64, n int) []float64 {
			x, dx := slices.Clone(p[:n]), slices.Clone(v[:n])
			DecayJVP(x, p[n], dx, v[n])
			return dx
		},
		vjp: func(p, s []float64, n int) []float64 {
			dx, drate := DecayVJP(slices.Clone(p[:n]), p[n], s)
			return append(dx, drate)
		},
	}
	decayFwd := decay
	decayFwd.name = "DecayFwd"
	decayFwd.jac = func(p []float64, n int) ([]float64, [][]float64) {
		x := slices.Clone(p[:n])
		j := DecayFwdJacobian(x, p[n])
		return x, j
	}
	decayFwd.newTo = func() func(p []float64, n int, jac [][]float64) []float64 {
		var w DecayFwdJacobianWork
		return func(p []float64, n int, jac [][]float64) []float64 {
			x := slices.Clone(p[:n])
			DecayFwdJacobianTo(&w, jac, x, p[n])
			return x
		}
	}

	softmax := jcase{
		name: "Softmax", sizes: []int{0, 1, 4, 8, 20},
		point: func(rng *rand.Rand, n int) []float64 { return fdcheck.Uniform(rng, n, -2, 2) },
		f: func(p []float64, n int) []float64 {
			out := make([]float64, n)
			Softmax(p, out)
			return out
		},
		jac: func(p []float64, n int) ([]float64, [][]float64) {
			out := make([]float64, n)
			return out, SoftmaxJacobian(p, out)
		},
		newTo: func() func(p []float64, n int, jac [][]float64) []float64 {
			var w SoftmaxJacobianWork
			return func(p []float64, n int, jac [][]float64) []float64 {
				out := make([]float64, n)
				SoftmaxJacobianTo(&w, jac, p, out)
				return out
			}
		},
		jvp: func(p, v []float64, n int) []float64 {
			out, dout := make([]float64, n), make([]float64, n)
			SoftmaxJVP(p, out, v, dout)
			return dout
		},
		vjp: func(p, s []float64, n int) []float64 { return SoftmaxVJP(p, make([]float64, n), s) },
	}
	softmaxRev := softmax
	softmaxRev.name = "SoftmaxRev"
	softmaxRev.jac = func(p []float64, n int) ([]float64, [][]float64) {
		out := make([]float64, n)
		return out, SoftmaxRevJacobian(p, out)
	}
	softmaxRev.newTo = func() func(p []float64, n int, jac [][]float64) []float64 {
		var w SoftmaxRevJacobianWork
		return func(p []float64, n int, jac [][]float64) []float64 {
			out := make([]float64, n)
			SoftmaxRevJacobianTo(&w, jac, p, out)
			return out
		}
	}

	stats := jcase{
		name: "Stats", sizes: []int{1, 2, 5, 12},
		point: func(rng *rand.Rand, n int) []float64 { return fdcheck.Uniform(rng, n, -2, 2) },
		f:     func(p []float64, _ int) []float64 { m, v := Stats(p); return outs(m, v) },
		jac: func(p []float64, _ int) ([]float64, [][]float64) {
			m, v, j := StatsJacobian(p)
			return outs(m, v), j
		},
		newTo: func() func(p []float64, _ int, jac [][]float64) []float64 {
			var w StatsJacobianWork
			return func(p []float64, _ int, jac [][]float64) []float64 {
				m, v := StatsJacobianTo(&w, jac, p)
				return outs(m, v)
			}
		},
		jvp: func(p, v []float64, _ int) []float64 { _, _, dm, dv := StatsJVP(p, v); return outs(dm, dv) },
		vjp: func(p, s []float64, _ int) []float64 { _, _, dx := StatsVJP(p, s[0], s[1]); return dx },
	}

	// Apply's inputs: l.W (n×n), l.B (n), l.Scale, x (n); its outputs
	// out (n).
	layerPoint := func(rng *rand.Rand, n int) []float64 { return fdcheck.Uniform(rng, n*n+2*n+1, -1, 1) }
	apply := jcase{
		name: "Layer.Apply", sizes: []int{1, 2, 5},
		point: layerPoint,
		f: func(p []float64, n int) []float64 {
			l, x := layerOf(p, n)
			out := make([]float64, n)
			l.Apply(x, out)
			return out
		},
		jac: func(p []float64, n int) ([]float64, [][]float64) {
			l, x := layerOf(p, n)
			out := make([]float64, n)
			return out, l.ApplyJacobian(x, out)
		},
		newTo: func() func(p []float64, n int, jac [][]float64) []float64 {
			var w LayerApplyJacobianWork
			return func(p []float64, n int, jac [][]float64) []float64 {
				l, x := layerOf(p, n)
				out := make([]float64, n)
				l.ApplyJacobianTo(&w, jac, x, out)
				return out
			}
		},
		jvp: func(p, v []float64, n int) []float64 {
			l, x := layerOf(p, n)
			dl, dx := layerOf(v, n)
			out, dout := make([]float64, n), make([]float64, n)
			l.ApplyJVP(x, out, dl, dx, dout)
			return dout
		},
		vjp: func(p, s []float64, n int) []float64 {
			l, x := layerOf(p, n)
			dl, dx := l.ApplyVJP(x, make([]float64, n), s)
			var g []float64
			for _, row := range dl.W {
				g = append(g, row...)
			}
			g = append(append(g, dl.B...), dl.Scale)
			return append(g, dx...)
		},
	}
	applyFwd := apply
	applyFwd.name = "Layer.ApplyFwd"
	applyFwd.jac = func(p []float64, n int) ([]float64, [][]float64) {
		l, x := layerOf(p, n)
		out := make([]float64, n)
		return out, l.ApplyFwdJacobian(x, out)
	}
	applyFwd.newTo = func() func(p []float64, n int, jac [][]float64) []float64 {
		var w LayerApplyFwdJacobianWork
		return func(p []float64, n int, jac [][]float64) []float64 {
			l, x := layerOf(p, n)
			out := make([]float64, n)
			l.ApplyFwdJacobianTo(&w, jac, x, out)
			return out
		}
	}

	// MatVec's inputs: A (n×n), x (n); its outputs the norm, then out.
	matVec := jcase{
		name: "MatVec", sizes: []int{1, 3, 6},
		point: func(rng *rand.Rand, n int) []float64 { return fdcheck.Uniform(rng, n*n+n, -1, 1) },
		f: func(p []float64, n int) []float64 {
			a, x := matOf(p, n)
			out := make([]float64, n)
			return outs(MatVec(a, x, out), out)
		},
		jac: func(p []float64, n int) ([]float64, [][]float64) {
			a, x := matOf(p, n)
			out := make([]float64, n)
			norm, j := MatVecJacobian(a, x, out)
			return outs(norm, out), j
		},
		newTo: func() func(p []float64, n int, jac [][]float64) []float64 {
			var w MatVecJacobianWork
			return func(p []float64, n int, jac [][]float64) []float64 {
				a, x := matOf(p, n)
				out := make([]float64, n)
				return outs(MatVecJacobianTo(&w, jac, a, x, out), out)
			}
		},
		jvp: func(p, v []float64, n int) []float64 {
			a, x := matOf(p, n)
			da, dx := matOf(v, n)
			out, dout := make([]float64, n), make([]float64, n)
			_, dnorm := MatVecJVP(a, x, out, da, dx, dout)
			return outs(dnorm, dout)
		},
		vjp: func(p, s []float64, n int) []float64 {
			a, x := matOf(p, n)
			_, da, dx := MatVecVJP(a, x, make([]float64, n), s[0], s[1:])
			var g []float64
			for _, row := range da {
				g = append(g, row...)
			}
			return append(g, dx...)
		},
	}
	matVecFwd := matVec
	matVecFwd.name = "MatVecFwd"
	matVecFwd.jac = func(p []float64, n int) ([]float64, [][]float64) {
		a, x := matOf(p, n)
		out := make([]float64, n)
		norm, j := MatVecFwdJacobian(a, x, out)
		return outs(norm, out), j
	}
	matVecFwd.newTo = func() func(p []float64, n int, jac [][]float64) []float64 {
		var w MatVecFwdJacobianWork
		return func(p []float64, n int, jac [][]float64) []float64 {
			a, x := matOf(p, n)
			out := make([]float64, n)
			return outs(MatVecFwdJacobianTo(&w, jac, a, x, out), out)
		}
	}

	peak := jcase{
		name: "Peak", sizes: []int{1, 2, 7},
		point: func(rng *rand.Rand, n int) []float64 { return fdcheck.Uniform(rng, n, -2, 2) },
		f:     func(p []float64, _ int) []float64 { m, y := Peak(p); return outs(m, y) },
		jac: func(p []float64, _ int) ([]float64, [][]float64) {
			m, y, j := PeakJacobian(p)
			return outs(m, y), j
		},
		newTo: func() func(p []float64, _ int, jac [][]float64) []float64 {
			var w PeakJacobianWork
			return func(p []float64, _ int, jac [][]float64) []float64 {
				m, y := PeakJacobianTo(&w, jac, p)
				return outs(m, y)
			}
		},
		jvp: func(p, v []float64, _ int) []float64 { _, _, dm, dy := PeakJVP(p, v); return outs(dm, dy) },
		vjp: func(p, s []float64, _ int) []float64 { _, _, dx := PeakVJP(p, s[0], s[1]); return dx },
	}

	return []jcase{peak, polar, polarRev, reproj, reprojFwd, crossCase, crossFwd, axpy, axpyFwd,
		decay, decayFwd, softmax, softmaxRev, stats, apply, applyFwd, matVec, matVecFwd}
}

// unitVec returns the unit vector e_i of length n.
func unitVec(n, i int) []float64 {
	e := make([]float64, n)
	e[i] = 1
	return e
}

// Each Jacobian: the values are the function's, bit for bit; the matrix
// matches central finite differences, its columns the JVP along the unit
// vectors and its rows the VJP with the unit seeds; FJacobianTo with a
// kept work gives the same bits as FJacobian, at each size in turn.
func TestJacobians(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, c := range cases() {
		t.Run(c.name, func(t *testing.T) {
			to := c.newTo()
			// Sizes up, then down: the kept work grows, then serves
			// smaller arguments.
			sizes := append(slices.Clone(c.sizes), c.sizes...)
			slices.Reverse(sizes[len(c.sizes):])
			for _, n := range sizes {
				for trial := range 3 {
					p := c.point(rng, n)
					want := c.f(slices.Clone(p), n)
					got, jac := c.jac(slices.Clone(p), n)
					if !slices.Equal(got, want) {
						t.Fatalf("n=%d: values %v, function %v", n, got, want)
					}
					if len(jac) != len(want) {
						t.Fatalf("n=%d: %d rows, want %d", n, len(jac), len(want))
					}
					fd := fdcheck.Jacobian(func(q []float64) []float64 { return c.f(q, n) }, p)
					for i := range jac {
						if len(jac[i]) != len(p) {
							t.Fatalf("n=%d: row %d has %d columns, want %d", n, i, len(jac[i]), len(p))
						}
						if m := fdcheck.Mismatch(jac[i], fd[i], 1e-6); m != "" {
							t.Errorf("n=%d trial %d: row %d vs finite differences: %s", n, trial, i, m)
						}
						if row := c.vjp(slices.Clone(p), unitVec(len(want), i), n); !close(jac[i], row) {
							t.Errorf("n=%d: row %d %v, VJP with e_%d %v", n, i, jac[i], i, row)
						}
					}
					for j := range p {
						col := make([]float64, len(jac))
						for i := range jac {
							col[i] = jac[i][j]
						}
						if jv := c.jvp(slices.Clone(p), unitVec(len(p), j), n); !close(col, jv) {
							t.Errorf("n=%d: column %d %v, JVP along e_%d %v", n, j, col, j, jv)
						}
					}
					kept := make([][]float64, len(jac))
					for i := range kept {
						kept[i] = make([]float64, len(p))
						for j := range kept[i] {
							kept[i][j] = math.NaN() // every entry must be written
						}
					}
					if got := to(slices.Clone(p), n, kept); !slices.Equal(got, want) {
						t.Errorf("n=%d: FJacobianTo values %v, function %v", n, got, want)
					}
					for i := range jac {
						if !slices.Equal(kept[i], jac[i]) {
							t.Errorf("n=%d: FJacobianTo row %d %v, FJacobian %v", n, i, kept[i], jac[i])
						}
					}
				}
			}
		})
	}
}

// close compares a row or column of the Jacobian with the JVP or VJP
// giving it: the same derivatives, computed in another order.
func close(got, want []float64) bool { return fdcheck.Mismatch(got, want, 1e-12) == "" }

// FJacobianTo with a kept work and Jacobian allocates nothing, in either
// mode, once the work has seen the arguments' sizes.
func TestJacobianToAllocatesNothing(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	jacOf := func(rows, cols int) [][]float64 {
		j := make([][]float64, rows)
		for i := range j {
			j[i] = make([]float64, cols)
		}
		return j
	}
	cam, x3, w := reprojArgs(reprojPoint(rng, 0))
	var a, b [3]float64
	copy(a[:], fdcheck.Uniform(rng, 3, -1, 1))
	copy(b[:], fdcheck.Uniform(rng, 3, -1, 1))
	xs := func(n int) []float64 { return fdcheck.Uniform(rng, n, -1, 1) }
	layer, lx := layerOf(xs(3*3+2*3+1), 3)
	mat, mx := matOf(xs(3*3+3), 3)
	mat1, mx1 := matOf(xs(2), 1)
	out := make([]float64, 20)
	static := []struct {
		name       string
		rows, cols int
		call       func(jac [][]float64)
	}{
		{"Polar3 (forward)", 3, 3, func(j [][]float64) { var w Polar3JacobianWork; Polar3JacobianTo(&w, j, 1, 2, 3) }},
		{"Polar3Rev (reverse)", 3, 3, func(j [][]float64) { var w Polar3RevJacobianWork; Polar3RevJacobianTo(&w, j, 1, 2, 3) }},
		{"ReprojFwd (forward)", 2, 15, func(j [][]float64) { var wk ReprojFwdJacobianWork; ReprojFwdJacobianTo(&wk, j, cam, x3, w, feat) }},
		{"CrossFwd (forward)", 3, 6, func(j [][]float64) { var w CrossFwdJacobianWork; CrossFwdJacobianTo(&w, j, a, b) }},
	}
	for _, tt := range static {
		// A fresh work of each call's own, on the stack: the sizes are
		// fixed, and these keep no tape of a callee's.
		jac := jacOf(tt.rows, tt.cols)
		if got := testing.AllocsPerRun(20, func() { tt.call(jac) }); got != 0 {
			t.Errorf("%s: %v allocations per call with a kept Jacobian, want 0", tt.name, got)
		}
	}
	kept := []struct {
		name       string
		rows, cols int
		call       func(jac [][]float64)
	}{
		{"Axpy n=17 (reverse)", 17, 18, func() func([][]float64) {
			var w AxpyJacobianWork
			x := xs(17)
			return func(j [][]float64) { AxpyJacobianTo(&w, j, 0.5, x, out[:17]) }
		}()},
		{"AxpyFwd n=17 (forward, 3 sweeps)", 17, 18, func() func([][]float64) {
			var w AxpyFwdJacobianWork
			x := xs(17)
			return func(j [][]float64) { AxpyFwdJacobianTo(&w, j, 0.5, x, out[:17]) }
		}()},
		{"DecayFwd n=20 (forward, restoring x)", 20, 21, func() func([][]float64) {
			var w DecayFwdJacobianWork
			x := xs(20)
			return func(j [][]float64) { DecayFwdJacobianTo(&w, j, x, 0.1) }
		}()},
		{"Softmax n=20 (forward)", 20, 20, func() func([][]float64) {
			var w SoftmaxJacobianWork
			x := xs(20)
			return func(j [][]float64) { SoftmaxJacobianTo(&w, j, x, out) }
		}()},
		{"Stats n=2 (forward)", 2, 2, func() func([][]float64) {
			var w StatsJacobianWork
			x := xs(2)
			return func(j [][]float64) { StatsJacobianTo(&w, j, x) }
		}()},
		{"Stats n=12 (reverse)", 2, 12, func() func([][]float64) {
			var w StatsJacobianWork
			x := xs(12)
			return func(j [][]float64) { StatsJacobianTo(&w, j, x) }
		}()},
		{"Layer.Apply n=3 (reverse)", 3, 3*3 + 2*3 + 1, func() func([][]float64) {
			var w LayerApplyJacobianWork
			return func(j [][]float64) { layer.ApplyJacobianTo(&w, j, lx, out[:3]) }
		}()},
		{"Layer.ApplyFwd n=3 (forward)", 3, 3*3 + 2*3 + 1, func() func([][]float64) {
			var w LayerApplyFwdJacobianWork
			return func(j [][]float64) { layer.ApplyFwdJacobianTo(&w, j, lx, out[:3]) }
		}()},
		{"MatVec n=1 (forward)", 2, 2, func() func([][]float64) {
			var w MatVecJacobianWork
			return func(j [][]float64) { MatVecJacobianTo(&w, j, mat1, mx1, out[:1]) }
		}()},
		{"MatVec n=3 (reverse)", 4, 12, func() func([][]float64) {
			var w MatVecJacobianWork
			return func(j [][]float64) { MatVecJacobianTo(&w, j, mat, mx, out[:3]) }
		}()},
		{"MatVecFwd n=3 (forward)", 4, 12, func() func([][]float64) {
			var w MatVecFwdJacobianWork
			return func(j [][]float64) { MatVecFwdJacobianTo(&w, j, mat, mx, out[:3]) }
		}()},
	}
	for _, tt := range kept {
		jac := jacOf(tt.rows, tt.cols)
		tt.call(jac) // the work grows to the arguments' sizes
		if got := testing.AllocsPerRun(20, func() { tt.call(jac) }); got != 0 {
			t.Errorf("%s: %v allocations per call with a kept work and Jacobian, want 0", tt.name, got)
		}
	}
}

// Logistic's Jacobian is σ(x)(1−σ(x)) in both rows, from x = −700 to 700:
// vector forward mode (the Jacobian) and forward mode (the JVP) alike.
// At x = 400 the Jacobian's first row was 1, from a quotient's partial
// that underflowed.
func TestLogisticPastOverflow(t *testing.T) {
	for _, x := range []float64{-700, -400, -30, 0, 2, 30, 354, 356, 400, 700} {
		e := math.Exp(-math.Abs(x))
		want := e / ((1 + e) * (1 + e))
		_, _, jac := LogisticJacobian(x)
		_, _, j1, j2 := LogisticJVP(x, 1)
		for _, got := range []float64{jac[0][0], jac[1][0], j1, j2} {
			if !fdcheck.Close(got, want, 1e-12) && math.Abs(got-want) > 1e-300 {
				t.Errorf("x = %v: derivatives %v %v (JVP %v %v), want %v", x, jac[0][0], jac[1][0], j1, j2, want)
				break
			}
		}
	}
}
