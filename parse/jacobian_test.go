package parse

import (
	"testing"
)

// TestJacobianErrors checks the diagnostics of //godiff:jacobian: its
// options, each at its own column, and the functions it cannot apply to.
func TestJacobianErrors(t *testing.T) {
	checkErrors(t, []errorCase{
		{
			name: "unknown option",
			src: `
//godiff:jacobian -width=4 x
func F(x []float64, out []float64) { out[0] = x[0] }
`,
			want: []string{"a.go:2:19: unknown option -width=4 of //godiff:jacobian; want -mode=forward or -mode=reverse"},
		},
		{
			name: "unknown mode, after a name",
			src: `
//godiff:jacobian x -mode=sideways
func F(x float64) (float64, float64) { return x, x * x }
`,
			want: []string{"a.go:2:21: -mode=sideways: want -mode=forward (vector forward mode, sweeps over the inputs), -mode=reverse (one backward sweep per output) or -mode=auto (the default: forward when the inputs are no more than the outputs)"},
		},
		{
			name: "mode twice",
			src: `
//godiff:jacobian -mode=forward  -mode=reverse
func F(x float64) (float64, float64) { return x, x * x }
`,
			want: []string{"a.go:2:34: //godiff:jacobian gives -mode twice"},
		},
		{
			name: "option on another directive",
			src: `
//godiff:grad -mode=forward
func F(x float64) float64 { return x * x }
`,
			want: []string{"a.go:2:15: //godiff:grad takes no options, and -mode=forward is not a parameter name; options are for //godiff:jacobian (-mode=forward or -mode=reverse)"},
		},
		{
			name: "a result that is not a float",
			src: `
//godiff:jacobian
func F(x float64) (float64, int) { return x, 1 }
`,
			want: []string{"a.go:2:1: //godiff:jacobian needs float64 or float32 results, or arrays of them; result 2 of F has type int"},
		},
		{
			name: "no output",
			src: `
//godiff:jacobian
func F(x float64) { _ = x }
`,
			want: []string{"a.go:2:1: //godiff:jacobian needs at least one float64 or float32 result, or a slice (a parameter, or a field of a struct parameter or of the receiver) it writes its output into; F has neither"},
		},
		{
			name: "no float parameter",
			src: `
//godiff:jacobian
func F(n int) float64 { return float64(n) }
`,
			want: []string{"a.go:2:1: F has no float64 or float32 parameter (or slice, array or struct of them) to differentiate"},
		},
		{
			name: "generated names taken",
			src: `
type FJacobianWork struct{}

func FJVPVec() {}

//godiff:jacobian
func F(x float64) (float64, float64) { return x, x * x }
`,
			want: []string{
				"a.go:6:1: //godiff:jacobian would generate FJVPVec, but the package declares FJVPVec already (a.go:4:6); rename one of them",
				"a.go:6:1: //godiff:jacobian would generate FJacobianWork, but the package declares FJacobianWork already (a.go:2:6); rename one of them",
			},
		},
		{
			name: "a forced reverse mode needs no vector JVP",
			src: `
func FJVPVec() {}

func FTape() {}

//godiff:jacobian -mode=reverse
func F(x float64) (float64, float64) { return x, x * x }
`,
			want: []string{"a.go:6:1: //godiff:jacobian would generate FTape, but the package declares FTape already (a.go:4:6); rename one of them"},
		},
	})
}
