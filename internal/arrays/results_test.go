package arrays

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// vectorProblem is a function of array results under test, as functions
// of a flat vector p of what it differentiates in and of its results
// flattened: F's values, VJP's (the values and the product with the seed
// w) and JVP's (the values and the tangent along v).
type vectorProblem struct {
	name string
	n    int // len(p)
	f    func(p []float64) []float64
	vjp  func(p, w []float64) (y, g []float64)
	jvp  func(p, v []float64) (y, dy []float64)
}

func vectorProblems() []vectorProblem {
	return []vectorProblem{
		{
			name: "Rotate", n: 6,
			f: func(p []float64) []float64 {
				y := Rotate(vec(p), vec(p[3:]))
				return y[:]
			},
			vjp: func(p, w []float64) ([]float64, []float64) {
				y, drot, dpt := RotateVJP(vec(p), vec(p[3:]), vec(w))
				return y[:], append(drot[:], dpt[:]...)
			},
			jvp: func(p, v []float64) ([]float64, []float64) {
				y, dy := RotateJVP(vec(p), vec(p[3:]), vec(v), vec(v[3:]))
				return y[:], dy[:]
			},
		},
		{
			name: "Project", n: 10,
			f: func(p []float64) []float64 {
				y := Project(vec(p), vec(p[3:]), vec(p[6:]), p[9])
				return y[:]
			},
			vjp: func(p, w []float64) ([]float64, []float64) {
				y, drot, dc, dx, df := ProjectVJP(vec(p), vec(p[3:]), vec(p[6:]), p[9], [2]float64(w))
				return y[:], append(append(append(drot[:], dc[:]...), dx[:]...), df)
			},
			jvp: func(p, v []float64) ([]float64, []float64) {
				y, dy := ProjectJVP(vec(p), vec(p[3:]), vec(p[6:]), p[9], vec(v), vec(v[3:]), vec(v[6:]), v[9])
				return y[:], dy[:]
			},
		},
		{
			name: "RotateTwice", n: 6,
			f: func(p []float64) []float64 {
				y := RotateTwice(vec(p), vec(p[3:]))
				return y[:]
			},
			vjp: func(p, w []float64) ([]float64, []float64) {
				y, drot, dpt := RotateTwiceVJP(vec(p), vec(p[3:]), vec(w))
				return y[:], append(drot[:], dpt[:]...)
			},
			jvp: func(p, v []float64) ([]float64, []float64) {
				y, dy := RotateTwiceJVP(vec(p), vec(p[3:]), vec(v), vec(v[3:]))
				return y[:], dy[:]
			},
		},
		{
			name: "Mixed", n: 5,
			f: func(p []float64) []float64 {
				y, e := Mixed(Body{vec(p), p[3]}, p[4])
				return append(y[:], e)
			},
			vjp: func(p, w []float64) ([]float64, []float64) {
				y, e, db, dk := MixedVJP(Body{vec(p), p[3]}, p[4], vec(w), w[3])
				return append(y[:], e), append(append(db.Pos[:], db.Mass), dk)
			},
			jvp: func(p, v []float64) ([]float64, []float64) {
				y, e, dy, de := MixedJVP(Body{vec(p), p[3]}, p[4], Body{vec(v), v[3]}, v[4])
				return append(y[:], e), append(dy[:], de)
			},
		},
		{
			name: "Residual", n: 7,
			f: func(p []float64) []float64 {
				c := &Cam{R: vec(p), F: p[3], Name: "c"}
				y := c.Residual(vec(p[4:]), [2]float64{0.5, -0.25})
				return y[:]
			},
			vjp: func(p, w []float64) ([]float64, []float64) {
				c := &Cam{R: vec(p), F: p[3], Name: "c"}
				y, dc, dx := c.ResidualVJP(vec(p[4:]), [2]float64{0.5, -0.25}, [2]float64(w))
				return y[:], append(append(dc.R[:], dc.F), dx[:]...)
			},
			jvp: func(p, v []float64) ([]float64, []float64) {
				c := &Cam{R: vec(p), F: p[3], Name: "c"}
				y, dy := c.ResidualJVP(vec(p[4:]), [2]float64{0.5, -0.25}, &Cam{R: vec(v), F: v[3]}, vec(v[4:]))
				return y[:], dy[:]
			},
		},
		{
			name: "Outer", n: 5,
			f: func(p []float64) []float64 {
				m := Outer([2]float64(p[0:2]), [2]float64(p[2:4]), p[4])
				return append(m[0][:], m[1][:]...)
			},
			vjp: func(p, w []float64) ([]float64, []float64) {
				m, da, db, dk := OuterVJP([2]float64(p[0:2]), [2]float64(p[2:4]), p[4], [2][2]float64{[2]float64(w[0:2]), [2]float64(w[2:4])})
				return append(m[0][:], m[1][:]...), append(append(da[:], db[:]...), dk)
			},
			jvp: func(p, v []float64) ([]float64, []float64) {
				m, dm := OuterJVP([2]float64(p[0:2]), [2]float64(p[2:4]), p[4], [2]float64(v[0:2]), [2]float64(v[2:4]), v[4])
				return append(m[0][:], m[1][:]...), append(dm[0][:], dm[1][:]...)
			},
		},
	}
}

// TestArrayResults checks functions returning arrays: the values of VJP
// and JVP are F's bit for bit, each row of the Jacobian (VJP along a unit
// seed array) and each column (JVP along a unit tangent) matches central
// finite differences, and <JVP(v), w> = <v, VJP(w)>.
func TestArrayResults(t *testing.T) {
	for _, pr := range vectorProblems() {
		t.Run(pr.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(7, 8))
			for range 8 {
				p := fdcheck.Uniform(rng, pr.n, -2, 2)
				want := pr.f(slices.Clone(p))
				jac := fdcheck.Jacobian(pr.f, p)
				for i := range want {
					seed := make([]float64, len(want))
					seed[i] = 1
					y, g := pr.vjp(slices.Clone(p), seed)
					if !slices.Equal(y, want) {
						t.Fatalf("at %v: VJP's values %v, F's %v", p, y, want)
					}
					if m := fdcheck.Mismatch(g, jac[i], 1e-6); m != "" {
						t.Errorf("at %v: row %d of the Jacobian: %s", p, i, m)
					}
				}
				for j := range p {
					e := make([]float64, len(p))
					e[j] = 1
					y, dy := pr.jvp(slices.Clone(p), e)
					if !slices.Equal(y, want) {
						t.Fatalf("at %v: JVP's values %v, F's %v", p, y, want)
					}
					col := make([]float64, len(want))
					for i := range col {
						col[i] = jac[i][j]
					}
					if m := fdcheck.Mismatch(dy, col, 1e-6); m != "" {
						t.Errorf("at %v: column %d of the Jacobian: %s", p, j, m)
					}
				}
				v, w := fdcheck.Uniform(rng, len(p), -1, 1), fdcheck.Uniform(rng, len(want), -1, 1)
				_, dy := pr.jvp(slices.Clone(p), v)
				_, g := pr.vjp(slices.Clone(p), w)
				if l, r := fdcheck.Dot(dy, w), fdcheck.Dot(v, g); !fdcheck.Close(l, r, 1e-10) {
					t.Errorf("at %v: <JVP(v), w> = %v, <v, VJP(w)> = %v", p, l, r)
				}
			}
		})
	}
}
