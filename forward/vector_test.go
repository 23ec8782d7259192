package forward

import (
	"math/rand/v2"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
	"github.com/godiff/godiff/internal/irgen"
	"github.com/godiff/godiff/ir"
	"github.com/godiff/godiff/rules"
)

// unit returns row j of the k×k identity.
func unit(k, j int) []float64 {
	e := make([]float64, k)
	e[j] = 1
	return e
}

// identityRows returns n rows of k entries, row i the unit vector
// e_{off+i} (zero if off+i >= k).
func identityRows(n, k, off int) [][]float64 {
	rows := make([][]float64, n)
	for i := range rows {
		rows[i] = make([]float64, k)
		if off+i < k {
			rows[i][off+i] = 1
		}
	}
	return rows
}

// evalFuncs maps the names of the functions a test evaluates to them,
// with the digamma helper math.Gamma's rule calls.
func evalFuncs(fs ...*ir.Func) map[string]*ir.Func {
	m := map[string]*ir.Func{rules.DigammaName: rules.Digamma()}
	for _, f := range fs {
		m[f.Name] = f
	}
	return m
}

// Random straight-line functions of three floats and two results: the
// vector JVP with the identity as its three directions gives the same
// values as the function and, direction by direction, the tangents of the
// scalar JVP along the unit vectors.
func TestVectorRandomFunctions(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	const k = 3
	for trial := 0; trial < 200; trial++ {
		f := irgen.Func(rng, 3, 2, 12)
		wrt := []int{0, 1, 2}
		vec, err := Vector(f, wrt, "V", k)
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		if err := ir.Verify(vec); err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		jvp := Transform(f, wrt, "J")
		x := []float64{rng.Float64()*4 - 2, rng.Float64()*4 - 2, rng.Float64()*4 - 2}
		dres := ir.FloatSlices(identityRows(2, k, k)) // zeros, overwritten
		args := []any{x[0], x[1], x[2], int64(irgen.N)}
		for j := range k {
			args = append(args, ir.FloatSlice(unit(k, j)))
		}
		args = append(args, dres)
		out, err := ir.EvalWith(evalFuncs(), vec, args...)
		if err != nil {
			t.Fatalf("trial %d: %v\n%v", trial, err, vec)
		}
		want := irgen.MustEval(t, f, x)
		if out[0].(float64) != want[0] || out[1].(float64) != want[1] {
			t.Fatalf("trial %d: vector JVP values %v, function %v", trial, out, want)
		}
		rows := dres.FloatRows()
		for j := range k {
			col := irgen.MustEval(t, jvp, x, unit(k, j)...)[2:]
			got := []float64{rows[0][j], rows[1][j]}
			if m := fdcheck.Mismatch(got, col, 1e-12); m != "" {
				t.Errorf("trial %d direction %d: vector vs scalar JVP: %s\n%v", trial, j, m, vec)
			}
		}
	}
}

// Random functions with loops, branches, stores into a local copy of x
// and moving views of it: the vector JVP along all of x's and a's unit
// vectors at once matches the scalar JVP along each.
func TestVectorRandomLoops(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 17))
	const n = 4
	const k = n + 1
	for trial := 0; trial < 300; trial++ {
		f := irgen.LoopFunc(rng, 3)
		wrt := []int{0, 1}
		vec, err := Vector(f, wrt, "V", k)
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		if err := ir.Verify(vec); err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		jvp := Transform(f, wrt, "J")
		x := fdcheck.Uniform(rng, n, -1, 1)
		a := rng.Float64()*2 - 1
		da := make([]float64, k)
		da[n] = 1
		dres := ir.FloatSlices(identityRows(1, k, k))
		out, err := ir.EvalWith(evalFuncs(), vec, ir.FloatSlice(x), a, ir.FloatSlices(identityRows(n, k, 0)), ir.FloatSlice(da), dres)
		if err != nil {
			t.Fatalf("trial %d: %v\n%v", trial, err, vec)
		}
		want, err := ir.EvalWith(evalFuncs(), f, ir.FloatSlice(x), a)
		if err != nil {
			t.Fatal(err)
		}
		if out[0].(float64) != want[0].(float64) {
			t.Fatalf("trial %d: vector JVP value %v, function %v", trial, out[0], want[0])
		}
		row := dres.FloatRows()[0]
		for j := range k {
			dx := make([]float64, n)
			var dA float64
			if j < n {
				dx[j] = 1
			} else {
				dA = 1
			}
			res, err := ir.EvalWith(evalFuncs(), jvp, ir.FloatSlice(x), a, ir.FloatSlice(dx), dA)
			if err != nil {
				t.Fatal(err)
			}
			if !fdcheck.Close(row[j], res[1].(float64), 1e-12) {
				t.Errorf("trial %d direction %d: vector %v, scalar JVP %v\n%v", trial, j, row[j], res[1], vec)
			}
		}
	}
}
