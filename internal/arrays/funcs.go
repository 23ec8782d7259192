package arrays

import "math"

// dot3 is the dot product of two points.
func dot3(a, b [3]float64) float64 { return a[0]*b[0] + a[1]*b[1] + a[2]*b[2] }

// cross3 writes the cross product a × b into out.
func cross3(a, b [3]float64, out []float64) {
	out[0] = a[1]*b[2] - a[2]*b[1]
	out[1] = a[2]*b[0] - a[0]*b[2]
	out[2] = a[0]*b[1] - a[1]*b[0]
}

// RodriguesRotatePoint rotates pt by the angle-axis vector rot, as
// ADBench's bundle adjustment does (rodrigues_rotate_point), writing the
// rotated point into out.
//
//godiff:vjp rot pt
//godiff:jvp rot pt
func RodriguesRotatePoint(rot, pt [3]float64, out []float64) {
	sqtheta := dot3(rot, rot)
	if sqtheta != 0 {
		theta := math.Sqrt(sqtheta)
		costheta := math.Cos(theta)
		sintheta := math.Sin(theta)
		thetaInverse := 1 / theta
		var w [3]float64
		for i := range 3 {
			w[i] = rot[i] * thetaInverse
		}
		wCrossPt := make([]float64, 3)
		cross3(w, pt, wCrossPt)
		tmp := dot3(w, pt) * (1 - costheta)
		for i := range 3 {
			out[i] = pt[i]*costheta + wCrossPt[i]*sintheta + w[i]*tmp
		}
	} else {
		rotCrossPt := make([]float64, 3)
		cross3(rot, pt, rotCrossPt)
		for i := range 3 {
			out[i] = pt[i] + rotCrossPt[i]
		}
	}
}

// rowDot is row i of m times x.
func rowDot(m [3][3]float64, x [3]float64, i int) float64 {
	s := 0.0
	for j := range 3 {
		s += m[i][j] * x[j]
	}
	return s
}

// QuadForm is xᵀ M x, with the product M x taken row by row by a helper
// of the nested array.
//
//godiff:grad
//godiff:jvp
func QuadForm(m [3][3]float64, x [3]float64) float64 {
	var y [3]float64
	for i := range 3 {
		y[i] = rowDot(m, x, i)
	}
	return dot3(x, y)
}

// scaleFirst scales the first element of its own copy of a.
func scaleFirst(a [3]float64, k float64) float64 {
	a[0] *= k
	return dot3(a, a)
}

// CopyThenModify copies a, changes the copy, assigns a copy back over
// another array and passes a to a helper that writes its own copy: a
// stays as it was throughout.
//
//godiff:grad
//godiff:jvp
func CopyThenModify(a [3]float64, k float64) float64 {
	b := a
	b[0] *= k
	var c [3]float64
	c = b
	c[1] = c[0] * a[1]
	b, c = c, b
	return a[0]*b[0] + c[1] + a[2]*b[2] + scaleFirst(a, k) + a[0]
}

// Body is a point mass.
type Body struct {
	Pos  [3]float64
	Mass float64
}

// potential is the body's potential energy in the uniform field g: a
// method reading the array field of its receiver.
func (b Body) potential(g [3]float64) float64 {
	return -b.Mass * dot3(g, b.Pos)
}

// Energy passes a struct with an array field to a method.
//
//godiff:grad
//godiff:jvp
func Energy(b Body, g [3]float64) float64 {
	return b.potential(g) + 0.5*b.Mass*b.Pos[2]*b.Pos[2]
}

// Rotate is RodriguesRotatePoint returning the rotated point as an array
// (rot ≠ 0): its VJP takes a seed array, its JVP returns the tangent
// array.
//
//godiff:vjp
//godiff:jvp
func Rotate(rot, pt [3]float64) [3]float64 {
	theta := math.Sqrt(dot3(rot, rot))
	costheta, sintheta := math.Cos(theta), math.Sin(theta)
	var w [3]float64
	for i := range 3 {
		w[i] = rot[i] / theta
	}
	wCrossPt := [3]float64{w[1]*pt[2] - w[2]*pt[1], w[2]*pt[0] - w[0]*pt[2], w[0]*pt[1] - w[1]*pt[0]}
	tmp := dot3(w, pt) * (1 - costheta)
	var out [3]float64
	for i := range 3 {
		out[i] = pt[i]*costheta + wCrossPt[i]*sintheta + w[i]*tmp
	}
	return out
}

// Outer returns the outer product of a and b scaled by k: a result of
// nested array type.
//
//godiff:vjp
//godiff:jvp
func Outer(a, b [2]float64, k float64) (m [2][2]float64) {
	for i := range 2 {
		for j := range 2 {
			m[i][j] = k * a[i] * b[j]
		}
	}
	return
}

