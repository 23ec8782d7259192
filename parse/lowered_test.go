package parse

// The functions of this file are compiled into the tests and, with their
// package clause changed, loaded by TestLoweringRunsAsGo, which runs their
// IR with ir.Eval and compares with Go's results. Keep it free of imports.

//godiff:grad
func lowerIf(x float64) float64 {
	y := 0.0
	if x > 0 {
		y = x
	} else if x < -1 {
		y = -x
	} else {
		y = 1
	}
	return y
}

//godiff:grad x
func lowerSwitch(x float64, n int) float64 {
	switch k := n % 4; k {
	default:
		x = -x
	case 0, 1:
		x *= 2
	case 2:
		return x + 100
	}
	switch {
	case x > 1 && n > 2:
		x = 1
		break
	case x < -1:
		x -= 10
	}
	return x
}

//godiff:grad x
func lowerGuard(s []float64, i int, x float64) float64 {
	ok := i < len(s) && s[i] > x
	if !ok || x == 0 {
		return x
	}
	switch {
	case i >= len(s) || s[i] > 2*x:
		return 2 * x
	}
	return -x
}

//godiff:grad x
func lowerLoops(x float64, n int, done bool) float64 {
	s := 0.0
	for i := 0; i < n; i++ {
		s += x * float64(i)
	}
	for {
		if s > 100 || done {
			break
		}
		if s < 0 {
			s = -s
		}
		s = s*2 + 1
	}
	for !done && s > 1 {
		s /= 3
		done = s < 5
	}
	return s
}

//godiff:grad w
func lowerRange(xs []float64, a [3]float64, n int, w float64) float64 {
	s := 0.0
	for i, v := range xs {
		s += w * v * float64(i+1)
	}
	for _, v := range a {
		s += v
	}
	for i := range n {
		if i%2 == 0 {
			continue
		}
		s -= float64(i)
	}
	var j int
	var last float64
	for j, last = range xs {
		if last < 0 {
			j = -j
		}
	}
	return s + last*float64(j)
}

//godiff:grad t
func lowerFind(xs [][]float64, t float64) float64 {
	s := 0.0
rows:
	for i := range xs {
		for j := 0; ; j++ {
			if j >= len(xs[i]) {
				continue rows
			}
			if xs[i][j] > t {
				break rows
			}
			s += xs[i][j]
		}
	}
	return s
}

//godiff:grad w
func lowerSmooth(buf []float64, iters int, w float64) float64 {
	for k := 0; k < iters; k++ {
		for i := 1; i < len(buf)-1; i++ {
			buf[i] = 0.25*buf[i-1] + 0.5*buf[i] + 0.25*buf[i+1]
		}
	}
	s := 0.0
	for _, v := range buf {
		s += w * v
	}
	return s
}

//godiff:grad x
func lowerMemory(s []float64, x float64, n int) float64 {
	a := make([]float64, n)
	b := []float64{x, 2 * x, 3 * x}
	var c [3]float64
	d := [3]float64{1}
	c[1] = x
	a[0] += x
	a[n-1]++
	k := copy(a[1:], b)
	t := s[1:3]
	t[0], t[1] = t[1], t[0]
	m := [][]float64{a, b}
	m[1][2] *= x
	return a[0] + a[1] + a[n-1] + b[2] + c[1] + d[0] + float64(k) + s[1] + s[2]
}

// lowerNet is flattened into its leaves W, B, G and N; Name is none.
type lowerNet struct {
	W    [][]float64
	B    float64
	G    [2][2]float64
	Name string
	N    int
}

//godiff:grad n
//godiff:jvp n
func (n *lowerNet) lowerMethod(x []float64) float64 {
	s := n.B
	for i := 0; i < n.N; i++ {
		for j := range x {
			s += n.W[i][j] * x[j]
		}
	}
	for i := range n.G {
		for j := range n.G[i] {
			s += n.G[i][j] * float64(i-2*j)
		}
	}
	return s * s
}

//godiff:grad
//godiff:jvp
func lowerGrid(g [2][3]float64, w float64) float64 {
	var a [2][3]float64
	b := [2][2]float64{{w, 2 * w}, {3}}
	for i := range g {
		for j := range g[i] {
			a[i][j] = g[i][j] * w
		}
	}
	g[1][2] *= a[0][1]
	a[1][0] += b[0][1] * b[1][0]
	s := 0.0
	for i := range a {
		for j := range a[i] {
			s += a[i][j] * g[i][j]
		}
	}
	return s + b[1][1]
}

// lowerMoving moves slice variables in the ways Go allows: a window
// declared nil then assigned, a slice consumed from its front, a window
// grown past its length within its capacity, writes through windows.
//
//godiff:grad x
func lowerMoving(s []float64, x float64, b int) float64 {
	var w []float64
	acc := 0.0
	for t := 0; t+b <= len(s); t++ {
		w = s[t : t+b]
		w[0] += x * w[b-1]
		acc += w[0] + float64(cap(w))
	}
	v := s[:1]
	v = v[:2]
	v = v[1:][:1]
	v[0] *= x
	rest := s
	for len(rest) > 1 {
		acc += rest[0] * rest[1]
		rest = rest[1:]
	}
	return acc + v[0] + float64(len(rest))
}

// lowerSwap swaps two and rotates three buffers made in the function.
//
//godiff:grad
func lowerSwap(x []float64, k int) float64 {
	n := len(x)
	prev := make([]float64, n)
	cur := make([]float64, len(prev))
	copy(prev, x)
	for range k {
		for i := range cur {
			cur[i] = 0.5*prev[i] + prev[(i+1)%n]
		}
		prev, cur = cur, prev
	}
	a, b, c := make([]float64, 2), make([]float64, 2), make([]float64, 2)
	a[0], b[0], c[0] = 1, 2, 3
	for range k {
		a, b, c = b, c, a
		a[1] += b[0] * prev[0]
	}
	return prev[0] + 2*cur[n-1] + a[1] + 3*b[1] + 5*c[1] + float64(len(a))
}

// lowerAppend appends onto a slice made with capacity c: within it, the
// IR computes what Go does; beyond it, where Go moves the slice to new
// memory, the IR stops with a panic saying so.
//
//godiff:grad x
func lowerAppend(x float64, n, c int) float64 {
	s := make([]float64, 1, c)
	s[0] = x
	for i := range n {
		s = append(s, x*float64(i), s[i])
	}
	t := s[1:]
	t = append(t, 2)
	return s[len(s)-1] + float64(cap(s)) + float64(len(t)) + t[0]
}
