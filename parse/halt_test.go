package parse

import "testing"

// TestHaltErrors checks what godiff refuses in a statement that ends the
// run, and in nil checks, each at its position.
func TestHaltErrors(t *testing.T) {
	checkErrors(t, []errorCase{
		{
			name: "method call in a panic",
			src: `
import "errors"

//godiff:grad
func F(x float64) float64 {
	if x < 0 {
		panic(errors.New("neg").Error())
	}
	return x
}
`,
			want: []string{"a.go:7:9: the method call errors.New(\"neg\").Error() in panic is not supported: a statement that ends the run may call functions, not methods; compute the message with fmt.Sprintf"},
		},
		{
			name: "function literal in a panic",
			src: `
//godiff:grad
func F(x float64) float64 {
	if x < 0 {
		panic(func() {})
	}
	return x
}
`,
			want: []string{"a.go:5:9: a function literal in panic is not supported: a statement that ends the run may pass constants, package-level names, the function's numbers and slices, and calls of functions of those (fmt.Sprintf, errors.New)"},
		},
		{
			name: "a builtin other than panic",
			src: `
import "fmt"

//godiff:grad
func F(x []float64) float64 {
	if len(x) == 0 {
		panic(fmt.Sprint(new(int)))
	}
	return x[0]
}
`,
			want: []string{"a.go:7:20: the builtin new in panic is not supported; compute the value before the statement"},
		},
		{
			name: "code after a panic",
			src: `
//godiff:grad
func F(x float64) float64 {
	if x < 0 {
		panic("neg")
		x = 0
	}
	return x
}
`,
			want: []string{"a.go:6:3: code after panic is not supported: it never runs; remove it"},
		},
		{
			name: "nil compared with something other than a slice",
			src: `
//godiff:grad
func F(x float64, m map[int]float64) float64 {
	if m == nil {
		return 0
	}
	return x
}
`,
			want: []string{"a.go:4:5: comparing m with nil is not supported in a differentiated function: only a slice may be compared with nil"},
		},
	})
}

// TestBuiltinErrors checks what godiff refuses of the builtin clear.
func TestBuiltinErrors(t *testing.T) {
	checkErrors(t, []errorCase{
		{
			name: "clear of a slice of slices",
			src: `
//godiff:grad
func F(x float64, m [][]float64) float64 {
	clear(m)
	return x
}
`,
			want: []string{"a.go:4:2: clear of [][]float64 is not supported in a differentiated function: godiff clears slices of numbers; clear each row"},
		},
	})
}
