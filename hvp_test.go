package godiff

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/godiff/godiff/parse"
)

// TestHVPRefusals checks what //godiff:hvp refuses when generating, each
// at its directive with what is not supported, and what it builds.
func TestHVPRefusals(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // the diagnostic, or "" for success
		contains  []string
		lacks     []string
	}{
		{
			name: "straight-line scalars",
			src: `
//godiff:hvp
func F(x, y float64) float64 { return x * x * y }
`,
			contains: []string{"func FHVP(x, y, vx, vy float64) (float64, float64, float64, float64, float64) {", "// FHVP returns F's result, its gradient with respect to x and y, and the\n// Hessian-vector product H·v for the direction (vx, vy)", "ddx += (x*vy + y*vx) * 2"},
			lacks:    []string{"FHVPTape"}, // it records nothing
		},
		{
			name: "a loop recording a value: its tangent is a parallel stack",
			src: `
//godiff:hvp
func F(x []float64) float64 {
	s := 0.0
	for _, xi := range x {
		s += math.Exp(xi)
	}
	return math.Log(s)
}
`,
			contains: []string{"type FHVPTape struct {", "dt := poolFHVPTape.Get().(*FHVPTape)", "dt.release()", "dt.exp = append(dt.exp, ", "dt.exp[nexp]"},
		},
		{
			name: "a branch recording a value: on the tangent tape",
			src: `
//godiff:hvp
func F(x, y float64) float64 {
	r := 0.0
	if x > 0 {
		r = math.Sin(x) * y
	} else {
		r = x * y * y
	}
	return r
}
`,
			contains: []string{"dt.sin = math.Cos(x) * vx", "ddy += dr2 * dt.sin"},
		},
		{
			name: "an early return from a branch",
			src: `
//godiff:hvp
func F(x, y float64) float64 {
	if x > 0 {
		return x * y
	}
	return y * y
}
`,
			contains: []string{"func FHVP(x, y, vx, vy float64) (float64, float64, float64, float64, float64) {", "r = x * y", "r = y * y"},
		},
		{
			name: "a return from inside a loop",
			src: `
//godiff:hvp
func F(x, y float64) float64 {
	for k := 0; k < 3; k++ {
		if x > 1 {
			return x * y
		}
		x = x * y
	}
	return x
}
`,
			// The return assigns the result, sets done and breaks out.
			contains: []string{"r2 = x2 * y", "done = true", "break", "if done {\n\t\tr = r2\n\t} else {\n\t\tr = x2\n\t}"},
		},
		{
			name: "the tape's name taken",
			src: `
type FHVPTape int

//godiff:hvp
func F(x float64) float64 { return x * x }
`,
			want: "a.go:9:1: //godiff:hvp would generate FHVPTape, but the package declares FHVPTape already (a.go:7:6); rename one of them",
		},
		{
			name: "a call of a package function",
			src: `
func sq(x float64) float64 { return x * x }

//godiff:hvp
func F(x, y float64) float64 { return sq(x) * y }
`,
			// Inlined: the callee's body, its return an assignment.
			contains: []string{"t1 := x * x", "return t1 * y, "},
		},
		{
			name: "a call of a helper returning inside a loop, called in a loop",
			src: `
func first(x []float64, c float64) float64 {
	for i := range x {
		if x[i] > c {
			return x[i] * c
		}
	}
	return c
}

//godiff:hvp
func F(x []float64) float64 {
	s := 0.0
	for i := range x {
		s += first(x[i:], x[i])
	}
	return s
}
`,
			contains: []string{"var first float64", "done = true", "if done {", "first = r"},
		},
		{
			name: "a recursive call",
			src: `
func pow(x float64, n int) float64 {
	if n == 0 {
		return 1
	}
	return x * pow(x, n-1)
}

//godiff:hvp
func F(x float64) float64 { return pow(x, 3) }
`,
			want: "a.go:14:1: //godiff:hvp cannot build the Hessian-vector product of F: pow calls itself (F → pow → pow), and a recursive function cannot be inlined; write the recursion as a loop",
		},
		{
			// srcgen seed 4 program 178: the refused call's missing
			// result reached a constant fold (nil pointer dereference).
			name: "a recursive call inside an inlined call, its result added to",
			src: `
func pow(x float64, n int) float64 {
	if n <= 0 {
		return 2
	}
	return 1.5 + 0.5*pow(x*x, n-1)
}

func mid(x float64) float64 {
	return pow(x, 1) + x/2
}

//godiff:hvp
func F(x float64) float64 { return mid(x) * x }
`,
			want: "a.go:18:1: //godiff:hvp cannot build the Hessian-vector product of F: pow calls itself (F → mid → pow → pow), and a recursive function cannot be inlined; write the recursion as a loop",
		},
		{
			name: "a call of a //godiff:rule function",
			src: `
func cube(x float64) float64 { return x * x * x }

//godiff:rule cube
func cubeRule(x float64) (float64, float64) { return x * x * x, 3 * x * x }

//godiff:hvp
func F(x float64) float64 { return cube(x) }
`,
			want: "a.go:12:1: //godiff:hvp cannot build the Hessian-vector product of F: it calls cube, whose derivative is a //godiff:rule, and a rule gives no second derivative; let godiff read cube (drop the rule) or pass it constants",
		},
		{
			name: "a math function of several results",
			src: `
//godiff:hvp
func F(x, y float64) float64 {
	s, c := math.Sincos(x)
	return s * c * y
}
`,
			want: "a.go:7:1: //godiff:hvp cannot build the Hessian-vector product of F: it calls math.Sincos, of several results, and differentiating through math functions of several results is not supported yet; call math functions of one result (math.Sin and math.Cos for math.Sincos)",
		},
		{
			name: "a struct parameter",
			src: `
type P struct{ A, B float64 }

//godiff:hvp
func F(p P) float64 { return p.A * p.B * p.B }
`,
			contains: []string{"func FHVP(p, vp P) (float64, P, P) {", "var dp P", "dp.A = ", "hvp.B = ", "return t1 * p.B, dp, hvp"},
		},
		{
			// Fuzzing with //godiff:hvp added to internal/arrays' and
			// internal/structs' functions: an internal error (a nil
			// adjoint in the one-call gradient) before this refusal.
			name: "an array parameter",
			src: `
//godiff:hvp
func F(a [2]float64, k float64) float64 { return a[0] * a[1] * k }
`,
			want: "a.go:7:1: //godiff:hvp cannot build the Hessian-vector product of F: a is an array, and differentiating with respect to an array is not supported yet; pass its floats as a []float64 (or separate float parameters), or name the parameters to differentiate in the directive, leaving a out",
		},
		{
			name: "an array field of a struct parameter",
			src: `
type P struct {
	W [2]float64
	B float64
}

//godiff:hvp
func F(p *P, x float64) float64 { return p.W[0]*p.B*x + p.W[1] }
`,
			want: "a.go:12:1: //godiff:hvp cannot build the Hessian-vector product of F: p.W is an array, and differentiating with respect to an array is not supported yet; pass its floats as a []float64 (or separate float parameters), or name the parameters to differentiate in the directive, leaving p.W out",
		},
		{
			name: "an array not differentiated",
			src: `
//godiff:hvp k
func F(a [2]float64, k float64) float64 {
	a[0] *= k
	return a[0] * a[1] * k
}
`,
			contains: []string{"func FHVP(a [2]float64, k, vk float64) (float64, float64, float64) {"},
		},
		{
			// srcgen seed 14 program 83: the inlined guard was
			// c || c, which go vet rejects.
			name: "a guard of two arguments inlined with one value for both",
			src: `
func guard(a, b float64) float64 {
	if math.Signbit(b) && b > 0 || math.Signbit(a) && a > 0 {
		panic("not finite")
	}
	return a * b
}

//godiff:hvp
func F(x float64) float64 { return guard(x, x) * x }
`,
			contains: []string{"if math.Signbit(x) && x > 0 {"},
		},
		{
			// srcgen seed 14 program 40 (a GGrad of a G calling
			// math.Gamma): the message said "calls passing slices".
			name: "math.Gamma",
			src: `
//godiff:hvp
func F(x float64) float64 { return math.Gamma(x) * x }
`,
			want: "a.go:7:1: //godiff:hvp cannot build the Hessian-vector product of F: the derivative of math.Gamma and math.Lgamma calls a digamma function, and godiff has no rule for its derivative (trigamma) yet, so it cannot differentiate that derivative again; keep math.Gamma and math.Lgamma out of functions differentiated twice (//godiff:hvp, //godiff:hessian, calls of GGrad, GVJP or GJVP), or give them constant arguments",
		},
		{
			// srcgen seed 20 program 27: the inlined return set the
			// result and the code after the outer if ran too, so FHVP's
			// value and derivatives were wrong without a word.
			name: "a helper returning from an if inside another",
			src: `
func h(x, y float64) float64 {
	r := y
	v := x
	if r > v {
		v -= 0.5
		if r > 0 {
			return r + v*x
		}
	}
	return r + (r - v)
}

//godiff:hvp
func F(x, y float64) float64 { return h(x, y) * x }
`,
			want: "a.go:19:1: //godiff:hvp cannot build the Hessian-vector product of F: h returns at a.go:13 before the end of its body, from an if inside another whose other paths go on, and FHVP cannot inline such a return yet (F → h); assign the result to a variable and return it once at the end",
		},
		{
			name: "a return from an if inside another",
			src: `
//godiff:hvp
func F(x, y float64) float64 {
	r := y
	if r > x {
		if r > 0 {
			return r * x
		}
	}
	return r - x
}
`,
			want: "a.go:7:1: //godiff:hvp cannot build the Hessian-vector product of F: a return before the end, from an if inside another whose other paths go on, is not supported yet; assign the result to a variable and return it once at the end",
		},
		{
			// srcgen seed 64 program 96: a return inside a loop, then
			// one from an if inside another after it; the second became
			// a break of no loop, an internal error.
			name: "a return inside a loop and one from an if inside another after it",
			src: `
//godiff:hvp x
func F(x, b float64, n int) float64 {
	for i := 0; i < n; i++ {
		if i > 1 {
			return x
		}
	}
	if b > 0 {
		if b > 4 {
			return x
		}
	}
	return x * x
}
`,
			want: "a.go:7:1: //godiff:hvp cannot build the Hessian-vector product of F: a return before the end, from an if inside another whose other paths go on, is not supported yet; assign the result to a variable and return it once at the end",
		},
		{
			name: "a method",
			src: `
type Net struct{ W float64 }

//godiff:hvp
func (n *Net) Loss(x float64) float64 { return n.W * x * x }
`,
			contains: []string{"func (n *Net) LossHVP(x float64, vn *Net, vx float64) (float64, *Net, float64, *Net, float64) {", "dn := new(Net)", "hvn := new(Net)"},
		},
		{
			name: "float32",
			src: `
//godiff:hvp
func F(x, y float32) float32 { return x * x * y }
`,
			contains: []string{"func FHVP(x, y, vx, vy float32) (float32, float32, float32, float32, float32) {", "ddy += x * vx * 2"},
		},
		{
			name: "an output slice",
			src: `
//godiff:hvp x
func F(x []float64, out []float64) float64 {
	out[0] = x[0] * x[0]
	return x[0] * x[1]
}
`,
			contains: []string{"func FHVP(x, out, vx, dout []float64) (float64, []float64, []float64) {", "// dout receives the derivative along v of what F writes into out."},
		},
		{
			name: "an output slice, for a Hessian",
			src: `
//godiff:hessian x
func F(x []float64, out []float64) float64 {
	out[0] = x[0] * x[0]
	return x[0] * x[1]
}
`,
			// The vector JVP's tangents of out go into a scratch
			// buffer; out is restored before each sweep.
			contains: []string{"dout := make([][8]float64, t3)", "t9 := FHessianVec(x, out, dx2, vx, dout, hvx, &dres)", "copy(out, savedout)"},
		},
		{
			// srcgen seed 4 program 120: the value written has no
			// derivative, so FHVP has no buffer for it; its doc named
			// one past the end of the parameters (an internal error).
			name: "a constant written into a struct's slice",
			src: `
type S struct{ W []float64 }

//godiff:hvp x
func F(x float64, s *S, k int) float64 {
	v := s.W[1] * x * x
	s.W[k] = -math.Sin(0.1)
	return v + s.W[k]
}
`,
			contains: []string{"func FHVP(x float64, s *S, k int, vx float64) (float64, float64, float64) {", "in that order: H·v is"},
		},
		{
			// srcgen seed 5 program 20: the split form of FHVP could not
			// follow GGrad's own tape ("cannot follow the slice  (tape.load)").
			name: "a call of a gradient that records in a loop",
			src: `
//godiff:grad
func G(a float64) float64 {
	r := a
	for range 2 {
		r += math.Erf(r * 0.25)
	}
	return r
}

//godiff:hvp
func F(x, y float64) float64 {
	u, du := GGrad(x * y)
	return u * du
}
`,
			want: "a.go:16:1: //godiff:hvp cannot build the Hessian-vector product of F: F calls GGrad, a gradient whose loops or branches record values on a tape, and FHVP cannot differentiate through such a gradient yet (F → GGrad); call it with arguments that do not depend on the differentiated parameters",
		},
		{
			// FHVP's gradient differed from FGrad's where the branch
			// was taken, and its H·v from the differences of FGrad's.
			name: "a call of a gradient that records in a branch",
			src: `
//godiff:grad
func G(a float64) float64 {
	r := a
	if a > 0.3 {
		r = math.Erf(r * 0.25)
	}
	return r * a
}

//godiff:hvp
func F(x, y float64) float64 {
	u, du := GGrad(x * y)
	return u * du
}
`,
			want: "a.go:16:1: //godiff:hvp cannot build the Hessian-vector product of F: F calls GGrad, a gradient whose loops or branches record values on a tape, and FHVP cannot differentiate through such a gradient yet (F → GGrad); call it with arguments that do not depend on the differentiated parameters",
		},
		{
			name: "a constant written into a struct's slice, for a Hessian",
			src: `
type S struct{ W []float64 }

//godiff:hessian x
func F(x float64, s *S, k int) float64 {
	v := s.W[1] * x * x
	s.W[k] = -math.Sin(0.1)
	return v + s.W[k]
}
`,
			// One sweep computes both columns: nothing to restore.
			contains: []string{"t3, t4 := FHessianVec(x, s, k, vx, &dres)", "F writes into s.W: each sweep runs it"},
			lacks:    []string{"savedsW"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			outs, dir, err := generateModule(t, "import \"math\"\n\nvar _ = math.Pi\n"+tt.src)
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				out := string(outs[0].Content)
				for _, s := range tt.contains {
					if !strings.Contains(out, s) {
						t.Errorf("the output lacks %q:\n%s", s, out)
					}
				}
				for _, s := range tt.lacks {
					if strings.Contains(out, s) {
						t.Errorf("the output has %q:\n%s", s, out)
					}
				}
				return
			}
			var list parse.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("Generate = %v outputs, error %v; want the diagnostic\n%s", len(outs), err, tt.want)
			}
			if got := strings.ReplaceAll(list.Error(), dir+string(filepath.Separator), ""); got != tt.want {
				t.Errorf("diagnostic:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}
