package checkpoint

import "math"

//go:generate go run github.com/godiff/godiff/cmd/godiff rnn.go

// The loops below carry their state in slices: an Elman RNN's hidden
// vector over time, h_t = tanh(W h_{t-1} + U x_t + b), and a chain of
// springs integrated by leapfrog, positions q and velocities p. Each is
// checkpointed with -every, -snapshots or -memory, and has a Recorded twin
// without the directive, whose gradient it must equal bit for bit.

// elman is one step of an Elman RNN: next = tanh(W h + U x + b), W n×n
// and U n×d by rows.
func elman(next, h, w, u, b, x []float64) {
	n, d := len(h), len(x)
	for i := range n {
		s := b[i]
		for j := range n {
			s += w[i*n+j] * h[j]
		}
		for j := range d {
			s += u[i*d+j] * x[j]
		}
		next[i] = math.Tanh(s)
	}
}

// RNN is an Elman RNN run over the inputs xs (d values a step) from the
// hidden state h0, its loss the squared readout v·h summed over time. The
// hidden vector, updated in place through a work buffer, is the state
// the binomial checkpointing saves: at most 4 copies of it at once.
//
//godiff:grad w u b v h0
//godiff:jvp w u b v h0
func RNN(w, u, b, v, h0, xs []float64) float64 {
	n := len(h0)
	d := len(u) / n
	h := make([]float64, n)
	copy(h, h0)
	next := make([]float64, n)
	loss := 0.0
	//godiff:checkpoint -snapshots=4
	for t := range len(xs) / d {
		elman(next, h, w, u, b, xs[t*d:t*d+d])
		y := 0.0
		for i := range n {
			h[i] = next[i]
			y += v[i] * h[i]
		}
		loss += y * y
	}
	return loss
}

// RNNEvery is RNN with the hidden vector saved every 5 steps.
//
//godiff:grad w u b v h0
func RNNEvery(w, u, b, v, h0, xs []float64) float64 {
	n := len(h0)
	d := len(u) / n
	h := make([]float64, n)
	copy(h, h0)
	next := make([]float64, n)
	loss := 0.0
	//godiff:checkpoint -every=5
	for t := range len(xs) / d {
		elman(next, h, w, u, b, xs[t*d:t*d+d])
		y := 0.0
		for i := range n {
			h[i] = next[i]
			y += v[i] * h[i]
		}
		loss += y * y
	}
	return loss
}

// RNNSwap is RNN with two buffers swapped each step rather than copied,
// and as many states held as 2 kB does: each is both buffers (godiff
// keeps them as windows of one slice), 16·n + 16 bytes with the sum.
//
//godiff:grad w u b v h0
func RNNSwap(w, u, b, v, h0, xs []float64) float64 {
	n := len(h0)
	d := len(u) / n
	prev := make([]float64, n)
	cur := make([]float64, n)
	copy(prev, h0)
	loss := 0.0
	//godiff:checkpoint -memory=2kB
	for t := range len(xs) / d {
		elman(cur, prev, w, u, b, xs[t*d:t*d+d])
		y := 0.0
		for i := range n {
			y += v[i] * cur[i]
		}
		loss += y * y
		prev, cur = cur, prev
	}
	return loss
}

// RNNRecorded is RNN without the checkpoint.
//
//godiff:grad w u b v h0
func RNNRecorded(w, u, b, v, h0, xs []float64) float64 {
	n := len(h0)
	d := len(u) / n
	h := make([]float64, n)
	copy(h, h0)
	next := make([]float64, n)
	loss := 0.0
	for t := range len(xs) / d {
		elman(next, h, w, u, b, xs[t*d:t*d+d])
		y := 0.0
		for i := range n {
			h[i] = next[i]
			y += v[i] * h[i]
		}
		loss += y * y
	}
	return loss
}

