package regress

import "math"

//go:generate go run github.com/godiff/godiff/cmd/godiff leafless.go

// Methods and parameters of structs with no field godiff computes with
// (issue 10, part 6): gonum's functions.Gaussian calls g.y(i) on an empty
// struct with an int argument, which godiff once refused ("make it a
// slice"). A struct without leaves passes nothing to the derivatives of
// the functions it is passed to.

// Bell has no fields: its methods are functions in all but name.
type Bell struct{}

// Tag has only a string field, which godiff does not compute with.
type Tag struct{ Name string }

// Counts has only integer fields: they are passed, as constants.
type Counts struct{ N, M int }

// Outer embeds Bell, whose methods it promotes.
type Outer struct {
	Bell
	W []float64
}

// BellSum calls the methods of its empty receiver with an int (inactive)
// and with a float (active), and one of an empty composite literal.
//
//godiff:grad x
//godiff:vjp x
//godiff:jvp x
func (g Bell) BellSum(x []float64) (sum float64) {
	for i := 1; i <= 5; i++ {
		f := x[0]*math.Exp(-0.5*x[1]*float64(i)) - g.y(i)
		sum += f*f + g.sq(x[2], i) + Bell{}.y(i)*x[0]
	}
	return sum
}

// y has a blank receiver, as gonum's Gaussian.y.
func (Bell) y(i int) float64 {
	switch i {
	case 1, 5:
		return 0.25
	case 3:
		return 0.5
	}
	return 0.125
}

func (g Bell) sq(v float64, i int) float64 {
	return v * v * g.y(i)
}

// TagMix passes structs without float fields to functions of numbers: a
// struct of a string, a struct of ints, and a blank struct parameter.
//
//godiff:grad
//godiff:jvp
func TagMix(t Tag, c Counts, a, b float64) float64 {
	return weigh(t, a) + c.scale(b) + skip(c, a*b)
}

func weigh(t Tag, v float64) float64 { return math.Sin(v) * 2 }

func (c Counts) scale(v float64) float64 { return v * float64(c.N-c.M) }

func skip(_ Counts, v float64) float64 { return v * v }

// Fit calls a method its receiver promotes from an embedded empty struct.
//
//godiff:grad o
//godiff:jvp o
func (o *Outer) Fit() float64 {
	s := 0.0
	for i := range o.W {
		s += o.W[i] * o.W[i] * o.y(i)
	}
	return s
}
