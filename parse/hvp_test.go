package parse

import "testing"

// TestHVPErrors checks the diagnostics of //godiff:hvp, each at its
// column: it takes no options, and needs one float result like
// //godiff:grad.
func TestHVPErrors(t *testing.T) {
	checkErrors(t, []errorCase{
		{
			name: "an option",
			src: `
//godiff:hvp x -mode=forward
func F(x float64) float64 { return x * x }
`,
			want: []string{"a.go:2:16: //godiff:hvp takes no options, and -mode=forward is not a parameter name; options are for //godiff:jacobian (-mode=forward or -mode=reverse)"},
		},
		{
			name: "two results",
			src: `
//godiff:hvp
func F(x float64) (float64, float64) { return x, x * x }
`,
			want: []string{"a.go:2:1: //godiff:hvp needs exactly one float64 or float32 result; F has 2 results: use //godiff:vjp"},
		},
		{
			name: "no result",
			src: `
//godiff:hvp
func F(x []float64) { x[0] = 1 }
`,
			want: []string{"a.go:2:1: //godiff:hvp needs exactly one float64 or float32 result; F has none"},
		},
		{
			name: "an unknown parameter",
			src: `
//godiff:hvp z
func F(x float64) float64 { return x * x }
`,
			want: []string{"a.go:2:1: //godiff:hvp names \"z\", which is not a parameter of F"},
		},
		{
			name: "twice",
			src: `
//godiff:hvp
//godiff:hvp x
func F(x float64) float64 { return x * x }
`,
			want: []string{"a.go:3:1: duplicate //godiff:hvp on F; give each mode once, naming all its parameters"},
		},
		{
			name: "a name taken",
			src: `
//godiff:hvp
func F(x float64) float64 { return x * x }

func FHVP() {}
`,
			want: []string{"a.go:2:1: //godiff:hvp would generate FHVP, but the package declares FHVP already (a.go:5:6); rename one of them"},
		},
	})
}
