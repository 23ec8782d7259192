package memory

//go:generate go tool godiff springs.go

// A chain of unit masses joined by springs of stiffness k (to walls at
// both ends), integrated by leapfrog, whose state is in slices: positions
// q and velocities p, updated in place each step. It is recorded, and
// reversed binomially (//godiff:checkpoint -snapshots=S or -memory=SIZE),
// each saved state a copy of q and p; MeasureSprings sets the tape against
// the time. The -snapshots of a //godiff:checkpoint is a constant of the
// source, hence a function per S.

// springAcc is the force on mass i of the chain q.
func springAcc(q []float64, k float64, i int) float64 {
	left, right := 0.0, 0.0
	if i > 0 {
		left = q[i-1]
	}
	if i < len(q)-1 {
		right = q[i+1]
	}
	return k * (left + right - 2*q[i])
}

// SpringsRecorded records every step of the chain.
//
//godiff:grad q0 p0 k
func SpringsRecorded(q0, p0 []float64, k float64, steps int) float64 {
	n := len(q0)
	q := make([]float64, n)
	p := make([]float64, n)
	copy(q, q0)
	copy(p, p0)
	dt := 0.01
	for range steps {
		for i := range n {
			p[i] += 0.5 * dt * springAcc(q, k, i)
		}
		for i := range n {
			q[i] += dt * p[i]
		}
		for i := range n {
			p[i] += 0.5 * dt * springAcc(q, k, i)
		}
	}
	s := 0.0
	for i := range n {
		s += q[i]*q[i] + p[i]*p[i]
	}
	return s
}

// SpringsRevolve10 holds at most 10 states of the chain.
//
//godiff:grad q0 p0 k
func SpringsRevolve10(q0, p0 []float64, k float64, steps int) float64 {
	n := len(q0)
	q := make([]float64, n)
	p := make([]float64, n)
	copy(q, q0)
	copy(p, p0)
	dt := 0.01
	//godiff:checkpoint -snapshots=10
	for range steps {
		for i := range n {
			p[i] += 0.5 * dt * springAcc(q, k, i)
		}
		for i := range n {
			q[i] += dt * p[i]
		}
		for i := range n {
			p[i] += 0.5 * dt * springAcc(q, k, i)
		}
	}
	s := 0.0
	for i := range n {
		s += q[i]*q[i] + p[i]*p[i]
	}
	return s
}

// SpringsRevolve100 holds at most 100 states of the chain.
//
//godiff:grad q0 p0 k
func SpringsRevolve100(q0, p0 []float64, k float64, steps int) float64 {
	n := len(q0)
	q := make([]float64, n)
	p := make([]float64, n)
	copy(q, q0)
	copy(p, p0)
	dt := 0.01
	//godiff:checkpoint -snapshots=100
	for range steps {
		for i := range n {
			p[i] += 0.5 * dt * springAcc(q, k, i)
		}
		for i := range n {
			q[i] += dt * p[i]
		}
		for i := range n {
			p[i] += 0.5 * dt * springAcc(q, k, i)
		}
	}
	s := 0.0
	for i := range n {
		s += q[i]*q[i] + p[i]*p[i]
	}
	return s
}

// SpringsBudget holds as many states of the chain as 64 kB does: S is
// computed as the loop begins, 64000 / (16·n + 8) (q, p and the
// iteration), 499 states at n = 8.
//
//godiff:grad q0 p0 k
func SpringsBudget(q0, p0 []float64, k float64, steps int) float64 {
	n := len(q0)
	q := make([]float64, n)
	p := make([]float64, n)
	copy(q, q0)
	copy(p, p0)
	dt := 0.01
	//godiff:checkpoint -memory=64kB
	for range steps {
		for i := range n {
			p[i] += 0.5 * dt * springAcc(q, k, i)
		}
		for i := range n {
			q[i] += dt * p[i]
		}
		for i := range n {
			p[i] += 0.5 * dt * springAcc(q, k, i)
		}
	}
	s := 0.0
	for i := range n {
		s += q[i]*q[i] + p[i]*p[i]
	}
	return s
}
