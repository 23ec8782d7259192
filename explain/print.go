package explain

import (
	"fmt"
	"io"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/godiff/godiff/ir"
)

// A block is what one stretch of a pass printed: lines, and loops whose
// iterations are blocks of their own.
type block struct {
	entries []entry
	// label names an iteration: "i = 3", else its number.
	label string
}

// entry is a line or a loop.
type entry struct {
	ln   *line
	loop *loop
}

// line is one step of the worked pass: lhs op sym = num = val, then a
// note. A line with text set is printed as it is.
type line struct {
	lhs, op, sym, num, val string
	note                   string
	text                   string
	key                    *ir.Value // what printed it: lines of one key are alike in every iteration
	x                      float64   // its value, for the summary of iterations
	isNum                  bool
}

// loop is a loop of a pass: its first and last iterations in full, and a
// summary of those between, so that a long loop prints a few lines.
type loop struct {
	key         *ir.Value
	head        string // the loop's source line, or what it is
	n           int64  // iterations begun
	first, last *block
	cur         *block // the iteration running
	mid         *summary
}

// summary is the shape of a loop's middle iterations: how many, and for
// each line how often it ran and the range of its values.
type summary struct {
	// only is the one middle iteration, printed in full, while there is
	// just one.
	only      *block
	iters     int64
	fromLabel string
	toLabel   string
	order     []*ir.Value
	stats     map[*ir.Value]*stat
}

type stat struct {
	lhs      string
	count    int64
	min, max float64
	numeric  bool
	vals     string // the value, while every run gave the same
	same     bool
}

// add folds the lines of one iteration into the summary.
func (s *summary) add(b *block) {
	if s.stats == nil {
		s.stats = make(map[*ir.Value]*stat)
	}
	if s.iters == 0 {
		s.fromLabel = b.label
		s.only = b
	} else {
		s.only = nil
	}
	s.iters++
	s.toLabel = b.label
	s.addLines(b)
}

func (s *summary) addLines(b *block) {
	for _, e := range b.entries {
		if e.loop != nil {
			for _, it := range []*block{e.loop.first, e.loop.last} {
				if it != nil {
					s.addLines(it)
				}
			}
			if e.loop.mid != nil {
				s.merge(e.loop.mid)
			}
			continue
		}
		ln := e.ln
		if ln.key == nil || ln.text != "" {
			continue
		}
		st := s.stats[ln.key]
		if st == nil {
			st = &stat{lhs: ln.lhs, min: math.Inf(1), max: math.Inf(-1), vals: ln.val, same: true}
			s.stats[ln.key] = st
			s.order = append(s.order, ln.key)
		}
		st.count++
		st.same = st.same && st.vals == ln.val
		if ln.isNum && !math.IsNaN(ln.x) {
			st.numeric = true
			st.min = math.Min(st.min, ln.x)
			st.max = math.Max(st.max, ln.x)
		}
	}
}

// merge folds a nested loop's summary into s.
func (s *summary) merge(m *summary) {
	for _, k := range m.order {
		mt := m.stats[k]
		st := s.stats[k]
		if st == nil {
			cp := *mt
			s.stats[k] = &cp
			s.order = append(s.order, k)
			continue
		}
		st.count += mt.count
		st.same = st.same && mt.same && st.vals == mt.vals
		if mt.numeric {
			st.numeric = true
			st.min = math.Min(st.min, mt.min)
			st.max = math.Max(st.max, mt.max)
		}
	}
}

// printer writes blocks, indented.
type printer struct {
	w   io.Writer
	r   *renderer
	err error
}

func (p *printer) printf(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}

// block prints b's entries at the given indentation, the left-hand sides
// of each run of lines aligned.
func (p *printer) block(b *block, indent string) {
	width := 0
	for _, e := range b.entries {
		if e.ln != nil && e.ln.text == "" {
			width = max(width, utf8.RuneCountInString(e.ln.lhs))
		}
	}
	for _, e := range b.entries {
		if e.loop != nil {
			p.loop(e.loop, indent)
			continue
		}
		p.line(e.ln, indent, width)
	}
}

func (p *printer) line(ln *line, indent string, width int) {
	if ln.text != "" {
		p.printf("%s%s\n", indent, ln.text)
		return
	}
	var sb strings.Builder
	sb.WriteString(ln.lhs)
	sb.WriteString(strings.Repeat(" ", max(0, width-utf8.RuneCountInString(ln.lhs))))
	op := ln.op
	if op == "" {
		op = "="
	}
	parts := []string{}
	for _, s := range []string{ln.sym, ln.num, ln.val} {
		if s != "" && (len(parts) == 0 || parts[len(parts)-1] != s) {
			parts = append(parts, s)
		}
	}
	sb.WriteString(" " + op + " " + strings.Join(parts, " = "))
	if ln.note != "" {
		sb.WriteString("   " + ln.note)
	}
	p.printf("%s%s\n", indent, sb.String())
}

// loop prints a loop: its header, the first iteration, the summary of the
// middle ones, the last.
func (p *printer) loop(l *loop, indent string) {
	p.printf("%s%s   (%s)\n", indent, l.head, iterations(l.n))
	inner := indent + "    "
	label := func(b *block, k int64) string {
		if b.label != "" {
			return b.label
		}
		return fmt.Sprintf("iteration %d", k+1)
	}
	if l.first != nil {
		p.printf("%s  %s:\n", indent, label(l.first, 0))
		p.block(l.first, inner)
	}
	switch m := l.mid; {
	case m != nil && m.only != nil:
		p.printf("%s  %s:\n", indent, label(m.only, 1))
		p.block(m.only, inner)
	case m != nil && m.iters > 0:
		p.summary(m, indent, l)
	}
	if l.last != nil {
		p.printf("%s  %s:\n", indent, label(l.last, l.n-1))
		p.block(l.last, inner)
	}
}

func iterations(n int64) string {
	if n == 1 {
		return "1 iteration"
	}
	return fmt.Sprintf("%d iterations", n)
}

// summary prints the middle iterations of a loop: one line per line of
// theirs, with how often it ran and the range of its values.
func (p *printer) summary(m *summary, indent string, l *loop) {
	from, to := m.fromLabel, m.toLabel
	if from == "" {
		from, to = "iteration 2", fmt.Sprintf("iteration %d", l.n-1)
	}
	what := from
	if m.iters > 1 {
		what = from + " … " + to
	}
	p.printf("%s  %s: %s like these, summarised\n", indent, what, iterations(m.iters))
	inner := indent + "    "
	width := 0
	for _, k := range m.order {
		width = max(width, utf8.RuneCountInString(m.stats[k].lhs))
	}
	for _, k := range m.order {
		st := m.stats[k]
		pad := strings.Repeat(" ", width-utf8.RuneCountInString(st.lhs))
		times := "once"
		if st.count > 1 {
			times = fmt.Sprintf("%d times", st.count)
		}
		switch {
		case st.same:
			p.printf("%s%s%s   %s, always %s\n", inner, st.lhs, pad, times, st.vals)
		case st.numeric:
			p.printf("%s%s%s   %s, from %s to %s\n", inner, st.lhs, pad, times, p.r.number(st.min), p.r.number(st.max))
		default:
			p.printf("%s%s%s   %s\n", inner, st.lhs, pad, times)
		}
	}
}
