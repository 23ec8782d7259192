package godiff

import "testing"

// TestCheckpointMessages holds the placements of //godiff:checkpoint that
// godiff refuses, and the loops whose iterations it cannot recompute one
// at a time, each with its exact diagnostic at its position; and the
// loops it accepts, whose output must build.
func TestCheckpointMessages(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{
			name: "a sum over points",
			src: `import "math"

//godiff:grad
func F(w, xs []float64) float64 {
	s := 0.0
	//godiff:checkpoint
	for i, x := range xs {
		s += math.Exp(w[i%len(w)] * x)
	}
	return s
}
`,
		},
		{
			// srcgen seed 92 program 165: the start read from a slice
			// variable an earlier loop moved gave an unpositioned
			// "counter ... is not recognised".
			name: "a binomial loop whose start reads a moved slice",
			src: `import "math"

//godiff:grad
func F(x float64) float64 {
	prev, cur := make([]float64, 3), make([]float64, 3)
	prev[0] = x
	for range 2 {
		for i := range cur {
			cur[i] = prev[i]*0.5 + x
		}
		prev, cur = cur, prev
	}
	r := 0.0
	//godiff:checkpoint -memory=96
	for i := len(prev) - 1; i >= 0; i-- {
		r += math.Sin(prev[i] + r)
	}
	return r
}
`,
			want: "a.go:17:2: this loop cannot be checkpointed with -snapshots or -memory: its init statement computes the counter's start from a variable the backward sweep cannot read again; compute the start into a variable before the loop (n := len(s) - 1; for i := n; ...)",
		},
		{
			name: "the same start computed before the loop",
			src: `import "math"

//godiff:grad
func F(x float64) float64 {
	prev, cur := make([]float64, 3), make([]float64, 3)
	prev[0] = x
	for range 2 {
		for i := range cur {
			cur[i] = prev[i]*0.5 + x
		}
		prev, cur = cur, prev
	}
	r := 0.0
	n := len(prev) - 1
	//godiff:checkpoint -memory=96
	for i := n; i >= 0; i-- {
		r += math.Sin(prev[i] + r)
	}
	return r
}
`,
		},
		{
			name: "the body's name taken by a function of the package",
			src: `//godiff:grad
func F(x []float64) float64 {
	s := 0.0
	//godiff:checkpoint
	for _, v := range x {
		s += v * v
	}
	return s
}

func fLoop1CallTape() {}
`,
			want: "a.go:6:2: //godiff:checkpoint would generate fLoop1CallTape for this loop's body, but the package declares fLoop1CallTape already (a.go:13:6); rename yours",
		},
		{
			name: "the second body's name of a method taken",
			src: `type M struct{ W float64 }

//godiff:grad
func (m *M) Loss(x []float64) float64 {
	s, q := 0.0, 0.0
	//godiff:checkpoint
	for _, v := range x {
		s += m.W * v
	}
	//godiff:checkpoint
	for _, v := range x {
		q += m.W * v * v
	}
	return s + q
}

func mLossLoop2() {}
`,
			want: "a.go:12:2: //godiff:checkpoint would generate mLossLoop2 for this loop's body, but the package declares mLossLoop2 already (a.go:19:6); rename yours",
		},
		{
			name: "on a statement that is not a loop",
			src: `//godiff:grad
func F(x []float64) float64 {
	//godiff:checkpoint
	s := 0.0
	for _, v := range x {
		s += v * v
	}
	return s
}
`,
			want: "a.go:5:2: //godiff:checkpoint must stand on the line just before a for statement of a function with //godiff:grad or //godiff:vjp: it marks that loop, whose iterations the backward sweep then recomputes rather than records",
		},
		{
			name: "words after it",
			src: `//godiff:grad
func F(x []float64) float64 {
	s := 0.0
	//godiff:checkpoint every 10
	for _, v := range x {
		s += v * v
	}
	return s
}
`,
			want: "a.go:6:22: //godiff:checkpoint takes nothing after it but one of -every=K, -snapshots=S, -memory=SIZE; remove \"every\"\n" +
				"a.go:6:28: //godiff:checkpoint takes nothing after it but one of -every=K, -snapshots=S, -memory=SIZE; remove \"10\"",
		},
		{
			name: "a misspelled verb",
			src: `//godiff:grad
func F(x []float64) float64 {
	s := 0.0
	//godiff:checkpiont
	for _, v := range x {
		s += v * v
	}
	return s
}
`,
			want: "a.go:6:2: unknown directive //godiff:checkpiont; want //godiff:grad, //godiff:vjp, //godiff:jvp, //godiff:jacobian, //godiff:hvp or //godiff:hessian (or //godiff:checkpoint on a loop)",
		},
		{
			name: "in a function forward mode differentiates only",
			src: `//godiff:jvp
func F(x []float64) float64 {
	s := 0.0
	//godiff:checkpoint
	for _, v := range x {
		s += v * v
	}
	return s
}
`,
			want: "a.go:6:2: //godiff:checkpoint marks a loop of F, which has no //godiff:grad or //godiff:vjp: only reverse mode records loops, so there is nothing to recompute",
		},
		{
			name: "inside a marked loop",
			src: `//godiff:grad
func F(x []float64) float64 {
	s := 0.0
	//godiff:checkpoint
	for i := range x {
		//godiff:checkpoint
		for j := range x {
			s += x[i] * x[j]
		}
	}
	return s
}
`,
			want: "a.go:8:3: //godiff:checkpoint on a loop inside a loop already marked (line 7) is not supported: mark one of them",
		},
		{
			name: "a product carried from one iteration to the next",
			src: `//godiff:grad
func F(x []float64) float64 {
	p := 1.0
	//godiff:checkpoint
	for _, v := range x {
		p *= v
	}
	return p
}
`,
			want: "a.go:7:2: this loop cannot be checkpointed: it carries p from one iteration to the next (it reads p other than to add to it); only sums into a variable (p += ...) or into memory (s[i] += ...) may cross iterations of a checkpointed loop, unless it saves its state with -every=K (//godiff:checkpoint -every=100 on a range loop)",
		},
		{
			name: "a variable doubled, not summed into",
			src: `//godiff:grad
func F(x []float64) float64 {
	s := 1.0
	//godiff:checkpoint
	for _, v := range x {
		s += s
		s += v
	}
	return s
}
`,
			want: "a.go:7:2: this loop cannot be checkpointed: it carries s from one iteration to the next (it reads s other than to add to it); only sums into a variable (s += ...) or into memory (s[i] += ...) may cross iterations of a checkpointed loop, unless it saves its state with -every=K (//godiff:checkpoint -every=100 on a range loop)",
		},
		{
			name: "memory doubled, not summed into",
			src: `//godiff:grad
func F(x []float64) float64 {
	acc := make([]float64, 2)
	//godiff:checkpoint
	for i, v := range x {
		acc[i%2] += acc[i%2]
		acc[i%2] += v
	}
	return acc[0] * acc[1]
}
`,
			want: "a.go:7:2: this loop cannot be checkpointed: its body reads acc before it has overwritten all of it in the same iteration, so an iteration reads what an earlier one left there; a work buffer must be overwritten whole (a loop over all its indexes, storing each element first) before the iteration reads it, and other memory may only be summed into (s[i] += ...)",
		},
		{
			name: "a buffer read before it is overwritten",
			src: `//godiff:grad
func F(x []float64) float64 {
	buf := make([]float64, 2)
	s := 0.0
	//godiff:checkpoint
	for _, v := range x {
		buf[1] = buf[0] * v
		buf[0] = v
		s += buf[1]
	}
	return s
}
`,
			want: "a.go:8:2: this loop cannot be checkpointed: its body reads buf before it has overwritten all of it in the same iteration, so an iteration reads what an earlier one left there; a work buffer must be overwritten whole (a loop over all its indexes, storing each element first) before the iteration reads it, and other memory may only be summed into (s[i] += ...)",
		},
		{
			name: "a return in the body",
			src: `//godiff:grad
func F(x []float64) float64 {
	s := 0.0
	//godiff:checkpoint
	for _, v := range x {
		if v > 10 {
			return s
		}
		s += v * v
	}
	return s
}
`,
			want: "a.go:7:2: this loop cannot be checkpointed: its body returns; assign the result to a variable and return after the loop",
		},
		{
			name: "a break of the loop",
			src: `//godiff:grad
func F(x []float64) float64 {
	s := 0.0
	//godiff:checkpoint
	for _, v := range x {
		if v > 10 {
			break
		}
		s += v * v
	}
	return s
}
`,
			want: "a.go:7:2: this loop cannot be checkpointed: its body has a break of the loop itself (or of one around it), so the iterations that run depend on each other; compute a condition per iteration instead",
		},
		{
			name: "a slice the loop reads, written after it",
			src: `//godiff:grad w
func F(w, x []float64) float64 {
	s := 0.0
	//godiff:checkpoint
	for i := range x {
		s += w[0] * x[i] * x[i]
	}
	x[0] = 0
	return s
}
`,
			want: "a.go:7:2: this loop cannot be checkpointed: x is written after the loop, and the backward sweep reads it again as the loop read it; write into a copy",
		},
		{
			name: "a helper that may return before it overwrites the buffer",
			src: `func fill(skip bool, x float64, out []float64) {
	if skip {
		return
	}
	for i := 0; i < len(out); i++ {
		out[i] = x * float64(i)
	}
}

//godiff:grad
func F(x []float64) float64 {
	buf := make([]float64, 3)
	s := 0.0
	//godiff:checkpoint
	for i, v := range x {
		fill(i%2 == 1, v, buf)
		s += buf[2]
	}
	return s
}
`,
			want: "a.go:17:2: this loop cannot be checkpointed: its body reads buf before it has overwritten all of it in the same iteration, so an iteration reads what an earlier one left there; a work buffer must be overwritten whole (a loop over all its indexes, storing each element first) before the iteration reads it, and other memory may only be summed into (s[i] += ...)",
		},
		{
			name: "a helper that overwrites the buffer first",
			src: `func fill(x float64, out []float64) {
	for i := 0; i < len(out); i++ {
		out[i] = x * float64(i)
	}
}

//godiff:grad
func F(x []float64) float64 {
	buf := make([]float64, 3)
	s := 0.0
	//godiff:checkpoint
	for _, v := range x {
		fill(v, buf)
		s += buf[2] * buf[1]
	}
	return s
}
`,
		},
		{
			name: "-every on a loop that carries state",
			src: `//godiff:grad
func F(x0 float64, n int) float64 {
	x := x0
	//godiff:checkpoint -every=4
	for range n {
		x = x*0.9 + 0.1*x*x
	}
	return x
}
`,
		},
		{
			name: "-every on a three-clause loop",
			src: `//godiff:grad
func F(x0 float64, n int) float64 {
	x := x0
	//godiff:checkpoint -every=4
	for i := 0; i < n; i++ {
		x = x*0.9 + 0.1*x*x
	}
	return x
}
`,
			want: "a.go:7:2: this loop cannot be checkpointed: -every is supported on range loops only yet (for i := range n, or over a slice); write the loop as one",
		},
		{
			name: "-every with state in a slice",
			src: `//godiff:grad
func F(x []float64, n int) float64 {
	y := make([]float64, len(x))
	copy(y, x)
	//godiff:checkpoint -every=4
	for range n {
		y[0] = y[0]*0.9 + 0.1*y[1]
		y[1] = y[1] * 0.5
	}
	return y[0]
}
`,
		},
		{
			name: "-every of zero",
			src: `//godiff:grad
func F(x0 float64, n int) float64 {
	x := x0
	//godiff:checkpoint -every=0
	for range n {
		x = x * 0.9
	}
	return x
}
`,
			want: `a.go:6:22: //godiff:checkpoint takes one option: -every=K (save the loop's state every K iterations), -snapshots=S (binomial checkpointing holding at most S states) or -memory=SIZE (as many states as SIZE holds, e.g. 1MB); K and S positive integers; not "-every=0"`,
		},
		{
			name: "-snapshots on a three-clause loop reading its counter",
			src: `//godiff:grad
func F(x0 float64, n int) float64 {
	x := x0
	//godiff:checkpoint -snapshots=3
	for i := 0; i < n; i += 2 {
		x = x*0.9 + 0.01*float64(i)*x
	}
	return x
}
`,
		},
		{
			// FuzzMutate marking internal/regress's CallCond: a wrong
			// gradient (each iteration's derivative given to the next
			// element) before this refusal.
			name: "-snapshots on a three-clause loop whose condition calls a function",
			src: `//godiff:grad
func F(x []float64, y float64) float64 {
	s := 0.0
	//godiff:checkpoint -snapshots=1
	for i := 0; scale(s, y) < 3 && i < len(x); i++ {
		s += x[i] * y
	}
	return s
}

func scale(a, b float64) float64 { return a * b }
`,
			want: "a.go:7:2: this loop cannot be checkpointed: its header calls scale, and binomial checkpointing (-snapshots, -memory) cannot count the iterations of such a loop yet; compute the condition into a variable before the loop and again at the end of the body (ok := ...; for ok { ...; ok = ... }), or mark the loop without an option",
		},
		{
			name: "-memory on a while loop whose condition calls a function",
			src: `//godiff:grad
func F(x []float64, y float64) float64 {
	s := 0.0
	j := 0
	//godiff:checkpoint -memory=1kB
	for scale(s, y) < 3 && j < len(x) {
		s += x[j] * y
		j++
	}
	return s
}

func scale(a, b float64) float64 { return a * b }
`,
			want: "a.go:8:2: this loop cannot be checkpointed: its header calls scale, and binomial checkpointing (-snapshots, -memory) cannot count the iterations of such a loop yet; compute the condition into a variable before the loop and again at the end of the body (ok := ...; for ok { ...; ok = ... }), or mark the loop without an option",
		},
		{
			name: "-snapshots on a while loop whose condition the body computes",
			src: `//godiff:grad
func F(x []float64, y float64) float64 {
	s := 0.0
	j := 0
	ok := scale(s, y) < 3
	//godiff:checkpoint -snapshots=1
	for ok && j < len(x) {
		s += x[j] * y
		j++
		ok = scale(s, y) < 3
	}
	return s
}

func scale(a, b float64) float64 { return a * b }
`,
		},
		{
			// FuzzMutate marking internal/hvp's Nested: a wrong gradient
			// before this refusal (each run read the first run's
			// snapshots).
			name: "-every on a loop inside another loop",
			src: `import "math"

//godiff:grad
func F(x []float64) float64 {
	s := 0.0
	for i := range x {
		p := 1.0
		//godiff:checkpoint -every=2
		for j := range x {
			p *= math.Tanh(x[i] * x[j])
		}
		s += p
	}
	return s
}
`,
			want: "a.go:11:3: this loop cannot be checkpointed: -every is not supported yet on a loop inside another loop (the runs of the loop would share one stack of snapshots); use -snapshots=S or -memory=SIZE (binomial checkpointing), or mark the outer loop",
		},
		{
			name: "-snapshots on a loop inside another loop",
			src: `import "math"

//godiff:grad
func F(x []float64) float64 {
	s := 0.0
	for i := range x {
		p := 1.0
		//godiff:checkpoint -snapshots=2
		for j := range x {
			p *= math.Tanh(x[i] * x[j])
		}
		s += p
	}
	return s
}
`,
		},
		{
			name: "-memory on a while loop",
			src: `//godiff:grad
func F(x0 float64) float64 {
	x := x0
	//godiff:checkpoint -memory=1MiB
	for x > 0.1 {
		x = x * 0.9
	}
	return x
}
`,
		},
		{
			name: "-snapshots of zero and two options",
			src: `//godiff:grad
func F(x0 float64, n int) float64 {
	x := x0
	//godiff:checkpoint -snapshots=0 -memory=1MB -every=2
	for range n {
		x = x * 0.9
	}
	return x
}
`,
			want: `a.go:6:22: //godiff:checkpoint takes one option: -every=K (save the loop's state every K iterations), -snapshots=S (binomial checkpointing holding at most S states) or -memory=SIZE (as many states as SIZE holds, e.g. 1MB); K and S positive integers; not "-snapshots=0"` + "\n" +
				`a.go:6:47: //godiff:checkpoint takes one option: -every=K (save the loop's state every K iterations), -snapshots=S (binomial checkpointing holding at most S states) or -memory=SIZE (as many states as SIZE holds, e.g. 1MB); K and S positive integers; not "-every=2"`,
		},
		{
			name: "-memory that is no size",
			src: `//godiff:grad
func F(x0 float64, n int) float64 {
	x := x0
	//godiff:checkpoint -memory=1TB
	for range n {
		x = x * 0.9
	}
	return x
}
`,
			want: `a.go:6:22: //godiff:checkpoint takes one option: -every=K (save the loop's state every K iterations), -snapshots=S (binomial checkpointing holding at most S states) or -memory=SIZE (as many states as SIZE holds, e.g. 1MB); K and S positive integers; not "-memory=1TB"`,
		},
		{
			name: "-memory below one state",
			src: `//godiff:grad
func F(x0 float64, n int) float64 {
	x, y := x0, 1.0
	//godiff:checkpoint -memory=20B
	for range n {
		x, y = x*0.9+y, y*x
	}
	return x
}
`,
			want: "a.go:7:2: this loop cannot be checkpointed: -memory=20 bytes holds no saved state (24 bytes each: the state and its iteration's number); give at least 24 bytes",
		},
		{
			name: "-snapshots with state in a slice",
			src: `//godiff:grad
func F(x []float64, n int) float64 {
	y := make([]float64, len(x))
	copy(y, x)
	//godiff:checkpoint -snapshots=10
	for range n {
		y[0] = y[0]*0.9 + 0.1*y[1]
		y[1] = y[1] * 0.5
	}
	return y[0]
}
`,
		},
		{
			name: "-snapshots on a loop whose header assigns the state",
			src: `//godiff:grad
func F(x0 float64) float64 {
	x := x0
	//godiff:checkpoint -snapshots=4
	for ; x < 10; x += 1 {
		x = x * 1.1
	}
	return x
}
`,
			want: "a.go:7:2: this loop cannot be checkpointed: the body and the loop's condition or post statement both assign x; assign the state in the body only",
		},
		{
			name: "-memory with state in two swapped slices",
			src: `//godiff:grad
func F(x []float64, n int) float64 {
	prev := make([]float64, len(x))
	cur := make([]float64, len(x))
	copy(prev, x)
	//godiff:checkpoint -memory=1kB
	for range n {
		for i := range cur {
			cur[i] = 0.5 * prev[i]
		}
		prev, cur = cur, prev
	}
	return prev[0]
}
`,
		},
		{
			name: "-snapshots with a slice variable moved to new memory",
			src: `//godiff:grad
func F(x []float64, n int) float64 {
	h := make([]float64, len(x))
	copy(h, x)
	//godiff:checkpoint -snapshots=4
	for range n {
		next := make([]float64, len(h))
		for i := range h {
			next[i] = 0.5 * h[i]
		}
		h = next
	}
	return h[0]
}
`,
			want: "a.go:5:2: assigning h: a slice variable may move only within one slice, and h moves between make([]float64, len(x)) and next; if nothing writes through h, give it memory of its own and copy into it (h := make([]float64, n), then copy(h, x) in place of h = x), or pass each slice to a helper function as a parameter, or take both windows from one slice made for them",
		},
		{
			name: "-every with state appended to",
			src: `//godiff:grad
func F(x []float64, n int) float64 {
	h := make([]float64, 0, n+1)
	v := x[0]
	//godiff:checkpoint -every=4
	for range n {
		v = v * 0.9
		h = append(h, v)
	}
	return h[len(h)-1]
}
`,
			want: "a.go:10:3: this loop cannot be checkpointed: its body appends to h, so the length of the state it carries changes from one iteration to the next: a saved state would copy all the memory h was made with, at every snapshot; make h at its final length before the loop and store into h[i], or keep what the loop appends out of the checkpointed loop",
		},
		{
			name: "-snapshots with state in two windows of one slice",
			src: `//godiff:grad
func F(x []float64, n int) float64 {
	m := len(x)
	s := make([]float64, 2*m)
	copy(s, x)
	q, p := s[:m], s[m:]
	//godiff:checkpoint -snapshots=10
	for range n {
		for i := range m {
			p[i] -= 0.1 * q[i]
			q[i] += 0.1 * p[i]
		}
	}
	return q[0]
}
`,
			want: "a.go:10:2: this loop cannot be checkpointed: its body uses p, a part of s, which it carries to the next iteration; use s itself in the loop, so that a saved state copies all of it",
		},
		{
			// -every inside another loop is refused first, whatever its
			// state (see "-every on a loop inside another loop").
			name: "-snapshots with state in a slice made in the loop around it",
			src: `//godiff:grad
func F(x []float64, n int) float64 {
	t := 0.0
	for range 3 {
		h := make([]float64, len(x))
		copy(h, x)
		//godiff:checkpoint -snapshots=2
		for range n {
			for i := range h {
				h[i] = 0.5 * h[i]
			}
		}
		t += h[0]
	}
	return t
}
`,
			want: "a.go:10:3: this loop cannot be checkpointed: its body carries h from one iteration to the next in memory, which a loop around it makes (line 7), new memory in each of that loop's iterations; state in a slice is saved for a loop inside others where it is the same memory in every run: make h once before the outer loops (at its final length) and reset it in place (copy, or a loop storing each element), or checkpoint the outer loop",
		},
		{
			// The same memory in every run: each run saves its own
			// states (internal/checkpoint's Episodes and Relax).
			name: "-snapshots with state in a slice made before the loop around it",
			src: `//godiff:grad
func F(x []float64, n int) float64 {
	t := 0.0
	h := make([]float64, len(x))
	for range 3 {
		copy(h, x)
		//godiff:checkpoint -snapshots=2
		for j := 0; j < n; j++ {
			for i := range h {
				h[i] = 0.5 * h[i] * x[i]
			}
		}
		t += h[0]
	}
	return t
}
`,
		},
		{
			name: "-snapshots on a loop whose header changes what the body reads",
			src: `//godiff:grad
func F(x0 float64, n int) float64 {
	x := x0
	//godiff:checkpoint -snapshots=4
	for i := 1; i < n; i *= 2 {
		x = x * float64(i)
	}
	return x
}
`,
			want: "a.go:7:2: this loop cannot be checkpointed: its header changes i, which the body reads, other than as a counter (for i := start; ...; i += c, c a constant); compute it in the body",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkMessage(t, tt.src, tt.want) })
	}
}
