package main

import (
	"runtime/debug"
	"strings"
)

// version returns what -version prints: the module godiff was built from
// and its version, read from the binary's build information. Installed with
// go install MODULE/cmd/godiff@v1.2.0 the main module is godiff's, at
// v1.2.0; pinned with go get -tool, godiff is a dependency of the user's
// module, at the version go.mod requires (or replaced by a directory). A
// binary built inside a clone says (devel). The version is never written
// into generated files: regenerating with a new godiff changes only what
// the new godiff generates differently.
func version(info *debug.BuildInfo) string {
	if info == nil {
		return "godiff (no build information)"
	}
	mod := &info.Main
	for _, dep := range info.Deps {
		if within(info.Path, dep.Path) && !within(info.Path, mod.Path) {
			mod = dep
		}
	}
	v := mod.Version
	if v == "" {
		v = "(devel)"
	}
	s := "godiff " + mod.Path + " " + v
	if mod.Replace != nil {
		s += " => " + mod.Replace.Path
		if mod.Replace.Version != "" {
			s += " " + mod.Replace.Version
		}
	}
	return s
}

// within reports whether package path pkg is in the module of path mod.
func within(pkg, mod string) bool {
	return mod != "" && (pkg == mod || strings.HasPrefix(pkg, mod+"/"))
}
