package parse

import "testing"

// TestMemory checks the IR built for slices and arrays: loads and stores,
// element op-assignment, make, composite literals, subslices, len and
// copy. Each case's src follows "package p"; want is the printed body.
func TestMemory(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string
	}{
		{
			name: "loads, stores and op-assign on elements",
			src: `
//godiff:grad x
func F(s []float64, m [][]float64, i int, x float64) float64 {
	s[i] = x
	s[i+1] += x
	s[0]++
	m[i][1] = x
	m[1][i] *= x
	s[0], s[1] = s[1], s[0]
	return s[0] + m[i][i]
}`,
			want: `
				%s = param 0 : []float64
				%m = param 1 : [][]float64
				%i = param 2 : int
				%x = param 3 : float64
				store %s %i %x
				%6 = const 1 : int
				%7 = add %i %6 : int
				%8 = load %s %7 : float64
				%9 = add %8 %x : float64
				store %s %7 %9
				%11 = const 0 : int
				%12 = load %s %11 : float64
				%13 = const 1 : float64
				%14 = add %12 %13 : float64
				store %s %11 %14
				%16 = load %m %i : []float64
				store %16 %6 %x
				%18 = load %m %6 : []float64
				%19 = load %18 %i : float64
				%20 = mul %19 %x : float64
				store %18 %i %20
				%22 = load %s %6 : float64
				%23 = load %s %11 : float64
				store %s %11 %22
				store %s %6 %23
				%26 = load %s %11 : float64
				%27 = load %m %i : []float64
				%28 = load %27 %i : float64
				%29 = add %26 %28 : float64
				return %29`,
		},
		{
			name: "make, composite literals and arrays",
			src: `
//godiff:grad x
func F(x float64, n int) float64 {
	a := make([]float64, n)
	b := []float64{x, 2 * x}
	var c [3]float64
	d := [3]float32{1}
	rows := [][]float64{{x}, b}
	c[1] = x
	return a[0] + b[1] + c[1] + float64(d[0]) + rows[0][0] + float64(len(c)+len(a))
}`,
			want: `
				%x = param 0 : float64
				%n = param 1 : int
				%a = make %n : []float64
				%4 = const 2 : float64
				%5 = mul %4 %x : float64
				%b = slicelit %x %5 : []float64
				%7 = const 3 : int
				%c = make %7 : [3]float64
				%9 = const 1 : float32
				%10 = const 0 : float32
				%d = slicelit %9 %10 %10 : [3]float32
				%12 = slicelit %x : []float64
				%rows = slicelit %12 %b : [][]float64
				%14 = const 1 : int
				store %c %14 %x
				%16 = const 0 : int
				%17 = load %a %16 : float64
				%18 = load %b %14 : float64
				%19 = add %17 %18 : float64
				%20 = load %c %14 : float64
				%21 = add %19 %20 : float64
				%22 = load %d %16 : float32
				%23 = convert %22 : float64
				%24 = add %21 %23 : float64
				%25 = load %rows %16 : []float64
				%26 = load %25 %16 : float64
				%27 = add %24 %26 : float64
				%28 = len %a : int
				%29 = add %7 %28 : int
				%30 = convert %29 : float64
				%31 = add %27 %30 : float64
				return %31`,
		},
		{
			name: "subslices, len and copy",
			src: `
//godiff:grad x
func F(s []float64, n int, x float64) float64 {
	t := s[n:]
	u := s[:n]
	v := s[1:3]
	w := s[:]
	k := copy(t, u)
	copy(v, w)
	return x * float64(k+len(w))
}`,
			want: `
				%s = param 0 : []float64
				%n = param 1 : int
				%x = param 2 : float64
				%4 = len %s : int
				%t = subslice %s %n %4 : []float64
				%6 = const 0 : int
				%u = subslice %s %6 %n : []float64
				%8 = const 1 : int
				%9 = const 3 : int
				%v = subslice %s %8 %9 : []float64
				%w = subslice %s %6 %4 : []float64
				%k = copy %t %u : int
				%13 = copy %v %w : int
				%14 = len %w : int
				%15 = add %k %14 : int
				%16 = convert %15 : float64
				%17 = mul %x %16 : float64
				return %17`,
		},
		{
			name: "smoothing sweep in place",
			src: `
//godiff:grad w
func Smooth(buf []float64, iters int, w float64) float64 {
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
}`,
			want: `
				%buf = param 0 : []float64
				%iters = param 1 : int
				%w = param 2 : float64
				for L1 {
				init:
					%5 = const 0 : int
					decl k %5 : int
				cond %8:
					%7 = get k : int
					%8 = lt %7 %iters : bool
				post:
					%9 = get k : int
					%10 = const 1 : int
					%11 = add %9 %10 : int
					set k %11
				body:
					for L2 {
					init:
						%14 = const 1 : int
						decl i %14 : int
					cond %20:
						%16 = get i : int
						%17 = len %buf : int
						%18 = const 1 : int
						%19 = sub %17 %18 : int
						%20 = lt %16 %19 : bool
					post:
						%21 = get i : int
						%22 = const 1 : int
						%23 = add %21 %22 : int
						set i %23
					body:
						%25 = get i : int
						%26 = const 0.25 : float64
						%27 = const 1 : int
						%28 = sub %25 %27 : int
						%29 = load %buf %28 : float64
						%30 = mul %26 %29 : float64
						%31 = const 0.5 : float64
						%32 = load %buf %25 : float64
						%33 = mul %31 %32 : float64
						%34 = add %30 %33 : float64
						%35 = add %25 %27 : int
						%36 = load %buf %35 : float64
						%37 = mul %26 %36 : float64
						%38 = add %34 %37 : float64
						store %buf %25 %38
					}
				}
				%40 = const 0 : float64
				decl s %40 : float64
				range L3 %buf {
					%43 = index : int
					%v = load %buf %43 : float64
					%45 = get s : float64
					%46 = mul %w %v : float64
					%47 = add %45 %46 : float64
					set s %47
				}
				%49 = get s : float64
				return %49`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkNested(t, tt.src, tt.want)
		})
	}
}
