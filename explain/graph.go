package explain

import (
	"fmt"
	"strings"

	"github.com/godiff/godiff/graph"
	"github.com/godiff/godiff/ir"
	"github.com/godiff/godiff/parse"
)

// Graph returns the computation graph of o.Func (see package graph): a
// node per parameter and per assignment of the source, in its names, the
// result, and the memo ∂L/∂v of each value the differentiated parameters
// reach, with the edges of the forward pass and of the chain rule. A
// loop's body is drawn once, inside a cluster. With values (o.Args or
// o.Values), it runs explain's pass at them and writes each node's value,
// each memo's chain and value, a dead ReLU's cut; without, the formulas
// only.
func Graph(o Options) (*graph.Graph, error) {
	files, err := parse.Load([]string{o.File})
	if err != nil {
		return nil, err
	}
	t, err := findTarget(files[0], o.Func)
	if err != nil {
		return nil, err
	}
	var args []any
	if len(o.Args) > 0 || o.Values != "" {
		if args, err = arguments(t.Func, o); err != nil {
			return nil, err
		}
	}
	return graphOf(t, files[0].Targets, args, o)
}

// graphOf returns the graph of t's function, with the values of a run at
// args if there are any; others are the file's annotated functions (see
// derive).
func graphOf(t *parse.Target, others []*parse.Target, args []any, o Options) (*graph.Graph, error) {
	f := t.Func
	if len(f.Results) != 1 || !ir.IsFloat(f.Results[0].Type) {
		return nil, fmt.Errorf("%s: graph draws the memos of a function with one float result, and %s has %d results; godiff explain -mode jvp shows the tangents of each", t.Pos, funcName(f), len(f.Results))
	}
	d := directive(t, parse.Grad)
	r := newRenderer(f, o.Digits)
	b := newGraphBuilder(r, d.Wrt, &tracer{src: make(map[string][]string)})
	b.block(f.Body, -1)
	b.memos()
	b.g.Title = funcName(f)
	if args == nil {
		return b.g, nil
	}
	run, err := runReverse(t, others, args, o)
	if err != nil {
		return nil, err
	}
	b.values(run, args)
	return b.g, nil
}

// graphBuilder builds the graph of the user's function from its IR.
type graphBuilder struct {
	r    *renderer
	t    *tracer // for loop headers
	g    *graph.Graph
	wrt  map[int]bool
	node map[*ir.Value]int // a parameter's or a named value's node
	def  map[*ir.Var]int   // the node of a variable's latest assignment
	// stored maps a slice (its root) to the nodes of the stores into it,
	// which its loads read.
	stored map[*ir.Value][]int
	deps   map[*ir.Value][]int // memo of valueDeps
	loopOf map[int]*ir.Value   // a cluster's loop
	active []bool              // by node: reached by a differentiated parameter
	memoOf map[int]int         // a node's memo
	param  map[int]int         // a parameter node's index in f.Params
	source map[int]*ir.Value   // a value's node's value of the function: its decl, set, store or return
}

func newGraphBuilder(r *renderer, wrt []int, t *tracer) *graphBuilder {
	b := &graphBuilder{r: r, t: t, g: &graph.Graph{Root: -1}, wrt: make(map[int]bool),
		node: make(map[*ir.Value]int), def: make(map[*ir.Var]int), stored: make(map[*ir.Value][]int),
		deps: make(map[*ir.Value][]int), loopOf: make(map[int]*ir.Value), memoOf: make(map[int]int), param: make(map[int]int), source: make(map[int]*ir.Value)}
	for _, i := range wrt {
		b.wrt[i] = true
	}
	return b
}

// add adds a node computed from the nodes deps and returns its index.
func (b *graphBuilder) add(n *graph.Node, deps []int) int {
	i := len(b.g.Nodes)
	n.Of = -1
	b.g.Nodes = append(b.g.Nodes, n)
	active := false
	seen := make(map[int]bool)
	for _, d := range deps {
		if seen[d] || d == i {
			continue
		}
		seen[d] = true
		b.g.Edges = append(b.g.Edges, graph.Edge{From: d, To: i, Kind: graph.Forward})
		active = active || b.active[d]
	}
	b.active = append(b.active, active)
	return i
}

// block adds the nodes of the values of blk, inside loop cluster c.
func (b *graphBuilder) block(blk *ir.Block, c int) {
	for _, v := range blk.Values {
		b.value(v, c)
	}
}

