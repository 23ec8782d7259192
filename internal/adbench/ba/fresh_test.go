package ba

import (
	"testing"
)

// The one-call forms run the split form's sweeps: ReprojErrorJacobian
// (FJacobianTo's computation in its own body, on buffers of its own),
// ReprojErrorJacobianTo on a kept work, and ReprojErrorVJP per residual
// (its two results in one array) give the split form's whole sparse
// Jacobian bit for bit, on ADBench's test instance and on ba1.
func TestOneCallFormsEqualSplit(t *testing.T) {
	for _, file := range []string{"test.txt", "ba1_n49_m7776_p31843.txt"} {
		in := load(t, file)
		var want SparseMat
		jacobian(t, in, &want, &Split{})
		for _, m := range []struct {
			name   string
			method BlockMethod
		}{
			{"JacFresh", JacFresh{}},
			{"Jac", &Jac{}},
			{"VJP", VJP{}},
			{"VJPFresh", vjpFresh{}},
		} {
			var j SparseMat
			jacobian(t, in, &j, m.method)
			for e := range want.Vals {
				if j.Vals[e] != want.Vals[e] || j.Cols[e] != want.Cols[e] {
					t.Fatalf("%s, %s: entry %d is %.17g in column %d, the split form's %.17g in column %d",
						file, m.name, e, j.Vals[e], j.Cols[e], want.Vals[e], want.Cols[e])
				}
			}
		}
	}
}

// What a one-call form allocates per call, in steady state:
// ReprojErrorJacobian its Jacobian only, the data and the row headers
// (its tape is a local variable, the seed of its 2 outputs on the stack),
// and ReprojErrorVJP its two results, dcam and dx, in one array.
func TestOneCallAllocations(t *testing.T) {
	in := load(t, "ba1_n49_m7776_p31843.txt")
	cam, x, feat := in.Cams[:nCamParams], in.X[:3], in.Feats[:2]
	err := make([]float64, 2)
	seed := []float64{1, 0}
	for _, c := range []struct {
		name string
		run  func()
		want float64
	}{
		{"ReprojErrorJacobian", func() { ReprojErrorJacobian(cam, x, in.W[0], feat, err) }, 2},
		{"ReprojErrorVJP", func() { ReprojErrorVJP(cam, x, in.W[0], feat, err, seed) }, 1},
	} {
		c.run()
		if n := testing.AllocsPerRun(100, c.run); n != c.want {
			t.Errorf("%s allocates %v times per call, want %v", c.name, n, c.want)
		}
	}
}
