package memory

//go:generate go tool godiff orbit.go

// The leapfrog integrator of internal/checkpoint's Orbit (acceleration
// -k·x - 0.1·x³, state (x, v), final x² + v²), once with every step
// recorded and once per snapshot interval K, so that MeasureOrbit can set
// the snapshots a million steps keep (steps/K) against the time the
// backward sweep spends running stretches again. The -every of a
// //godiff:checkpoint is a constant of the source, hence a function per K.

// OrbitRecorded records every step of the integrator.
//
//godiff:grad x0 v0 k
func OrbitRecorded(x0, v0, k float64, steps int) float64 {
	x, v := x0, v0
	dt := 0.01
	for range steps {
		a := -k*x - 0.1*x*x*x
		v += 0.5 * dt * a
		x += dt * v
		a2 := -k*x - 0.1*x*x*x
		v += 0.5 * dt * a2
	}
	return x*x + v*v
}

// OrbitEvery10 saves the state every 10 steps.
//
//godiff:grad x0 v0 k
func OrbitEvery10(x0, v0, k float64, steps int) float64 {
	x, v := x0, v0
	dt := 0.01
	//godiff:checkpoint -every=10
	for range steps {
		a := -k*x - 0.1*x*x*x
		v += 0.5 * dt * a
		x += dt * v
		a2 := -k*x - 0.1*x*x*x
		v += 0.5 * dt * a2
	}
	return x*x + v*v
}

// OrbitEvery100 saves the state every 100 steps.
//
//godiff:grad x0 v0 k
func OrbitEvery100(x0, v0, k float64, steps int) float64 {
	x, v := x0, v0
	dt := 0.01
	//godiff:checkpoint -every=100
	for range steps {
		a := -k*x - 0.1*x*x*x
		v += 0.5 * dt * a
		x += dt * v
		a2 := -k*x - 0.1*x*x*x
		v += 0.5 * dt * a2
	}
	return x*x + v*v
}

// OrbitEvery1000 saves the state every 1000 steps.
//
//godiff:grad x0 v0 k
func OrbitEvery1000(x0, v0, k float64, steps int) float64 {
	x, v := x0, v0
	dt := 0.01
	//godiff:checkpoint -every=1000
	for range steps {
		a := -k*x - 0.1*x*x*x
		v += 0.5 * dt * a
		x += dt * v
		a2 := -k*x - 0.1*x*x*x
		v += 0.5 * dt * a2
	}
	return x*x + v*v
}

// OrbitEvery10000 saves the state every 10000 steps.
//
//godiff:grad x0 v0 k
func OrbitEvery10000(x0, v0, k float64, steps int) float64 {
	x, v := x0, v0
	dt := 0.01
	//godiff:checkpoint -every=10000
	for range steps {
		a := -k*x - 0.1*x*x*x
		v += 0.5 * dt * a
		x += dt * v
		a2 := -k*x - 0.1*x*x*x
		v += 0.5 * dt * a2
	}
	return x*x + v*v
}

// OrbitEvery100000 saves the state every 100000 steps.
//
//godiff:grad x0 v0 k
func OrbitEvery100000(x0, v0, k float64, steps int) float64 {
	x, v := x0, v0
	dt := 0.01
	//godiff:checkpoint -every=100000
	for range steps {
		a := -k*x - 0.1*x*x*x
		v += 0.5 * dt * a
		x += dt * v
		a2 := -k*x - 0.1*x*x*x
		v += 0.5 * dt * a2
	}
	return x*x + v*v
}

// The same integrator reversed by binomial checkpointing (Revolve), with
// at most S states held at once, for each S of MeasureRevolve.

// OrbitRevolve10 holds at most 10 states.
//
//godiff:grad x0 v0 k
func OrbitRevolve10(x0, v0, k float64, steps int) float64 {
	x, v := x0, v0
	dt := 0.01
	//godiff:checkpoint -snapshots=10
	for range steps {
		a := -k*x - 0.1*x*x*x
		v += 0.5 * dt * a
		x += dt * v
		a2 := -k*x - 0.1*x*x*x
		v += 0.5 * dt * a2
	}
	return x*x + v*v
}

// OrbitRevolve20 holds at most 20 states.
//
//godiff:grad x0 v0 k
func OrbitRevolve20(x0, v0, k float64, steps int) float64 {
	x, v := x0, v0
	dt := 0.01
	//godiff:checkpoint -snapshots=20
	for range steps {
		a := -k*x - 0.1*x*x*x
		v += 0.5 * dt * a
		x += dt * v
		a2 := -k*x - 0.1*x*x*x
		v += 0.5 * dt * a2
	}
	return x*x + v*v
}

// OrbitRevolve50 holds at most 50 states.
//
//godiff:grad x0 v0 k
func OrbitRevolve50(x0, v0, k float64, steps int) float64 {
	x, v := x0, v0
	dt := 0.01
	//godiff:checkpoint -snapshots=50
	for range steps {
		a := -k*x - 0.1*x*x*x
		v += 0.5 * dt * a
		x += dt * v
		a2 := -k*x - 0.1*x*x*x
		v += 0.5 * dt * a2
	}
	return x*x + v*v
}

// OrbitRevolve100 holds at most 100 states.
//
//godiff:grad x0 v0 k
func OrbitRevolve100(x0, v0, k float64, steps int) float64 {
	x, v := x0, v0
	dt := 0.01
	//godiff:checkpoint -snapshots=100
	for range steps {
		a := -k*x - 0.1*x*x*x
		v += 0.5 * dt * a
		x += dt * v
		a2 := -k*x - 0.1*x*x*x
		v += 0.5 * dt * a2
	}
	return x*x + v*v
}

// OrbitRevolve1000 holds at most 1000 states.
//
//godiff:grad x0 v0 k
func OrbitRevolve1000(x0, v0, k float64, steps int) float64 {
	x, v := x0, v0
	dt := 0.01
	//godiff:checkpoint -snapshots=1000
	for range steps {
		a := -k*x - 0.1*x*x*x
		v += 0.5 * dt * a
		x += dt * v
		a2 := -k*x - 0.1*x*x*x
		v += 0.5 * dt * a2
	}
	return x*x + v*v
}
