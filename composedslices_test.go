package godiff

import "testing"

// TestCallsOfGradientsOfSlices checks calls of FGrad of an annotated
// function of slices from annotated code (see ir.Composed): what godiff
// builds for them in each mode, and what it refuses, at the call.
func TestCallsOfGradientsOfSlices(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // the diagnostic, or "" for success
		contains  []string
	}{
		{
			name: "reverse mode: the backward function calls the HVP",
			src: `
//godiff:grad w
func S(w, x []float64) float64 { return w[0] * w[1] * x[0] }

//godiff:grad w
func P(w, x []float64) float64 {
	f, g := SGrad(w, x)
	return f + g[0]*g[1]
}
`,
			contains: []string{
				"g := make([]float64, len(w))",
				// x carries no derivative: the variant without it.
				"f := SGradCallNoXForward(sGradIntoTape, w, x, g)",
				"SGradCallNoXBackward(&sGradIntoTape, s, dw, dg)",
				"func SGradCallNoXHVP(w, x, vw []float64) (float64, []float64, []float64) {",
				"_, t1, t2 := SGradCallNoXHVP(t.w, t.x, ddw)",
				"dw2[i] += s*t1[i] + t2[i]",
			},
		},
		{
			name: "reverse mode with respect to the data too: H·(ḡ, 0)",
			src: `
//godiff:grad w
func S(w, x []float64) float64 { return w[0] * w[1] * x[0] }

//godiff:grad
func P(w, x []float64) float64 {
	f, g := SGrad(w, x)
	return f + g[0]*g[1]
}
`,
			contains: []string{
				"SGradCallBackward(&sGradIntoTape, s, dw, dx, dg)",
				"func SGradCallHVP(w, x, vw, vx []float64) (float64, []float64, []float64, []float64, []float64) {",
				"_, t2, t4, t3, t5 := SGradCallHVP(t.w, t1, ddw, make([]float64, len(t1)))",
			},
		},
		{
			name: "forward mode: the JVP calls the HVP",
			src: `
//godiff:grad w
func S(w, x []float64) float64 { return w[0] * w[1] * x[0] }

//godiff:jvp
func P(w, x []float64) float64 {
	f, g := SGrad(w, x)
	return f + g[0]*g[1]
}
`,
			contains: []string{
				"f, t2 := SGradJVP(w, x, g, dw, dx, dg)",
				"func SGradJVP(w, x, dw, dw2, dx, ddw []float64) (float64, float64) {",
			},
		},
		{
			name: "a call that carries no derivative stays a call",
			src: `
//godiff:grad
func S(w []float64) float64 { return w[0] * w[1] }

//godiff:grad w
func P(w, c []float64) float64 {
	_, g := SGrad(c)
	return w[0] * g[1]
}
`,
			contains: []string{"SGradInto(c, g)", "func SGradInto(w, dw []float64) float64 {"},
		},
		{
			name: "a JVP of a function of slices",
			src: `
//godiff:jvp
func S(w []float64) float64 { return w[0] * w[1] }

//godiff:grad
func P(w []float64) float64 {
	_, d := SJVP(w, w)
	return d
}
`,
			want: "a.go:15:10: SJVP is godiff's; godiff differentiates through the JVP it generates only for functions whose parameters and results are all float64 or float32, and S takes or returns other types; call SGrad, its gradient, and differentiate through that (a //godiff:jvp on the caller gives the gradient's JVP)",
		},
		{
			name: "a VJP of a function of slices: the seed has an adjoint",
			src: `
//godiff:vjp
func S(w []float64) float64 { return w[0] * w[1] }

//godiff:grad
func P(w []float64) float64 {
	_, g := SVJP(w, w[1])
	return g[0]
}
`,
			contains: []string{
				"func SVJPCallHVP(w, vw []float64) (float64, []float64, []float64) {",
				// The seed's adjoint: the gradient's adjoint times the gradient.
				"ds2 += ddw[i2] * t2[i2]",
				"*ds += ds2",
			},
		},
		{
			name: "a float differentiated with the slices",
			src: `
//godiff:grad
func S(w []float64, b float64) float64 { return w[0] * w[1] * b }

//godiff:grad
func P(w []float64) float64 {
	_, g, gb := SGrad(w, 2)
	return g[0] + gb
}
`,
			want: "a.go:15:14: SGrad differentiates S with respect to b, a float, as well as slices, and godiff differentiates through the gradient of a function of slices only with respect to slices; name only the slices in S's //godiff:grad, or pass b in a slice",
		},
		{
			name: "float32",
			src: `
//godiff:grad
func S(w []float32) float32 { return w[0] * w[1] }

//godiff:grad
func P(w []float32) float32 {
	_, g := SGrad(w)
	return g[0]
}
`,
			want: "a.go:15:10: godiff differentiates through SGrad of a function of slices only if S takes float64s, slices of float64, integers and bools, and returns one float64, and it returns float32",
		},
		{
			name: "a struct parameter",
			src: `
type Data struct{ X []float64 }

//godiff:grad w
func S(w []float64, d Data) float64 { return w[0] * d.X[0] }

//godiff:grad
func P(w []float64) float64 {
	_, g := SGrad(w, Data{})
	return g[0]
}
`,
			want: "a.go:17:10: godiff differentiates through SGrad of a function of slices only if S takes float64s, slices of float64, integers and bools, and returns one float64, and it takes d Data; compute the gradient in a function of such parameters, or write the computation out",
		},
		{
			name: "a slice of slices",
			src: `
//godiff:grad
func S(w [][]float64) float64 { return w[0][0] * w[0][1] }

//godiff:grad
func P(w [][]float64) float64 {
	_, g := SGrad(w)
	return g[0][0]
}
`,
			want: "a.go:15:10: godiff differentiates through SGrad of a function of slices only if S takes float64s, slices of float64, integers and bools, and returns one float64, and it takes w [][]float64; compute the gradient in a function of such parameters, or write the computation out",
		},
		{
			name: "a method",
			src: `
type Net struct{ B float64 }

//godiff:grad w
func (n *Net) Loss(w []float64) float64 { return n.B * w[0] * w[1] }

//godiff:grad
func P(w []float64) float64 {
	_, g := LossGrad(w)
	return g[0]
}
`,
			want: "a.go:17:10: LossGrad is the derivative godiff generates for the method (*Net).Loss; godiff differentiates through the derivatives it generates only for functions (not methods) whose parameters and results are all float64 or float32 (FGrad also of functions of slices of float64), and Loss is a method; write the derivative's computation out instead",
		},
		{
			name: "a function writing into a parameter",
			src: `
//godiff:grad w
func S(w, out []float64) float64 {
	out[0] = w[0]
	return w[0] * w[1]
}

//godiff:grad
func P(w []float64) float64 {
	out := make([]float64, 1)
	_, g := SGrad(w, out)
	return g[0]
}
`,
			want: "a.go:19:10: godiff cannot differentiate this call of SGrad: the derivative of SGrad along a direction is S's Hessian-vector product (forward mode over its reverse sweep), which godiff cannot build: S writes into out, a parameter; write into a slice S makes instead",
		},
		{
			name: "a function calling a rule",
			src: `
func cube(x float64) float64 { return x * x * x }

//godiff:rule cube
func cubeRule(x float64) (float64, float64) { return x * x * x, 3 * x * x }

//godiff:grad
func S(w []float64) float64 { return cube(w[0]) * w[1] }

//godiff:grad
func P(w []float64) float64 {
	_, g := SGrad(w)
	return g[0]
}
`,
			want: "a.go:20:10: godiff cannot differentiate this call of SGrad: the derivative of SGrad along a direction is S's Hessian-vector product (forward mode over its reverse sweep), which godiff cannot build: it calls cube, whose derivative is a //godiff:rule, and a rule gives no second derivative; let godiff read cube (drop the rule) or pass it constants",
		},
		{
			name: "a Hessian of a caller",
			src: `
//godiff:grad
func S(w []float64) float64 { return w[0] * w[0] * w[1] }

//godiff:hvp
func P(w []float64) float64 {
	_, g := SGrad(w)
	return g[0]
}
`,
			want: "a.go:13:1: //godiff:hvp cannot build the Hessian-vector product of P: it calls SGrad, the gradient godiff generates for S, a function of slices, and a Hessian of it would need S's third derivatives, which godiff does not build",
		},
		{
			name: "a Jacobian: reverse mode",
			src: `
//godiff:grad
func S(w []float64) float64 { return w[0] * w[0] * w[1] }

//godiff:jacobian
func P(w []float64) (float64, float64) {
	f, g := SGrad(w)
	return f + g[0], g[1]
}
`,
			contains: []string{"SGradCallBackward(&sGradIntoTape, s1, dw, dg)"},
		},
		{
			name: "a Jacobian forced into forward mode",
			src: `
//godiff:grad
func S(w []float64) float64 { return w[0] * w[0] * w[1] }

//godiff:jacobian -mode=forward
func P(w []float64) (float64, float64) {
	f, g := SGrad(w)
	return f + g[0], g[1]
}
`,
			want: "a.go:13:1: //godiff:jacobian cannot build the Jacobian of P; forward mode: vector mode cannot call SGrad, the gradient of a function of slices: its JVP takes one direction",
		},
		{
			name: "the gradient assigned to a slice variable assigned elsewhere",
			src: `
//godiff:grad
func S(w []float64) float64 { return w[0] * w[1] * w[1] }

//godiff:grad
func P(w []float64) float64 {
	g := make([]float64, 2)
	_, g = SGrad(w)
	return g[0]
}
`,
			want: "a.go:16:5: assigning the gradient SGrad returns to g, a slice variable assigned elsewhere too, is not supported; declare a variable of its own (g2 := ...), or copy into g",
		},
		{
			name: "a gradient of a caller of a gradient",
			src: `
//godiff:grad
func S(w []float64) float64 { return w[0] * w[0] * w[1] }

//godiff:grad
func T(w []float64) float64 {
	_, g := SGrad(w)
	return g[0]
}

//godiff:grad
func P(w []float64) float64 {
	_, g := TGrad(w)
	return g[1]
}
`,
			want: "a.go:21:10: godiff cannot differentiate this call of TGrad: the derivative of TGrad along a direction is T's Hessian-vector product (forward mode over its reverse sweep), which godiff cannot build: it calls SGrad, the gradient godiff generates for S, a function of slices, and a Hessian of it would need S's third derivatives, which godiff does not build",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkGenerated(t, tt.src, tt.want, tt.contains) })
	}
}
