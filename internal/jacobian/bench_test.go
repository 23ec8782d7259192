package jacobian

import (
	"math/rand/v2"
	"testing"

	"godiff/internal/fdcheck"
)

// sink keeps results alive.
var sink float64

// The Jacobian of a small dense function three ways: vector forward mode
// (FJacobianTo's forward path: one sweep of all the inputs' tangents),
// reverse mode (one forward sweep, a backward sweep per output), and the
// JVP once per input, each filling a kept Jacobian; beside them the
// function itself.
//
//	go test ./internal/jacobian -run '^$' -bench Jacobian
func BenchmarkJacobianReproj(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 6))
	cam, x, w := reprojArgs(reprojPoint(rng, 0))
	jac := make([][]float64, 2)
	for i := range jac {
		jac[i] = make([]float64, 15)
	}
	b.Run("function", func(b *testing.B) {
		for b.Loop() {
			u, v := Reproj(cam, x, w, feat)
			sink += u + v
		}
	})
	b.Run("vector-forward", func(b *testing.B) {
		var work ReprojFwdJacobianWork
		for b.Loop() {
			ReprojFwdJacobianTo(&work, jac, cam, x, w, feat)
		}
	})
	b.Run("reverse", func(b *testing.B) {
		var work ReprojJacobianWork
		for b.Loop() {
			ReprojJacobianTo(&work, jac, cam, x, w, feat)
		}
	})
	b.Run("jvp-per-input", func(b *testing.B) {
		for b.Loop() {
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
				jac[0][j], jac[1][j] = du, dv
			}
		}
	})
	b.Run("vjp-per-output", func(b *testing.B) {
		for b.Loop() {
			for i := range 2 {
				_, _, dcam, dx, dw := ReprojVJP(cam, x, w, feat, float64(1-i), float64(i))
				copy(jac[i], dcam[:])
				copy(jac[i][11:], dx[:])
				jac[i][14] = dw
			}
		}
	})
}

func BenchmarkJacobianPolar3(b *testing.B) {
	p := fdcheck.Uniform(rand.New(rand.NewPCG(7, 8)), 3, 0.2, 2)
	jac := make([][]float64, 3)
	for i := range jac {
		jac[i] = make([]float64, 3)
	}
	b.Run("function", func(b *testing.B) {
		for b.Loop() {
			x, y, z := Polar3(p[0], p[1], p[2])
			sink += x + y + z
		}
	})
	b.Run("vector-forward", func(b *testing.B) {
		var work Polar3JacobianWork
		for b.Loop() {
			Polar3JacobianTo(&work, jac, p[0], p[1], p[2])
		}
	})
	b.Run("reverse", func(b *testing.B) {
		var work Polar3RevJacobianWork
		for b.Loop() {
			Polar3RevJacobianTo(&work, jac, p[0], p[1], p[2])
		}
	})
	b.Run("reverse-split-form", func(b *testing.B) {
		// What the reverse path does, on Polar3's own split form.
		var t Polar3Tape
		for b.Loop() {
			Polar3Forward(&t, p[0], p[1], p[2])
			for i := range 3 {
				var s [3]float64
				s[i] = 1
				jac[i][0], jac[i][1], jac[i][2] = 0, 0, 0
				Polar3Backward(&t, s[0], s[1], s[2], &jac[i][0], &jac[i][1], &jac[i][2])
			}
		}
	})
	b.Run("jvp-per-input", func(b *testing.B) {
		for b.Loop() {
			for j := range 3 {
				var v [3]float64
				v[j] = 1
				_, _, _, dx, dy, dz := Polar3JVP(p[0], p[1], p[2], v[0], v[1], v[2])
				jac[0][j], jac[1][j], jac[2][j] = dx, dy, dz
			}
		}
	})
}

// Softmax of 64 elements, as many inputs as outputs: vector forward mode
// in sweeps of 8 against reverse mode, one backward sweep per output.
func BenchmarkJacobianSoftmax64(b *testing.B) {
	const n = 64
	x := fdcheck.Uniform(rand.New(rand.NewPCG(9, 10)), n, -2, 2)
	out := make([]float64, n)
	jac := make([][]float64, n)
	for i := range jac {
		jac[i] = make([]float64, n)
	}
	b.Run("function", func(b *testing.B) {
		for b.Loop() {
			Softmax(x, out)
		}
	})
	b.Run("vector-forward", func(b *testing.B) {
		var work SoftmaxJacobianWork
		for b.Loop() {
			SoftmaxJacobianTo(&work, jac, x, out)
		}
	})
	b.Run("reverse", func(b *testing.B) {
		var work SoftmaxRevJacobianWork
		for b.Loop() {
			SoftmaxRevJacobianTo(&work, jac, x, out)
		}
	})
	b.Run("jvp-per-input", func(b *testing.B) {
		dx, dout := make([]float64, n), make([]float64, n)
		for b.Loop() {
			for j := range n {
				dx[j] = 1
				SoftmaxJVP(x, out, dx, dout)
				dx[j] = 0
				for i := range n {
					jac[i][j] = dout[i]
				}
			}
		}
	})
}
