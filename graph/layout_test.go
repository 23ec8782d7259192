package graph

import "testing"

// small is y = a·b, L = y + c, with memos of all but c.
func small() *Graph {
	g := &Graph{Title: "small", Root: 6}
	add := func(k Kind, name string, of int) {
		g.Nodes = append(g.Nodes, &Node{Kind: k, Name: name, Cluster: -1, Of: of, Leaf: k == Memo && of < 2})
	}
	add(Param, "a", -1)   // 0
	add(Param, "b", -1)   // 1
	add(Param, "c", -1)   // 2
	add(Value, "y", -1)   // 3
	add(Result, "L", -1)  // 4
	add(Memo, "∂L/∂y", 3) // 5
	add(Memo, "∂L/∂L", 4) // 6
	add(Memo, "∂L/∂a", 0) // 7
	add(Memo, "∂L/∂b", 1) // 8
	g.Nodes[7].Leaf, g.Nodes[8].Leaf, g.Nodes[5].Leaf = true, true, false
	g.Edges = []Edge{{0, 3, Forward}, {1, 3, Forward}, {3, 4, Forward}, {2, 4, Forward},
		{4, 6, Seed}, {6, 5, Backward}, {5, 7, Backward}, {5, 8, Backward}}
	return g
}

// TestLayout: forward edges run left to right, a memo sits in its
// value's column below every value, a parameter next to its first use,
// and no two boxes overlap.
func TestLayout(t *testing.T) {
	g := small()
	lay := computeLayout(g)
	b := lay.boxes
	for _, e := range g.Edges {
		if e.Kind == Forward && b[e.From].x+b[e.From].w >= b[e.To].x {
			t.Errorf("forward edge %s → %s runs right to left", g.Nodes[e.From].Name, g.Nodes[e.To].Name)
		}
	}
	lowest := 0.0
	for i, n := range g.Nodes {
		if n.Kind != Memo {
			lowest = max(lowest, b[i].y+b[i].h)
		}
	}
	for i, n := range g.Nodes {
		if n.Kind != Memo {
			continue
		}
		of := b[n.Of]
		if b[i].y <= lowest || b[i].x+b[i].w/2 != of.x+of.w/2 {
			t.Errorf("memo %s at %v, not below its value %v in its column", n.Name, b[i], of)
		}
	}
	if b[2].x <= b[0].x {
		t.Errorf("c (used by L only) is at x %v, not right of a's %v", b[2].x, b[0].x)
	}
	for i := range b {
		for j := i + 1; j < len(b); j++ {
			if b[i].x < b[j].x+b[j].w && b[j].x < b[i].x+b[i].w && b[i].y < b[j].y+b[j].h && b[j].y < b[i].y+b[i].h {
				t.Errorf("%s and %s overlap", g.Nodes[i].Name, g.Nodes[j].Name)
			}
		}
	}
	if lay.width <= 0 || lay.height <= lowest {
		t.Errorf("picture %vx%v", lay.width, lay.height)
	}
}