// RNNSwapRecorded is RNNSwap without the checkpoint.
//
//godiff:grad w u b v h0
func RNNSwapRecorded(w, u, b, v, h0, xs []float64) float64 {
	n := len(h0)
	d := len(u) / n
	prev := make([]float64, n)
	cur := make([]float64, n)
	copy(prev, h0)
	loss := 0.0
	for t := range len(xs) / d {
		elman(cur, prev, w, u, b, xs[t*d:t*d+d])
		y := 0.0
		for i := range n {
			y += v[i] * cur[i]
		}
		loss += y * y
		prev, cur = cur, prev
	}
	return loss
}

// Springs is a chain of unit masses joined by springs of stiffness k
// (and to walls at both ends), integrated by leapfrog from positions q0
// and velocities p0 for steps steps of dt; its value the final energy-like
// sum Σ q² + p². The state is the slices q and p, reversed binomially
// with at most 3 states held.
//
//godiff:grad q0 p0 k
//godiff:jvp q0 p0 k
func Springs(q0, p0 []float64, k float64, steps int) float64 {
	n := len(q0)
	q := make([]float64, n)
	p := make([]float64, n)
	copy(q, q0)
	copy(p, p0)
	dt := 0.05
	//godiff:checkpoint -snapshots=3
	for range steps {
		for i := range n {
			p[i] += 0.5 * dt * springForce(q, k, i)
		}
		for i := range n {
			q[i] += dt * p[i]
		}
		for i := range n {
			p[i] += 0.5 * dt * springForce(q, k, i)
		}
	}
	s := 0.0
	for i := range n {
		s += q[i]*q[i] + p[i]*p[i]
	}
	return s
}

// SpringsRecorded is Springs without the checkpoint.
//
//godiff:grad q0 p0 k
func SpringsRecorded(q0, p0 []float64, k float64, steps int) float64 {
	n := len(q0)
	q := make([]float64, n)
	p := make([]float64, n)
	copy(q, q0)
	copy(p, p0)
	dt := 0.05
	for range steps {
		for i := range n {
			p[i] += 0.5 * dt * springForce(q, k, i)
		}
		for i := range n {
			q[i] += dt * p[i]
		}
		for i := range n {
			p[i] += 0.5 * dt * springForce(q, k, i)
		}
	}
	s := 0.0
	for i := range n {
		s += q[i]*q[i] + p[i]*p[i]
	}
	return s
}

// springForce is the force on mass i of the chain q: k times the
// stretches of the springs on either side, walls at both ends.
func springForce(q []float64, k float64, i int) float64 {
	left, right := 0.0, 0.0
	if i > 0 {
		left = q[i-1]
	}
	if i < len(q)-1 {
		right = q[i+1]
	}
	return k * (left + right - 2*q[i])
}

// RNNFor is RNN with a three-clause loop.
//
//godiff:grad w u b v h0
//godiff:jvp w u b v h0
func RNNFor(w, u, b, v, h0, xs []float64) float64 {
	n := len(h0)
	d := len(u) / n
	h := make([]float64, n)
	copy(h, h0)
	next := make([]float64, n)
	loss := 0.0
	//godiff:checkpoint -snapshots=4
	for t := 0; t < len(xs)/d; t++ {
		elman(next, h, w, u, b, xs[t*d:t*d+d])
		y := 0.0
		for i := range n {
			h[i] = next[i]
			y += v[i] * h[i]
		}
		loss += y * y
	}
	return loss
}

// RNNWhile is RNN with a while loop.
//
//godiff:grad w u b v h0
//godiff:jvp w u b v h0
func RNNWhile(w, u, b, v, h0, xs []float64) float64 {
	n := len(h0)
	d := len(u) / n
	h := make([]float64, n)
	copy(h, h0)
	next := make([]float64, n)
	loss := 0.0
	t := 0
	//godiff:checkpoint -snapshots=4
	for t*d < len(xs)-d+1 {
		elman(next, h, w, u, b, xs[t*d:t*d+d])
		y := 0.0
		for i := range n {
			h[i] = next[i]
			y += v[i] * h[i]
		}
		loss += y * y
		t++
	}
	return loss
}

// Episodes and EpisodesRecorded: state in slices in a loop checkpointed
// binomially inside another loop. The state slices are made before the
// outer loop, so they are the same memory in every run of the inner one,
// each run saving its own entry state and first descent.

