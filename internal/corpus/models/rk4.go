package models

// Lorenz holds the parameters of the Lorenz system.
type Lorenz struct {
	Sigma, Rho, Beta float64
}

// deriv writes the Lorenz vector field at s into ds.
func (l Lorenz) deriv(ds, s []float64) {
	ds[0] = l.Sigma * (s[1] - s[0])
	ds[1] = s[0]*(l.Rho-s[2]) - s[1]
	ds[2] = s[0]*s[1] - l.Beta*s[2]
}

// RK4Step advances the state s by one classical Runge–Kutta step of size h
// and writes the new state into dst.
//
//godiff:vjp
//godiff:jvp
func (l Lorenz) RK4Step(dst, s []float64, h float64) {
	n := len(s)
	k1 := make([]float64, n)
	k2 := make([]float64, n)
	k3 := make([]float64, n)
	k4 := make([]float64, n)
	tmp := make([]float64, n)

	l.deriv(k1, s)
	for i := range s {
		tmp[i] = s[i] + h/2*k1[i]
	}
	l.deriv(k2, tmp)
	for i := range s {
		tmp[i] = s[i] + h/2*k2[i]
	}
	l.deriv(k3, tmp)
	for i := range s {
		tmp[i] = s[i] + h*k3[i]
	}
	l.deriv(k4, tmp)
	for i := range s {
		dst[i] = s[i] + h/6*(k1[i]+2*k2[i]+2*k3[i]+k4[i])
	}
}

// Trajectory integrates the Lorenz system for steps steps of size h from s0
// and returns the squared distance of the final state from target, walking
// the state through a buffer of all the states.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func (l Lorenz) Trajectory(s0, target []float64, h float64, steps int) float64 {
	n := len(s0)
	states := make([]float64, n*(steps+1))
	copy(states, s0)
	for t := 0; t < steps; t++ {
		cur := states[t*n : (t+1)*n]
		next := states[(t+1)*n : (t+2)*n]
		l.RK4Step(next, cur, h)
	}
	last := states[steps*n:]
	var loss float64
	for i := range last {
		d := last[i] - target[i]
		loss += d * d
	}
	return loss
}