// value adds the node of v, if it is a parameter or an assignment of a
// number or numbers, and walks the blocks of a control-flow op.
func (b *graphBuilder) value(v *ir.Value, c int) {
	switch {
	case v.Op == ir.OpParam:
		i := v.Aux.(int)
		if !ir.IsDifferentiable(v.Type) {
			return
		}
		k := b.add(&graph.Node{Kind: graph.Param, Name: b.r.leafName(i), Cluster: c}, nil)
		b.active[k] = b.wrt[i]
		b.node[v] = k
		b.param[k] = i
	case v.Op == ir.OpFor || v.Op == ir.OpRange:
		k := len(b.g.Clusters)
		o := ir.Origin(v)
		head := b.t.sourceLine(o.Pos.Filename, o.Pos.Line)
		if head == "" {
			head = "loop"
		}
		b.g.Clusters = append(b.g.Clusters, graph.Cluster{Label: strings.TrimSuffix(strings.TrimSpace(head), "{"), Parent: c})
		b.loopOf[k] = v
		for _, blk := range v.Blocks {
			b.block(blk, k)
		}
	case v.Op == ir.OpIf:
		for _, blk := range v.Blocks {
			b.block(blk, c)
		}
	case (v.Op == ir.OpDecl || v.Op == ir.OpSet) && len(v.Args) == 1:
		x := v.Aux.(*ir.Var)
		if !ir.IsDifferentiable(x.Type) {
			return
		}
		k := b.add(&graph.Node{Kind: graph.Value, Name: x.Name, Formula: b.r.symbolic(v.Args[0]).sym, Cluster: c}, b.valueDeps(v.Args[0]))
		b.def[x] = k
		b.source[k] = v
	case v.Op == ir.OpStore && ir.IsDifferentiable(v.Args[2].Type):
		name := b.r.symbolic(v.Args[0]).sym + "[" + b.r.symbolic(v.Args[1]).sym + "]"
		k := b.add(&graph.Node{Kind: graph.Value, Name: name, Formula: b.r.symbolic(v.Args[2]).sym, Cluster: c}, b.valueDeps(v.Args[2]))
		root := ir.Root(v.Args[0])
		b.stored[root] = append(b.stored[root], k)
		b.source[k] = v
	case v.Op == ir.OpReturn:
		if len(v.Args) == 1 {
			k := b.add(&graph.Node{Kind: graph.Result, Name: b.r.resultName(0), Formula: b.r.symbolic(v.Args[0]).sym, Cluster: c}, b.valueDeps(v.Args[0]))
			b.node[v] = k
			b.source[k] = v
		}
	case v.Name != "" && v.Op != ir.OpIndex && ir.IsDifferentiable(v.Type):
		def := *v // rendered by its definition, not by its name
		def.Name = ""
		k := b.add(&graph.Node{Kind: graph.Value, Name: v.Name, Formula: b.r.symbolic(&def).sym, Cluster: c}, b.valueDeps(v))
		b.node[v] = k
		b.source[k] = v
	}
}

// valueDeps returns the nodes v is computed from: the parameters and
// assignments its expression reads, through the temporaries between;
// integers (indexes, counts) and booleans are not followed, the chain
// rule does not pass through them.
func (b *graphBuilder) valueDeps(v *ir.Value) []int {
	if ds, ok := b.deps[v]; ok {
		return ds
	}
	var ds []int
	switch {
	case v.IsConst() || !ir.IsDifferentiable(v.Type) && v.Op != ir.OpSelect:
	case v.Op == ir.OpGet:
		if k, ok := b.def[v.Aux.(*ir.Var)]; ok {
			ds = []int{k}
		}
	case v.Op == ir.OpLoad:
		ds = append(ds, b.valueDeps(v.Args[0])...)
		ds = append(ds, b.stored[ir.Root(v.Args[0])]...)
	default:
		if k, ok := b.node[v]; ok && v.Op == ir.OpParam {
			ds = []int{k}
			break
		}
		for _, a := range v.Args {
			if k, ok := b.node[a]; ok {
				ds = append(ds, k)
				continue
			}
			ds = append(ds, b.valueDeps(a)...)
		}
	}
	b.deps[v] = ds
	return ds
}

