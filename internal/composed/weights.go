package composed

//go:generate go run github.com/godiff/godiff/cmd/godiff weights.go

import "math"

// Calls of the gradient of a function of slices (a loss over weights w
// with data x and labels y), differentiated through: the derivatives of
// the callers are second derivatives of the loss, built from its
// Hessian-vector product.

// LogLoss is the logistic loss of the weights w on the rows of x (each
// len(w) long) with labels y of ±1.
//
//godiff:grad w
//godiff:vjp w
//godiff:hessian w
func LogLoss(w, x, y []float64) float64 {
	d := len(w)
	s := 0.0
	for r := range y {
		z := 0.0
		for j := range d {
			z += w[j] * x[r*d+j]
		}
		s += math.Log(1 + math.Exp(-y[r]*z))
	}
	return s
}

// GradPenalty is LogLoss plus lam times the squared norm of its gradient,
// a gradient-norm penalty.
//
//godiff:grad w
//godiff:vjp w
//godiff:jvp w
func GradPenalty(w, x, y []float64, lam float64) float64 {
	f, g := LogLossGrad(w, x, y)
	s := f
	for i := range g {
		s += lam * g[i] * g[i]
	}
	return s
}

// GradPenaltyAll is GradPenalty differentiated with respect to the data,
// the labels and lam too: the gradient's derivatives with respect to x
// and y are the Hessian's blocks across w and them.
//
//godiff:grad
//godiff:jvp
func GradPenaltyAll(w, x, y []float64, lam float64) float64 {
	f, g := LogLossGrad(w, x, y)
	s := f
	for i := range g {
		s += lam * g[i] * g[i]
	}
	return s
}

// SeededPenalty weighs LogLoss's gradient by a seed that depends on the
// weights, through LogLossVJP: the seed's derivative counts too.
//
//godiff:grad w c
//godiff:jvp w c
func SeededPenalty(w, x, y []float64, c float64) float64 {
	f, g := LogLossVJP(w, x, y, c*w[0]+1)
	s := f
	for i := range g {
		s += g[i] * g[i]
	}
	return s
}

// MetaStep takes one gradient step of size eta from w, then evaluates
// the loss there: its derivative with respect to w and eta is that of a
// meta-learning step.
//
//godiff:grad w eta
//godiff:jvp w eta
func MetaStep(w, x, y []float64, eta float64) float64 {
	_, g := LogLossGrad(w, x, y)
	w2 := make([]float64, len(w))
	for i := range w {
		w2[i] = w[i] - eta*g[i]
	}
	return LogLoss(w2, x, y)
}

// Unrolled takes three gradient steps in a loop, updating a copy of w in
// place, then evaluates the loss: the calls share one call site's tape.
//
//godiff:grad w eta
//godiff:jvp w eta
func Unrolled(w, x, y []float64, eta float64) float64 {
	cur := make([]float64, len(w))
	copy(cur, w)
	for range 3 {
		_, g := LogLossGrad(cur, x, y)
		for i := range cur {
			cur[i] -= eta * g[i]
		}
	}
	return LogLoss(cur, x, y)
}

// penalty is LogLoss's squared gradient norm, in a function godiff
// differentiates for its callers (no directive of its own).
func penalty(w, x, y []float64) float64 {
	_, g := LogLossGrad(w, x, y)
	return sqnorm(g)
}

// Helped calls penalty: the call of LogLossGrad is differentiated in
// penalty's derivatives.
//
//godiff:grad w
//godiff:jvp w
func Helped(w, x, y []float64) float64 {
	return LogLoss(w, x, y) + 0.5*penalty(w, x, y)
}

// Checkpointed sums squared components of LogLoss's gradient at three
// scalings of w in a loop whose iterations its backward sweep recomputes
// rather than records.
//
//godiff:grad w eta
//godiff:jvp w eta
func Checkpointed(w, x, y []float64, eta float64) float64 {
	s := 0.0
	//godiff:checkpoint
	for k := range 3 {
		w2 := make([]float64, len(w))
		for i := range w {
			w2[i] = w[i] * (1 + eta*float64(k))
		}
		_, g := LogLossGrad(w2, x, y)
		s += g[k%len(g)] * g[k%len(g)]
	}
	return s
}

// GradAt is component k of LogLoss's gradient: its JVP along v is
// component k of H·v.
//
//godiff:jvp w
//godiff:grad w
func GradAt(w, x, y []float64, k int) float64 {
	_, g := LogLossGrad(w, x, y)
	return g[k]
}

// GradSum is a weighted sum of LogLoss's gradient's components.
//
//godiff:jvp w
//godiff:grad w
func GradSum(w, x, y []float64) float64 {
	_, g := LogLossGrad(w, x, y)
	s := 0.0
	for i := range g {
		s += float64(i+1) * g[i]
	}
	return s
}

// sqnorm is the squared norm of w.
func sqnorm(w []float64) float64 {
	s := 0.0
	for _, v := range w {
		s += v * v
	}
	return s
}

// weighted is the sum of a[i]·w[i]².
func weighted(a, w []float64) float64 {
	s := 0.0
	for i := range w {
		s += a[i] * w[i] * w[i]
	}
	return s
}

// Quad calls helpers of slices: ½ Σ a_i w_i² + ¼ |w|⁴, whose gradient is
// a∘w + |w|² w and Hessian diag(a) + |w|² I + 2 w wᵀ.
//
//godiff:grad w
func Quad(w, a []float64) float64 {
	n := sqnorm(w)
	return 0.5*weighted(a, w) + 0.25*n*n
}

// QuadPenalty is Quad plus the squared norm of its gradient, with
// respect to w and to a, which Quad's gradient depends on too.
//
//godiff:grad
//godiff:jvp
func QuadPenalty(w, a []float64) float64 {
	f, g := QuadGrad(w, a)
	return f + sqnorm(g)
}
