package parse

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// TestErrors checks each diagnostic, with its position, on small files.
// Each case's src is the file a.go after "package p": it starts with the
// newline ending line 1.
func TestErrors(t *testing.T) {
	tests := []errorCase{
		{
			name: "unknown directive",
			src: `
//godiff:gard w
func Loss(w float64) float64 { if w > 0 { return w }; return 0 }
`,
			want: []string{"a.go:2:1: unknown directive //godiff:gard; want //godiff:grad, //godiff:vjp, //godiff:jvp, //godiff:jacobian, //godiff:hvp or //godiff:hessian (or //godiff:checkpoint on a loop)"},
		},
		{
			name: "directive on a variable",
			src: `
//godiff:grad
var v = 1.0
`,
			want: []string{"a.go:2:1: //godiff:grad must be in the doc comment of a top-level function"},
		},
		{
			name: "directive in a body and detached",
			src: `
//godiff:jvp

func Loss(w float64) float64 {
	//godiff:vjp
	return w
}
`,
			want: []string{
				"a.go:2:1: //godiff:jvp must be in the doc comment of a top-level function",
				"a.go:5:2: //godiff:vjp must be in the doc comment of a top-level function",
			},
		},
		{
			name: "generated name taken",
			src: `
func LossGrad() {}

//godiff:grad
//godiff:jvp
func Loss(w float64) float64 { return w }
`,
			want: []string{
				"a.go:4:1: //godiff:grad would generate LossGrad, but the package declares LossGrad already (a.go:2:6); rename one of them",
			},
		},
		{
			name: "method of a type other than a struct",
			src: `
type T []float64

// Loss is a method.
//
//godiff:grad
func (T) Loss(w float64) float64 { return w }
`,
			want: []string{"a.go:6:1: //godiff:grad on a method of T is not supported: the receiver must be a struct or a pointer to one; make Loss a function"},
		},
		{
			name: "generic",
			src: `
//godiff:vjp
func Loss[F ~float64](w F) F { return w }
`,
			want: []string{"a.go:2:1: //godiff:vjp on a generic function is not supported"},
		},
		{
			name: "variadic",
			src: `
//godiff:grad
func Sum(xs ...float64) float64 { return 0 }
`,
			want: []string{"a.go:2:1: //godiff:grad on a variadic function is not supported; pass the values as separate parameters"},
		},
		{
			name: "names that are not parameters",
			src: `
//godiff:grad w q w v, _
func Loss(w, v float64, _ float64) float64 { return w * v }
`,
			want: []string{
				`a.go:2:1: //godiff:grad names "_", which is not a parameter of Loss`,
				`a.go:2:1: //godiff:grad names "q", which is not a parameter of Loss`,
				`a.go:2:1: //godiff:grad names "v,", which is not a parameter of Loss; separate names with spaces, not commas`,
				`a.go:2:1: //godiff:grad names w twice`,
			},
		},
		{
			name: "name of a non-float parameter",
			src: `
//godiff:jvp x w n
func Loss(x []float64, w float64, n int) float64 { return w }
`,
			want: []string{
				"a.go:2:1: //godiff:jvp names n, which has type int; only float64 and float32 parameters, slices and arrays of them, and structs with such fields can be differentiated",
			},
		},
		{
			name: "no float parameter",
			src: `
type Celsius float64

//godiff:vjp
func Loss(n int, c Celsius, _ float64) float64 { return float64(n) }
`,
			want: []string{"a.go:4:1: Loss has no float64 or float32 parameter (or slice, array or struct of them) to differentiate"},
		},
		{
			name: "grad with two results",
			src: `
//godiff:grad
func Loss(w float64) (float64, float64) { return w, w }
`,
			want: []string{"a.go:2:1: //godiff:grad needs exactly one float64 or float32 result; Loss has 2 results: use //godiff:vjp"},
		},
		{
			name: "grad with an int result and with none",
			src: `
//godiff:grad
func Loss(w float64) int { return int(w) }

//godiff:grad
func None(w float64) {}
`,
			want: []string{
				"a.go:2:1: //godiff:grad needs exactly one float64 or float32 result; Loss returns int",
				"a.go:5:1: //godiff:grad needs exactly one float64 or float32 result; None has none",
			},
		},
		{
			name: "vjp of a function with no result and no slice, in a parameter or a field, to write into",
			src: `
type S struct{ A, B float64 }

//godiff:vjp
func (s *S) Set(w float64) { _ = s.A * w }
`,
			want: []string{"a.go:4:1: //godiff:vjp needs at least one float64 or float32 result, or a slice (a parameter, or a field of a struct parameter or of the receiver) it writes its output into; Set has neither"},
		},
		{
			name: "vjp with a non-float result",
			src: `
//godiff:vjp
//godiff:jvp
func Loss(w float64) (y float64, err error) { return w, nil }
`,
			want: []string{
				"a.go:2:1: //godiff:vjp needs float64 or float32 results, or arrays of them; result err of Loss has type error",
				"a.go:3:1: //godiff:jvp needs float64 or float32 results, or arrays of them; result err of Loss has type error",
			},
		},
		{
			// A function returning the parameter it writes, as gonum's
			// floats.AddScaledTo returns dst, or a call of a function that
			// returns it, is accepted (returnsdst.go); these return
			// something else (a call of themselves or of a method is not
			// followed), or are differentiated by grad.
			name: "a slice result other than the parameter written",
			src: `
//godiff:vjp
func CumSum(dst, s []float64) []float64 {
	copy(dst, s)
	return dst[1:]
}

//godiff:grad
func Same(s []float64) []float64 { return s }

//godiff:jvp
func Moved(dst, s []float64) []float64 {
	dst = dst[:len(s)]
	copy(dst, s)
	return dst
}

//godiff:vjp
func Either(a, b []float64) []float64 {
	if len(a) > len(b) {
		return a
	}
	return b
}

// Rec returns what a call of itself returns, which godiff does not follow.
//
//godiff:vjp
func Rec(dst, s []float64) []float64 {
	if len(s) == 0 {
		return dst
	}
	dst[0] = s[0]
	return Rec(dst[1:], s[1:])
}

type M struct{}

func (M) Fill(dst, s []float64) []float64 {
	copy(dst, s)
	return dst
}

// ViaMethod returns what a method returns, which godiff does not follow.
//
//godiff:jvp
func ViaMethod(dst, s []float64) []float64 { return M{}.Fill(dst, s) }
`,
			want: []string{
				"a.go:2:1: //godiff:vjp needs float64 or float32 results, or arrays of them; result 1 of CumSum has type []float64: write the output into a slice parameter instead, and return nothing or that parameter itself (func F(dst, x []float64) []float64 { ...; return dst }); //godiff:vjp and //godiff:jvp differentiate such an output",
				"a.go:8:1: //godiff:grad needs exactly one float64 or float32 result; Same returns []float64: write the output into a slice parameter instead, and return nothing or that parameter itself (func F(dst, x []float64) []float64 { ...; return dst }); //godiff:vjp and //godiff:jvp differentiate such an output",
				"a.go:11:1: //godiff:jvp needs float64 or float32 results, or arrays of them; result 1 of Moved has type []float64: write the output into a slice parameter instead, and return nothing or that parameter itself (func F(dst, x []float64) []float64 { ...; return dst }); //godiff:vjp and //godiff:jvp differentiate such an output",
				"a.go:18:1: //godiff:vjp needs float64 or float32 results, or arrays of them; result 1 of Either has type []float64: write the output into a slice parameter instead, and return nothing or that parameter itself (func F(dst, x []float64) []float64 { ...; return dst }); //godiff:vjp and //godiff:jvp differentiate such an output",
				"a.go:28:1: //godiff:vjp needs float64 or float32 results, or arrays of them; result 1 of Rec has type []float64: write the output into a slice parameter instead, and return nothing or that parameter itself (func F(dst, x []float64) []float64 { ...; return dst }); //godiff:vjp and //godiff:jvp differentiate such an output",
				"a.go:46:1: //godiff:jvp needs float64 or float32 results, or arrays of them; result 1 of ViaMethod has type []float64: write the output into a slice parameter instead, and return nothing or that parameter itself (func F(dst, x []float64) []float64 { ...; return dst }); //godiff:vjp and //godiff:jvp differentiate such an output",
			},
		},
		{
			name: "same verb twice",
			src: `
//godiff:grad w
//godiff:vjp
//godiff:grad v
func Loss(w, v float64) float64 { return w * v }
`,
			want: []string{"a.go:4:1: duplicate //godiff:grad on Loss; give each mode once, naming all its parameters"},
		},
		{
			name: "statements",
			src: `
//godiff:grad
func Loss(w float64, c chan int) float64 {
	if w > 0 { // if, for and switch build: see TestControl
		w = 0
	}
	for i := 0; i < 3; i++ {
		w *= 2
	}
	switch {
	}
	go func() {}()
	defer func() {}()
	c <- 1
	<-c
	w = w + 1
	return w
}
`,
			want: []string{
				"a.go:12:2: go statements are not supported in a differentiated function: a differentiated function must be a pure computation on numbers",
				"a.go:13:2: defer statements are not supported in a differentiated function: a differentiated function must be a pure computation on numbers",
				"a.go:14:2: channel sends are not supported in a differentiated function: a differentiated function must be a pure computation on numbers",
				"a.go:15:2: channel receives are not supported in a differentiated function: it must be a pure computation on numbers",
			},
		},
		{
			name: "goto and labels on other statements",
			src: `
//godiff:grad
func Loss(w float64) float64 {
again:
	w = w * 2
	if w < 1 {
		goto again
	}
sw:
	switch {
	case w > 2:
		break sw
	}
	return w
}
`,
			want: []string{
				"a.go:4:1: the label again is not on a for loop: godiff supports labels only on loops, for break and continue; remove it",
				"a.go:7:3: goto statements are not supported in a differentiated function: use if, for, break and continue",
				"a.go:9:1: the label sw is not on a for loop: godiff supports labels only on loops, for break and continue; remove it",
			},
		},
		{
			name: "code after an exit",
			src: `
//godiff:grad
func Loss(w float64, xs []float64) float64 {
	for range xs {
		if w > 1 {
			break
			w = 1
		}
		{
			continue
		}
		w++
	}
	{
		return w
	}
	w = 2
	return w
}
`,
			want: []string{
				"a.go:7:4: code after break is not supported: it never runs; remove it",
				"a.go:12:3: code after continue is not supported: it never runs; remove it",
				"a.go:17:2: code after return is not supported: it never runs; remove it",
			},
		},
		{
			name: "code after return",
			src: `
//godiff:grad
func Loss(w float64) float64 {
	return w
	w = 2
	return w
}
`,
			want: []string{"a.go:5:2: code after return is not supported: it never runs; remove it"},
		},
		{
			name: "unused call",
			src: `
import "math"

//godiff:grad
func Loss(w float64) float64 {
	math.Sin(w)
	println(w)
	return w
}
`,
			want: []string{
				"a.go:6:2: a call whose result is unused has no effect on the derivative; remove it",
				"a.go:7:2: calling println is not supported in a differentiated function: it must be a pure computation on numbers",
			},
		},
		{
			// A function returning the slice it writes (dst) is called as a
			// statement; one returning anything else is not, and the message
			// says so rather than that the call does nothing.
			name: "unused call of a function of slices",
			src: `
func cumSum(dst, s []float64) []float64 {
	copy(dst, s)
	return dst[:1]
}

func subTo(dst, s, t []float64) []float64 {
	for i := range t {
		dst[i] = s[i] - t[i]
	}
	return dst
}

//godiff:grad
func Loss(w []float64) float64 {
	d := make([]float64, len(w))
	cumSum(d, w)
	subTo(d, w, w)
	return d[0]
}
`,
			want: []string{
				"a.go:17:2: the result of cumSum is unused: godiff differentiates a call as a statement only if the function returns nothing, or returns the slice parameter it writes unchanged (return dst); use the result",
			},
		},
		{
			// Used as a value, a function's dst is the argument passed for
			// it (internal/realgo/dst.go); a method's is not followed yet.
			name: "the result of a method returning the slice it writes",
			src: `
type Scaler struct{ C float64 }

func (s Scaler) scaleTo(dst, x []float64) []float64 {
	for i := range x {
		dst[i] = s.C * x[i]
	}
	return dst
}

//godiff:grad
func Loss(w []float64) float64 {
	d := Scaler{C: 2}.scaleTo(make([]float64, len(w)), w)
	return d[0]
}
`,
			want: []string{
				"a.go:13:7: scaleTo returns the slice it writes; use its result only in a call of a function, not a method, with its arguments written one by one, or call it as a statement",
			},
		},
		{
			name: "unsupported calls",
			src: `
import "math"

func sum(xs ...float64) float64    { return 0 }
func first(a [2]float64) float64   { return a[0] }
func head(xs []float64) float64    { return xs[0] }

//godiff:grad
func Loss(w float64, v []float64) float64 {
	a, _ := math.Lgamma(w)
	b := head(v)
	c := max(w, 1) // accepted: the builtin
	d := sum(w, w)
	e := first([2]float64{w, w}) // accepted: an array, copied
	return a + b + c + d + e + math.Inf(1) + math.NaN()
}
`,
			want: []string{
				"a.go:13:7: calls of variadic functions (here sum) are not supported in a differentiated function",
			},
		},
		{
			name: "malformed rules",
			src: `
import "math"

//godiff:rule
func r0(x float64) (float64, float64) { return x, 1 }

//godiff:rule nosuch
func r1(x float64) (float64, float64) { return x, 1 }

//godiff:rule strings.Repeat
func r2(x float64) (float64, float64) { return x, 1 }

//godiff:rule math.Gamma
func r3(x float64) float64 { return x }

//godiff:rule math.Frexp
func r4(x float64) (float64, float64) { return x, 1 }

//godiff:rule math.Gamma
func r5(x float64) (float64, float64) { return math.Gamma(x), 1 }

//godiff:rule math.Gamma
func r6(x float64) (float64, float64) { return math.Gamma(x), 1 }

var _ = math.Pi
`,
			want: []string{
				"a.go:4:1: //godiff:rule names the one function it is the rule of: //godiff:rule f, or //godiff:rule pkg.F",
				"a.go:7:1: //godiff:rule nosuch: nosuch is not a function",
				"a.go:10:1: //godiff:rule strings.Repeat: this file imports no package strings; import it",
				"a.go:13:1: //godiff:rule math.Gamma: r3 has signature func(x float64) float64; the rule of a function of n float parameters takes the same n and returns the function's value then its n partial derivatives: func(x1, ..., xn float64) (y, d1, ..., dn float64)",
				"a.go:16:1: //godiff:rule math.Frexp: Frexp must be a function of float parameters with one float result; the rule of a function of n float parameters takes the same n and returns the function's value then its n partial derivatives: func(x1, ..., xn float64) (y, d1, ..., dn float64)",
				"a.go:22:1: //godiff:rule math.Gamma: math.Gamma has a rule already (r5); give each function one",
			},
		},
		{
			name: "package variables",
			src: `
import "os"

var scale = 2.0

//godiff:grad
func Loss(w float64) float64 {
	scale = w
	_ = os.Args
	return w * scale
}
`,
			want: []string{
				"a.go:8:2: Loss assigns to package variable scale; return the value instead",
				"a.go:9:6: Loss reads package variable os.Args; pass it as a parameter",
				"a.go:10:13: Loss reads package variable scale; pass it as a parameter",
			},
		},
		{
			name: "values of unsupported types",
			src: `
type Celsius float64

type P struct{ X float64 }

//godiff:grad w
func Loss(w float64, c Celsius, s []Celsius, p P, q *float64) float64 {
	a := float64(c) * w
	b := float64(s[0]) + p.X + *q
	d := Celsius(w)
	var e Celsius
	f := "s"
	c = 1
	_, _ = Celsius(w), "s"
	return a + b + float64(d+e) + float64(len(f))
}
`,
			want: []string{
				"a.go:8:15: c has type Celsius, which is not supported yet in a differentiated function",
				"a.go:9:15: s has type []Celsius, which is not supported yet in a differentiated function",
				"a.go:9:29: pointer dereferences are not supported in a differentiated function: pass the value as a parameter",
				"a.go:10:7: conversion to Celsius is not supported in a differentiated function yet: godiff computes with float64, float32 and integer types",
				"a.go:11:6: e has type Celsius, which is not supported yet in a differentiated function",
				"a.go:12:2: f has type string, which is not supported yet in a differentiated function",
				"a.go:13:2: c has type Celsius, which is not supported yet in a differentiated function",
				"a.go:14:9: conversion to Celsius is not supported in a differentiated function yet: godiff computes with float64, float32 and integer types",
				`a.go:14:21: constant "s" has type string, which is not supported in a differentiated function`,
				// len(f) is not reported again: f's declaration was.
			},
		},
		{
			name: "operators",
			src: `
//godiff:grad
func Loss(w float64, n int, s string) float64 {
	b := w > 0 // comparisons and logic build: see TestControl
	c := b && true
	d := n << 2
	e := n &^ 3
	n |= 1
	s += "x"
	f := !b
	_, _, _, _ = c, d, e, f
	return w
}
`,
			want: []string{
				"a.go:6:7: shifts are not supported in a differentiated function: they have no derivative",
				"a.go:7:7: the bitwise operator &^ is not supported in a differentiated function: it has no derivative",
				"a.go:8:2: the bitwise operator | is not supported in a differentiated function: it has no derivative",
				"a.go:9:2: s has type string, which is not supported yet in a differentiated function",
			},
		},
		{
			name: "other expressions",
			src: `
//godiff:grad
func Loss(w float64, i any) float64 {
	f := func() float64 { return w }
	a := []float64{w} // builds: see TestMemory
	x := i.(float64)
	g := Loss
	a, x = two()
	_, _ = a, g
	return w + f() + x
}

func two() ([]float64, float64) { return nil, 0 }
`,
			want: []string{
				"a.go:4:7: function literals are not supported in a differentiated function yet; write the computation inline",
				"a.go:6:7: type assertions are not supported in a differentiated function: godiff computes with numbers only",
				"a.go:7:7: using the function Loss as a value is not supported in a differentiated function",
				"a.go:8:9: two returns []float64; a call of several results in a differentiated function may return only numbers and bools: pass it a slice to write into instead",
				"a.go:10:13: calls of function values and of methods of other types than the package's structs (here f) are not supported in a differentiated function",
			},
		},
		{
			name: "fallthrough (a break out of a switch from inside an if is fine)",
			src: `
//godiff:grad
func Loss(w float64, n int) float64 {
	switch n {
	case 0:
		w *= 2
		fallthrough
	case 1:
		if w > 1 {
			break
		}
		w++
	}
	return w
}
`,
			want: []string{
				"a.go:7:3: fallthrough is not supported in a differentiated function: godiff builds a switch as if/else; repeat the next case's statements, or list both cases' values in one case",
			},
		},
		{
			name: "append",
			src: `
//godiff:grad
func Loss(w float64, s []float64) float64 {
	s = append(s, w)
	t := append(s, w)
	return t[0]
}
`,
			want: []string{
				"a.go:4:2: assigning s: s is in the memory of s, which is not the function's own to append to (past its length it may be the caller's or another slice's); make s in the function with the capacity its appends need, s := make([]float64, 0, n), and append to it",
				"a.go:5:7: append is supported only as s = append(s, v, ...) onto a slice the function makes with the capacity its appends need (s := make([]float64, 0, n)); otherwise allocate the slice with make and assign its elements by index",
			},
		},
		{
			name: "reassigning slices",
			src: `
//godiff:grad
func Loss(w float64, s, t []float64, a [2]float64) float64 {
	s = t
	var u []float64
	for _, s = range [][]float64{t} {
	}
	return w + u[0] + a[0]
}
`,
			want: []string{
				"a.go:4:2: assigning s: a slice variable may move only within one slice, and s moves between s and t; if nothing writes through s, give it memory of its own and copy into it (sOwn := make([]float64, n), copy(sOwn, s), then copy(sOwn, x) in place of s = x, and read sOwn), or pass each slice to a helper function as a parameter, or take both windows from one slice made for them",
				"a.go:5:6: declaring a slice variable without a value that is never assigned is not supported: it stays nil; declare it with make",
				"a.go:6:9: ranging into the slice variable s, declared outside the loop, is not supported; declare it in the loop (for _, s := range ...)",
			},
		},
		{
			// ADBench's lstm_predict: the layers' input is the function's
			// input, then each layer's hidden state. Two assignments, one
			// refusal, at the first.
			name: "a slice variable moving from a parameter into another slice, said once",
			src: `
//godiff:grad
func Predict(state, input []float64, l, b int) float64 {
	cur := input
	for i := 0; i < l; i++ {
		for j := 0; j < b; j++ {
			state[2*b*i+j] += cur[j] * state[2*b*i+b+j]
		}
		cur = state[2*b*i : 2*b*i+b]
	}
	return cur[0]
}
`,
			want: []string{
				"a.go:4:2: assigning cur: a slice variable may move only within one slice, and cur moves between input and state; if nothing writes through cur, give it memory of its own and copy into it (cur := make([]float64, n), then copy(cur, x) in place of cur = x), or pass each slice to a helper function as a parameter, or take both windows from one slice made for them",
			},
		},
		{
			name: "slice variables that move outside one slice",
			src: `
//godiff:grad
func Loss(a, b, x []float64, n int) float64 {
	a, b = b, a
	s := x[1:]
	s = s[1:3:4]
	var in []float64
	seq := make([]float64, n)
	in = seq[1:]
	buf := make([]float64, n)
	for range 2 {
		buf = make([]float64, n)
	}
	return a[0] + b[0] + s[0] + in[0] + buf[0]
}
`,
			want: []string{
				"a.go:4:2: assigning a: a slice variable may move only within one slice, and a moves between a and b; if nothing writes through a, give it memory of its own and copy into it (aOwn := make([]float64, n), copy(aOwn, a), then copy(aOwn, x) in place of a = x, and read aOwn), or pass each slice to a helper function as a parameter, or take both windows from one slice made for them",
				"a.go:6:6: three-index slices are not supported: the capacity matters only to append, which godiff follows only onto a slice the function makes (s := make([]float64, 0, n)); use s[lo:hi]",
				"a.go:7:6: in is declared before seq, the slice it moves in; declare in after seq",
				"a.go:10:2: assigning buf: the slices it moves between must each be made with make where a variable is declared (x := make([]float64, n)), so that godiff can make them as one, and make([]float64, n) is not; copy it into such a buffer, or index it directly",
			},
		},
		{
			name: "a slice variable moving between rows",
			src: `
//godiff:grad
func Loss(x [][]float64) float64 {
	r := x[0]
	r = x[1]
	return r[0]
}
`,
			want: []string{
				"a.go:4:2: assigning r: the slices it moves between must each be made with make where a variable is declared (x := make([]float64, n)), so that godiff can make them as one, and x[0] is not; copy it into such a buffer, or index it directly",
			},
		},
		{
			name: "appending where godiff cannot follow",
			src: `
//godiff:grad
func Loss(x []float64, w float64) float64 {
	var a []float64
	a = append(a, w)
	b := x[1:]
	b = append(b, w)
	c := make([]float64, 0, 4)
	c = append(c, x...)
	c, w = append(c, w), c[0]
	d := []float64{w}
	d = append(d, w)
	return a[0] + b[0] + c[0] + d[0]
}
`,
			want: []string{
				"a.go:4:6: assigning a: a has no memory of its own to append to; make a in the function with the capacity its appends need, a := make([]float64, 0, n), and append to it",
				"a.go:6:2: assigning b: b is in the memory of x, which is not the function's own to append to (past its length it may be the caller's or another slice's); make b in the function with the capacity its appends need, b := make([]float64, 0, n), and append to it",
				"a.go:9:6: append(s, t...) is not supported in a differentiated function; append the elements one by one, or copy(s[len(s):n], t) into a longer window",
				"a.go:10:9: append in an assignment of several values is not supported: Go leaves unspecified when it writes; write c = append(...) as a statement of its own",
				"a.go:11:2: assigning d: d is appended to, and its memory is made by []float64{…}; make d in the function with the capacity its appends need, d := make([]float64, 0, n), and append to it",
			},
		},
		{
			name: "swapped buffers and what they may not do",
			src: `
//godiff:grad
func Loss(x []float64, n int) float64 {
	prev := make([]float64, n)
	m := len(x)
	cur := make([]float64, m)
	prev, cur = cur, prev
	a := make([]float64, n)
	b := make([]float64, len(a))
	a, b = b, a
	if a == nil || cap(b) > 0 {
		return 0
	}
	p := make([]float64, n)
	q := make([]float64, n+1)
	p, q = q, p
	return x[0] + prev[0] + cur[0] + p[0] + q[0]
}

type Cfg struct{ N int }

type Net struct {
	C *Cfg
	W []float64
}

// Pointed's lengths are a field of a struct its parameter points to,
// which a caller may share and change.
//
//godiff:grad
func Pointed(n Net, x []float64) float64 {
	h := make([]float64, n.C.N)
	g := make([]float64, n.C.N)
	h, g = g, h
	return n.W[0]*x[0] + h[0] + g[0]
}
`,
			want: []string{
				"a.go:6:25: m is computed after the first of the buffers it swaps with is made, and godiff makes them as one slice there; compute m before it",
				"a.go:11:5: comparing a with nil is not supported: a moves, and godiff keeps it as a window of the slice it moves in; test len(a) == 0 instead",
				"a.go:11:17: the capacity of b is not supported: godiff makes the buffers it moves between as one slice, so its capacity is not its make's; use len(b)",
				"a.go:14:2: assigning p: the buffers it moves between are made as one, where the first is declared, so their lengths must be known there: a constant, a parameter or variable assigned once, a field of a parameter, or len of a slice; compute n + 1 into a variable before the first make",
				"a.go:32:2: assigning h: the buffers it moves between are made as one, where the first is declared, so their lengths must be known there: a constant, a parameter or variable assigned once, a field of a parameter, or len of a slice; compute n.C.N into a variable before the first make",
			},
		},
		{
			name: "ranging over what is not a slice, an array or an int",
			src: `
//godiff:grad
func Loss(w float64, m map[int]float64, str string, c chan float64, seq func(func(int) bool), p *[2]float64) float64 {
	for k, v := range m {
		w += float64(k) * v
	}
	for range str {
	}
	for x := range c {
		w += x
	}
	for i := range seq {
		w += float64(i)
	}
	for range p {
	}
	return w
}
`,
			want: []string{
				"a.go:4:20: ranging over a map is not supported in a differentiated function: godiff computes with numbers, slices and arrays; pass the values in a slice",
				"a.go:7:12: ranging over a string is not supported in a differentiated function: godiff computes with numbers only",
				"a.go:9:17: ranging over a channel is not supported in a differentiated function: it must be a pure computation on numbers",
				"a.go:12:17: ranging over a function is not supported in a differentiated function: write the loop over a slice or a count",
				"a.go:15:12: ranging over a pointer is not supported in a differentiated function: pass a slice",
			},
		},
		{
			name: "ranging over an array that the loop writes",
			src: `
//godiff:grad
func Loss(w float64, a [3]float64, s []float64, is []int) float64 {
	for i, v := range a {
		a[i] = v * w
	}
	for i, v := range s {
		s[i] = v * w
	}
	for i := range a {
		a[i] *= w
	}
	for i, v := range a {
		s[i] = v
	}
	for is[0] = range 3 {
	}
	for _, v := range a {
		copy(a[1:], s)
		w += v
	}
	return a[0] + s[0]
}
`,
			want: []string{
				"a.go:4:20: ranging over the array a with a value variable while the loop assigns its elements (or slices it, which a call may write through) is not supported: Go ranges over a copy; range over the indexes (for i := range a) and read a[i]",
				"a.go:16:6: ranging into is[0] is not supported; range into local variables",
				"a.go:18:20: ranging over the array a with a value variable while the loop assigns its elements (or slices it, which a call may write through) is not supported: Go ranges over a copy; range over the indexes (for i := range a) and read a[i]",
			},
		},
		{
			name: "slices of arrays and arrays of slices",
			src: `
//godiff:grad
func Loss(w float64, aa [2][2]float64, sa [][2]float64) float64 {
	var b [2][3]float64
	c := [2][]float64{}
	return w + aa[0][1] + sa[0][1] + b[0][0] + c[0][0]
}
`,
			want: []string{
				"a.go:5:7: a composite literal of type [2][]float64: arrays of slices are not supported; use a slice of slices",
				"a.go:6:24: sa has type [][2]float64: slices of arrays are not supported; use a slice of slices",
			},
		},
		{
			name: "slice expressions",
			src: `
//godiff:grad
func Loss(w float64, s []float64, a [4]float64, str string) float64 {
	t := s[1:2:3]
	u := a[1:]
	v := str[1:]
	return w + t[0] + u[0] + float64(len(v))
}
`,
			want: []string{
				"a.go:4:7: three-index slices are not supported: the capacity matters only to append, which godiff follows only onto a slice the function makes (s := make([]float64, 0, n)); use s[lo:hi]",
				"a.go:6:7: slicing a string is not supported in a differentiated function: godiff computes with numbers only",
				// len(v) is not reported again: v's declaration was.
			},
		},
		{
			name: "make, composite literals and copy",
			src: `
type P struct{ X float64 }

//godiff:grad
func Loss(w float64, n int, s []float64, bs []byte) float64 {
	a := make([]float64, n, 2*n)
	m := make(map[int]float64)
	b := []float64{0: w, 1: w}
	p := P{X: w}
	k := 2 * copy(s, a)
	copy(bs, "ab")
	_, _ = m, p
	return w + a[0] + b[0] + float64(k)
}
`,
			want: []string{
				"a.go:6:26: make with a capacity is supported only for a slice the function appends to (s = append(s, v)); drop it",
				"a.go:7:7: making a map[int]float64 is not supported in a differentiated function: godiff computes with numbers, slices and arrays",
				"a.go:8:17: keyed elements in composite literals are not supported; list every element in order",
				"a.go:10:11: copy inside a larger expression is not supported: Go leaves unspecified when it writes; call copy in a statement of its own (n := copy(dst, src))",
				"a.go:11:11: copying from a string is not supported in a differentiated function: godiff computes with numbers only",
				"a.go:12:12: using the struct p as a whole is not supported in a differentiated function: read its fields (p.X)",
			},
		},
		{
			name: "maps, strings and pointers by index",
			src: `
//godiff:grad
func Loss(w float64, m map[int]float64, str string, p *[2]float64) float64 {
	return w + m[1] + float64(str[0]) + p[0] + float64(len(m))
}
`,
			want: []string{
				"a.go:4:13: indexing a map is not supported in a differentiated function: godiff computes with numbers, slices and arrays; pass the values in a slice",
				"a.go:4:28: indexing a string is not supported in a differentiated function: godiff computes with numbers only",
				"a.go:4:38: indexing a pointer is not supported in a differentiated function: pass a slice",
				"a.go:4:53: the length of a map is not supported in a differentiated function: godiff computes with numbers, slices and arrays; pass the values in a slice",
			},
		},
		{
			name: "comparing and switching on arrays",
			src: `
//godiff:grad
func Loss(w float64, a, b [2]float64) float64 {
	if a == b {
		return w
	}
	switch a {
	case b:
		return -w
	}
	return 0
}
`,
			want: []string{
				"a.go:4:5: comparing values of type [2]float64 is not supported in a differentiated function; compare their elements",
				"a.go:7:9: switching on a value of type [2]float64 is not supported in a differentiated function",
			},
		},
		{
			name: "type error",
			src: `
//godiff:grad
func Loss(x float64) float64 {
	return x + "a"
}
`,
			want: []string{`a.go:4:9: invalid operation: x + "a" (mismatched types float64 and untyped string)`},
		},
		{
			name: "type error of several lines",
			src: `
//godiff:grad
func Loss(x float64) float64 {
	return
}
`,
			want: []string{`a.go:4:2: not enough return values (have (), want (float64))`},
		},
		{
			name: "syntax error",
			src: `
//godiff:grad
func Loss(x float64) float64 {
	return x +
}
`,
			want: []string{
				"a.go:5:1: expected operand, found '}'",
				"a.go:5:3: expected ';', found 'EOF'",
				"a.go:5:3: expected '}', found 'EOF'",
			},
		},
	}
	checkErrors(t, tests)
}

