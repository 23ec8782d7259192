package emit

import (
	"fmt"
	"go/token"
	"strconv"
	"strings"
	"unicode"

	"godiff/ir"
)

// namer gives Go names to the values of one function that are declared by a
// statement. Names are unique within the function and never shadow a
// parameter, an import, a called function of the package or a predeclared
// identifier the body writes.
type namer struct {
	fixed  map[string]bool // parameters, imports, callees, universe: never a local
	source map[string]bool // every source name in the function
	used   map[string]bool // names given so far
	next   map[string]int  // next number to try after each temporary prefix
}

// newNamer reserves the names that locals must leave alone. Source names are
// reserved too, but only against generated names: yhat2 or t1 must never
// steal a name the user wrote further down.
func newNamer(fn *ir.Func, imps *imports) (*namer, error) {
	n := &namer{
		fixed:  map[string]bool{"true": true, "false": true},
		source: make(map[string]bool),
		used:   make(map[string]bool),
		next:   make(map[string]int),
	}
	for _, name := range imps.names() {
		n.fixed[name] = true
	}
	for _, v := range fn.Body.Values {
		if b, ok := v.Type.(ir.Basic); ok {
			n.fixed[b.String()] = true // spelled in conversions and typed literals
		}
		if c, ok := v.Aux.(ir.Callee); ok && c.Path == "" {
			n.fixed[c.Name] = true
		}
		if s := sanitize(v.Name); s != "" {
			n.source[s] = true
		}
	}
	// The universe names are in fixed by now; a parameter spelled like one
	// would shadow it in the body, which no renaming of locals can repair.
	for _, p := range fn.Params {
		if n.fixed[p.Name] {
			return nil, fmt.Errorf("parameter %s shadows an identifier the body needs", p.Name)
		}
		if p.Name != "" && p.Name != "_" {
			n.fixed[p.Name] = true
		}
	}
	return n, nil
}

// named returns the Go name for a value whose source name is name: the name
// itself the first time, then name2, name3, ... as the variable is
// reassigned.
func (n *namer) named(name string) string {
	if !n.fixed[name] && !n.used[name] && !token.IsKeyword(name) {
		n.used[name] = true
		return name
	}
	for i := 2; ; i++ {
		if c := name + strconv.Itoa(i); n.free(c) {
			n.used[c] = true
			return c
		}
	}
}

// temp returns a fresh temporary name: prefix1, prefix2, ...
func (n *namer) temp(prefix string) string {
	for {
		n.next[prefix]++
		if c := prefix + strconv.Itoa(n.next[prefix]); n.free(c) {
			n.used[c] = true
			return c
		}
	}
}

// free reports whether a generated name may be given.
func (n *namer) free(name string) bool {
	return !n.fixed[name] && !n.source[name] && !n.used[name]
}

// sanitize turns a source name into a Go identifier by replacing what an
// identifier cannot contain with '_'. It returns "" for the blank identifier
// and the empty name: such a value is a temporary.
func sanitize(name string) string {
	if name == "" || name == "_" {
		return ""
	}
	var sb strings.Builder
	for i, r := range name {
		switch {
		case unicode.IsLetter(r) || r == '_':
			sb.WriteRune(r)
		case unicode.IsDigit(r):
			if i == 0 {
				sb.WriteRune('_')
			}
			sb.WriteRune(r)
		default:
			sb.WriteRune('_')
		}
	}
	return sb.String()
}

// isUniverse reports whether s is one of the predeclared identifiers an
// import alias must not shadow in the file.
func isUniverse(s string) bool {
	switch s {
	case "bool", "float32", "float64", "int", "int8", "int16", "int32", "int64",
		"uint", "uint8", "uint16", "uint32", "uint64", "uintptr", "true", "false":
		return true
	}
	return false
}
