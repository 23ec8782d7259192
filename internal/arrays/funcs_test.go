package arrays

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// mat cuts p[:9] into a 3×3 matrix, row by row.
func mat(p []float64) (m [3][3]float64) {
	for i := range 3 {
		copy(m[i][:], p[3*i:3*i+3])
	}
	return m
}

func vec(p []float64) (a [3]float64) {
	copy(a[:], p)
	return a
}

func problems() []fdcheck.Problem {
	return []fdcheck.Problem{
		{
			Name:  "QuadForm",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 12, -2, 2) },
			F:     func(p []float64) float64 { return QuadForm(mat(p), vec(p[9:])) },
			Grad: func(p []float64) (float64, []float64) {
				y, dm, dx := QuadFormGrad(mat(p), vec(p[9:]))
				g := append(append(append(slices.Clone(dm[0][:]), dm[1][:]...), dm[2][:]...), dx[:]...)
				return y, g
			},
			JVP: func(p, v []float64) (float64, float64) {
				return QuadFormJVP(mat(p), vec(p[9:]), mat(v), vec(v[9:]))
			},
		},
		{
			Name:  "CopyThenModify",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 4, -2, 2) },
			F:     func(p []float64) float64 { return CopyThenModify(vec(p), p[3]) },
			Grad: func(p []float64) (float64, []float64) {
				y, da, dk := CopyThenModifyGrad(vec(p), p[3])
				return y, append(da[:], dk)
			},
			JVP: func(p, v []float64) (float64, float64) {
				return CopyThenModifyJVP(vec(p), p[3], vec(v), v[3])
			},
		},
		{
			Name:  "Energy",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 7, -2, 2) },
			F:     func(p []float64) float64 { return Energy(Body{vec(p), p[3]}, vec(p[4:])) },
			Grad: func(p []float64) (float64, []float64) {
				y, db, dg := EnergyGrad(Body{vec(p), p[3]}, vec(p[4:]))
				return y, append(append(db.Pos[:], db.Mass), dg[:]...)
			},
			JVP: func(p, v []float64) (float64, float64) {
				return EnergyJVP(Body{vec(p), p[3]}, vec(p[4:]), Body{vec(v), v[3]}, vec(v[4:]))
			},
		},
		{
			Name:  "WholeSlices",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 4, -2, 2) },
			F:     func(p []float64) float64 { return WholeSlices(vec(p), p[3]) },
			Grad: func(p []float64) (float64, []float64) {
				y, dg, dk := WholeSlicesGrad(vec(p), p[3])
				return y, append(dg[:], dk)
			},
			JVP: func(p, v []float64) (float64, float64) {
				return WholeSlicesJVP(vec(p), p[3], vec(v), v[3])
			},
		},
		{
			Name:  "Rows",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 7, -2, 2) },
			F: func(p []float64) float64 {
				return Rows([2][3]float64{vec(p), vec(p[3:])}, p[6])
			},
			Grad: func(p []float64) (float64, []float64) {
				y, dg, dk := RowsGrad([2][3]float64{vec(p), vec(p[3:])}, p[6])
				return y, append(append(dg[0][:], dg[1][:]...), dk)
			},
			JVP: func(p, v []float64) (float64, float64) {
				return RowsJVP([2][3]float64{vec(p), vec(p[3:])}, p[6], [2][3]float64{vec(v), vec(v[3:])}, v[6])
			},
		},
	}
}

func TestDerivatives(t *testing.T) {
	for _, pr := range problems() {
		t.Run(pr.Name, func(t *testing.T) {
			fdcheck.Check(t, pr, rand.New(rand.NewPCG(1, 2)), 8, 1e-6)
		})
	}
}

// rotate is RodriguesRotatePoint as a function of p = (rot, pt).
func rotate(p []float64) []float64 {
	out := make([]float64, 3)
	RodriguesRotatePoint(vec(p), vec(p[3:]), out)
	return out
}

