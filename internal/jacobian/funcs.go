package jacobian

//go:generate go run github.com/godiff/godiff/cmd/godiff funcs.go

import "math"

// Polar3 is the spherical-to-Cartesian map: three inputs, three outputs,
// so forward mode, one sweep.
//
//godiff:jacobian
//godiff:jvp
//godiff:vjp
func Polar3(r, theta, phi float64) (float64, float64, float64) {
	s := math.Sin(theta)
	return r * s * math.Cos(phi), r * s * math.Sin(phi), r * math.Cos(theta)
}

// Polar3Rev is Polar3 with its Jacobian forced into reverse mode.
//
//godiff:jacobian -mode=reverse
func Polar3Rev(r, theta, phi float64) (float64, float64, float64) {
	x, y, z := Polar3(r, theta, phi)
	return x, y, z
}

// cross returns a × b.
func cross(a, b [3]float64) [3]float64 {
	return [3]float64{a[1]*b[2] - a[2]*b[1], a[2]*b[0] - a[0]*b[2], a[0]*b[1] - a[1]*b[0]}
}

// dot returns a · b.
func dot(a, b [3]float64) float64 { return a[0]*b[0] + a[1]*b[1] + a[2]*b[2] }

// rodrigues rotates x by the angle-axis vector rot, as ADBench's bundle
// adjustment does (rodrigues_rotate_point): a branch for the zero angle.
func rodrigues(rot, x [3]float64) [3]float64 {
	sqtheta := dot(rot, rot)
	if sqtheta == 0 {
		c := cross(rot, x)
		return [3]float64{x[0] + c[0], x[1] + c[1], x[2] + c[2]}
	}
	theta := math.Sqrt(sqtheta)
	cos, sin := math.Cos(theta), math.Sin(theta)
	var w [3]float64
	for i := range 3 {
		w[i] = rot[i] / theta
	}
	c := cross(w, x)
	tmp := dot(w, x) * (1 - cos)
	var out [3]float64
	for i := range 3 {
		out[i] = x[i]*cos + c[i]*sin + w[i]*tmp
	}
	return out
}

// reproj is ADBench's bundle-adjustment residual of one observation: the
// camera cam (angle-axis rotation, centre, focal length, principal point,
// two radial distortion coefficients: 11 numbers) sees the point x where
// feat was measured, with weight w.
func reproj(cam [11]float64, x [3]float64, w float64, feat [2]float64) (float64, float64) {
	var rot, centre [3]float64
	for i := range 3 {
		rot[i] = cam[i]
		centre[i] = x[i] - cam[3+i]
	}
	p := rodrigues(rot, centre)
	u, v := p[0]/p[2], p[1]/p[2]
	rsq := u*u + v*v
	l := 1 + cam[9]*rsq + cam[10]*rsq*rsq
	return w * (u*l*cam[6] + cam[7] - feat[0]), w * (v*l*cam[6] + cam[8] - feat[1])
}

// Reproj is reproj with respect to the camera, the point and the weight:
// fifteen inputs, two outputs, so reverse mode.
//
//godiff:jacobian cam x w
//godiff:jvp cam x w
//godiff:vjp cam x w
func Reproj(cam [11]float64, x [3]float64, w float64, feat [2]float64) (float64, float64) {
	u, v := reproj(cam, x, w, feat)
	return u, v
}

// ReprojFwd is Reproj with its Jacobian forced into forward mode: one
// sweep of 15 directions.
//
//godiff:jacobian -mode=forward cam x w
func ReprojFwd(cam [11]float64, x [3]float64, w float64, feat [2]float64) (float64, float64) {
	u, v := reproj(cam, x, w, feat)
	return u, v
}

// Cross is the cross product: an array result, six inputs and three
// outputs.
//
//godiff:jacobian
//godiff:jvp
//godiff:vjp
func Cross(a, b [3]float64) [3]float64 { return cross(a, b) }

// CrossFwd is Cross in forward mode.
//
//godiff:jacobian -mode=forward
func CrossFwd(a, b [3]float64) [3]float64 { return cross(a, b) }

// Axpy writes a·x + sin(x) into out: an output slice; len(x)+1 inputs and
// len(x) outputs, so reverse mode, chosen at run time.
//
//godiff:jacobian a x
//godiff:jvp a x
//godiff:vjp a x
func Axpy(a float64, x, out []float64) { axpy(a, x, out) }

func axpy(a float64, x, out []float64) {
	for i := range x {
		out[i] = a*x[i] + math.Sin(x[i])
	}
}

// AxpyFwd is Axpy in forward mode: several sweeps of 8 directions once x
// has 8 elements.
//
//godiff:jacobian -mode=forward a x
func AxpyFwd(a float64, x, out []float64) { axpy(a, x, out) }

