package graph_test

import (
	"bytes"
	"encoding/xml"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/godiff/godiff/explain"
	"github.com/godiff/godiff/graph"
)

// chapter returns the graph of the chapter's 2-2-1 network at the
// chapter's point.
func chapter(t *testing.T) *graph.Graph {
	t.Helper()
	g, err := explain.Graph(explain.Options{File: "../examples/chapter/net.go", Func: "Loss", Digits: 4,
		Args: []string{"w11=0.5", "w12=0.3", "w21=0.4", "w22=0.2", "w3=1", "w4=-0.5", "b1=0", "b2=0", "b3=0.1", "x1=1", "x2=2", "y=1"}})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// TestChapterGraph: the chapter's network has a node per parameter and per
// assignment, the result, and a memo per value the weights reach; the
// memos hold the chapter's chains and numbers; the leaves are the nine
// weights' and biases' memos.
func TestChapterGraph(t *testing.T) {
	g := chapter(t)
	kinds := make(map[graph.Kind]int)
	byName := make(map[string]*graph.Node)
	var leaves []string
	for _, n := range g.Nodes {
		kinds[n.Kind]++
		byName[n.Name] = n
		if n.Leaf {
			leaves = append(leaves, n.Name)
		}
	}
	if kinds[graph.Param] != 12 || kinds[graph.Value] != 6 || kinds[graph.Result] != 1 || kinds[graph.Memo] != 16 {
		t.Errorf("node kinds %v; want 12 parameters, 6 values, 1 result, 16 memos", kinds)
	}
	slices.Sort(leaves)
	if want := []string{"∂L/∂b1", "∂L/∂b2", "∂L/∂b3", "∂L/∂w11", "∂L/∂w12", "∂L/∂w21", "∂L/∂w22", "∂L/∂w3", "∂L/∂w4"}; !slices.Equal(leaves, want) {
		t.Errorf("leaves %v, want %v", leaves, want)
	}
	if g.Root < 0 || g.Nodes[g.Root].Name != "∂L/∂L" || g.Nodes[g.Root].Value != "1" {
		t.Errorf("root %d, want the seed ∂L/∂L = 1", g.Root)
	}
	for _, c := range []struct{ name, label string }{
		{"z1", "z1 = w11·x1 + w21·x2 + b1 = 1.3"},
		{"L", "L = e·e = 0.0025"},
		{"∂L/∂w3", "∂L/∂w3 = ∂L/∂yhat · h1 = 0.13"},
		{"∂L/∂w22", "∂L/∂w22 = ∂L/∂z2 · x2 = -0.1"},
		{"∂L/∂yhat", "∂L/∂yhat = ∂L/∂e = 0.1"},
		{"x1", "x1 = 1"},
	} {
		if n := byName[c.name]; n == nil || n.Label() != c.label {
			t.Errorf("node %s: %v, want label %q", c.name, n, c.label)
		}
	}
	if byName["∂L/∂x1"] != nil || byName["∂L/∂y"] != nil {
		t.Error("memos of the inputs, which are not differentiated")
	}
}

// TestSVGWellFormed: the SVG is well-formed XML, an svg element holding a
// node group per node, each inside the picture.
func TestSVGWellFormed(t *testing.T) {
	g := chapter(t)
	var buf bytes.Buffer
	if err := graph.WriteSVG(&buf, g); err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(&buf)
	var width, height float64
	nodes, memos, first := 0, 0, true
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		attr := func(name string) string {
			for _, a := range se.Attr {
				if a.Name.Local == name {
					return a.Value
				}
			}
			return ""
		}
		if first {
			if se.Name.Local != "svg" || se.Name.Space != "http://www.w3.org/2000/svg" {
				t.Fatalf("root element %v, want svg", se.Name)
			}
			width, _ = strconv.ParseFloat(attr("width"), 64)
			height, _ = strconv.ParseFloat(attr("height"), 64)
			first = false
		}
		if se.Name.Local == "g" && strings.HasPrefix(attr("id"), "n") {
			nodes++
			if strings.Contains(attr("class"), "memo") {
				memos++
			}
		}
		if se.Name.Local == "rect" && attr("rx") == "6" && attr("stroke-dasharray") == "" {
			x, _ := strconv.ParseFloat(attr("x"), 64)
			y, _ := strconv.ParseFloat(attr("y"), 64)
			w, _ := strconv.ParseFloat(attr("width"), 64)
			h, _ := strconv.ParseFloat(attr("height"), 64)
			if x < 0 || y < 0 || x+w > width || y+h > height {
				t.Errorf("a node's box %v,%v %vx%v is outside the %vx%v picture", x, y, w, h, width, height)
			}
		}
	}
	if nodes != len(g.Nodes) || memos != 16 {
		t.Errorf("%d node groups (%d memos), want %d (16)", nodes, memos, len(g.Nodes))
	}
}

