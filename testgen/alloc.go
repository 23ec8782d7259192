package testgen

import (
	"fmt"
	"strings"

	"github.com/godiff/godiff/ir"
)

// The allocations of F and of its split form are counted with
// testing.AllocsPerRun around direct calls: a call through reflection
// allocates itself. The test's closures take the arguments as interfaces,
// assert their types once, and return the call.

// fAlloc returns the alloc field of F's description: F called with the
// arguments v, receiver first; "" if a parameter's type cannot be named.
func fAlloc(s *signature) string {
	var types []string
	for k := range s.params {
		types = append(types, s.paramType(k))
	}
	decls, names, ok := unpack("v", "a", types)
	if !ok {
		return ""
	}
	return fmt.Sprintf("func(v []any) func() {\n%sreturn func() { %s }\n}", decls, call(s.f, s.f.Name, names))
}

// splitAlloc returns the alloc field of a split form's description:
// FForward then FBackward with the arguments fwd and bwd of their layouts.
func splitAlloc(r *Reverse, fwd, bwd []arg) string {
	fd, fnames, ok1 := unpack("fwd", "f", argTypes(fwd))
	bd, bnames, ok2 := unpack("bwd", "b", argTypes(bwd))
	if !ok1 || !ok2 {
		return ""
	}
	return fmt.Sprintf("func(fwd, bwd []any) func() {\n%s%sreturn func() {\n%s\n%s\n}\n}",
		fd, bd, call(r.Forward, r.Forward.Name, fnames), call(r.Backward, r.Backward.Name, bnames))
}

func argTypes(args []arg) []string {
	var out []string
	for _, a := range args {
		out = append(out, a.typ)
	}
	return out
}

// unpack declares prefix0, prefix1, ... as the elements of the slice
// named from, asserted to the types. ok is false if a type cannot be
// named.
func unpack(from, prefix string, types []string) (decls string, names []string, ok bool) {
	var b strings.Builder
	for k, t := range types {
		if !nameable(t) {
			return "", nil, false
		}
		n := fmt.Sprintf("%s%d", prefix, k)
		fmt.Fprintf(&b, "%s := %s[%d].(%s)\n", n, from, k, t)
		names = append(names, n)
	}
	return b.String(), names, true
}

// call returns a call of the function name with f's receiver: name(args)
// for a function, args[0].name(args[1:]) for a method.
func call(f *ir.Func, name string, args []string) string {
	if f.Recv() != nil {
		return fmt.Sprintf("%s.%s(%s)", args[0], name, strings.Join(args[1:], ", "))
	}
	return fmt.Sprintf("%s(%s)", name, strings.Join(args, ", "))
}
