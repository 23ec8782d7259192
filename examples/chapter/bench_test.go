package main

import (
	"math"
	"testing"
	"time"
)

// Benchmarks of the generated derivatives of the 2-2-1 network against the
// function itself and against a gradient written by hand. Run:
//
//	go test -bench . -benchmem ./examples/chapter
//
// BenchmarkRatios reports each derivative's time over Loss's, measured in
// the same run.

var (
	inputs = [][12]float64{
		{0.5, 0.3, 0.4, 0.2, 1.0, -0.5, 0, 0, 0.1, 1, 2, 1},
		{-0.3, 0.8, 0.9, -0.1, 0.7, 1.2, 0.2, -0.4, 0.3, 0.5, -1.5, 0.2},
	}
	sink float64
)

// handGrad is the gradient of Loss as a person would write it from the
// chapter: forward, cache, backward, with the same math.Max as Loss.
func handGrad(w11, w12, w21, w22, w3, w4, b1, b2, b3, x1, x2, y float64) (l, dw11, dw12, dw21, dw22, dw3, dw4, db1, db2, db3 float64) {
	z1 := w11*x1 + w21*x2 + b1
	z2 := w12*x1 + w22*x2 + b2
	h1, h2 := math.Max(0, z1), math.Max(0, z2)
	e := w3*h1 + w4*h2 + b3 - y
	dyhat := 2 * e
	var dz1, dz2 float64
	if z1 > 0 {
		dz1 = dyhat * w3
	}
	if z2 > 0 {
		dz2 = dyhat * w4
	}
	return e * e, dz1 * x1, dz2 * x1, dz1 * x2, dz2 * x2, dyhat * h1, dyhat * h2, dz1, dz2, dyhat
}

func runLoss(n int) {
	for i := 0; i < n; i++ {
		p := &inputs[i&1]
		sink += Loss(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11])
	}
}

func runGrad(n int) {
	for i := 0; i < n; i++ {
		p := &inputs[i&1]
		l, g, _, _, _, _, _, _, _, h := LossGrad(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11])
		sink += l + g + h
	}
}

func runHand(n int) {
	for i := 0; i < n; i++ {
		p := &inputs[i&1]
		l, g, _, _, _, _, _, _, _, h := handGrad(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11])
		sink += l + g + h
	}
}

func runJVP(n int) {
	for i := 0; i < n; i++ {
		p := &inputs[i&1]
		l, t := LossJVP(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], 1, 0, 0, 0, 0, 0, 0, 0, 0)
		sink += l + t
	}
}

func BenchmarkLoss(b *testing.B)     { runLoss(b.N) }
func BenchmarkLossGrad(b *testing.B) { runGrad(b.N) }
func BenchmarkHandGrad(b *testing.B) { runHand(b.N) }
func BenchmarkLossJVP(b *testing.B)  { runJVP(b.N) }

// BenchmarkRatios times Loss and each derivative in turn and reports the
// derivatives' times over Loss's, so that the ratios come from one run.
func BenchmarkRatios(b *testing.B) {
	timeOf := func(run func(int)) float64 {
		start := time.Now()
		run(b.N)
		return float64(time.Since(start))
	}
	loss := timeOf(runLoss)
	b.ReportMetric(timeOf(runGrad)/loss, "grad/func")
	b.ReportMetric(timeOf(runHand)/loss, "hand/func")
	b.ReportMetric(timeOf(runJVP)/loss, "jvp/func")
}