var (
	dotNode      = regexp.MustCompile(`^\s*n(\d+) \[label=`)
	dotEdge      = regexp.MustCompile(`^\s*n(\d+) -> n(\d+)`)
	mermaidNode  = regexp.MustCompile(`^\s*n(\d+)\["`)
	mermaidEdge  = regexp.MustCompile(`^\s*n(\d+) -(?:->|\.->|\. seed 1 \.->) n(\d+)$`)
	mermaidOpen  = regexp.MustCompile(`^\s*subgraph c\d+\[`)
	mermaidClose = regexp.MustCompile(`^\s*end$`)
)

// TestDOTAndMermaidStructure: each node is declared once, each edge joins
// declared nodes, the braces (DOT) and subgraphs (Mermaid) are balanced,
// and the edge counts are the graph's, for the chapter's network and a
// loop.
func TestDOTAndMermaidStructure(t *testing.T) {
	loop, err := explain.Graph(explain.Options{File: "testdata/loop.go", Func: "Sum", Digits: 4, Args: []string{"x=[1,2,3]", "w=0.5"}})
	if err != nil {
		t.Fatal(err)
	}
	for name, g := range map[string]*graph.Graph{"chapter": chapter(t), "loop": loop} {
		var dot, mer bytes.Buffer
		if err := graph.WriteDOT(&dot, g); err != nil {
			t.Fatal(err)
		}
		if err := graph.WriteMermaid(&mer, g); err != nil {
			t.Fatal(err)
		}
		if d := strings.Count(dot.String(), "{") - strings.Count(dot.String(), "}"); d != 0 {
			t.Errorf("%s: DOT braces unbalanced by %d", name, d)
		}
		checkLines(t, name+" DOT", dot.String(), dotNode, dotEdge, nil, nil, g)
		checkLines(t, name+" Mermaid", mer.String(), mermaidNode, mermaidEdge, mermaidOpen, mermaidClose, g)
	}
}

func checkLines(t *testing.T, what, text string, node, edge, open, close *regexp.Regexp, g *graph.Graph) {
	t.Helper()
	declared := make(map[string]bool)
	edges, depth := 0, 0
	for _, ln := range strings.Split(text, "\n") {
		switch {
		case node.MatchString(ln):
			id := node.FindStringSubmatch(ln)[1]
			if declared[id] {
				t.Errorf("%s: node n%s declared twice", what, id)
			}
			declared[id] = true
		case edge.MatchString(ln):
			m := edge.FindStringSubmatch(ln)
			for _, id := range m[1:] {
				if !declared[id] {
					t.Errorf("%s: edge %q joins n%s, not declared before", what, ln, id)
				}
			}
			edges++
		case open != nil && open.MatchString(ln):
			depth++
		case close != nil && close.MatchString(ln):
			depth--
		}
	}
	if len(declared) != len(g.Nodes) || edges != len(g.Edges) || depth != 0 {
		t.Errorf("%s: %d nodes, %d edges, subgraph depth %d; want %d, %d, 0", what, len(declared), edges, depth, len(g.Nodes), len(g.Edges))
	}
}

// TestTreeLeaves: the tree of memos starts at ∂L/∂L and its marked leaves
// are the differentiated parameters' memos, each once.
func TestTreeLeaves(t *testing.T) {
	var buf bytes.Buffer
	if err := graph.WriteTree(&buf, chapter(t)); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if lines[1] != "∂L/∂L = 1" {
		t.Errorf("tree starts %q, want the seed", lines[1])
	}
	leaves := 0
	for _, ln := range lines {
		if strings.Contains(ln, "◆ ") {
			leaves++
			if strings.Contains(ln, "├── ◆") == strings.Contains(ln, "└── ◆") {
				t.Errorf("leaf line %q is not a branch's", ln)
			}
		}
	}
	if leaves != 9 {
		t.Errorf("%d leaves, want 9:\n%s", leaves, buf.String())
	}
}

// TestLoopDrawnOnce: a loop's body is drawn once whatever its length, in
// a cluster saying how often it ran.
func TestLoopDrawnOnce(t *testing.T) {
	long := make([]string, 1000)
	for i := range long {
		long[i] = strconv.Itoa(i % 7)
	}
	var sizes []int
	for _, x := range []string{"[1,2,3]", "[" + strings.Join(long, ",") + "]"} {
		g, err := explain.Graph(explain.Options{File: "testdata/loop.go", Func: "Sum", Digits: 4, Args: []string{"x=" + x, "w=0.5"}})
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, len(g.Nodes))
		if len(g.Clusters) != 1 || !strings.Contains(g.Clusters[0].Label, "for i := range x") {
			t.Errorf("clusters %v, want the loop's", g.Clusters)
		}
	}
	if sizes[0] != sizes[1] || sizes[0] != 10 {
		t.Errorf("%v nodes for 3 and 1000 iterations, want 10 each", sizes)
	}
}
