package testgen

import (
	"bytes"
	"fmt"
	"go/format"
	"go/token"
	"slices"
	"strings"

	"github.com/godiff/godiff/emit"
)

// File returns the formatted Go source of the test file: the header, the
// tests, one per function, then the checking code.
func File(spec FileSpec) ([]byte, error) {
	if !token.IsIdentifier(spec.Package) {
		return nil, fmt.Errorf("testgen: invalid package name %q", spec.Package)
	}
	rt, imports, err := runtime(spec.Suffix, spec.Taken)
	if err != nil {
		return nil, err
	}
	imports = append(imports, structImports(spec.Funcs, imports)...)
	testing := "testing"
	for _, im := range imports {
		if im.path == "testing" {
			testing = im.name
		}
	}
	var b bytes.Buffer
	b.WriteString(emit.Header + "\n\n")
	if spec.BuildConstraint != "" {
		fmt.Fprintf(&b, "//go:build %s\n\n", spec.BuildConstraint)
	}
	fmt.Fprintf(&b, "package %s\n\nimport (\n", spec.Package)
	for _, im := range imports {
		fmt.Fprintf(&b, "\t%s\n", im.spec())
	}
	b.WriteString(")\n")
	for _, f := range spec.Funcs {
		if err := writeTest(&b, f, spec, testing); err != nil {
			return nil, err
		}
	}
	b.WriteString("\n// The checking code below is the same in every file godiff -tests writes.\n")
	b.WriteString(rt)
	src, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("testgen: internal error formatting the test file: %v", err)
	}
	return src, nil
}

// writeTest writes the test of one function.
func writeTest(b *bytes.Buffer, f *Func, spec FileSpec, testing string) error {
	s := newSignature(f.F)
	name := TestName(f.F)
	suffix := "_" + spec.Suffix
	fmt.Fprintf(b, "\n// TestGodiff%s checks the derivatives godiff generated for %s: %s (see godiffCheck%s).\nfunc TestGodiff%s(t *%s.T) {\n",
		name, displayName(f.F), strings.Join(derivatives(f), ", "), suffix, name, testing)
	fmt.Fprintf(b, "godiffCheck%s(t, &godiffFunc%s{\n", suffix, suffix)
	fmt.Fprintf(b, "name: %q,\nfn: %s,\n", displayName(f.F), funcValue(f.F, f.F.Name))
	var params []string
	for k := range s.params {
		params = append(params, fmt.Sprintf("%q", s.paramName(k)))
	}
	fmt.Fprintf(b, "params: []string{%s},\n", strings.Join(params, ", "))
	if len(s.leaves) > 0 {
		b.WriteString("leaves: []godiffLeaf" + suffix + "{\n")
		for _, i := range s.leaves {
			fmt.Fprintf(b, "{name: %q, param: %d%s},\n", s.leafName(i), s.paramOf[i], leafAccessor(s, i))
		}
		b.WriteString("},\n")
	}
	points := PointsName(f.F)
	if spec.Declared[points] {
		fmt.Fprintf(b, "points: %s,\n", points)
	}
	if noFD := NoFDName(f.F); spec.Declared[noFD] {
		fmt.Fprintf(b, "noFD: %s,\n", noFD)
	}
	fmt.Fprintf(b, "pointsName: %q,\npointsDecl: %q,\n", points, pointsDecl(s, points))
	if f.Exits {
		b.WriteString("exits: true,\n")
	}
	if f.Makes {
		b.WriteString("makes: true,\n")
	}
	if len(f.Reverse) > 0 {
		b.WriteString("reverse: []*godiffReverse" + suffix + "{\n")
		for _, r := range f.Reverse {
			if err := writeReverse(b, s, r); err != nil {
				return err
			}
		}
		b.WriteString("},\n")
	}
	if f.JVP != nil {
		args, err := s.layout(f.JVP.Func, s.jvpRole(f.JVP.Wrt, f.JVP.Outputs))
		if err != nil {
			return err
		}
		fmt.Fprintf(b, "forward: &godiffForward%s{\nname: %q,\nfn: %s,\nwrt: %s,\nargs: %s,\n},\n",
			suffix, displayName(f.JVP.Func), funcValue(f.JVP.Func, f.JVP.Func.Name), leafList(s, f.JVP.Wrt), argList(args))
	}
	if alloc := fAlloc(s); alloc != "" {
		fmt.Fprintf(b, "alloc: %s,\n", alloc)
	}
	b.WriteString("})\n}\n")
	return nil
}

