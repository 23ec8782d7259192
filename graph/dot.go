package graph

import (
	"fmt"
	"io"
	"strings"
)

// WriteDOT writes g in Graphviz's DOT language: left to right, the
// forward values above and the memos, shaded, below; a loop's nodes in a
// cluster; backward edges dashed. dot -Tsvg draws it.
func WriteDOT(w io.Writer, g *Graph) error {
	p := &printer{w: w}
	p.printf("digraph %s {\n", dotString(g.Title))
	p.printf("\tlabel=%s;\n\tlabelloc=t;\n\trankdir=LR;\n\tfontname=\"Helvetica\";\n", dotString(g.Title))
	p.printf("\tnode [shape=box, style=rounded, fontname=\"Helvetica\"];\n")
	p.printf("\tedge [fontname=\"Helvetica\"];\n")
	writeClustersDOT(p, g, -1, "\t")
	for _, e := range g.Edges {
		switch e.Kind {
		case Forward:
			p.printf("\tn%d -> n%d;\n", e.From, e.To)
		case Backward:
			p.printf("\tn%d -> n%d [style=dashed, color=%q];\n", e.From, e.To, memoStroke)
		case Seed:
			p.printf("\tn%d -> n%d [style=dotted, label=\"seed 1\"];\n", e.From, e.To)
		}
	}
	p.printf("}\n")
	return p.err
}

// writeClustersDOT writes the nodes of loop c (-1: outside every loop)
// and, nested, the loops inside it.
func writeClustersDOT(p *printer, g *Graph, c int, indent string) {
	for i, n := range g.Nodes {
		if n.Cluster == c {
			p.printf("%sn%d [label=%s%s];\n", indent, i, dotString(n.Label()), dotStyle(n))
		}
	}
	for k, cl := range g.Clusters {
		if cl.Parent != c {
			continue
		}
		p.printf("%ssubgraph cluster_%d {\n%s\tlabel=%s;\n%s\tstyle=dashed;\n", indent, k, indent, dotString(cl.Label), indent)
		writeClustersDOT(p, g, k, indent+"\t")
		p.printf("%s}\n", indent)
	}
}

// dotStyle returns the attributes that set node n apart: a memo shaded,
// a cut one red, the memo of a parameter (a leaf) with a double border.
func dotStyle(n *Node) string {
	var attrs []string
	switch {
	case n.Kind == Memo && n.Cut:
		attrs = append(attrs, fmt.Sprintf("style=\"rounded,filled\", fillcolor=%q, color=%q", cutFill, cutStroke))
	case n.Kind == Memo:
		attrs = append(attrs, fmt.Sprintf("style=\"rounded,filled\", fillcolor=%q, color=%q", memoFill, memoStroke))
	case n.Kind == Param:
		attrs = append(attrs, fmt.Sprintf("style=\"rounded,filled\", fillcolor=%q", paramFill))
	case n.Kind == Result:
		attrs = append(attrs, "penwidth=2")
	}
	if n.Leaf {
		attrs = append(attrs, "peripheries=2")
	}
	if len(attrs) == 0 {
		return ""
	}
	return ", " + strings.Join(attrs, ", ")
}

// dotString quotes s as a DOT string.
func dotString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}

// The colours of the drawings.
const (
	paramFill   = "#eaf2f8"
	memoFill    = "#fdf2e9"
	memoStroke  = "#ba4a00"
	cutFill     = "#fadbd8"
	cutStroke   = "#c0392b"
	valueFill   = "#ffffff"
	valueStroke = "#34495e"
)

// printer writes formatted text, keeping the first error.
type printer struct {
	w   io.Writer
	err error
}

func (p *printer) printf(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}