// memos adds the memo of each active node, the backward edges (a memo to
// the memos of its value's active operands) and the seed.
func (b *graphBuilder) memos() {
	g := b.g
	nf := len(g.Nodes)
	result := -1
	for i := 0; i < nf; i++ {
		n := g.Nodes[i]
		if n.Kind == graph.Result {
			result = i
		}
		if !b.active[i] {
			continue
		}
		_, isParam := b.param[i]
		m := &graph.Node{Kind: graph.Memo, Name: b.r.memo(n.Name), Cluster: n.Cluster, Of: i, Leaf: isParam}
		b.memoOf[i] = len(g.Nodes)
		g.Nodes = append(g.Nodes, m)
	}
	forward := append([]graph.Edge(nil), g.Edges...)
	for i := nf - 1; i >= 0; i-- {
		mi, ok := b.memoOf[i]
		if !ok {
			continue
		}
		for _, e := range forward {
			if mu, ok := b.memoOf[e.From]; ok && e.To == i {
				g.Edges = append(g.Edges, graph.Edge{From: mi, To: mu, Kind: graph.Backward})
			}
		}
	}
	if m, ok := b.memoOf[result]; ok {
		g.Root = m
		g.Nodes[m].Formula = "1"
		g.Edges = append(g.Edges, graph.Edge{From: result, To: m, Kind: graph.Seed})
	}
}

// values writes on the nodes what the run computed: a parameter's value,
// a value's, a memo's chain and value (the gradient's, for a parameter's
// memo), a dead ReLU's cut, and how often each loop ran. Inside a loop,
// the values are those of its last iteration.
func (b *graphBuilder) values(run *reverseRun, args []any) {
	g, r := b.g, run.r
	fwd, bwd := make(map[*ir.Value]*line), make(map[string]*line)
	iters := make(map[*ir.Value]int64)
	collectLines(run.tr.sections[0].root, make(map[string]*line), fwd, iters)
	collectLines(run.tr.sections[1].root, bwd, make(map[*ir.Value]*line), nil)
	var parts []string
	for i, x := range args {
		if x != nil && i < len(r.f.Params) {
			parts = append(parts, r.leafName(i)+" = "+r.number(x))
		}
	}
	g.Title = funcName(r.f) + " at " + strings.Join(parts, ", ")
	grad := make(map[int]any) // by parameter
	for k, i := range run.d.Wrt {
		if k+1 < len(run.out) {
			grad[i] = run.out[k+1]
		}
	}
	for k, n := range g.Nodes {
		switch n.Kind {
		case graph.Param:
			if i := b.param[k]; args[i] != nil {
				n.Value = r.number(args[i])
			}
		case graph.Value, graph.Result:
			if ln := fwd[b.source[k]]; ln != nil {
				n.Value = ln.val
			}
		case graph.Memo:
			if ln := bwd[n.Name]; ln != nil {
				if k != g.Root {
					n.Formula = ln.sym
				}
				n.Value = ln.val
				if strings.Contains(ln.note, "chain is cut") {
					n.Cut = true
					n.Note = "the chain is cut here (dead ReLU)"
				}
			}
			if i, ok := b.param[n.Of]; ok && grad[i] != nil {
				n.Value = r.number(grad[i])
			}
		}
	}
	for k, l := range b.loopOf {
		for key, it := range iters {
			if ir.Origin(key) == l {
				g.Clusters[k].Label += "   (" + iterations(it) + ")"
			}
		}
	}
}

// collectLines maps the left-hand side of each line of blk to its line,
// and the value of the user's function it stands for (its origin), a
// later line replacing an earlier one; inside a loop, the lines of its
// last iteration. iters, if not nil, gets each loop's iteration count.
func collectLines(blk *block, lines map[string]*line, byOrigin map[*ir.Value]*line, iters map[*ir.Value]int64) {
	for _, e := range blk.entries {
		switch {
		case e.ln != nil && e.ln.lhs != "":
			lines[e.ln.lhs] = e.ln
			if e.ln.key != nil {
				byOrigin[ir.Origin(e.ln.key)] = e.ln
			}
		case e.loop != nil:
			if iters != nil {
				iters[e.loop.key] = e.loop.n
			}
			for _, it := range []*block{e.loop.first, e.loop.last} {
				if it != nil {
					collectLines(it, lines, byOrigin, iters)
				}
			}
		}
	}
}