// TestRodrigues checks the rotation's VJP and JVP: its values are F's bit
// for bit, each row of the Jacobian (a unit seed) and each column (a unit
// tangent) matches central finite differences, and <JVP(v), w> = <v,
// VJP(w)> along random v and w. The point rot = 0 takes the other branch.
func TestRodrigues(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	points := [][]float64{{0, 0, 0, 0.4, -1.1, 2}}
	for range 8 {
		points = append(points, fdcheck.Uniform(rng, 6, -2, 2))
	}
	for _, p := range points {
		rot, pt := vec(p), vec(p[3:])
		want := rotate(p)
		var jac [][]float64
		if rot != ([3]float64{}) {
			jac = fdcheck.Jacobian(rotate, p)
		}
		for i := range 3 {
			seed := make([]float64, 3)
			seed[i] = 1
			out := make([]float64, 3)
			drot, dpt := RodriguesRotatePointVJP(rot, pt, out, seed)
			if !slices.Equal(out, want) {
				t.Fatalf("at %v: VJP writes %v, F %v", p, out, want)
			}
			if jac == nil {
				continue
			}
			if m := fdcheck.Mismatch(append(drot[:], dpt[:]...), jac[i], 1e-6); m != "" {
				t.Errorf("at %v: row %d of the Jacobian: %s", p, i, m)
			}
		}
		v, w := fdcheck.Uniform(rng, 6, -1, 1), fdcheck.Uniform(rng, 3, -1, 1)
		out, dout := make([]float64, 3), make([]float64, 3)
		RodriguesRotatePointJVP(rot, pt, out, vec(v), vec(v[3:]), dout)
		if !slices.Equal(out, want) {
			t.Fatalf("at %v: JVP writes %v, F %v", p, out, want)
		}
		drot, dpt := RodriguesRotatePointVJP(rot, pt, make([]float64, 3), w)
		if l, r := fdcheck.Dot(dout, w), fdcheck.Dot(v, append(drot[:], dpt[:]...)); !fdcheck.Close(l, r, 1e-10) {
			t.Errorf("at %v: <JVP(v), w> = %v, <v, VJP(w)> = %v", p, l, r)
		}
		if jac == nil {
			continue
		}
		for j := range 6 {
			e := make([]float64, 6)
			e[j] = 1
			RodriguesRotatePointJVP(rot, pt, out, vec(e), vec(e[3:]), dout)
			col := []float64{jac[0][j], jac[1][j], jac[2][j]}
			if m := fdcheck.Mismatch(dout, col, 1e-6); m != "" {
				t.Errorf("at %v: column %d of the Jacobian: %s", p, j, m)
			}
		}
	}
}

// TestRodriguesAtZeroAngle checks the branch rot = 0, where the rotation
// is pt + rot × pt: its derivative with respect to rot is -[pt]×, and with
// respect to pt the identity.
func TestRodriguesAtZeroAngle(t *testing.T) {
	pt := [3]float64{0.4, -1.1, 2}
	for i := range 3 {
		seed := make([]float64, 3)
		seed[i] = 1
		drot, dpt := RodriguesRotatePointVJP([3]float64{}, pt, make([]float64, 3), seed)
		var wantRot, wantPt [3]float64
		wantPt[i] = 1
		// Row i of rot ↦ rot × pt is (e_i × ·) applied to pt: d/drot of
		// (rot × pt)_i is pt × e_i.
		e := [3]float64{}
		e[i] = 1
		wantRot = [3]float64{pt[1]*e[2] - pt[2]*e[1], pt[2]*e[0] - pt[0]*e[2], pt[0]*e[1] - pt[1]*e[0]}
		if drot != wantRot || dpt != wantPt {
			t.Errorf("row %d at rot = 0: drot %v, dpt %v; want %v, %v", i, drot, dpt, wantRot, wantPt)
		}
	}
}

// TestCopyLeavesTheOriginal checks Go's copy semantics in the split form:
// CopyThenModify writes only copies of a (b := a, and scaleFirst's own),
// so its backward function adds to the buffer da, whatever it holds, and
// the tape's forward run leaves the caller's array as it was.
func TestCopyLeavesTheOriginal(t *testing.T) {
	a, k := [3]float64{0.3, -1.2, 0.7}, 1.9
	orig := a
	_, da, dk := CopyThenModifyGrad(a, k)
	var tape CopyThenModifyTape
	CopyThenModifyForward(&tape, a, k)
	if a != orig {
		t.Fatalf("the forward run changed a: %v, was %v", a, orig)
	}
	buf, dkBuf := [3]float64{1, 2, 3}, 10.0
	CopyThenModifyBackward(&tape, 1, &buf, &dkBuf)
	for i := range 3 {
		if !fdcheck.Close(buf[i], float64(i+1)+da[i], 1e-12) {
			t.Errorf("da[%d] = %v after adding into %v: want %v", i, buf[i], i+1, float64(i+1)+da[i])
		}
	}
	if !fdcheck.Close(dkBuf, 10+dk, 1e-12) {
		t.Errorf("dk = %v after adding into 10: want %v", dkBuf, 10+dk)
	}
}
