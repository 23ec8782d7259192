package graph

import (
	"io"
)

// WriteTree writes the tree of memos, as the chapter draws the gradient's
// computation: the memo of the result at the root, under each memo the
// memos it passes its chain on to, and at the leaves the memos of the
// differentiated parameters (marked ◆), the gradient. A memo reached
// again (the memo of a value used twice) is written in full once, then
// named with "(above)".
func WriteTree(w io.Writer, g *Graph) error {
	p := &printer{w: w}
	p.printf("%s\n", g.Title)
	if g.Root < 0 {
		p.printf("(nothing is differentiated)\n")
		return p.err
	}
	seen := make(map[int]bool)
	var walk func(i int, prefix, branch, rest string)
	walk = func(i int, prefix, branch, rest string) {
		n := g.Nodes[i]
		text := n.Label()
		if n.Leaf {
			text = "◆ " + text
		}
		if n.Note != "" {
			text += "   " + n.Note
		}
		if seen[i] {
			p.printf("%s%s%s (above)\n", prefix, branch, n.Name)
			return
		}
		seen[i] = true
		p.printf("%s%s%s\n", prefix, branch, text)
		kids := g.children(i)
		for k, c := range kids {
			if k == len(kids)-1 {
				walk(c, prefix+rest, "└── ", "    ")
			} else {
				walk(c, prefix+rest, "├── ", "│   ")
			}
		}
	}
	walk(g.Root, "", "", "")
	return p.err
}

// children returns the memos memo i passes its chain on to, in the order
// of the backward edges.
func (g *Graph) children(i int) []int {
	var kids []int
	for _, e := range g.out(i) {
		if e.Kind == Backward {
			kids = append(kids, e.To)
		}
	}
	return kids
}