// writeReverse writes the description of one split form.
func writeReverse(b *bytes.Buffer, s *signature, r *Reverse) error {
	b.WriteString("{\n")
	fmt.Fprintf(b, "wrt: %s,\n", leafList(s, r.Wrt))
	if len(r.Seeded) > 0 {
		fmt.Fprintf(b, "seeded: %s,\n", leafList(s, r.Seeded))
	}
	var wrapper = r.Grad
	if r.Grad != nil {
		fmt.Fprintf(b, "grad: %s,\ngradName: %q,\n", funcValue(r.Grad, r.Grad.Name), displayName(r.Grad))
	}
	if r.VJP != nil {
		wrapper = r.VJP
		args, err := s.layout(r.VJP, s.vjpRole(r.Seeded))
		if err != nil {
			return err
		}
		fmt.Fprintf(b, "vjp: %s,\nvjpName: %q,\nvjpArgs: %s,\n", funcValue(r.VJP, r.VJP.Name), displayName(r.VJP), argList(args))
	}
	fmt.Fprintf(b, "grads: %s,\n", argList(s.gradients(wrapper, r.Wrt)))
	fwd, err := s.layout(r.Forward, s.forwardRole)
	if err != nil {
		return err
	}
	bwd, err := s.layout(r.Backward, s.backwardRole(r.Buffers, r.Seeded))
	if err != nil {
		return err
	}
	fmt.Fprintf(b, "forward: %s,\nforwardName: %q,\nforwardArgs: %s,\n", funcValue(r.Forward, r.Forward.Name), displayName(r.Forward), argList(fwd))
	fmt.Fprintf(b, "backward: %s,\nbackwardName: %q,\nbackwardArgs: %s,\n", funcValue(r.Backward, r.Backward.Name), displayName(r.Backward), argList(bwd))
	fmt.Fprintf(b, "tape: func() any { return new(%s) },\n", r.Forward.Tape.Name)
	if alloc := splitAlloc(r, fwd, bwd); alloc != "" {
		fmt.Fprintf(b, "alloc: %s,\n", alloc)
	}
	b.WriteString("},\n")
	return nil
}

// leafAccessor returns the at field of leaf IR parameter i: a function
// from a pointer to its parameter to a pointer to the leaf, or "" for a
// leaf that is its parameter.
func leafAccessor(s *signature, i int) string {
	p := s.f.Params[i]
	g := p.Group
	if g == nil {
		return ""
	}
	if g.Pointer {
		return fmt.Sprintf(", at: func(p any) any { return &(*p.(**%s)).%s }", g.Type, p.Field)
	}
	return fmt.Sprintf(", at: func(p any) any { return &p.(*%s).%s }", g.Type, p.Field)
}

// leafList returns the leaf numbers of IR parameters, as a Go literal.
func leafList(s *signature, params []int) string {
	var out []string
	for _, i := range params {
		out = append(out, fmt.Sprint(s.leafOf[i]))
	}
	return "[]int{" + strings.Join(out, ", ") + "}"
}

// argList returns a layout as the checking code reads it (see
// godiffLayout_tmpl), a quoted Go string.
func argList(args []arg) string {
	var out []string
	for _, a := range args {
		switch a.kind {
		case 'p', 's':
			out = append(out, fmt.Sprintf("%c%d", a.kind, a.index))
		case 't':
			out = append(out, "t")
		case 'd':
			var ls []string
			for k, l := range a.leaves {
				ls = append(ls, fmt.Sprintf("%d%c", l, a.roles[k]))
			}
			d := strings.Join(ls, "+")
			if a.whole && len(ls) == 1 {
				d += "+"
			}
			out = append(out, d)
		}
	}
	return fmt.Sprintf("%q", strings.Join(out, " "))
}

// pointsDecl returns the declaration of the user's points function, F's
// parameters of one type in a row written together: at func(a, b float64).
func pointsDecl(s *signature, name string) string {
	var ps []string
	for k := range s.params {
		n := s.paramName(k)
		if n == "_" || n == "" {
			n = fmt.Sprintf("p%d", k)
		}
		t := s.paramType(k)
		if k+1 < len(s.params) && s.paramType(k+1) == t {
			ps = append(ps, n+", ")
		} else {
			ps = append(ps, n+" "+t+", ")
		}
	}
	return fmt.Sprintf("func %s(at func(%s))", name, strings.TrimSuffix(strings.Join(ps, ""), ", "))
}

// derivatives lists the generated functions of f, for the test's comment.
func derivatives(f *Func) []string {
	var out []string
	for _, r := range f.Reverse {
		if r.Grad != nil {
			out = append(out, displayName(r.Grad))
		}
		if r.VJP != nil {
			out = append(out, displayName(r.VJP))
		}
	}
	if f.JVP != nil {
		out = append(out, displayName(f.JVP.Func))
	}
	for _, r := range f.Reverse {
		out = append(out, fmt.Sprintf("the split form %s, %s and %s", r.Forward.Tape.Name, displayName(r.Forward), displayName(r.Backward)))
	}
	return out
}

// structImports returns the imports the tests' leaf accessors need for the
// struct parameters of other packages' types (p.(*r3.Vec).X), by the name
// the package's own code spells them with, those of have left out.
func structImports(funcs []*Func, have []imported) []imported {
	var out []imported
	for _, f := range funcs {
		for _, p := range f.F.Params {
			if p.Group == nil || p.Group.Qualified == "" {
				continue
			}
			for _, part := range p.Group.Spelling().Parts() {
				known := func(im imported) bool { return im.path == part.Path }
				if part.Path == "" || slices.ContainsFunc(have, known) || slices.ContainsFunc(out, known) {
					continue
				}
				name, _, _ := strings.Cut(p.Group.Type, ".")
				out = append(out, imported{path: part.Path, name: name})
			}
		}
	}
	return out
}
