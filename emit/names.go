package emit

import (
	"fmt"
	"go/token"
	"strconv"
	"strings"
	"unicode"

	"github.com/godiff/godiff/ir"
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
	fn.Walk(func(v *ir.Value) {
		n.reserve(typeIdents(v.Type)...) // spelled in conversions, typed literals, declarations
		switch aux := v.Aux.(type) {
		case ir.Callee:
			if aux.Path == "" {
				n.reserve(aux.Name)
			}
		case *ir.Halt:
			n.reserve(aux.Names()...) // panic, errLength, describe
		case *ir.Var:
			n.reserve(typeIdents(aux.Type)...)
			if aux.Group != nil {
				n.reserve(aux.Group.Name, aux.Group.Type) // dn := new(Net)
			}
			if _, ok := aux.Type.(ir.Basic); !ok {
				n.reserve("nil") // the zero value a hoisted declaration may assign
			}
			if s := sanitize(aux.Name); s != "" {
				n.source[s] = true
			}
		}
		n.reserve(builtins(v)...)
		if s := sanitize(v.Name); s != "" {
			n.source[s] = true
		}
	})
	// The universe names are in fixed by now; a parameter spelled like one
	// would shadow it in the body, which no renaming of locals can repair.
	seen := make(map[*ir.Group]bool)
	for _, p := range fn.Params {
		name := p.Name
		if p.Group != nil {
			if seen[p.Group] {
				continue
			}
			seen[p.Group] = true
			name = p.Group.Name // the leaves' names are the IR's only
		}
		if n.fixed[name] {
			return nil, fmt.Errorf("parameter %s shadows an identifier the body needs", name)
		}
		if name != "" && name != "_" {
			n.fixed[name] = true
		}
	}
	return n, nil
}

// reserve keeps names from ever being given to a local.
func (n *namer) reserve(names ...string) {
	for _, name := range names {
		n.fixed[name] = true
	}
}

// builtins returns the predeclared functions v's code calls.
func builtins(v *ir.Value) []string {
	switch v.Op {
	case ir.OpLen:
		return []string{"len"}
	case ir.OpCap:
		return []string{"cap"}
	case ir.OpMin:
		return []string{"min"}
	case ir.OpMax:
		return []string{"max"}
	case ir.OpIsNil:
		return []string{"nil"}
	case ir.OpCopySlice:
		return []string{"copy"}
	case ir.OpMake:
		return []string{"make"}
	case ir.OpTapeSave:
		return []string{"append"}
	case ir.OpTapeCalls:
		return []string{"len"}
	case ir.OpTapeBuffer:
		return []string{"clear", "len"}
	case ir.OpTapeReset:
		if f := v.Aux.(*ir.TapeField); f.IsSite() && f.Indirect {
			return []string{"new", "nil"}
		}
	}
	return nil
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

// fresh returns base if it is free, else base2, base3, ...: a generated
// name for a value that reads best unnumbered (a loop index i).
func (n *namer) fresh(base string) string {
	name := base
	for i := 2; !n.free(name); i++ {
		name = base + strconv.Itoa(i)
	}
	n.used[name] = true
	return name
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

// paramRef returns the name by which the body reads the parameter v: its
// leafRef, or for a blank parameter the body reads, a fresh name, which
// the signature then gives it.
func (e *funcEmitter) paramRef(n *namer, v *ir.Value) string {
	i := v.Aux.(int)
	ref := leafRef(e.fn.Params[i])
	if ref != "_" || e.plan.uses[v] == 0 {
		return ref
	}
	if e.blank == nil {
		e.blank = make(map[int]string)
	}
	e.blank[i] = n.fresh("blank")
	return e.blank[i]
}

// nameValues names, in program order, the parameters, every value that
// gets a declaration of its own, every variable and every loop a break or
// continue must name.
func (e *funcEmitter) nameValues(imps *imports) error {
	n, err := newNamer(e.fn, imps)
	if err != nil {
		return err
	}
	e.names = make(map[*ir.Value]string)
	results := make(map[extractKey]string) // an invoke's results named so far
	e.arrayNames = make(map[arrayKey]string)
	e.fn.Walk(func(v *ir.Value) {
		if x, ok := v.Aux.(*ir.Var); ok {
			if info := e.vars[x]; info != nil && info.name == "" {
				info.name = nameOf(n, x.Name, "v")
			}
		}
		switch e.plan.form[v] {
		case formParam:
			e.names[v] = e.paramRef(n, v)
		case formDeclare, formSelect:
			if _, ok := v.Type.(ir.Tuple); !ok { // a tuple's results are named instead
				e.names[v] = e.valueName(n, v)
			}
		case formIndex:
			if e.plan.uses[v] > 0 {
				e.names[v] = nameOf(n, v.Name, "i")
			}
		case formExtract:
			if g, field := e.arrayResult(v); g != nil {
				k := arrayKey{v.Args[0], g}
				if e.arrayNames[k] == "" {
					e.arrayNames[k] = e.valueName(n, v)
				}
				e.names[v] = e.arrayNames[k] + field // t1[0]
				return
			}
			k := extractKey{v.Args[0], v.Aux.(int)}
			if results[k] == "" {
				results[k] = e.valueName(n, v)
			}
			e.names[v] = results[k] // two extracts of one result share its name
		}
	})
	e.nameLabels()
	return nil
}

// extractKey identifies one result of an invoke.
type extractKey struct {
	call  *ir.Value
	index int
}

// valueName names a declared value: its source name, or a temporary.
func (e *funcEmitter) valueName(n *namer, v *ir.Value) string {
	if v.Op == ir.OpLocalTape {
		return nameOf(n, v.Name, "tape")
	}
	if hasName(v) {
		return n.named(sanitize(v.Name))
	}
	return n.temp(tempPrefix(v))
}

// nameOf returns the name for a source name, or a fresh name built on
// base when there is none.
func nameOf(n *namer, source, base string) string {
	if s := sanitize(source); s != "" {
		return n.named(s)
	}
	return n.fresh(base)
}

// tempPrefix is "c" for a condition, "t" for other temporaries.
func tempPrefix(v *ir.Value) string {
	if v.Type == ir.Bool {
		return "c"
	}
	return "t"
}