// sumSquares is a function of slices.
func sumSquares(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x * x
	}
	return s
}

// scaleAll scales xs in place.
func scaleAll(xs []float64, k float64) {
	for i := range xs {
		xs[i] *= k
	}
}

// normAfterScale passes its own copy of a, as a slice, to a function that
// writes it.
func normAfterScale(a [3]float64, k float64) float64 {
	scaleAll(a[:], k)
	return sumSquares(a[:])
}

// WholeSlices passes g[:] and g[1:3] to functions of slices: one reads
// them, one scales g through g[:], and a helper scales its own copy.
//
//godiff:grad
//godiff:jvp
func WholeSlices(g [3]float64, k float64) float64 {
	a := sumSquares(g[:]) + normAfterScale(g, k)
	scaleAll(g[:], k)
	return a + sumSquares(g[:]) + g[0]*g[1] + sumSquares(g[1:3])*sumSquares(g[:1])
}

// cross is the cross product a × b.
func cross(a, b [3]float64) [3]float64 {
	return [3]float64{a[1]*b[2] - a[2]*b[1], a[2]*b[0] - a[0]*b[2], a[0]*b[1] - a[1]*b[0]}
}

// rodrigues rotates pt by the angle-axis vector rot (rot ≠ 0), calling
// helpers of arrays that return arrays.
func rodrigues(rot, pt [3]float64) [3]float64 {
	theta := math.Sqrt(dot3(rot, rot))
	costheta, sintheta := math.Cos(theta), math.Sin(theta)
	var w [3]float64
	for i := range 3 {
		w[i] = rot[i] / theta
	}
	wCrossPt := cross(w, pt)
	tmp := dot3(w, pt) * (1 - costheta)
	var out [3]float64
	for i := range 3 {
		out[i] = pt[i]*costheta + wCrossPt[i]*sintheta + w[i]*tmp
	}
	return out
}

// Project is the projection of a bundle adjustment's camera (rotation
// rot, centre c, focal length f) of the point x: x - c rotated, then
// divided by its depth.
//
//godiff:vjp
//godiff:jvp
func Project(rot, c, x [3]float64, f float64) [2]float64 {
	var d [3]float64
	for i := range 3 {
		d[i] = x[i] - c[i]
	}
	p := rodrigues(rot, d)
	return [2]float64{f * p[0] / p[2], f * p[1] / p[2]}
}

// RotateTwice rotates pt twice by rot, assigning the helper's result to
// the array it was passed: p = rodrigues(rot, p).
//
//godiff:vjp
//godiff:jvp
func RotateTwice(rot, pt [3]float64) [3]float64 {
	p := pt
	p = rodrigues(rot, p)
	p = rodrigues(rot, p)
	return p
}

// scaled is a method returning an array.
func (b Body) scaled(k float64) [3]float64 {
	return [3]float64{b.Pos[0] * k, b.Pos[1] * k, b.Pos[2] * b.Mass}
}

// Mixed returns an array and a float; it calls a method returning an
// array, and a helper returning an array on constants, which stays a
// call.
//
//godiff:vjp
//godiff:jvp
func Mixed(b Body, k float64) ([3]float64, float64) {
	c := cross([3]float64{1, 2, 3}, [3]float64{0, 1, 0})
	s := b.scaled(k)
	return s, c[0]*s[1] + s[2]*k
}

// Rows assigns whole rows of a nested array: a row copied out (r :=
// g[1]), copied in (g[0] = r), given to a literal ({r, ...}), and two rows
// swapped; changing r afterwards changes none of them.
//
//godiff:grad
//godiff:jvp
func Rows(g [2][3]float64, k float64) float64 {
	r := g[1]
	g[0] = r
	h := [2][3]float64{r, {k, k, k}}
	g[1], h[0] = h[0], g[1]
	r[0] *= k
	return g[0][0]*g[1][1] + h[0][2]*r[0] + h[1][1]*g[0][2]
}

// Cam is a camera: a rotation per axis, a focal length, and a field of
// another type.
type Cam struct {
	R    [3]float64
	F    float64
	Name string
}

// focal reads the array field through a pointer receiver.
func (c *Cam) focal(x [3]float64) float64 {
	return c.F * dot3(c.R, x)
}

// rotated is a method of a value receiver returning an array.
func (c Cam) rotated(x [3]float64) [3]float64 {
	var y [3]float64
	for i := range 3 {
		y[i] = c.R[i] * x[i]
	}
	return y
}

// Residual is a method of a pointer receiver with an array field,
// returning an array, through methods passed the receiver's array field.
//
//godiff:vjp c x
//godiff:jvp c x
func (c *Cam) Residual(x [3]float64, obs [2]float64) [2]float64 {
	y := c.rotated(x)
	return [2]float64{c.focal(y) - obs[0], y[2] - obs[1]}
}
