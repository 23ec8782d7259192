package ir

// CondNeedsStatements reports whether the condition of for loop l needs
// statements (a declaration, an if, a call with effects) and so cannot be
// written in Go's for clause, which holds an expression only: the lazy
// operand of && or || (i < len(x) && x[i] > 0 reads x[i] only in range),
// or a call the transforms turned into an invoke.
func CondNeedsStatements(l *Value) bool {
	cond := l.Blocks[1]
	if cond.Result == nil {
		return false
	}
	for _, v := range cond.Values {
		if !v.Op.HasValue() || len(v.Blocks) > 0 || v.Op == OpInvoke {
			return true
		}
	}
	return false
}

// MoveCondIntoBody moves the condition of for loop l, in f, to the start
// of its body, as "cond; if !cond { break }", leaving the loop without a
// condition. The loop means the same: the condition is still tested
// before every iteration, after the post statement (a continue's
// included).
func MoveCondIntoBody(f *Func, l *Value) {
	cond, body := l.Blocks[1], l.Blocks[3]
	vals, test := cond.Values, cond.Result
	for _, v := range vals {
		v.Block = body
	}
	body.Values = append(append([]*Value(nil), vals...), body.Values...)
	cond.Values, cond.Result = nil, nil
	b := NewBuilder(f)
	b.InsertIn(body, len(vals), func() {
		exit := b.If(b.Not(test))
		b.In(exit.Blocks[0], func() { b.Break(l) })
	})
}

// CondsIntoBodies moves into its body the condition of every for loop of f
// that needs statements (see MoveCondIntoBody).
func CondsIntoBodies(f *Func) {
	var loops []*Value
	f.Walk(func(v *Value) {
		if v.Op == OpFor && CondNeedsStatements(v) {
			loops = append(loops, v)
		}
	})
	for _, l := range loops {
		MoveCondIntoBody(f, l)
	}
}
