package main

import (
	"bytes"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersion(t *testing.T) {
	const cmd = "example.org/godiff/cmd/godiff"
	tests := []struct {
		name string
		info *debug.BuildInfo
		want string
	}{
		{"installed at a version", &debug.BuildInfo{Path: cmd, Main: debug.Module{Path: "example.org/godiff", Version: "v1.2.0"}},
			"godiff example.org/godiff v1.2.0"},
		{"built in a clone", &debug.BuildInfo{Path: cmd, Main: debug.Module{Path: "example.org/godiff", Version: "(devel)"}},
			"godiff example.org/godiff (devel)"},
		{"a tool of the user's module", &debug.BuildInfo{Path: cmd, Main: debug.Module{Path: "example.com/user"},
			Deps: []*debug.Module{{Path: "golang.org/x/tools", Version: "v0.52.0"}, {Path: "example.org/godiff", Version: "v1.3.1"}}},
			"godiff example.org/godiff v1.3.1"},
		{"a tool replaced by a directory", &debug.BuildInfo{Path: cmd, Main: debug.Module{Path: "example.com/user"},
			Deps: []*debug.Module{{Path: "example.org/godiff", Version: "v0.0.0-00010101000000-000000000000", Replace: &debug.Module{Path: "../godiff"}}}},
			"godiff example.org/godiff v0.0.0-00010101000000-000000000000 => ../godiff"},
		{"a module whose path is a prefix of another's", &debug.BuildInfo{Path: cmd, Main: debug.Module{Path: "example.com/user"},
			Deps: []*debug.Module{{Path: "example.org/go", Version: "v9.9.9"}, {Path: "example.org/godiff", Version: "v1.0.0"}}},
			"godiff example.org/godiff v1.0.0"},
		{"no build information", nil, "godiff (no build information)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := version(tt.info); got != tt.want {
				t.Errorf("version = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestVersionFlag runs godiff -version: it prints one line naming the
// module and exits 0, without input files.
func TestVersionFlag(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-version"}, &stdout, &stderr); code != 0 {
		t.Fatalf("godiff -version: exit %d, stderr %q", code, stderr.String())
	}
	out := stdout.String()
	info, _ := debug.ReadBuildInfo()
	if want := version(info) + "\n"; out != want || !strings.HasPrefix(out, "godiff ") {
		t.Errorf("godiff -version printed %q, want %q", out, want)
	}
}
