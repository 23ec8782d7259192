package jacobian

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/godiff/godiff/internal/fdcheck"
)

// sink keeps results alive.
var sink float64

// A benchCase is a function and the ways to get its Jacobian into a kept
// jac: vector forward mode (one sweep of all the inputs' tangents, or
// sweeps of 8), reverse mode (one forward sweep, a backward sweep per
// output), the JVP once per input.
type benchCase struct {
	name    string
	f       func()
	methods []benchMethod
}

type benchMethod struct {
	name string
	run  func()
}

func matrix(rows, cols int) [][]float64 {
	m := make([][]float64, rows)
	for i := range m {
		m[i] = make([]float64, cols)
	}
	return m
}

func benchCases() []benchCase {
	rng := rand.New(rand.NewPCG(5, 6))

	// Bundle adjustment: 15 inputs, 2 outputs.
	cam, x, w := reprojArgs(reprojPoint(rng, 0))
	bj := matrix(2, 15)
	var bFwd ReprojFwdJacobianWork
	var bRev ReprojJacobianWork
	reproj := benchCase{
		name: "Reproj15x2",
		f:    func() { u, v := Reproj(cam, x, w, feat); sink += u + v },
		methods: []benchMethod{
			{"vector-forward", func() { ReprojFwdJacobianTo(&bFwd, bj, cam, x, w, feat) }},
			{"reverse", func() { ReprojJacobianTo(&bRev, bj, cam, x, w, feat) }},
			{"jvp-per-input", func() {
				for j := range 15 {
					var dcam [11]float64
					var dx [3]float64
					var dw float64
					switch {
					case j < 11:
						dcam[j] = 1
					case j < 14:
						dx[j-11] = 1
					default:
						dw = 1
					}
					_, _, du, dv := ReprojJVP(cam, x, w, feat, dcam, dx, dw)
					bj[0][j], bj[1][j] = du, dv
				}
			}},
		},
	}

	// Spherical to Cartesian: 3 inputs, 3 outputs.
	p := fdcheck.Uniform(rng, 3, 0.2, 2)
	pj := matrix(3, 3)
	var pFwd Polar3JacobianWork
	var pRev Polar3RevJacobianWork
	polar := benchCase{
		name: "Polar3x3",
		f:    func() { a, b, c := Polar3(p[0], p[1], p[2]); sink += a + b + c },
		methods: []benchMethod{
			{"vector-forward", func() { Polar3JacobianTo(&pFwd, pj, p[0], p[1], p[2]) }},
			{"reverse", func() { Polar3RevJacobianTo(&pRev, pj, p[0], p[1], p[2]) }},
			{"jvp-per-input", func() {
				for j := range 3 {
					var v [3]float64
					v[j] = 1
					_, _, _, dx, dy, dz := Polar3JVP(p[0], p[1], p[2], v[0], v[1], v[2])
					pj[0][j], pj[1][j], pj[2][j] = dx, dy, dz
				}
			}},
		},
	}

	// Softmax of 64: as many inputs as outputs, sweeps of 8 directions.
	const n = 64
	sx := fdcheck.Uniform(rng, n, -2, 2)
	out := make([]float64, n)
	sj := matrix(n, n)
	var sFwd SoftmaxJacobianWork
	var sRev SoftmaxRevJacobianWork
	dx, dout := make([]float64, n), make([]float64, n)
	softmax := benchCase{
		name: "Softmax64x64",
		f:    func() { Softmax(sx, out) },
		methods: []benchMethod{
			{"vector-forward", func() { SoftmaxJacobianTo(&sFwd, sj, sx, out) }},
			{"reverse", func() { SoftmaxRevJacobianTo(&sRev, sj, sx, out) }},
			{"jvp-per-input", func() {
				for j := range n {
					dx[j] = 1
					SoftmaxJVP(sx, out, dx, dout)
					dx[j] = 0
					for i := range n {
						sj[i][j] = dout[i]
					}
				}
			}},
		},
	}
	return []benchCase{reproj, polar, softmax}
}

// BenchmarkJacobian times each way on its own:
//
//	go test ./internal/jacobian -run '^$' -bench 'Jacobian$' -benchmem
func BenchmarkJacobian(b *testing.B) {
	for _, c := range benchCases() {
		b.Run(c.name+"/function", func(b *testing.B) {
			for b.Loop() {
				c.f()
			}
		})
		for _, m := range c.methods {
			b.Run(c.name+"/"+m.name, func(b *testing.B) {
				for b.Loop() {
					m.run()
				}
			})
		}
	}
}

// BenchmarkJacobianRatios reports each way's time over the function's,
// both timed alternately in one run, the minimum per call over five
// rounds of each (as ADBench takes the minimum), so that the ratios hold
// on a shared, noisy machine:
//
//	go test ./internal/jacobian -run '^$' -bench JacobianRatios
func BenchmarkJacobianRatios(b *testing.B) {
	timeOf := func(run func()) time.Duration {
		start := time.Now()
		for range b.N {
			run()
		}
		return time.Since(start)
	}
	for _, c := range benchCases() {
		best := make([]time.Duration, len(c.methods)+1)
		for round := range 5 {
			for k, run := range append([]func(){c.f}, methodRuns(c)...) {
				if t := timeOf(run); round == 0 || t < best[k] {
					best[k] = t
				}
			}
		}
		for k, m := range c.methods {
			b.ReportMetric(float64(best[k+1])/float64(best[0]), c.name+"-"+m.name+"/function")
		}
	}
}

func methodRuns(c benchCase) []func() {
	runs := make([]func(), len(c.methods))
	for i, m := range c.methods {
		runs[i] = m.run
	}
	return runs
}