// Episodes integrates the chain of springs of Springs for steps steps in
// each of episodes episodes, every episode starting from where the last
// ended with its velocities damped by half; its value sums each episode's
// Σ q² + p². The inner loop's state is q and p, at most 3 states held.
//
//godiff:grad q0 p0 k
//godiff:jvp q0 p0 k
func Episodes(q0, p0 []float64, k float64, episodes, steps int) float64 {
	n := len(q0)
	q := make([]float64, n)
	p := make([]float64, n)
	copy(q, q0)
	copy(p, p0)
	dt := 0.05
	s := 0.0
	for range episodes {
		for i := range n {
			p[i] *= 0.5
		}
		//godiff:checkpoint -snapshots=3
		for range steps {
			for i := range n {
				p[i] += 0.5 * dt * springForce(q, k, i)
			}
			for i := range n {
				q[i] += dt * p[i]
			}
			for i := range n {
				p[i] += 0.5 * dt * springForce(q, k, i)
			}
		}
		for i := range n {
			s += q[i]*q[i] + p[i]*p[i]
		}
	}
	return s
}

// EpisodesRecorded is Episodes without the checkpoint.
//
//godiff:grad q0 p0 k
func EpisodesRecorded(q0, p0 []float64, k float64, episodes, steps int) float64 {
	n := len(q0)
	q := make([]float64, n)
	p := make([]float64, n)
	copy(q, q0)
	copy(p, p0)
	dt := 0.05
	s := 0.0
	for range episodes {
		for i := range n {
			p[i] *= 0.5
		}
		for range steps {
			for i := range n {
				p[i] += 0.5 * dt * springForce(q, k, i)
			}
			for i := range n {
				q[i] += dt * p[i]
			}
			for i := range n {
				p[i] += 0.5 * dt * springForce(q, k, i)
			}
		}
		for i := range n {
			s += q[i]*q[i] + p[i]*p[i]
		}
	}
	return s
}

// Relax runs a damped relaxation of two buffers swapped each step (godiff
// keeps them as windows of one slice) for steps steps in each of rounds
// rounds, kicking the first element between rounds; as many states held as
// 1 kB does. Its value sums the first element after each round.
//
//godiff:grad x
//godiff:jvp x
func Relax(x []float64, rounds, steps int) float64 {
	n := len(x)
	prev := make([]float64, n)
	cur := make([]float64, n)
	copy(prev, x)
	s := 0.0
	for r := range rounds {
		prev[0] += 0.1 * float64(r)
		//godiff:checkpoint -memory=1kB
		for range steps {
			for i := range n {
				cur[i] = 0.5*prev[i]*x[i] + 0.4*math.Sin(prev[(i+1)%n])
			}
			prev, cur = cur, prev
		}
		s += prev[0]
	}
	return s
}

// RelaxRecorded is Relax without the checkpoint.
//
//godiff:grad x
func RelaxRecorded(x []float64, rounds, steps int) float64 {
	n := len(x)
	prev := make([]float64, n)
	cur := make([]float64, n)
	copy(prev, x)
	s := 0.0
	for r := range rounds {
		prev[0] += 0.1 * float64(r)
		for range steps {
			for i := range n {
				cur[i] = 0.5*prev[i]*x[i] + 0.4*math.Sin(prev[(i+1)%n])
			}
			prev, cur = cur, prev
		}
		s += prev[0]
	}
	return s
}

// RelaxWhile is Relax with a while loop inside: the forward sweep keeps
// states of each run as it goes (the trip count unknown until its end),
// in the same buffers for every run.
//
//godiff:grad x
func RelaxWhile(x []float64, rounds, steps int) float64 {
	n := len(x)
	prev := make([]float64, n)
	cur := make([]float64, n)
	copy(prev, x)
	s := 0.0
	for r := range rounds {
		prev[0] += 0.1 * float64(r)
		j := 0
		//godiff:checkpoint -memory=1kB
		for j < steps {
			for i := range n {
				cur[i] = 0.5*prev[i]*x[i] + 0.4*math.Sin(prev[(i+1)%n])
			}
			prev, cur = cur, prev
			j++
		}
		s += prev[0]
	}
	return s
}
