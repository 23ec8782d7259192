package parse

import (
	"strings"
	"testing"

	"github.com/godiff/godiff/ir"
)

// TestControl checks the IR built for control flow: if and switch, the
// three kinds of for loop, range, break and continue, return anywhere, and
// the variables (decl, get, set) that assignments in branches and loops
// need. Each case's src follows "package p"; want is the printed body,
// nested blocks indented.
func TestControl(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string
	}{
		{
			name: "if, else if and else merge in a variable",
			src: `
//godiff:grad
func F(x float64) float64 {
	y := 0.0
	if x > 0 {
		y = x
	} else if x < -1 {
		y = -x
	} else {
		y = 1
	}
	return y
}`,
			want: `
				%x = param 0 : float64
				%2 = const 0 : float64
				decl y %2 : float64
				%4 = gt %x %2 : bool
				if %4 {
					set y %x
				} else {
					%7 = const -1 : float64
					%8 = lt %x %7 : bool
					if %8 {
						%10 = neg %x : float64
						set y %10
					} else {
						%12 = const 1 : float64
						set y %12
					}
				}
				%14 = get y : float64
				return %14`,
		},
		{
			name: "if with an init statement and returns in both branches",
			src: `
//godiff:grad
func F(x float64) float64 {
	if d := x - 1; d > 0 {
		return d * d
	} else {
		return -d
	}
}`,
			want: `
				%x = param 0 : float64
				%2 = const 1 : float64
				%d = sub %x %2 : float64
				%4 = const 0 : float64
				%5 = gt %d %4 : bool
				if %5 {
					%7 = mul %d %d : float64
					return %7
				} else {
					%9 = neg %d : float64
					return %9
				}`,
		},
		{
			name: "tagged switch",
			src: `
//godiff:grad
func F(x float64, n int) float64 {
	switch k := n % 3; k {
	default:
		x = -x
	case 0, 1:
		x *= 2
	case 2:
		return x
	}
	return x
}`,
			want: `
				%x = param 0 : float64
				%n = param 1 : int
				decl x2 %x : float64
				%4 = const 3 : int
				%k = rem %n %4 : int
				%6 = const 0 : int
				%7 = eq %k %6 : bool
				%8 = const 1 : int
				%9 = eq %k %8 : bool
				%10 = or %7 %9 : bool
				if %10 {
					%12 = get x2 : float64
					%13 = const 2 : float64
					%14 = mul %12 %13 : float64
					set x2 %14
				} else {
					%16 = const 2 : int
					%17 = eq %k %16 : bool
					if %17 {
						%19 = get x2 : float64
						return %19
					} else {
						%21 = get x2 : float64
						%22 = neg %21 : float64
						set x2 %22
					}
				}
				%24 = get x2 : float64
				return %24`,
		},
		{
			name: "switch without a tag, with break",
			src: `
//godiff:grad
func F(x float64) float64 {
	y := x
	switch {
	case x > 1:
		y = 1
		break
	case x < -1 && x > -2:
		y = -1
	}
	return y
}`,
			want: `
				%x = param 0 : float64
				decl y %x : float64
				%3 = const 1 : float64
				%4 = gt %x %3 : bool
				if %4 {
					set y %3
				} else {
					%7 = const -1 : float64
					%8 = lt %x %7 : bool
					%9 = const -2 : float64
					%10 = gt %x %9 : bool
					%11 = and %8 %10 : bool
					if %11 {
						set y %7
					}
				}
				%14 = get y : float64
				return %14`,
		},
		{
			name: "three-clause loop",
			src: `
//godiff:grad
func F(x float64, n int) float64 {
	s := 0.0
	for i := 0; i < n; i++ {
		s += x * float64(i)
	}
	return s
}`,
			want: `
				%x = param 0 : float64
				%n = param 1 : int
				%3 = const 0 : float64
				decl s %3 : float64
				for L1 {
				init:
					%6 = const 0 : int
					decl i %6 : int
				cond %9:
					%8 = get i : int
					%9 = lt %8 %n : bool
				post:
					%10 = get i : int
					%11 = const 1 : int
					%12 = add %10 %11 : int
					set i %12
				body:
					%14 = get s : float64
					%15 = get i : int
					%16 = convert %15 : float64
					%17 = mul %x %16 : float64
					%18 = add %14 %17 : float64
					set s %18
				}
				%20 = get s : float64
				return %20`,
		},
		{
			name: "loops on a condition and bare loops, with break",
			src: `
//godiff:grad
func F(x float64, done bool) float64 {
	for {
		if x > 10 || done {
			break
		}
		x *= 2
	}
	for !done {
		done = x < 1
		x /= 2
	}
	return x
}`,
			want: `
				%x = param 0 : float64
				%done = param 1 : bool
				decl x2 %x : float64
				decl done2 %done : bool
				for L1 {
				body:
					%6 = get x2 : float64
					%7 = const 10 : float64
					%8 = gt %6 %7 : bool
					%9 = get done2 : bool
					%10 = or %8 %9 : bool
					if %10 {
						break L1
					}
					%13 = const 2 : float64
					%14 = mul %6 %13 : float64
					set x2 %14
				}
				for L2 {
				cond %18:
					%17 = get done2 : bool
					%18 = not %17 : bool
				body:
					%19 = get x2 : float64
					%20 = const 1 : float64
					%21 = lt %19 %20 : bool
					set done2 %21
					%23 = get x2 : float64
					%24 = const 2 : float64
					%25 = div %23 %24 : float64
					set x2 %25
				}
				%27 = get x2 : float64
				return %27`,
		},
		{
			name: "range over a slice with key and value",
			src: `
//godiff:grad w
func F(xs []float64, w float64) float64 {
	s := 0.0
	for i, v := range xs {
		s += w * v * float64(i)
	}
	return s
}`,
			want: `
				%xs = param 0 : []float64
				%w = param 1 : float64
				%3 = const 0 : float64
				decl s %3 : float64
				range L1 %xs {
					%i = index : int
					%v = load %xs %i : float64
					%8 = get s : float64
					%9 = mul %w %v : float64
					%10 = convert %i : float64
					%11 = mul %9 %10 : float64
					%12 = add %8 %11 : float64
					set s %12
				}
				%14 = get s : float64
				return %14`,
		},
		{
			name: "range over an array and over integers",
			src: `
//godiff:vjp
func F(a [3]float64, n int64, x float64) (y float64) {
	for i := range n {
		y += float64(i) * x
	}
	for range 2 {
		y -= x
	}
	for _, v := range a {
		y += v
	}
	return
}`,
			want: `
				%a = param 0 : [3]float64
				%n = param 1 : int64
				%x = param 2 : float64
				decl y : float64
				range L1 %n {
					%i = index : int
					%i2 = convert %i : int64
					%8 = get y : float64
					%9 = convert %i2 : float64
					%10 = mul %9 %x : float64
					%11 = add %8 %10 : float64
					set y %11
				}
				%13 = const 2 : int
				range L2 %13 {
					%15 = index : int
					%16 = get y : float64
					%17 = sub %16 %x : float64
					set y %17
				}
				range L3 %a {
					%20 = index : int
					%v = load %a %20 : float64
					%22 = get y : float64
					%23 = add %22 %v : float64
					set y %23
				}
				%25 = get y : float64
				return %25`,
		},
		{
			name: "range variables assigned",
			src: `
//godiff:grad
func F(a []float64, x float64) float64 {
	var j int
	var v float64
	for j, v = range a {
		v *= x
	}
	for i, w := range a {
		if i > 1 {
			w = 1
		}
		x += w
	}
	return x + v*float64(j)
}`,
			want: `
				%a = param 0 : []float64
				%x = param 1 : float64
				decl x2 %x : float64
				decl j : int
				decl v : float64
				range L1 %a {
					%j2 = index : int
					set j %j2
					%9 = load %a %j2 : float64
					set v %9
					%11 = get v : float64
					%12 = get x2 : float64
					%13 = mul %11 %12 : float64
					set v %13
				}
				range L2 %a {
					%i = index : int
					%17 = load %a %i : float64
					decl w %17 : float64
					%19 = const 1 : int
					%20 = gt %i %19 : bool
					if %20 {
						%22 = const 1 : float64
						set w %22
					}
					%24 = get x2 : float64
					%25 = get w : float64
					%26 = add %24 %25 : float64
					set x2 %26
				}
				%28 = get x2 : float64
				%29 = get v : float64
				%30 = get j : int
				%31 = convert %30 : float64
				%32 = mul %29 %31 : float64
				%33 = add %28 %32 : float64
				return %33`,
		},
		{
			name: "labeled break and continue out of nested loops",
			src: `
//godiff:grad
func F(xs [][]float64, t float64) float64 {
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
}`,
			want: `
				%xs = param 0 : [][]float64
				%t = param 1 : float64
				%3 = const 0 : float64
				decl s %3 : float64
				range rows %xs {
					%i = index : int
					for L2 {
					init:
						%8 = const 0 : int
						decl j %8 : int
					post:
						%10 = get j : int
						%11 = const 1 : int
						%12 = add %10 %11 : int
						set j %12
					body:
						%14 = get j : int
						%15 = load %xs %i : []float64
						%16 = len %15 : int
						%17 = ge %14 %16 : bool
						if %17 {
							continue rows
						}
						%20 = load %15 %14 : float64
						%21 = gt %20 %t : bool
						if %21 {
							break rows
						}
						%24 = get s : float64
						%25 = add %24 %20 : float64
						set s %25
					}
				}
				%27 = get s : float64
				return %27`,
		},
		{
			name: "return inside nested loops",
			src: `
//godiff:grad
func F(x float64, n int) float64 {
	for i := 0; i < n; i++ {
		for j := range i {
			if x > float64(i*j) {
				return x
			}
		}
	}
	return -x
}`,
			want: `
				%x = param 0 : float64
				%n = param 1 : int
				for L1 {
				init:
					%4 = const 0 : int
					decl i %4 : int
				cond %7:
					%6 = get i : int
					%7 = lt %6 %n : bool
				post:
					%8 = get i : int
					%9 = const 1 : int
					%10 = add %8 %9 : int
					set i %10
				body:
					%12 = get i : int
					range L2 %12 {
						%j = index : int
						%15 = get i : int
						%16 = mul %15 %j : int
						%17 = convert %16 : float64
						%18 = gt %x %17 : bool
						if %18 {
							return %x
						}
					}
				}
				%21 = neg %x : float64
				return %21`,
		},
		{
			name: "a parameter reassigned in a loop",
			src: `
//godiff:grad
func F(x float64) float64 {
	for x > 1 {
		x /= 2
	}
	return x
}`,
			want: `
				%x = param 0 : float64
				decl x2 %x : float64
				for L1 {
				cond %6:
					%4 = get x2 : float64
					%5 = const 1 : float64
					%6 = gt %4 %5 : bool
				body:
					%7 = get x2 : float64
					%8 = const 2 : float64
					%9 = div %7 %8 : float64
					set x2 %9
				}
				%11 = get x2 : float64
				return %11`,
		},
		{
			name: "bools, !, && and ||, and a short-circuit that guards an index",
			src: `
//godiff:grad x
func F(s []float64, i int, x float64) float64 {
	ok := i < len(s) && s[i] > x
	if !ok || x == 0 {
		return x
	}
	return -x
}`,
			want: `
				%s = param 0 : []float64
				%i = param 1 : int
				%x = param 2 : float64
				%4 = len %s : int
				%5 = lt %i %4 : bool
				decl cond %5 : bool
				if %5 {
					%8 = load %s %i : float64
					%9 = gt %8 %x : bool
					set cond %9
				}
				%ok = get cond : bool
				%12 = not %ok : bool
				%13 = const 0 : float64
				%14 = eq %x %13 : bool
				%15 = or %12 %14 : bool
				if %15 {
					return %x
				}
				%18 = neg %x : float64
				return %18`,
		},
		{
			name: "a call of a helper writing its slice in && is made only when Go makes it; a math call is not",
			src: `
import "math"

func h(v []float64, a float64) float64 {
	v[0] += a
	return a
}

//godiff:grad x
func F(s []float64, x float64) float64 {
	if x > 0 && math.Sin(x) > 0.5 && h(s, x) > 0 {
		return x
	}
	return -x
}`,
			want: `
				%s = param 0 : []float64
				%x = param 1 : float64
				%3 = const 0 : float64
				%4 = gt %x %3 : bool
				%5 = call math.Sin %x : float64
				%6 = const 0.5 : float64
				%7 = gt %5 %6 : bool
				%8 = and %4 %7 : bool
				decl cond %8 : bool
				if %8 {
					%11 = invoke h %s %x : float64
					%12 = gt %11 %3 : bool
					set cond %12
				}
				%14 = get cond : bool
				if %14 {
					return %x
				}
				%17 = neg %x : float64
				return %17`,
		},
		{
			name: "log-sum-exp",
			src: `
import "math"

//godiff:grad t
func LogSumExp(xs []float64, t float64) float64 {
	m := math.Inf(-1)
	for _, x := range xs {
		if x*t > m {
			m = x * t
		}
	}
	if m == math.Inf(-1) {
		return m
	}
	s := 0.0
	for _, x := range xs {
		s += math.Exp(x*t - m)
	}
	return m + math.Log(s)
}`,
			want: `
				%xs = param 0 : []float64
				%t = param 1 : float64
				%3 = const -1 : int
				%4 = call math.Inf %3 : float64
				decl m %4 : float64
				range L1 %xs {
					%7 = index : int
					%x = load %xs %7 : float64
					%9 = mul %x %t : float64
					%10 = get m : float64
					%11 = gt %9 %10 : bool
					if %11 {
						set m %9
					}
				}
				%14 = get m : float64
				%15 = eq %14 %4 : bool
				if %15 {
					%17 = get m : float64
					return %17
				}
				%19 = const 0 : float64
				decl s %19 : float64
				range L2 %xs {
					%22 = index : int
					%x2 = load %xs %22 : float64
					%24 = get s : float64
					%25 = mul %x2 %t : float64
					%26 = get m : float64
					%27 = sub %25 %26 : float64
					%28 = call math.Exp %27 : float64
					%29 = add %24 %28 : float64
					set s %29
				}
				%31 = get m : float64
				%32 = get s : float64
				%33 = call math.Log %32 : float64
				%34 = add %31 %33 : float64
				return %34`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkNested(t, tt.src, tt.want)
		})
	}
}

// checkNested loads src, a file's text after "package p", and compares
// the IR of its one target with want, a printed body with its nesting.
func checkNested(t *testing.T, src, want string) {
	t.Helper()
	f := loadOne(t, "package p\n"+src+"\n").Func
	if err := ir.Verify(f); err != nil {
		t.Fatal(err)
	}
	if got, want := nested(f), dedent(want); got != want {
		t.Errorf("IR:\n%s\nwant:\n%s", got, want)
	}
}

// nested returns the printed IR of f without its signature line, one level
// of indentation removed: the body at the margin, nested blocks indented.
func nested(f *ir.Func) string {
	lines := strings.Split(strings.TrimRight(f.String(), "\n"), "\n")[1:]
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, "\t")
	}
	return strings.Join(lines, "\n")
}

// dedent removes the leading newline of a raw string want and the
// indentation its first line has from every line, keeping deeper
// indentation.
func dedent(s string) string {
	lines := strings.Split(strings.TrimLeft(s, "\n"), "\n")
	margin := lines[0][:len(lines[0])-len(strings.TrimLeft(lines[0], "\t"))]
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, margin)
	}
	return strings.Join(lines, "\n")
}
