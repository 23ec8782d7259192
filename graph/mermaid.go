package graph

import (
	"io"
	"strconv"
	"strings"
)

// WriteMermaid writes g as a Mermaid flowchart, left to right: forward
// edges solid, backward edges (the memos flowing back) dotted, a loop's
// nodes in a subgraph. Code-hosting sites render it in Markdown inside a
// ```mermaid block.
func WriteMermaid(w io.Writer, g *Graph) error {
	p := &printer{w: w}
	p.printf("---\ntitle: %s\n---\nflowchart LR\n", mermaidTitle(g.Title))
	writeClustersMermaid(p, g, -1, "\t")
	for _, e := range g.Edges {
		switch e.Kind {
		case Forward:
			p.printf("\tn%d --> n%d\n", e.From, e.To)
		case Backward:
			p.printf("\tn%d -.-> n%d\n", e.From, e.To)
		case Seed:
			p.printf("\tn%d -. seed 1 .-> n%d\n", e.From, e.To)
		}
	}
	p.printf("\tclassDef param fill:%s\n", paramFill)
	p.printf("\tclassDef memo fill:%s,stroke:%s\n", memoFill, memoStroke)
	p.printf("\tclassDef cut fill:%s,stroke:%s\n", cutFill, cutStroke)
	p.printf("\tclassDef leaf fill:%s,stroke:%s,stroke-width:3px\n", memoFill, memoStroke)
	for _, class := range []string{"param", "memo", "cut", "leaf"} {
		var ids []string
		for i, n := range g.Nodes {
			if nodeClass(n) == class {
				ids = append(ids, "n"+strconv.Itoa(i))
			}
		}
		if len(ids) > 0 {
			p.printf("\tclass %s %s\n", strings.Join(ids, ","), class)
		}
	}
	return p.err
}

// writeClustersMermaid writes the nodes of loop c (-1: outside every
// loop) and, nested, the loops inside it.
func writeClustersMermaid(p *printer, g *Graph, c int, indent string) {
	for i, n := range g.Nodes {
		if n.Cluster == c {
			p.printf("%sn%d[%s]\n", indent, i, mermaidString(n.Label()))
		}
	}
	for k, cl := range g.Clusters {
		if cl.Parent != c {
			continue
		}
		p.printf("%ssubgraph c%d[%s]\n", indent, k, mermaidString(cl.Label))
		writeClustersMermaid(p, g, k, indent+"\t")
		p.printf("%send\n", indent)
	}
}

// nodeClass returns the class of n's style: param, memo, cut, leaf, or ""
// for a value.
func nodeClass(n *Node) string {
	switch {
	case n.Kind == Param:
		return "param"
	case n.Kind == Memo && n.Cut:
		return "cut"
	case n.Kind == Memo && n.Leaf:
		return "leaf"
	case n.Kind == Memo:
		return "memo"
	}
	return ""
}

// mermaidString quotes s as a Mermaid label: inside double quotes, with
// the characters Mermaid would read as syntax written as entities.
func mermaidString(s string) string {
	r := strings.NewReplacer(`"`, "#quot;", "\n", "<br/>", "<", "#lt;", ">", "#gt;")
	return `"` + r.Replace(s) + `"`
}

// mermaidTitle writes s for the front matter's title line: a YAML string.
func mermaidTitle(s string) string {
	return strconv.Quote(strings.ReplaceAll(s, "\n", " "))
}
