package parse

import (
	"slices"
	"strings"
	"testing"
)

// TestCalleeTypeErrors checks that the type errors of the functions godiff
// reads the body of (annotated functions, the functions they call, at any
// depth, and functions declared twice) are reported as the type checker
// words them, at their positions, while type errors in functions godiff
// does not read are left to the compiler. Positions inside messages name
// files as the positions do: here, relative to the module.
func TestCalleeTypeErrors(t *testing.T) {
	const annotated = "package p\n\n//godiff:grad\nfunc F(x float64) float64 { return h(x) }\n"
	tests := []struct {
		name   string
		files  map[string]string
		inputs []string
		want   []string // "" for none
	}{
		{
			name: "mismatched types in a callee",
			files: map[string]string{"a.go": annotated,
				"h.go": "package p\n\nfunc h(x float64) float64 { s := 2; s += x; return s }\n"},
			want: []string{
				"h.go:3:37: invalid operation: s += x (mismatched types int and float64)",
				"h.go:3:52: cannot use s (variable of type int) as float64 value in return statement",
			},
		},
		{
			name:  "undefined name in a callee",
			files: map[string]string{"a.go": "package p\n\nfunc h(x float64) float64 { return x + undefinedVar }\n\n//godiff:grad\nfunc F(x float64) float64 { return h(x) }\n"},
			want:  []string{"a.go:3:40: undefined: undefinedVar"},
		},
		{
			name: "callee of a callee, called with a constant",
			files: map[string]string{"a.go": annotated,
				"h.go": "package p\n\nfunc h(x float64) float64 { return x * k(2) }\n\nfunc k(y float64) float64 { return y + undefinedVar }\n"},
			want: []string{"h.go:5:40: undefined: undefinedVar"},
		},
		{
			name: "the annotated function declared again in another file",
			files: map[string]string{"a.go": "package p\n\n//godiff:grad\nfunc F(x float64) float64 { return x * x }\n",
				"b.go": "package p\n\nfunc F(x float64) float64 { return x }\n"},
			want: []string{"b.go:3:6: F redeclared in this block (other declaration of F at a.go:4:6)"},
		},
		{
			name: "both declarations annotated, one given",
			files: map[string]string{"a.go": "package p\n\n//godiff:grad\nfunc F(x float64) float64 { return x * x }\n",
				"b.go": "package p\n\n//godiff:grad\nfunc F(x float64) float64 { return x }\n"},
			want: []string{"b.go:4:6: F redeclared in this block (other declaration of F at a.go:4:6)"},
		},
		{
			name: "both declarations annotated, both given",
			files: map[string]string{"a.go": "package p\n\n//godiff:grad\nfunc F(x float64) float64 { return x * x }\n",
				"b.go": "package p\n\n//godiff:grad\nfunc F(x float64) float64 { return x }\n"},
			inputs: []string{"a.go", "b.go"},
			want:   []string{"b.go:4:6: F redeclared in this block (other declaration of F at a.go:4:6)"},
		},
		{
			name: "a callee declared twice",
			files: map[string]string{"a.go": annotated,
				"h.go": "package p\n\nfunc h(x float64) float64 { return x * x }\n",
				"k.go": "package p\n\nfunc h(x float64) float64 { return x }\n"},
			want: []string{"k.go:3:6: h redeclared in this block (other declaration of h at h.go:3:6)"},
		},
		{
			name: "an annotated sibling declared twice",
			files: map[string]string{"a.go": "package p\n\n//godiff:grad\nfunc F(x float64) float64 { return x * x }\n",
				"b.go": "package p\n\n//godiff:grad\nfunc G(x float64) float64 { return x * x }\n",
				"c.go": "package p\n\n//godiff:grad\nfunc G(x float64) float64 { return x }\n"},
			want: []string{""}, // the runs over b.go and c.go report it
		},
		{
			name:  "an import of a module that is not there",
			files: map[string]string{"a.go": "package p\n\nimport \"example.com/notthere/pkg\"\n\n//godiff:grad\nfunc F(x float64) float64 { return x * x }\n\nvar _ = pkg.K\n"},
			want:  []string{"a.go:3:8: could not import example.com/notthere/pkg: no package is found at this path; correct it, or add the module that provides it with go get example.com/notthere/pkg"},
		},
		{
			name:  "an import of a standard package that is not there",
			files: map[string]string{"a.go": "package p\n\nimport (\n\t\"mathx\"\n)\n\n//godiff:grad\nfunc F(x float64) float64 { return x * mathx.Pi }\n"},
			want:  []string{"a.go:4:2: could not import mathx: the standard library has no such package; correct the path"},
		},
		{
			name:  "a cgo file",
			files: map[string]string{"a.go": "package p\n\n// #include <stdlib.h>\nimport \"C\"\n\n//godiff:grad\nfunc F(x float64) float64 { return x * x }\n"},
			want:  []string{`a.go:4:8: godiff does not read files that use cgo (import "C"), which cgo rewrites before compiling; move the annotated functions and the functions they call into a file of the package without import "C"`},
		},
		{
			name: "a type error in an annotated function of another file",
			files: map[string]string{"a.go": "package p\n\n//godiff:grad\nfunc F(x float64) float64 { return x * x }\n",
				"b.go": "package p\n\n//godiff:grad\nfunc G(x float64) float64 { s := 2; s += x; return s }\n"},
			want: []string{""}, // the run over b.go reports it
		},
		{
			name: "a type error in an annotated function of another file that the input calls",
			files: map[string]string{"a.go": "package p\n\n//godiff:grad\nfunc F(x float64) float64 { return G(x) }\n",
				"b.go": "package p\n\n//godiff:grad\nfunc G(x float64) float64 { s := 2; s += x; return s }\n"},
			want: []string{
				"b.go:4:37: invalid operation: s += x (mismatched types int and float64)",
				"b.go:4:52: cannot use s (variable of type int) as float64 value in return statement",
			},
		},
		{
			name: "a type error in a function godiff does not read",
			files: map[string]string{"a.go": annotated,
				"h.go": "package p\n\nfunc h(x float64) float64 { return x * x }\n\nfunc other() float64 { s := 2; return s + FGrad }\n"},
			want: []string{""},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := writeModule(t, tt.files)
			inputs := tt.inputs
			if inputs == nil {
				inputs = []string{"a.go"}
			}
			var paths []string
			for _, in := range inputs {
				paths = append(paths, dir+"/"+in)
			}
			_, err := Load(paths)
			got := []string{""}
			if err != nil {
				got = strings.Split(strings.ReplaceAll(err.Error(), dir+"/", ""), "\n")
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
