package explain

import (
	"fmt"
	"os"
	"strings"

	"github.com/godiff/godiff/ir"
)

// section is one pass of the explanation, the lines of one function's
// run: the forward function (or the JVP), or the backward function. Only
// its first run is explained, and only its own steps, not its callees'.
type section struct {
	fn    *ir.Func
	depth int // the depth of its run: 1 for the wrapper's calls, 0 for a JVP
	done  bool
	root  *block
	stack []*loop // the loops running, innermost last
	// backward says that the section is a backward sweep: memos, not
	// values, are its lines.
	backward bool
}

func newSection(fn *ir.Func, depth int, backward bool) *section {
	return &section{fn: fn, depth: depth, root: &block{}, backward: backward}
}

// cur returns the block the next line goes into.
func (sec *section) cur() *block {
	if n := len(sec.stack); n > 0 {
		return sec.stack[n-1].cur
	}
	return sec.root
}

func (sec *section) add(ln *line) { b := sec.cur(); b.entries = append(b.entries, entry{ln: ln}) }

func (sec *section) top() *loop {
	if n := len(sec.stack); n > 0 {
		return sec.stack[n-1]
	}
	return nil
}

// iter starts iteration k of loop v.
func (sec *section) iter(v *ir.Value, k int64, head string) {
	if l := sec.top(); l != nil && l.key == v && k > 0 {
		l.n++
		l.retire()
		l.cur = &block{}
		return
	}
	l := &loop{key: v, head: head, n: 1, first: &block{}, mid: &summary{}}
	l.cur = l.first
	b := sec.cur()
	b.entries = append(b.entries, entry{loop: l})
	sec.stack = append(sec.stack, l)
}

// retire ends the running iteration: it becomes the last one seen, and the
// one that was last joins the summary of the middle ones.
func (l *loop) retire() {
	if l.cur == l.first {
		return
	}
	if l.last != nil {
		l.mid.add(l.last)
	}
	l.last = l.cur
}

// finish ends loop v: its last iteration is the one running.
func (sec *section) finish(v *ir.Value, head string) {
	l := sec.top()
	if l == nil || l.key != v {
		// The loop never iterated.
		b := sec.cur()
		b.entries = append(b.entries, entry{loop: &loop{key: v, head: head}})
		return
	}
	l.retire()
	sec.stack = sec.stack[:len(sec.stack)-1]
}

// tracer builds the sections of an explanation from the steps of a run
// (see ir.EvalTraced).
type tracer struct {
	r        *renderer
	sections []*section
	jvp      bool
	// relu maps the input of each ReLU of the user's function,
	// math.Max(0, z) or max(0, z), to the ReLU.
	relu map[*ir.Value]*ir.Value
	// tangentOf maps each value of the JVP to its tangent value.
	tangentOf map[*ir.Value]*ir.Value
	// cuts are the memos a kink or a branch set to zero, by name.
	cuts []cut
	src  map[string][]string // source lines by file, for loop headers
	err  error
}

// cut is a memo the chain rule set to zero at a kink of the function: a
// dead ReLU.
type cut struct {
	at   *ir.Value // the value of the user's function whose memo is zero
	name string
}

// observe takes one step of the run. A panic here is godiff's bug, not
// the user's function's: it is kept as an error of its own, and the
// explanation stops.
func (t *tracer) observe(s ir.Step) {
	if t.err != nil {
		return
	}
	defer func() {
		if r := recover(); r != nil {
			t.err = fmt.Errorf("internal error explaining %s (please report): %v", funcName(t.r.f), r)
		}
	}()
	sec := t.section(s)
	if sec == nil {
		return
	}
	switch s.Kind {
	case ir.StepLeave:
		sec.done = true
		for len(sec.stack) > 0 {
			l := sec.top()
			sec.finish(l.key, l.head)
		}
	case ir.StepIter:
		sec.iter(s.Value, s.Iter, t.loopHead(sec, s.Value))
	case ir.StepDone:
		sec.finish(s.Value, t.loopHead(sec, s.Value))
	case ir.StepBranch:
		t.branch(sec, s)
	case ir.StepValue:
		if inHeader(s.Value) {
			return
		}
		t.label(sec, s)
		if sec.backward {
			t.backwardValue(sec, s)
		} else {
			t.forwardValue(sec, s)
		}
	}
}

// section returns the section step s belongs to, or nil: a step of the
// section's function at its depth, not of a recursive call of it.
func (t *tracer) section(s ir.Step) *section {
	for _, sec := range t.sections {
		if sec.fn == s.Func && !sec.done && sec.depth == s.Depth {
			return sec
		}
	}
	return nil
}

// inHeader reports whether v is in the init, condition or post statement
// of a three-clause loop: the loop's own bookkeeping, which its header
// line shows.
func inHeader(v *ir.Value) bool {
	b := v.Block
	return b != nil && b.Parent != nil && b.Parent.Op == ir.OpFor && b != b.Parent.Blocks[3]
}

// label names the running iteration after its loop's index or counter,
// when the step reads it first: i = 3.
func (t *tracer) label(sec *section, s ir.Step) {
	l := sec.top()
	if l == nil || l.cur.label != "" {
		return
	}
	o := ir.Origin(s.Value)
	loop := ir.Origin(l.key)
	switch {
	case o.Op == ir.OpIndex && o.Block.Parent == loop && o.Name != "":
	case o.Op == ir.OpGet && isCounter(loop, o.Aux.(*ir.Var)):
	default:
		return
	}
	l.cur.label = fmt.Sprintf("%s = %s", t.r.name(o), t.r.number(s.Of(s.Value)))
}

// isCounter reports whether x is the variable a for loop's init declares.
func isCounter(loop *ir.Value, x *ir.Var) bool {
	if loop.Op != ir.OpFor {
		return false
	}
	for _, v := range loop.Blocks[0].Values {
		if v.Op == ir.OpDecl && v.Aux == x {
			return true
		}
	}
	return false
}

// loopHead returns the source line of a loop: for i, v := range x {.
func (t *tracer) loopHead(sec *section, v *ir.Value) string {
	o := ir.Origin(v)
	head := t.sourceLine(o.Pos.Filename, o.Pos.Line)
	if head == "" {
		head = "loop"
	}
	if sec.backward {
		head += "   backwards"
	}
	return head
}

// sourceLine returns line n of a source file, trimmed; "" if it cannot
// be read.
func (t *tracer) sourceLine(file string, n int) string {
	if file == "" || n <= 0 {
		return ""
	}
	lines, ok := t.src[file]
	if !ok {
		data, err := os.ReadFile(file)
		if err == nil {
			lines = strings.Split(string(data), "\n")
		}
		t.src[file] = lines
	}
	if n > len(lines) {
		return ""
	}
	return strings.TrimSpace(lines[n-1])
}
