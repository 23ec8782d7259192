package reverse

import "github.com/godiff/godiff/ir"

// Reductions returns the running variable of each loop of f that
// reductionOf recognises as a running maximum or minimum, in program
// order (see argmax.go).
func Reductions(f *ir.Func) []string {
	uses := usesOf(f)
	var out []string
	f.Walk(func(v *ir.Value) {
		if v.Op.IsLoop() {
			if p, ok := reductionOf(v, uses); ok {
				out = append(out, p.m.Name)
			}
		}
	})
	return out
}
