package ir

import (
	"fmt"
	"strconv"
	"strings"
)

// String returns the function in the printed form the package doc
// describes.
func (f *Func) String() string {
	var sb strings.Builder
	f.Fprint(&sb)
	return sb.String()
}

// Fprint writes the function in printed form.
func (f *Func) Fprint(sb *strings.Builder) {
	names := DisplayNames(f)
	fmt.Fprintf(sb, "func %s(", f.Name)
	for i, p := range f.Params {
		if i > 0 {
			sb.WriteString(", ")
		}
		fmt.Fprintf(sb, "%s %s", p.Name, p.Type)
	}
	sb.WriteString(") (")
	for i, r := range f.Results {
		if i > 0 {
			sb.WriteString(", ")
		}
		if r.Name != "" {
			sb.WriteString(r.Name + " ")
		}
		sb.WriteString(r.Type.String())
	}
	sb.WriteString(")\n")
	for _, v := range f.Body.Values {
		sb.WriteString("\t")
		sb.WriteString(formatValue(v, names))
		sb.WriteString("\n")
	}
}

// DisplayNames gives every value of f a unique printed name: its source
// name, with .2, .3, ... on later values of the same name, or its ID for a
// temporary.
func DisplayNames(f *Func) map[*Value]string {
	names := make(map[*Value]string)
	count := make(map[string]int)
	for _, v := range f.Body.Values {
		if !v.Op.HasValue() {
			continue
		}
		if v.Name == "" {
			names[v] = strconv.Itoa(v.ID)
			continue
		}
		count[v.Name]++
		if n := count[v.Name]; n > 1 {
			names[v] = fmt.Sprintf("%s.%d", v.Name, n)
		} else {
			names[v] = v.Name
		}
	}
	return names
}

func formatValue(v *Value, names map[*Value]string) string {
	var sb strings.Builder
	switch v.Op {
	case OpComment:
		return "# " + v.Aux.(string)
	case OpReturn:
		sb.WriteString("return")
	default:
		fmt.Fprintf(&sb, "%%%s = %s", names[v], v.Op)
	}
	switch v.Op {
	case OpParam:
		fmt.Fprintf(&sb, " %d", v.Aux)
	case OpConst:
		sb.WriteString(" " + FormatConst(v))
	case OpCall:
		sb.WriteString(" " + v.Aux.(Callee).String())
	}
	for _, a := range v.Args {
		name, ok := names[a]
		if !ok {
			name = fmt.Sprintf("?%d", a.ID)
		}
		sb.WriteString(" %" + name)
	}
	if v.Op.HasValue() {
		fmt.Fprintf(&sb, " : %s", v.Type)
	}
	return sb.String()
}

// FormatConst formats a constant's value in Go's shortest round-trip form
// for its type (Inf, -Inf and NaN for the special floats).
func FormatConst(v *Value) string {
	switch x := v.Aux.(type) {
	case float64:
		bits := 64
		if v.Type == Float32 {
			bits = 32
		}
		return strconv.FormatFloat(x, 'g', -1, bits)
	case int64:
		return strconv.FormatInt(x, 10)
	case uint64:
		return strconv.FormatUint(x, 10)
	case bool:
		return strconv.FormatBool(x)
	}
	return fmt.Sprint(v.Aux)
}