// Decay updates x in place, a step of a damped oscillator chain with a
// branch: x is both input and output; len(x)+1 inputs, len(x) outputs.
//
//godiff:jacobian
//godiff:jvp
//godiff:vjp
func Decay(x []float64, rate float64) {
	prev := 0.0
	for i := range x {
		old := x[i]
		if old > 0 {
			x[i] = old*math.Exp(-rate) + 0.5*prev
		} else {
			x[i] = old - rate*prev*prev
		}
		prev = old
	}
}

// DecayFwd is Decay in forward mode: each sweep starts from x as the
// caller passed it.
//
//godiff:jacobian -mode=forward
func DecayFwd(x []float64, rate float64) { Decay(x, rate) }

// Softmax writes the softmax of x into out, shifted by its maximum (a
// loop with a branch) and through a helper: as many inputs as outputs, so
// forward mode, at run time.
//
//godiff:jacobian x
//godiff:jvp x
//godiff:vjp x
func Softmax(x, out []float64) { softmax(x, out) }

func softmax(x, out []float64) {
	m := math.Inf(-1)
	for _, v := range x {
		if v > m {
			m = v
		}
	}
	s := sumExp(x, m, out)
	for i := range out {
		out[i] /= s
	}
}

// sumExp writes exp(x[i]-m) into out and returns their sum.
func sumExp(x []float64, m float64, out []float64) float64 {
	s := 0.0
	for i, v := range x {
		out[i] = math.Exp(v - m)
		s += out[i]
	}
	return s
}

// SoftmaxRev is Softmax in reverse mode.
//
//godiff:jacobian -mode=reverse x
func SoftmaxRev(x, out []float64) { softmax(x, out) }

// Stats returns the mean and the variance of x: two results of a loop,
// len(x) inputs; forward mode up to two elements, reverse beyond.
//
//godiff:jacobian
//godiff:jvp
//godiff:vjp
func Stats(x []float64) (mean, variance float64) {
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	for _, v := range x {
		d := v - mean
		variance += d * d
	}
	return mean, variance / float64(len(x))
}

// Layer is a dense layer: tanh(W x + B), scaled.
type Layer struct {
	W     [][]float64
	B     []float64
	Scale float64
	Name  string
}

// Apply writes the layer's output for x into out: a struct's fields, a
// matrix, as inputs; as many rows as out has elements.
//
//godiff:jacobian l x
//godiff:jvp l x
//godiff:vjp l x
func (l *Layer) Apply(x, out []float64) { l.apply(x, out) }

func (l *Layer) apply(x, out []float64) {
	for i, row := range l.W {
		z := l.B[i]
		for j, w := range row {
			z += w * x[j]
		}
		out[i] = l.Scale * math.Tanh(z)
	}
}

// ApplyFwd is Apply in forward mode.
//
//godiff:jacobian -mode=forward l x
func (l *Layer) ApplyFwd(x, out []float64) { l.apply(x, out) }

// MatVec returns the squared norm of A x and writes A x into out: a
// slice of slices as input, a result and an output slice as outputs.
//
//godiff:jacobian A x
//godiff:jvp A x
//godiff:vjp A x
func MatVec(A [][]float64, x, out []float64) float64 { return matVec(A, x, out) }

func matVec(A [][]float64, x, out []float64) float64 {
	norm := 0.0
	for i, row := range A {
		s := 0.0
		for j := range row {
			s += row[j] * x[j]
		}
		out[i] = s
		norm += s * s
	}
	return norm
}

// MatVecFwd is MatVec in forward mode.
//
//godiff:jacobian -mode=forward A x
func MatVecFwd(A [][]float64, x, out []float64) float64 { return matVec(A, x, out) }

// argMax returns the largest element of x and its index: a call of two
// results, one an int.
func argMax(x []float64) (float64, int) {
	best, at := x[0], 0
	for i, v := range x {
		if v > best {
			best, at = v, i
		}
	}
	return best, at
}

// Peak returns the largest element of x and its product with the next
// one: through a call of a float and an int result; two outputs, len(x)
// inputs.
//
//godiff:jacobian
//godiff:jvp
//godiff:vjp
func Peak(x []float64) (float64, float64) {
	m, i := argMax(x)
	return m, m * x[(i+1)%len(x)]
}

// Logistic is σ(x) twice, written as (1/(1+e))·e and 1/(1+1/e) with
// e = exp(x): one input, two outputs, so its Jacobian takes vector forward
// mode. Past x ≈ 355, 1/(1+e) over 1+e underflows; the chain rule must
// not form that quotient alone (rules.TimesTangent).
//
//godiff:jacobian
//godiff:jvp
func Logistic(x float64) (float64, float64) {
	e := math.Exp(x)
	y := 1 / (1 + e)
	return y * e, 1 / (1 + 1/e)
}