// errorCase is a source file of package p (after its package clause)
// and the diagnostics Load must report for it, in order.
type errorCase struct {
	name string
	src  string
	want []string
}

// checkErrors loads each case's file and compares the diagnostics.
func checkErrors(t *testing.T, tests []errorCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := load(t, map[string]string{"a.go": "package p" + tt.src}, "a.go")
			if err == nil {
				t.Fatalf("Load succeeded, want errors:\n%s", strings.Join(tt.want, "\n"))
			}
			if got := errorLines(t, err); !slices.Equal(got, tt.want) {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestListErrorsArePositioned checks that the errors go list reports
// about a file without a position are reported at a line and column: a
// //go:build line it cannot parse, an invalid import path (whose position
// go list puts in the message), a NUL byte in the part of the file it
// reads for the imports.
func TestListErrorsArePositioned(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"malformed build line",
			"// Package p.\n//go:build linux darwin\n\npackage p\n\n//godiff:grad\nfunc F(x float64) float64 { return x }\n",
			[]string{"a.go:2:1: parsing //go:build line: unexpected token darwin"}},
		{"invalid import path",
			"package p\n\nimport \"4 {h\"\n\n//godiff:grad\nfunc F(x float64) float64 { return x }\n",
			[]string{"a.go:3:8: invalid import path (invalid character U+0020 ' ')", "a.go:3:8: invalid import path: 4 {h"}},
		{"NUL in the header",
			"package p\n\n/x \x00\n\n//godiff:grad\nfunc F(x float64) float64 { return x }\n",
			[]string{
				"a.go:3:1: expected declaration, found '/'",
				"a.go:3:4: illegal character NUL",
				"a.go:3:4: illegal character U+0000",
				"a.go:3:4: unexpected NUL in input",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := load(t, map[string]string{"a.go": tt.src}, "a.go")
			if err == nil {
				t.Fatalf("Load succeeded, want %q", tt.want)
			}
			if got := errorLines(t, err); !slices.Equal(got, tt.want) {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestFileErrors checks diagnostics about the files given to Load, and
// that every error of every file is reported in one run, sorted.
func TestFileErrors(t *testing.T) {
	files := map[string]string{
		"a.go":        "package p\n\n//godiff:grad\nfunc A(x float64) float64 { return x }\n",
		"a_godiff.go": "// Code generated by godiff. DO NOT EDIT.\n\npackage p\n\nfunc AGrad() { stale }\n",
		"notes.txt":   "not Go\n",
		"a_test.go":   "package p\n",
		"ignored.go":  "//go:build ignore\n\npackage p\n",
		"b/b.go": `package b

//godiff:grad
func B(x float64) float64 {
	for _, c := range "ab" {
		x += float64(c)
	}
	return x
}

//godiff:gard
func C(x float64) float64 { return x }
`,
		"c/c.go": "package c\n\n//godiff:grad\nfunc C(x float64) float64 { return x + 1.5i }\n",
		"c/d.go": "package c\n\nvar D = undefined\n",
	}
	files2, err := load(t, files, "a.go", "a_godiff.go", "missing.go", "notes.txt", "b", "a_test.go", "ignored.go", "b/b.go", "c/c.go", "c/d.go")
	if files2 != nil {
		t.Errorf("Load returned files along with errors")
	}
	want := []string{
		"a_godiff.go: a_godiff.go is generated by godiff; pass the source file instead",
		"a_test.go: a_test.go is a test file; godiff differentiates functions of non-test files",
		"b: b is a directory; pass the .go files that hold //godiff: directives",
		"b.go:5:20: ranging over a string is not supported in a differentiated function: godiff computes with numbers only",
		"b.go:11:1: unknown directive //godiff:gard; want //godiff:grad, //godiff:vjp, //godiff:jvp, //godiff:jacobian, //godiff:hvp or //godiff:hessian (or //godiff:checkpoint on a loop)",
		"c.go:4:40: 1.5i (untyped complex constant (0 + 1.5i)) overflows float64",
		"ignored.go: ignored.go is excluded from the build by its constraint //go:build ignore; godiff handles files that build on this platform",
		"missing.go: missing.go does not exist",
		"notes.txt: notes.txt is not a Go source file (.go)",
	}
	got := errorLines(t, err)
	// The list is sorted by full path, which base names hide: compare the
	// lines as sets, and check the order on the list itself.
	if !slices.Equal(sortedCopy(got), sortedCopy(want)) {
		t.Errorf("errors:\n%s\nwant (in any order):\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var list ErrorList
	errors.As(err, &list)
	if !slices.IsSortedFunc(list, compareErrors) {
		t.Errorf("errors are not sorted:\n%v", err)
	}
}

func sortedCopy(s []string) []string {
	c := slices.Clone(s)
	slices.Sort(c)
	return c
}

// Type errors outside annotated functions do not stop godiff: most often
// they are calls of the derivatives it is about to write.
func TestTypeErrorsElsewhereAreLeftToTheCompiler(t *testing.T) {
	files := map[string]string{
		"net.go":  "package p\n\n//godiff:grad\nfunc Loss(w float64) float64 { return w * w }\n",
		"main.go": "package p\n\nfunc step(w float64) float64 {\n\t_, g := LossGrad(w)\n\treturn w - 0.1*g\n}\n",
	}
	got, err := load(t, files, "net.go")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if len(got) != 1 || len(got[0].Targets) != 1 || got[0].Targets[0].Func.Name != "Loss" {
		t.Fatalf("Load returned %+v, want the one target Loss", got)
	}
	// A name declared elsewhere whose declaration does not type-check is
	// reported where the annotated function uses it, pointing at the cause.
	files["other.go"] = "package p\n\nconst k = undefinedThing\n"
	files["net.go"] = "package p\n\n//godiff:grad\nfunc Loss(w float64) float64 { return w * k }\n"
	_, err = load(t, files, "net.go")
	want := "net.go:4:43: k has no valid type: its declaration at other.go:3:7 does not type-check; fix that first"
	if lines := errorLines(t, err); len(lines) != 1 || lines[0] != want {
		t.Errorf("a broken constant: got %q, want %q", lines, want)
	}
	delete(files, "other.go")
	files["net.go"] = "package p\n\n//godiff:grad\nfunc Loss(w float64) float64 { return w * LossGradient }\n"
	_, err = load(t, files, "net.go")
	if err == nil || !strings.Contains(err.Error(), "net.go:4:43: undefined: LossGradient") {
		t.Errorf("a type error inside the annotated function: got %v", err)
	}
}
