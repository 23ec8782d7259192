package regress

import "math"

//go:generate go run github.com/godiff/godiff/cmd/godiff dims.go

// Calls of methods of several results (issue 10, part 6): gonum's
// nx, ny := ms.Dims() on a struct of ints, once refused ("Dims must
// return one float", or "Dims takes slices or structs"), and methods and
// functions of structs without slices returning several floats.

// Grid has only integer fields.
type Grid struct{ NX, NY int }

// Dims returns the grid's size, as gonum's matrices do.
func (g Grid) Dims() (int, int) { return g.NX, g.NY }

// Field holds a grid of values, a scale, and its size.
type Field struct {
	R, C  int
	Scale float64
	Data  []float64
}

// Dims returns the field's size: a method of a struct with a slice.
func (f *Field) Dims() (int, int) { return f.R, f.C }

// Pair has float fields and no slices.
type Pair struct {
	A, B float64
	N    int
}

// both returns two floats of its receiver's fields and x.
func (p Pair) both(x float64) (float64, float64) {
	return p.A * x * float64(p.N), math.Sin(p.B + x)
}

// pairOf takes the struct as a parameter.
func pairOf(p Pair, x float64) (float64, float64) { return p.A + x, p.B * x }

// Split has no fields.
type Split struct{}

func (Split) parts(x float64) (float64, float64) { return x * x, 3 * x }

// Total calls Dims on its receiver (a struct with a slice) and on a
// struct of ints.
//
//godiff:grad f
//godiff:jvp f
func (f *Field) Total(g Grid) float64 {
	nx, ny := f.Dims()
	gx, gy := g.Dims()
	s := 0.0
	for i := 0; i < nx*ny; i++ {
		s += f.Data[i] * f.Scale * float64(gx+gy)
	}
	return s
}

// PairLoss calls a method and a function of a struct without slices, of
// two float results each.
//
//godiff:grad
//godiff:jvp
func PairLoss(p Pair, x float64) float64 {
	u, v := p.both(x)
	s, t := pairOf(p, x*x)
	return u*v + s*t
}

// SplitProduct calls a method of two results of its empty receiver.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func (e Split) SplitProduct(x float64) float64 {
	a, b := e.parts(x)
	return a * b
}
