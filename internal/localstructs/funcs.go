package localstructs

import "math"

// Normal is a normal distribution.
type Normal struct {
	Mu, Sigma float64
}

// LogProb returns the log-density of n at x.
func (n Normal) LogProb(x float64) float64 {
	z := (x - n.Mu) / n.Sigma
	return -0.5*z*z - math.Log(n.Sigma) - 0.5*math.Log(2*math.Pi)
}

// NormalNLL returns the negative log-likelihood of xs under a normal
// distribution of mean mu and standard deviation sigma.
//
//godiff:grad mu sigma
//godiff:jvp mu sigma
func NormalNLL(mu, sigma float64, xs []float64) float64 {
	d := Normal{Mu: mu, Sigma: sigma}
	var nll float64
	for _, x := range xs {
		nll -= d.LogProb(x)
	}
	return nll
}

// State is a point mass on a spring: its position and velocity.
type State struct {
	X, V float64
}

// Accel returns the acceleration of s under a spring of stiffness k.
func (s State) Accel(k float64) float64 { return -k * s.X }

// Energy returns the energy of s, of unit mass, under a spring of
// stiffness k.
func (s State) Energy(k float64) float64 { return 0.5*s.V*s.V + 0.5*k*s.X*s.X }

// Oscillator runs steps of semi-implicit Euler from (x0, v0) and returns
// the energy at the end.
//
//godiff:grad x0 v0 k h
//godiff:jvp x0 v0 k h
//godiff:hessian x0 v0 k h
func Oscillator(x0, v0, k, h float64, steps int) float64 {
	s := State{X: x0, V: v0}
	for range steps {
		a := s.Accel(k)
		s.V += h * a
		s.X += h * s.V
	}
	return s.Energy(k)
}

// Vec3 is a vector in space.
type Vec3 struct {
	X, Y, Z float64
}

// Dot returns the dot product of a and b.
func (a Vec3) Dot(b Vec3) float64 { return a.X*b.X + a.Y*b.Y + a.Z*b.Z }

// Norm returns the Euclidean norm of a.
func Norm(a Vec3) float64 { return math.Sqrt(a.Dot(a)) }

// Spring returns the energy of a spring of rest length rest between the
// points p and q.
//
//godiff:grad
//godiff:jvp
func Spring(px, py, pz, qx, qy, qz, rest float64) float64 {
	p := Vec3{px, py, pz}
	q := Vec3{X: qx, Y: qy, Z: qz}
	d := Vec3{p.X - q.X, p.Y - q.Y, p.Z - q.Z}
	l := Norm(d) - rest
	return l * l
}

// Stats is a running count, mean and sum of squared deviations (Welford).
type Stats struct {
	N, Mean, M2 float64
}

// Variance returns the sample variance of xs, computed in one pass.
//
//godiff:grad
//godiff:jvp
//godiff:hvp
func Variance(xs []float64) float64 {
	var s Stats
	for _, x := range xs {
		s.N++
		d := x - s.Mean
		s.Mean += d / s.N
		s.M2 += d * (x - s.Mean)
	}
	return s.M2 / (s.N - 1)
}

// Linear is a linear model: weights and a bias.
type Linear struct {
	W []float64
	B float64
}

// Predict returns the model's output for x.
func (m Linear) Predict(x []float64) float64 {
	y := m.B
	for i, w := range m.W {
		y += w * x[i]
	}
	return y
}

// LinearLoss returns the squared error of the linear model (w, b) over
// the rows of x (each len(w) long) against y.
//
//godiff:grad w b
//godiff:jvp w b
func LinearLoss(w []float64, b float64, x, y []float64) float64 {
	m := Linear{W: w, B: b}
	var loss float64
	for i := range y {
		e := m.Predict(x[i*len(w):(i+1)*len(w)]) - y[i]
		loss += e * e
	}
	return loss
}

// Scaled is a scale and an offset applied to a pair.
type Scaled struct {
	Gain Normal
	K    [2]float64
}

