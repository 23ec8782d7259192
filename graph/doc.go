// Package graph draws the computation graph of a function, its forward
// values and its backward memos, for godiff graph: as Graphviz DOT, as
// Mermaid (which renders in Markdown on code-hosting sites), as SVG laid
// out here (no program to install), and as the tree of memos the chapter
// draws, the memo of the result at its root and the memos of the
// differentiated parameters at its leaves.
//
// The graph itself (Graph) is built by package explain from the IR of the
// annotated function, in the source's names, with the values of a run if
// the user gives the arguments; this package only draws it.
//
// # Files
//
//	graph.go    the graph: nodes (parameters, values, the result, memos), edges, loops
//	dot.go      Graphviz DOT
//	mermaid.go  Mermaid flowcharts
//	tree.go     the text tree of memos
//	layout.go   the layered layout of the SVG: layers, order, coordinates
//	svg.go      the SVG
package graph
