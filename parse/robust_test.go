package parse

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/godiff/godiff/internal/malformed"
)

// TestOddPrograms loads legal but unusual uses of control flow and memory:
// each must build (Load verifies the IR) or be refused with a positioned
// error, never panic. want is a part of the first error, "" if the
// function builds.
func TestOddPrograms(t *testing.T) {
	tests := []struct {
		name string
		src  string // the file after "package p"
		want string
	}{
		{
			name: "break in a select",
			src: `
//godiff:grad
func F(x float64, c chan int) float64 {
	for {
		select {
		case <-c:
			break
		}
		return x
	}
}`,
			want: "select statements are not supported",
		},
		{
			name: "continue and break out of a switch in a labeled range",
			src: `
//godiff:grad
func F(x float64, xs []float64) float64 {
outer:
	for _, v := range xs {
		switch {
		case v > x:
			if v > 2*x {
				continue outer
			}
			x = v
		default:
			break outer
		}
	}
	return x
}`,
			want: "",
		},
		{
			name: "switch with only a default, which breaks and returns",
			src: `
//godiff:grad
func F(x float64, n int) float64 {
	switch n {
	default:
		if x > 0 {
			return x
		}
		x = -x
		break
	}
	switch {
	default:
		return x * 2
	}
}`,
			want: "",
		},
		{
			name: "infinite loop at the end",
			src: `
//godiff:grad
func F(x float64) float64 {
	for {
		x *= 2
		if x > 1 {
			return x
		}
		switch {
		case x < 0:
			break
		}
	}
}`,
			want: "",
		},
		{
			name: "goto into a labeled loop",
			src: `
//godiff:grad
func F(x float64) float64 {
	goto L
L:
	for x < 1 {
		x *= 2
	}
	return x
}`,
			want: "goto statements are not supported",
		},
		{
			name: "labels on labels",
			src: `
//godiff:grad
func F(x float64) float64 {
A:
B:
	for x < 1 {
		x *= 2
		continue B
	}
	goto A
}`,
			want: "the label A is not on a for loop",
		},
		{
			name: "range over literals and expressions",
			src: `
//godiff:grad
func F(x float64, m [][]float64) float64 {
	for _, v := range []float64{1, x} {
		x += v
	}
	for i, v := range [2]bool{true} {
		if v {
			x += float64(i)
		}
	}
	for _, row := range m[1:] {
		for j := range len(row) {
			row[j] *= x
		}
	}
	var i int
	for i = range 3 {
	}
	return x + float64(i)
}`,
			want: "",
		},
		{
			name: "if and switch inits declaring slices",
			src: `
//godiff:grad
func F(x float64, s []float64) float64 {
	if t := s[1:]; len(t) > 0 {
		x += t[0]
	}
	switch u := s[:1]; {
	case len(u) == 1:
		x -= u[0]
	}
	return x
}`,
			want: "",
		},
		{
			name: "uses of values whose declaration failed",
			src: `
//godiff:grad
func F(x float64, s string, xs []float64) float64 {
	t := s
	for _, c := range t {
		x += float64(c)
	}
	u := append(xs, x)
	for i := range u {
		u[i] = x
		x += u[i]
	}
	var v []float64
	v[0] = x
	if len(t) > 0 && u[0] > 0 {
		x = v[0]
	}
	return x
}`,
			want: "a.go:5:7: s has type string",
		},
		{
			name: "parallel assignment to variables and elements",
			src: `
//godiff:grad
func F(x, y float64, s []float64, n int) float64 {
	for i := 0; i < n; i++ {
		x, y, s[i] = y, s[i], x
	}
	return x + y
}`,
			want: "",
		},
		{
			name: "shadowing in a loop body",
			src: `
//godiff:grad
func F(x float64, n int) float64 {
	for i := 0; i < n; i++ {
		x := x * float64(i)
		if x > 1 {
			return x
		}
	}
	return x
}`,
			want: "",
		},
		{
			name: "empty and nested blocks everywhere",
			src: `
//godiff:grad
func F(x float64, n int) float64 {
	for ; ; {
		{
			{
				if x > 1 {
				} else {
				}
			}
		}
		;
		break
	}
	for n > 0 {
		n--
	}
	switch {
	}
	return x
}`,
			want: "",
		},
		{
			name: "a slice declared in a loop's init",
			src: `
//godiff:grad
func F(x float64, xs []float64) float64 {
	for t := xs[1:]; len(t) > 0; {
		return t[0] * x
	}
	return x
}`,
			want: "a.go:5:6: declaring a slice or an array in a for loop's init statement is not supported; declare t before the loop",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := load(t, map[string]string{"a.go": "package p\n" + tt.src + "\n"}, "a.go")
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("Load: %v", err)
			case tt.want == "":
			case err == nil:
				t.Fatalf("Load succeeded, want an error containing %q", tt.want)
			default:
				if first := errorLines(t, err)[0]; !strings.Contains(first, tt.want) || !strings.HasPrefix(first, "a.go:") {
					t.Errorf("first error %q, want a positioned one containing %q", first, tt.want)
				}
			}
		})
	}
}

// TestMalformedInputs loads each malformed or odd input of package
// malformed (the command's test runs them too): Load must not panic, must
// accept what godiff accepts, and must otherwise return no files and only
// errors at positions or about the paths it was given.
func TestMalformedInputs(t *testing.T) {
	for _, c := range malformed.Cases {
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			files := map[string]string{"go.mod": "module example.com/m\n\ngo 1.26\n"}
			if c.NoModule {
				delete(files, "go.mod")
			}
			for name, src := range c.Files {
				files[name] = src
			}
			for name, src := range files {
				path := filepath.Join(dir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			paths := make([]string, len(c.Args))
			for i, a := range c.Args {
				paths[i] = filepath.Join(dir, a)
			}
			fs, err := Load(paths)
			if c.OK || c.Transform {
				if err != nil {
					t.Fatalf("Load: %v", err)
				}
				return
			}
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 || fs != nil {
				t.Fatalf("Load returned %v and %v (%T), want no files and an ErrorList", fs, err, err)
			}
			for _, e := range list {
				if (e.Pos.Line == 0 || e.Pos.Column == 0) && !malformed.PathError.MatchString(e.Error()) {
					t.Errorf("error without a position: %v", e)
				}
			}
		})
	}
}
