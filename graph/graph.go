package graph

// Kind is what a node of the graph stands for.
type Kind int

const (
	// Param is a parameter of the function: an input of the forward pass.
	Param Kind = iota
	// Value is a value the function computes: an assignment of the source.
	Value
	// Result is the function's result, L.
	Result
	// Memo is the derivative of the result with respect to a value,
	// ∂L/∂v: the backward pass.
	Memo
)

// EdgeKind is what an edge carries.
type EdgeKind int

const (
	// Forward carries a value to a value computed from it.
	Forward EdgeKind = iota
	// Backward carries a memo to the memo of an operand: the chain rule,
	// one link.
	Backward
	// Seed joins the result to its own memo, ∂L/∂L = 1, where the
	// backward pass starts.
	Seed
)

// Graph is the computation graph of a function: its forward values and
// its backward memos, in the source's names.
type Graph struct {
	Title    string // what is drawn: "Loss", "Loss at w11 = 0.5, ..."
	Nodes    []*Node
	Edges    []Edge
	Clusters []Cluster // the loops, outermost first
	// Root is the index of the memo of the result, ∂L/∂L, the root of the
	// tree of memos; -1 if nothing is differentiated.
	Root int
}

// Node is a value or a memo.
type Node struct {
	Kind    Kind
	Name    string // z1, ∂L/∂z1
	Formula string // w11·x1 + w21·x2 + b1; for a memo its chain, ∂L/∂z1 · x1, if known
	Value   string // its value in a run, "" if none
	Note    string // a remark of the run: ReLU dead
	// Cut marks a memo the chain rule set to zero at a kink (a dead
	// ReLU): the chains through it are cut.
	Cut bool
	// Leaf marks the memo of a differentiated parameter: a leaf of the
	// tree of memos, a component of the gradient.
	Leaf bool
	// Cluster is the index of the innermost loop the node is computed in,
	// -1 for none.
	Cluster int
	// Of is, for a memo, the index of the node it is the memo of; -1
	// otherwise.
	Of int
}

// Edge joins node From to node To (indexes into Graph.Nodes).
type Edge struct {
	From, To int
	Kind     EdgeKind
}

// Cluster is a loop of the source: the nodes of its body are drawn once,
// inside it, however many times it ran.
type Cluster struct {
	Label  string // the loop's source line and, after a run, how often it ran
	Parent int    // the enclosing loop's index, -1 for none
}

// Label returns the text of node n: name = formula = value, each part
// there is.
func (n *Node) Label() string {
	s := n.Name
	if n.Formula != "" && n.Formula != n.Name {
		s += " = " + n.Formula
	}
	if n.Value != "" && n.Value != n.Formula {
		s += " = " + n.Value
	}
	return s
}

// in returns the edges into node i, in the order they were added.
func (g *Graph) in(i int) []Edge {
	var es []Edge
	for _, e := range g.Edges {
		if e.To == i {
			es = append(es, e)
		}
	}
	return es
}

// out returns the edges out of node i, in the order they were added.
func (g *Graph) out(i int) []Edge {
	var es []Edge
	for _, e := range g.Edges {
		if e.From == i {
			es = append(es, e)
		}
	}
	return es
}
