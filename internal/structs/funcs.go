// Package structs holds annotated functions and methods on structs: a
// pointer-to-struct receiver with slice, [][]float64, nested struct and
// [N][M]float64 fields, a struct value parameter, a value receiver, nested
// and embedded struct values, float32 fields, an in-place update of a
// field's elements, nested arrays as parameters, and calls of package
// functions with fields as arguments, so that the tests can check the
// generated derivatives against finite differences and forward mode
// against reverse mode, from the generated code itself.
package structs

//go:generate go run github.com/godiff/godiff/cmd/godiff funcs.go

import "math"

// Act is a nested struct value: an affine map before a tanh.
type Act struct {
	Scale, Shift float64
}

// Net is a one-hidden-layer network with every kind of field: a matrix
// W1 (hidden × input), slices, a scalar, a nested struct, a nested array,
// and fields that are not differentiated: a name, a size read as a loop
// bound, and a pointer.
type Net struct {
	W1   [][]float64
	B1   []float64
	W2   []float64
	B2   float64
	Act  Act
	Grid [2][3]float64
	Name string
	N    int // the hidden units used: the first N rows of W1
	Prev *Net
}

// Loss is half the squared error of the network on one example x with
// target y. The hidden units read W1 through a loop bounded by the int
// field N; Grid adds a bilinear term in x.
//
//godiff:grad n
//godiff:vjp n
//godiff:jvp n
func (n *Net) Loss(x []float64, y float64) float64 {
	out := n.B2
	for i := 0; i < n.N; i++ {
		z := n.B1[i]
		for j := range x {
			z += n.W1[i][j] * x[j]
		}
		h := math.Tanh(n.Act.Scale*z + n.Act.Shift)
		out += n.W2[i] * h
	}
	for i := range n.Grid {
		for j := range n.Grid[i] {
			out += n.Grid[i][j] * x[i] * x[j]
		}
	}
	e := out - y
	return e * e / 2
}

// Params is a linear model passed by value.
type Params struct {
	W     []float64
	B     float64
	Label string
}

// Fit is the squared norm of the model's prediction on x plus a penalty on
// the bias, differentiated in the struct value p only.
//
//godiff:grad p
//godiff:jvp p
func Fit(p Params, x []float64) float64 {
	s := p.B
	for i, w := range p.W {
		s += w * x[i]
	}
	return s*s + 0.1*p.B*p.B
}

// Ridge is a method with a value receiver, differentiated with respect to
// everything (no names: the receiver, x and lam).
//
//godiff:grad
//godiff:jvp
func (p Params) Ridge(x []float64, lam float64) float64 {
	s := 0.0
	for i := range x {
		r := p.W[i]*x[i] - p.B
		s += r * r
	}
	for _, w := range p.W {
		s += lam * w * w
	}
	return s
}

// Affine is embedded in Layer, and nested in it as Post.
type Affine struct {
	Scale, Shift float64
}

// Layer has an embedded struct (whose fields Scale and Shift are
// promoted), a nested one, a [2][3] array, an array and a float32 field.
type Layer struct {
	Affine
	W    [2][3]float64
	Bias [2]float64
	Post Affine
	Gain float32
	ID   string
}

// Apply maps x through W, the embedded affine map and a softplus, then
// the nested one, and sums.
//
//godiff:grad l
//godiff:jvp l
func (l *Layer) Apply(x [3]float64) float64 {
	s := 0.0
	for i := range l.W {
		z := l.Bias[i]
		for j := range l.W[i] {
			z += l.W[i][j] * x[j]
		}
		s += math.Log1p(math.Exp(l.Scale*z + l.Shift))
	}
	return l.Post.Scale*s + l.Post.Shift + float64(l.Gain)*s
}

// Frobenius is w times the squared Frobenius norm of a [2][3] array plus
// a cross term that reads it by rows and columns.
//
//godiff:grad
//godiff:jvp
func Frobenius(g [2][3]float64, w float64) float64 {
	s := 0.0
	for i := range g {
		for j := range g[i] {
			s += g[i][j] * g[i][j]
		}
	}
	var c [3]float64
	for j := range 3 {
		c[j] = g[0][j] * g[1][j]
	}
	return w*s + c[0] - c[2]
}

// Stats is updated in place by Normalize.
type Stats struct {
	X   []float64
	Eps float64
}

// Normalize scales X in place to unit norm (with Eps added to the
// squared norm) and returns the norm: a field whose elements the method
// writes, so that FBackward's buffer dS.X holds the seed of the written X
// on entry, as a differentiated slice's does.
//
//godiff:grad s
//godiff:jvp s
func (s *Stats) Normalize() float64 {
	sq := s.Eps
	for _, v := range s.X {
		sq += v * v
	}
	norm := math.Sqrt(sq)
	for i := range s.X {
		s.X[i] = s.X[i] / norm
	}
	return norm
}

// Small has float32 fields only.
type Small struct {
	A float32
	V []float32
}

// Energy is a float32 method.
//
//godiff:grad
//godiff:jvp
func (m Small) Energy(k float32) float32 {
	e := m.A * m.A
	for _, v := range m.V {
		e += k * v * v
	}
	return e
}

// softplus is a helper a method calls with a field.
func softplus(z float64) float64 { return math.Log1p(math.Exp(z)) }

// weighted is a helper a method calls with a slice field.
func weighted(w, x []float64) float64 {
	s := 0.0
	for i := range w {
		s += w[i] * x[i]
	}
	return s
}

// Score calls functions of the package with its receiver's fields.
//
//godiff:grad
//godiff:jvp
func (p Params) Score(x []float64) float64 {
	return softplus(p.B) * weighted(p.W, x)
}