// Pairs builds structs inside structs, copies one and writes the copy's
// array: the original keeps its own, as Go copies arrays.
//
//godiff:grad a b c
//godiff:jvp a b c
func Pairs(a, b, c float64) float64 {
	s := Scaled{Gain: Normal{Mu: a, Sigma: b}, K: [2]float64{c, a * c}}
	t := s
	t.K[0] = b
	t.Gain.Mu = c
	if a > 0 {
		t.K[1] = t.Gain.LogProb(a)
	}
	return s.K[0]*s.Gain.Mu + t.K[0]*t.K[1] + t.Gain.Mu*s.Gain.Sigma
}

// Step returns s after one step of semi-implicit Euler of length h under
// a spring of stiffness k.
func (s State) Step(k, h float64) State {
	v := s.V + h*s.Accel(k)
	return State{X: s.X + h*v, V: v}
}

// Mid returns the midpoint of a and b.
func Mid(a, b Vec3) Vec3 {
	var m Vec3
	m.X, m.Y, m.Z = (a.X+b.X)/2, (a.Y+b.Y)/2, (a.Z+b.Z)/2
	return m
}

// Stepped is Oscillator written with a method returning the next state.
//
//godiff:grad x0 v0 k h
//godiff:jvp x0 v0 k h
func Stepped(x0, v0, k, h float64, steps int) float64 {
	s := State{X: x0, V: v0}
	for range steps {
		s = s.Step(k, h)
	}
	return s.Energy(k)
}

// MidSpring is Spring measured from the midpoint of p and q to r.
//
//godiff:grad
//godiff:jvp
func MidSpring(px, py, pz, qx, qy, qz float64) float64 {
	r := Vec3{X: 1, Y: 2, Z: -1}
	m := Mid(Vec3{px, py, pz}, Vec3{qx, qy, qz})
	return Norm(Mid(m, r))
}

// Polar returns the norm of a and the unit vector along it.
func Polar(a Vec3) (float64, Vec3) {
	n := Norm(a)
	return n, Vec3{a.X / n, a.Y / n, a.Z / n}
}

// Facing returns how far the unit vector along p points along q, scaled
// by p's norm: a struct among the results of a call.
//
//godiff:grad
//godiff:jvp
func Facing(px, py, pz, qx, qy, qz float64) float64 {
	n, u := Polar(Vec3{px, py, pz})
	_, v := Polar(Vec3{qx, qy, qz})
	return n * u.Dot(v)
}

// gravity and origin are package variables nothing assigns: godiff reads
// them as the constants they hold.
var (
	gravity = 9.81
	origin  Vec3
	up      = Vec3{Z: 1}
)

// Lifted returns s moved by h along up, as a value parameter's fields
// assigned: Go's copy, not the caller's struct.
func Lifted(s Vec3, h float64) Vec3 {
	s.X += h * up.X
	s.Y += h * up.Y
	s.Z += h * up.Z
	return s
}

// Potential returns the potential energy of a mass m at p lifted by h,
// measured from the origin.
//
//godiff:grad
//godiff:jvp
func Potential(m, px, py, pz, h float64) float64 {
	p := Lifted(Vec3{px, py, pz}, h)
	if p == origin {
		return 0
	}
	return m * gravity * (p.Z - origin.Z)
}

// coeffs is a table of coefficients, as numeric code keeps them: a
// package array nothing writes.
var coeffs = [...]float64{1, -0.5, 0.25, 0.125}

// Horner returns the polynomial of coeffs at x, plus its leading
// coefficient times x: a table read at a variable index and at a fixed one.
//
//godiff:grad
//godiff:jvp
func Horner(x float64) float64 {
	y := 0.0
	for i := len(coeffs) - 1; i >= 0; i-- {
		y = y*x + coeffs[i]
	}
	return y + coeffs[3]*x
}

// Height returns how far p lies along up, a package variable as the
// receiver of a method.
//
//godiff:grad
//godiff:jvp
func Height(px, py, pz float64) float64 {
	return up.Dot(Vec3{px, py, pz}) * Norm(Vec3{px, py, pz})
}
