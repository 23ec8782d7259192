package graph

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// WriteSVG writes g as an SVG drawing, laid out by computeLayout: the
// forward values in layers left to right, the memos in a band below, each
// under its value, the backward edges (dashed) running right to left; a
// loop's nodes framed. It needs no program besides godiff.
func WriteSVG(w io.Writer, g *Graph) error {
	lay := computeLayout(g)
	p := &printer{w: w}
	p.printf(`<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" font-family="Helvetica, Arial, sans-serif" font-size="12">`+"\n",
		num(lay.width), num(lay.height), num(lay.width), num(lay.height))
	p.printf("<title>%s</title>\n", xmlText(g.Title))
	p.printf(`<defs>`+
		`<marker id="fwd" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0L10,5L0,10z" fill="%s"/></marker>`+
		`<marker id="back" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0L10,5L0,10z" fill="%s"/></marker>`+
		"</defs>\n", valueStroke, memoStroke)
	p.printf(`<rect width="100%%" height="100%%" fill="white"/>` + "\n")
	p.printf(`<text x="%s" y="%s" font-size="14" font-weight="bold">%s</text>`+"\n", num(margin), num(margin+14), xmlText(g.Title))
	writeClustersSVG(p, g, lay)
	p.printf("<g class=\"edges\" fill=\"none\">\n")
	for _, e := range g.Edges {
		writeEdgeSVG(p, e, lay)
	}
	p.printf("</g>\n<g class=\"nodes\">\n")
	for i, n := range g.Nodes {
		writeNodeSVG(p, i, n, lay.boxes[i])
	}
	p.printf("</g>\n</svg>\n")
	return p.err
}

// writeClustersSVG frames each loop's values, and its memos, with the
// loop's label above.
func writeClustersSVG(p *printer, g *Graph, lay *layout) {
	for k, cl := range g.Clusters {
		for _, memo := range []bool{false, true} {
			var in []box
			for i, n := range g.Nodes {
				if (n.Kind == Memo) == memo && g.within(n.Cluster, k) {
					in = append(in, lay.boxes[i])
				}
			}
			if len(in) == 0 {
				continue
			}
			x0, y0, x1, y1 := in[0].x, in[0].y, in[0].x+in[0].w, in[0].y+in[0].h
			for _, b := range in[1:] {
				x0, y0 = min(x0, b.x), min(y0, b.y)
				x1, y1 = max(x1, b.x+b.w), max(y1, b.y+b.h)
			}
			const pad = 8
			label := cl.Label
			if memo {
				label += ", backwards"
			}
			p.printf(`<g class="loop"><rect x="%s" y="%s" width="%s" height="%s" rx="6" fill="none" stroke="#7f8c8d" stroke-dasharray="4 3"/>`,
				num(x0-pad), num(y0-pad-14), num(x1-x0+2*pad), num(y1-y0+2*pad+14))
			p.printf(`<text x="%s" y="%s" font-size="11" fill="#566573">%s</text></g>`+"\n", num(x0-pad+4), num(y0-pad-2), xmlText(label))
		}
	}
}

// within reports whether loop c is loop k or inside it.
func (g *Graph) within(c, k int) bool {
	for ; c >= 0; c = g.Clusters[c].Parent {
		if c == k {
			return true
		}
	}
	return false
}

// writeEdgeSVG draws an edge as a curve: a forward one from the right of
// its value to the left of the next, a backward one from the left of a
// memo to the right of its operand's, the seed straight down.
func writeEdgeSVG(p *printer, e Edge, lay *layout) {
	a, b := lay.boxes[e.From], lay.boxes[e.To]
	switch e.Kind {
	case Seed:
		p.printf(`<path d="M%s,%sL%s,%s" stroke="%s" stroke-dasharray="2 3" marker-end="url(#back)"/>`+"\n",
			num(a.x+a.w/2), num(a.y+a.h), num(b.x+b.w/2), num(b.y), memoStroke)
		return
	case Backward:
		x0, y0, x1, y1 := a.x, a.y+a.h/2, b.x+b.w, b.y+b.h/2
		if x1 > x0 { // an operand in the same layer: go round below
			x1 = b.x
		}
		mid := (x0 + x1) / 2
		p.printf(`<path d="M%s,%sC%s,%s %s,%s %s,%s" stroke="%s" stroke-dasharray="5 3" marker-end="url(#back)"/>`+"\n",
			num(x0), num(y0), num(mid), num(y0), num(mid), num(y1), num(x1), num(y1), memoStroke)
	default:
		x0, y0, x1, y1 := a.x+a.w, a.y+a.h/2, b.x, b.y+b.h/2
		mid := (x0 + x1) / 2
		p.printf(`<path d="M%s,%sC%s,%s %s,%s %s,%s" stroke="%s" marker-end="url(#fwd)"/>`+"\n",
			num(x0), num(y0), num(mid), num(y0), num(mid), num(y1), num(x1), num(y1), valueStroke)
	}
}

// writeNodeSVG draws node n in box b: a rounded rectangle, shaded by
// kind, with its label; a leaf memo with a thicker border.
func writeNodeSVG(p *printer, i int, n *Node, b box) {
	fill, stroke, width := valueFill, valueStroke, 1.0
	class := "value"
	switch {
	case n.Kind == Param:
		fill, class = paramFill, "param"
	case n.Kind == Result:
		width, class = 2, "result"
	case n.Kind == Memo && n.Cut:
		fill, stroke, class = cutFill, cutStroke, "memo cut"
	case n.Kind == Memo:
		fill, stroke, class = memoFill, memoStroke, "memo"
	}
	if n.Leaf {
		width = 2.5
		class += " leaf"
	}
	title := n.Label()
	if n.Note != "" {
		title += "   " + n.Note
	}
	p.printf(`<g class="%s" id="n%d"><title>%s</title>`, class, i, xmlText(title))
	p.printf(`<rect x="%s" y="%s" width="%s" height="%s" rx="6" fill="%s" stroke="%s" stroke-width="%s"/>`,
		num(b.x), num(b.y), num(b.w), num(b.h), fill, stroke, num(width))
	p.printf(`<text x="%s" y="%s" text-anchor="middle">%s</text></g>`+"\n", num(b.x+b.w/2), num(b.y+b.h/2+4), xmlText(n.Label()))
}

// num writes a coordinate with at most one decimal: the drawing does not
// need more, and the output stays the same from run to run.
func num(x float64) string {
	s := fmt.Sprintf("%.1f", x)
	return strings.TrimSuffix(s, ".0")
}

// xmlText escapes s as XML character data.
func xmlText(s string) string {
	var sb strings.Builder
	_ = xml.EscapeText(&sb, []byte(s))
	return sb.String()
}
