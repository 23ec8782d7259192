package main

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/godiff/godiff"
	"github.com/godiff/godiff/internal/malformed"
	"github.com/godiff/godiff/parse"
)

// absolute matches an absolute path in a message (not a //godiff: or
// //go:build line it quotes).
var absolute = regexp.MustCompile(`(^|[\s(])/[^/\s]`)

// TestMalformedInputs runs the command, then the library, on every
// malformed or odd input: no panic; exit 0 for what godiff accepts and 1
// otherwise; every error line positioned, or a documented error about a
// path; no absolute path in what the command prints; nothing written on
// an error.
func TestMalformedInputs(t *testing.T) {
	for _, c := range malformed.Cases {
		t.Run(c.Name, func(t *testing.T) {
			dir := writeCase(t, c)
			before := snapshot(t, dir)
			code, stdout, stderr := runGodiff(c.Args...)
			switch {
			case c.OK && (code != 0 || stderr != ""):
				t.Fatalf("exit %d, stderr:\n%s\nwant 0 and no errors", code, stderr)
			case !c.OK && code != 1:
				t.Fatalf("exit %d, stderr:\n%s\nwant 1", code, stderr)
			case stdout != "":
				t.Errorf("stdout %q, want none", stdout)
			case c.Want != "" && stderr != c.Want:
				t.Errorf("stderr:\n%s\nwant:\n%s", stderr, c.Want)
			}
			for _, line := range strings.Split(strings.TrimSuffix(stderr, "\n"), "\n") {
				if line != "" && !malformed.Positioned.MatchString(line) && !malformed.PathError.MatchString(line) {
					t.Errorf("error line without a position: %q", line)
				}
				if absolute.MatchString(line) || strings.Contains(line, dir) {
					t.Errorf("error line with an absolute path: %q", line)
				}
			}
			if after := snapshot(t, dir); !c.OK && !maps.Equal(before, after) {
				t.Errorf("files written although the run failed: before %v, after %v", keys(before), keys(after))
			}
			checkLibrary(t, c, dir)
		})
	}
}

// checkLibrary runs godiff.Generate on the case's paths, made absolute:
// it succeeds where the command does, and otherwise returns no output and
// an ErrorList of positioned errors and errors about paths, the command's
// where the case has them.
func checkLibrary(t *testing.T, c malformed.Case, dir string) {
	t.Helper()
	paths := make([]string, len(c.Args))
	for i, a := range c.Args {
		paths[i] = filepath.Join(dir, a)
	}
	outs, err := godiff.Generate(paths, godiff.Options{})
	if c.OK {
		if err != nil {
			t.Errorf("Generate: %v", err)
		}
		return
	}
	var list parse.ErrorList
	if !errors.As(err, &list) || len(list) == 0 || outs != nil {
		t.Fatalf("Generate returned %d outputs and %v (%T), want no output and an ErrorList", len(outs), err, err)
	}
	for _, e := range list {
		if (e.Pos.Line == 0 || e.Pos.Column == 0) && !malformed.PathError.MatchString(e.Error()) {
			t.Errorf("Generate: error without a position: %v", e)
		}
	}
	// The library names files absolute, at every depth of a message: the
	// same list as the command's, once the directory is taken off.
	if got := strings.ReplaceAll(list.Error(), dir+string(filepath.Separator), "") + "\n"; c.Want != "" && got != c.Want {
		t.Errorf("Generate's diagnostics, relative to the directory:\n%s\nwant the command's:\n%s", got, c.Want)
	}
}

// writeCase writes the case's files into a new directory, with go.mod
// unless the case has none or its own, and makes it the working directory.
func writeCase(t *testing.T, c malformed.Case) string {
	t.Helper()
	dir := t.TempDir()
	files := maps.Clone(c.Files)
	if _, ok := files["go.mod"]; !ok && !c.NoModule {
		files["go.mod"] = goMod
	}
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	return dir
}

// snapshot returns every file under dir and its content.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := make(map[string]string)
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		files[path] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func keys(m map[string]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, filepath.Base(k))
	}
	return ks
}

// TestBadCommandLines checks that a bad command line exits 2 with the
// flag package's error and where to find help, and writes nothing.
func TestBadCommandLines(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{nil, "godiff: no input files; usage: godiff [flags] FILE.go ... (godiff -h for help)\n"},
		{[]string{"-o"}, "flag needs an argument: -o\nusage: godiff [flags] FILE.go ... (godiff -h for help)\n"},
		{[]string{"-frobnicate", "a.go"}, "flag provided but not defined: -frobnicate\nusage: godiff [flags] FILE.go ... (godiff -h for help)\n"},
		{[]string{"-check=maybe", "a.go"}, "invalid boolean value \"maybe\" for -check: parse error\nusage: godiff [flags] FILE.go ... (godiff -h for help)\n"},
		{[]string{"-v"}, "godiff: no input files; usage: godiff [flags] FILE.go ... (godiff -h for help)\n"},
	}
	for _, tt := range tests {
		dir := module(t, map[string]string{"a.go": netSrc})
		before := snapshot(t, dir)
		code, stdout, stderr := runGodiff(tt.args...)
		if code != 2 || stdout != "" || stderr != tt.want {
			t.Errorf("godiff %s: exit %d, stdout %q, stderr %q; want 2 and %q", strings.Join(tt.args, " "), code, stdout, stderr, tt.want)
		}
		if !maps.Equal(before, snapshot(t, dir)) {
			t.Errorf("godiff %s wrote files", strings.Join(tt.args, " "))
		}
	}
}
