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
	sb.WriteString("func ")
	if g := f.Recv(); g != nil {
		fmt.Fprintf(sb, "(%s %s) ", g.Name, g.GoType())
	}
	fmt.Fprintf(sb, "%s(", f.Name)
	for i, p := range f.Params {
		if i > 0 {
			sb.WriteString(", ")
		}
		fmt.Fprintf(sb, "%s %s", p.Name, p.Type)
		if p.Group != nil {
			fmt.Fprintf(sb, " = %s", p.Group.Ref(p.Field))
		}
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
		if r.Group != nil {
			fmt.Fprintf(sb, " = %s", r.Group.Ref(r.Field))
		}
	}
	sb.WriteString(")\n")
	printBlock(sb, f.Body, names, 1)
}

// printBlock writes a block's values, one per line, indented by depth tabs;
// a control-flow op is followed by its blocks.
func printBlock(sb *strings.Builder, b *Block, names map[*Value]string, depth int) {
	indent := strings.Repeat("\t", depth)
	for _, v := range b.Values {
		sb.WriteString(indent + formatValue(v, names))
		switch v.Op {
		case OpIf:
			sb.WriteString(" {\n")
			printBlock(sb, v.Blocks[0], names, depth+1)
			if len(v.Blocks[1].Values) > 0 {
				sb.WriteString(indent + "} else {\n")
				printBlock(sb, v.Blocks[1], names, depth+1)
			}
			sb.WriteString(indent + "}")
		case OpFor:
			sb.WriteString(checkpointMark(v) + " {\n")
			for i, part := range [...]string{"init", "cond", "post", "body"} {
				blk := v.Blocks[i]
				if len(blk.Values) == 0 && i != 3 {
					continue
				}
				sb.WriteString(indent + part)
				if blk.Result != nil {
					sb.WriteString(" %" + names[blk.Result])
				}
				sb.WriteString(":\n")
				printBlock(sb, blk, names, depth+1)
			}
			sb.WriteString(indent + "}")
		case OpRange:
			sb.WriteString(checkpointMark(v) + " {\n")
			printBlock(sb, v.Blocks[0], names, depth+1)
			sb.WriteString(indent + "}")
		}
		sb.WriteString("\n")
	}
}

// DisplayNames gives every value of f a unique printed name: its source
// name, with .2, .3, ... on later values of the same name, or its ID for a
// temporary. Loops are named by their label, or L1, L2, ... in order.
func DisplayNames(f *Func) map[*Value]string {
	names := make(map[*Value]string)
	count := make(map[string]int)
	loops := 0
	f.Walk(func(v *Value) {
		if v.Op.IsLoop() {
			loops++
			if l := v.Aux.(*Loop); l.Label != "" {
				names[v] = l.Label
			} else {
				names[v] = fmt.Sprintf("L%d", loops)
			}
		}
		if !v.Op.HasValue() {
			return
		}
		if v.Name == "" {
			names[v] = strconv.Itoa(v.ID)
			return
		}
		count[v.Name]++
		if n := count[v.Name]; n > 1 {
			names[v] = fmt.Sprintf("%s.%d", v.Name, n)
		} else {
			names[v] = v.Name
		}
	})
	return names
}

func formatValue(v *Value, names map[*Value]string) string {
	var sb strings.Builder
	switch {
	case v.Op == OpComment:
		return "# " + v.Aux.(string)
	case v.Op.IsLoop():
		fmt.Fprintf(&sb, "%s %s", v.Op, names[v])
	case !v.Op.HasValue() || v.Type == nil:
		sb.WriteString(v.Op.String())
	default:
		fmt.Fprintf(&sb, "%%%s = %s", names[v], v.Op)
	}
	switch aux := v.Aux.(type) {
	case *Var:
		sb.WriteString(" " + aux.Name)
	case *TapeField:
		sb.WriteString(" " + aux.Name)
	case *Value: // break, continue
		sb.WriteString(" " + names[aux])
	case capped: // s[lo:hi:hi]
		sb.WriteString(" capped")
	}
	switch v.Op {
	case OpParam:
		fmt.Fprintf(&sb, " %d", v.Aux)
	case OpConst:
		sb.WriteString(" " + FormatConst(v))
	case OpCall, OpInvoke:
		sb.WriteString(" " + v.Aux.(Callee).String())
	case OpExtract:
		fmt.Fprintf(&sb, " %d", v.Aux)
	case OpHalt:
		if h, ok := v.Aux.(*Halt); ok {
			sb.WriteString(" " + h.Format(func(i int) string { return "%" + argName(v, i, names) }))
			return sb.String()
		}
	}
	for _, a := range v.Args {
		name, ok := names[a]
		if !ok {
			name = fmt.Sprintf("?%d", a.ID)
		}
		sb.WriteString(" %" + name)
	}
	switch {
	case v.Op.HasValue() && v.Type != nil:
		fmt.Fprintf(&sb, " : %s", v.Type)
	case v.Op == OpDecl:
		fmt.Fprintf(&sb, " : %s", v.Aux.(*Var).Type)
	}
	return sb.String()
}

// argName returns the printed name of v's argument i.
func argName(v *Value, i int, names map[*Value]string) string {
	if i < 0 || i >= len(v.Args) {
		return "?"
	}
	if name, ok := names[v.Args[i]]; ok {
		return name
	}
	return fmt.Sprintf("?%d", v.Args[i].ID)
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
	case nil:
		return "nil" // a slice
	}
	return fmt.Sprint(v.Aux)
}

// checkpointMark is the printed mark of a loop the user marked
// //godiff:checkpoint.
func checkpointMark(v *Value) string {
	l, ok := v.Aux.(*Loop)
	switch {
	case !ok || !l.Checkpoint:
		return ""
	case l.Snapshots > 0:
		return fmt.Sprintf(" checkpoint -snapshots=%d", l.Snapshots)
	case l.Memory > 0:
		return fmt.Sprintf(" checkpoint -memory=%d", l.Memory)
	}
	return " checkpoint"
}
