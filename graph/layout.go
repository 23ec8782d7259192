package graph

import (
	"slices"
	"unicode/utf8"
)

// box is a node's place in the drawing: its top left corner and size.
type box struct{ x, y, w, h float64 }

// layout is where the SVG draws each node.
type layout struct {
	boxes         []box
	width, height float64
}

// The measures of the drawing, in pixels.
const (
	charWidth  = 7.2 // of a 12px sans-serif character, about
	nodePad    = 10  // between a node's text and its border, each side
	nodeHeight = 26
	rowGap     = 16 // between nodes of one layer
	frameGap   = 24 // more where a loop's frame passes between two nodes
	layerGap   = 56 // between layers
	bandGap    = 56 // between the forward values and the memos
	margin     = 20
	titleSpace = 36
	sweeps     = 4 // rounds of barycentric ordering
)

// computeLayout lays g out in layers, left to right: a forward node's
// layer is the length of the longest path of forward edges to it, a
// parameter's the layer before its first use, a memo's that of its value, so that the memos form
// a second band under the values, the backward edges running right to
// left. Within a layer, nodes are ordered by the mean position of their
// neighbours in the layers beside (barycentric ordering, a few sweeps
// each way), which keeps edges from crossing where it can; a memo takes
// its value's place.
func computeLayout(g *Graph) *layout {
	n := len(g.Nodes)
	layer := g.layers()
	nl := 0
	for _, l := range layer {
		nl = max(nl, l+1)
	}
	// The forward nodes of each layer, in order.
	rows := make([][]int, nl)
	for i, nd := range g.Nodes {
		if nd.Kind != Memo {
			rows[layer[i]] = append(rows[layer[i]], i)
		}
	}
	pos := make([]float64, n) // a node's index in its layer
	setPos := func() {
		for _, r := range rows {
			for k, i := range r {
				pos[i] = float64(k)
			}
		}
	}
	setPos()
	for s := 0; s < sweeps; s++ {
		forward := s%2 == 0
		for l := range rows {
			if !forward {
				l = nl - 1 - l
			}
			bary := make(map[int]float64)
			for _, i := range rows[l] {
				sum, cnt := 0.0, 0
				for _, e := range g.Edges {
					if e.Kind != Forward {
						continue
					}
					if forward && e.To == i {
						sum, cnt = sum+pos[e.From], cnt+1
					} else if !forward && e.From == i {
						sum, cnt = sum+pos[e.To], cnt+1
					}
				}
				if cnt > 0 {
					bary[i] = sum / float64(cnt)
				} else {
					bary[i] = pos[i]
				}
			}
			slices.SortStableFunc(rows[l], func(a, b int) int {
				switch {
				case bary[a] < bary[b]:
					return -1
				case bary[a] > bary[b]:
					return 1
				}
				return 0
			})
			setPos()
		}
	}
	for l := range rows {
		groupByLoop(g, rows[l])
	}
	setPos()
	// The memos of each layer, in the order of their values.
	memoRows := make([][]int, nl)
	for i, nd := range g.Nodes {
		if nd.Kind == Memo {
			memoRows[layer[i]] = append(memoRows[layer[i]], i)
		}
	}
	for _, r := range memoRows {
		slices.SortStableFunc(r, func(a, b int) int {
			return int(pos[g.Nodes[a].Of] - pos[g.Nodes[b].Of])
		})
	}
	for _, r := range memoRows {
		groupByLoop(g, r)
	}
	return place(g, rows, memoRows)
}

// groupByLoop reorders the nodes of a layer so that those of one loop are
// adjacent (where the first of them was), for the loop's frame.
func groupByLoop(g *Graph, row []int) {
	first := make(map[int]int) // a loop's first place in the row
	key := func(k int) int {
		if c := g.Nodes[row[k]].Cluster; c >= 0 {
			if f, ok := first[c]; ok {
				return f
			}
			first[c] = k
		}
		return k
	}
	keys := make(map[int]int, len(row))
	for k, i := range row {
		keys[i] = key(k)
	}
	slices.SortStableFunc(row, func(a, b int) int { return keys[a] - keys[b] })
}

// gapAfter returns the space below node i of a stack, above node j: more
// where a loop's frame begins or ends between them, for the frame and its
// label.
func gapAfter(g *Graph, i, j int) float64 {
	if g.Nodes[i].Cluster != g.Nodes[j].Cluster {
		return rowGap + frameGap
	}
	return rowGap
}

// layers returns each node's layer (see computeLayout).
func (g *Graph) layers() []int {
	layer := make([]int, len(g.Nodes))
	// Relax the forward edges until nothing changes: a node's layer is
	// one more than its furthest predecessor's. The graph has no cycle,
	// so len(Nodes) rounds suffice.
	for range g.Nodes {
		changed := false
		for _, e := range g.Edges {
			if e.Kind == Forward && layer[e.To] < layer[e.From]+1 {
				layer[e.To] = layer[e.From] + 1
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	// A node nothing computes (a parameter) moves right, next to the
	// first of its uses: w3 beside the h1 it multiplies, not with the
	// inputs of the first layer.
	for i, nd := range g.Nodes {
		if nd.Kind == Memo || len(g.in(i)) > 0 {
			continue
		}
		first := -1
		for _, e := range g.out(i) {
			if e.Kind == Forward && (first < 0 || layer[e.To] < first) {
				first = layer[e.To]
			}
		}
		if first > 0 {
			layer[i] = first - 1
		}
	}
	for i, nd := range g.Nodes {
		if nd.Kind == Memo && nd.Of >= 0 {
			layer[i] = layer[nd.Of]
		}
	}
	return layer
}

// place gives each node its box: layers as columns as wide as their
// widest node, each band's nodes stacked in their order and centred.
func place(g *Graph, rows, memoRows [][]int) *layout {
	lay := &layout{boxes: make([]box, len(g.Nodes))}
	for i, nd := range g.Nodes {
		lay.boxes[i].w = textWidth(nd.Label()) + 2*nodePad
		lay.boxes[i].h = nodeHeight
	}
	stackHeight := func(r []int) float64 {
		h := 0.0
		for k := range r {
			h += nodeHeight
			if k+1 < len(r) {
				h += gapAfter(g, r[k], r[k+1])
			}
		}
		return h
	}
	bandHeight := func(rs [][]int) float64 {
		h := 0.0
		for _, r := range rs {
			h = max(h, stackHeight(r))
		}
		return h
	}
	fh, mh := bandHeight(rows), bandHeight(memoRows)
	top := float64(margin + titleSpace + frameGap)
	x := float64(margin)
	for l := range rows {
		w := 0.0
		for _, i := range append(slices.Clone(rows[l]), memoRows[l]...) {
			w = max(w, lay.boxes[i].w)
		}
		stack := func(r []int, y0, band float64) {
			y := y0 + (band-stackHeight(r))/2
			for k, i := range r {
				b := &lay.boxes[i]
				b.x = x + (w-b.w)/2
				b.y = y
				if k+1 < len(r) {
					y += nodeHeight + gapAfter(g, i, r[k+1])
				}
			}
		}
		stack(rows[l], top, fh)
		stack(memoRows[l], top+fh+bandGap, mh)
		x += w + layerGap
	}
	lay.width = max(x-layerGap+margin, textWidth(g.Title)+2*margin)
	lay.height = top + fh + bandGap + mh + margin
	if mh == 0 {
		lay.height = top + fh + margin
	}
	return lay
}

// textWidth estimates the width of s in the drawing's font.
func textWidth(s string) float64 { return float64(utf8.RuneCountInString(s)) * charWidth }
