package parse

import (
	"testing"
)

// TestStructErrors checks each diagnostic about structs, methods and
// nested arrays, with its position. As in TestErrors, each case's src is
// the file a.go after "package p".
func TestStructErrors(t *testing.T) {
	const net = `
type Config struct {
	Scale float64
	Name  string
}

type Net struct {
	W    []float64
	B    float64
	Act  Config
	Next *Net
	Name string
	Temp Celsius
	N    int
}

type Celsius float64
`
	tests := []errorCase{
		{
			name: "reading through a pointer field",
			src: net + `
//godiff:grad n
func (n *Net) Loss(x float64) float64 { return n.Next.B * x }
`,
			want: []string{
				"a.go:20:48: reading n.Next.B goes through the pointer n.Next, which is not supported: godiff reads the fields of a struct parameter (or of a pointer to one) and of the struct values inside it; make n.Next a struct value",
			},
		},
		{
			name: "slices of structs",
			src: net + `
//godiff:grad x
func Loss(ns []Net, x float64) float64 { return ns[0].B * x }
`,
			want: []string{
				"a.go:20:49: reading ns[0].B, a field of an element of ns, is not supported: godiff does not support slices and arrays of structs; use a struct of slices",
			},
		},
		{
			name: "struct locals",
			src: net + `
//godiff:grad n
func Loss(n *Net) float64 {
	c := n.Act
	var d Config
	m := n
	return c.Scale + d.Scale + m.B
}
`,
			want: []string{
				"a.go:23:7: using the struct n as a whole is not supported in a differentiated function: read its fields (n.W)",
			},
		},
		{
			name: "package variables",
			src: net + `
var (
	Exported = 2.0
	assigned = 3.0
	pointed  = 4.0
	fixed    = 5.0
	cfg      Config
	sliced   = [2]float64{1, 2}
)

func set() { assigned = 1; _ = &pointed; _ = sliced[:] }

//godiff:grad x
func Loss(x float64) float64 {
	return x * Exported * assigned * pointed * fixed * cfg.Scale * sliced[0]
}
`,
			want: []string{
				"a.go:32:13: Loss reads package variable Exported; pass it as a parameter",
				"a.go:32:24: Loss reads package variable assigned; pass it as a parameter",
				"a.go:32:35: Loss reads package variable pointed; pass it as a parameter",
				"a.go:32:53: Loss reads package variable cfg; pass it as a parameter",
				"a.go:32:65: Loss reads package variable sliced; pass it as a parameter",
			},
		},
		{
			name: "comparing structs",
			src: net + `
//godiff:grad x
func Loss(x float64) float64 {
	a := Config{Scale: x}
	if a == (Config{Scale: 1}) {
		return 0
	}
	return a.Scale
}
`,
			want: []string{
				"a.go:22:5: comparing structs is supported only where every field is a number or a bool godiff reads (no string, array, slice or unexported field of another package): compare the fields you need",
			},
		},
		{
			name: "local structs",
			src: net + `
func mk(x float64) Net { return Net{B: x} }

//godiff:grad x
func Loss(x float64, w []float64) float64 {
	a := mk(x)
	b := Config{Scale: x, Name: "b" + a.Name}
	var n Net
	n.Act = b
	for i := range w {
		n.B += w[i]
		n.W = w
	}
	for c := (Config{Scale: x}); c.Scale < 1; {
		break
	}
	return n.B
}
`,
			want: []string{
				"a.go:23:7: mk returns a struct whose field W is not a number; godiff follows a struct result of numbers only: return the numbers, or pass a slice to write into",
				"a.go:24:30: the field Name has type string, which godiff does not compute with: give it a constant or leave it out",
				"a.go:26:2: assigning to n.Act, a struct inside the struct n, is not supported: assign its fields one by one (n.Act.Scale = v)",
				"a.go:29:3: assigning n.W here is not supported: where a local struct's fields are assigned inside a loop or a branch, only its number fields can be; keep the array or slice in a variable of its own",
				"a.go:31:6: declaring a struct in a for loop's init statement is not supported; declare c before the loop",
			},
		},
		{
			name: "fields of unsupported types",
			src: net + `
//godiff:grad n
func Loss(n *Net) float64 {
	return n.B * float64(len(n.Name)) * float64(n.Temp) * float64(len(n.Act.Name))
}
`,
			want: []string{
				"a.go:21:23: the length of a string is not supported in a differentiated function: godiff computes with numbers only",
				"a.go:21:46: the field n.Temp has type Celsius, which is not supported yet in a differentiated function",
				"a.go:21:64: the length of a string is not supported in a differentiated function: godiff computes with numbers only",
			},
		},
		{
			name: "assigning fields",
			src: net + `
//godiff:grad n
func Loss(n *Net, x float64) float64 {
	n.B = x
	n.W = make([]float64, 3)
	n.B += x
	n.N++
	n.Act.Scale *= 2
	n.W[0] = x
	return n.W[0]
}
`,
			want: []string{
				"a.go:21:2: assigning to the field n.B is not supported: a differentiated function may not change a field of its parameters; keep the value in a local variable",
				"a.go:22:2: assigning to the field n.W is not supported: a differentiated function may not replace a field of its parameters; assign its elements (n.W[i] = v), or copy into it",
				"a.go:23:2: assigning to the field n.B is not supported: a differentiated function may not change a field of its parameters; keep the value in a local variable",
				"a.go:24:2: assigning to the field n.N is not supported: a differentiated function may not change a field of its parameters; keep the value in a local variable",
				"a.go:25:2: assigning to the field n.Act.Scale is not supported: a differentiated function may not change a field of its parameters; keep the value in a local variable",
			},
		},
		{
			name: "struct types godiff cannot flatten",
			src: net + `
//godiff:grad p
func Loss(p struct{ X float64 }, q struct{ Y float64 }) float64 { return q.Y }
`,
			want: []string{
				"a.go:19:1: //godiff:grad names p, which has type struct{X float64}: only named struct types (the package's, or another package's exported ones), or pointers to them, can be differentiated; declare a named struct type, or take its fields as float parameters",
				"a.go:20:74: reading q.Y, a field of q (of type struct{Y float64}), is not supported: godiff reads the fields of parameters and receivers whose type is a struct declared in the package, or a pointer to one",
			},
		},
		{
			name: "struct without differentiable fields",
			src: net + `
type Names struct{ A, B string }

//godiff:grad n
func Loss(n Names, x float64) float64 { return x }

//godiff:grad
func Empty(n Names) float64 { return 1 }
`,
			want: []string{
				"a.go:21:1: //godiff:grad names n, which has type Names; only float64 and float32 parameters, slices and arrays of them, and structs with such fields can be differentiated",
				"a.go:24:1: Empty has no float64 or float32 parameter (or slice, array or struct of them) to differentiate",
			},
		},
		{
			name: "methods of generic types",
			src: `
type Box[T any] struct{ V T }

//godiff:grad
func (b Box[T]) Loss(x float64) float64 { return x }
`,
			want: []string{
				"a.go:4:1: //godiff:grad on a method of a generic type is not supported",
			},
		},
		{
			name: "generated methods clash with fields and methods",
			src: `
type Net struct {
	W        float64
	LossGrad float64
}

func (n *Net) LossForward() {}

//godiff:grad
func (n *Net) Loss(x float64) float64 { return n.W * x }
`,
			want: []string{
				"a.go:9:1: //godiff:grad would generate the method Net.LossForward, but Net has a method LossForward already (a.go:7:15); rename one of them",
				"a.go:9:1: //godiff:grad would generate the method Net.LossGrad, but Net has a field LossGrad already (a.go:4:2); rename one of them",
			},
		},
		{
			name: "generated package-level names clash",
			src: `
type Net struct{ W float64 }

func NetLossBackward() {}

type NetLossTape struct{}

var poolNetLossTape int

//godiff:grad
func (n *Net) Loss(x float64) float64 { return n.W * x }
`,
			want: []string{
				"a.go:10:1: //godiff:grad would generate NetLossBackward, but the package declares NetLossBackward already (a.go:4:6); rename one of them",
				"a.go:10:1: //godiff:grad would generate NetLossTape, but the package declares NetLossTape already (a.go:6:6); rename one of them",
				"a.go:10:1: //godiff:grad would generate poolNetLossTape, but the package declares poolNetLossTape already (a.go:8:5); rename one of them",
			},
		},
		{
			name: "a function and a method generating the same names",
			src: `
type Net struct{ W float64 }

//godiff:grad
func NetLoss(x float64) float64 { return x * x }

//godiff:grad
//godiff:vjp
func (n *Net) Loss(x float64) float64 { return n.W * x }
`,
			want: []string{
				"a.go:7:1: //godiff:grad would generate NetLossBackward, which NetLoss at a.go:5:6 generates too; rename one of them",
				"a.go:7:1: //godiff:grad would generate NetLossTape, which NetLoss at a.go:5:6 generates too; rename one of them",
			},
		},
		{
			name: "writing derivatives into a struct not differentiated",
			src: net + `
//godiff:grad x
//godiff:jvp x
func Loss(n *Net, x float64) float64 {
	n.W[0] = n.B * x
	return x
}
`,
			want: []string{
				"a.go:19:1: //godiff:grad: Loss writes values that depend on the differentiated parameters into n.W, a field of n, which the directive does not differentiate; name n in the directive too",
				"a.go:20:1: //godiff:jvp: Loss writes values that depend on the differentiated parameters into n.W, a field of n, which the directive does not differentiate; name n in the directive too",
			},
		},
		{
			name: "nested arrays",
			src: `
//godiff:grad
func Loss(g [2][3]float64, w float64) float64 {
	for _, row := range g {
		w += row[0]
	}
	g[0] = [3]float64{w}          // accepted: copied into the row
	a := [2][3]float64{g[1], {w}} // accepted: the row g[1] copied
	return w + a[0][0]
}
`,
			want: []string{
				"a.go:4:9: ranging over the nested array g with a value variable is not supported: the variable would be a copy of each row; range over the indexes (for i := range g) and read g[i][j]",
			},
		},
	}
	checkErrors(t, tests)
}
