package ir

import "regexp"

// ForeignQualifier is how Opaque.Qualified writes the package of a named
// type of another package: its import path and its name, each ended by a
// NUL byte after a leading one. Neither a path nor a name nor Go's
// spelling of a type (whose string tags are quoted) holds a NUL byte, so
// the spelling splits back exactly.
func ForeignQualifier(path, name string) string {
	return "\x00" + path + "\x00" + name + "\x00"
}

// foreignName matches one qualified name in Opaque.Qualified.
var foreignName = regexp.MustCompile("\x00([^\x00]*)\x00([^\x00]*)\x00\\.([\\pL_][\\pL\\pN_]*)")

// A TypePart is a piece of an opaque type's spelling: Text as Go writes
// it, or, where Path is set, the type Name of the package at Path, whose
// package name is Pkg.
type TypePart struct {
	Text, Path, Pkg, Name string
}

// Parts splits the type's spelling into text and the named types of other
// packages, in order: map[a.Key]b.Val is "map[", a.Key, "]", b.Val. A type
// that names no other package is one part, its text.
func (t Opaque) Parts() []TypePart {
	if t.Qualified == "" {
		return []TypePart{{Text: t.Go}}
	}
	var parts []TypePart
	at := 0
	for _, m := range foreignName.FindAllStringSubmatchIndex(t.Qualified, -1) {
		if m[0] > at {
			parts = append(parts, TypePart{Text: t.Qualified[at:m[0]]})
		}
		parts = append(parts, TypePart{Path: t.Qualified[m[2]:m[3]], Pkg: t.Qualified[m[4]:m[5]], Name: t.Qualified[m[6]:m[7]]})
		at = m[1]
	}
	if at < len(t.Qualified) {
		parts = append(parts, TypePart{Text: t.Qualified[at:]})
	}
	return parts
}
