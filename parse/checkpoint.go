package parse

import (
	"go/ast"
	"go/token"
	"strconv"
	"strings"

	"github.com/godiff/godiff/ir"
)

// checkpointVerb is the directive that marks a loop: //godiff:checkpoint
// on the line just before a for statement of a function reverse mode
// differentiates. The loop's iterations are then recomputed in the
// backward sweep rather than recorded (see reverse.Outline, which checks
// that the loop's iterations allow it).
const checkpointVerb = "checkpoint"

// checkpoints finds the //godiff:checkpoint comments of f and returns the
// loops they mark. It reports a comment that stands before no for
// statement, one with words after it, one in a function without
// //godiff:grad or //godiff:vjp, and one inside a loop already marked.
func (c *checker) checkpoints(f *ast.File, byFunc map[*ast.FuncDecl][]rawDirective) map[ast.Stmt]int {
	byLine := make(map[int]*ast.Comment)
	every := make(map[*ast.Comment]int)
	bad := make(map[*ast.Comment]bool) // reported already: the loop is left unmarked
	for _, g := range f.Comments {
		for _, cm := range g.List {
			text, ok := strings.CutPrefix(cm.Text, directivePrefix)
			if verb, _ := cutVerb(text); !ok || verb != checkpointVerb {
				continue
			}
			byLine[c.fset.Position(cm.Slash).Line] = cm
			names, options := words(cm, len(directivePrefix)+len(checkpointVerb))
			for _, o := range options {
				k, err := strconv.Atoi(strings.TrimPrefix(o.text, "-every="))
				if !strings.HasPrefix(o.text, "-every=") || err != nil || k < 1 || every[cm] != 0 {
					c.errorf(o.pos, "//godiff:checkpoint takes one option, -every=K with K a positive integer (save the loop's state every K iterations); not %q", o.text)
					bad[cm] = true
					continue
				}
				every[cm] = k
			}
			for _, w := range names {
				at := cm.Slash + token.Pos(strings.Index(cm.Text, w))
				c.errorf(at, "//godiff:checkpoint takes nothing after it but -every=K; remove %q", w)
				bad[cm] = true
			}
		}
	}
	if len(byLine) == 0 {
		return nil
	}
	marked := make(map[ast.Stmt]int)
	used := make(map[*ast.Comment]bool)
	for _, decl := range f.Decls {
		fd, ok := decl.(*ast.FuncDecl)
		if !ok || fd.Body == nil {
			continue
		}
		reverse := false
		for _, d := range byFunc[fd] {
			reverse = reverse || d.mode == Grad || d.mode == VJP
		}
		count := 0            // the loops of fd marked so far, numbered as reverse.Outline names their bodies
		var inside []ast.Stmt // the marked loops enclosing the node
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			if n == nil {
				return true
			}
			for len(inside) > 0 && n.Pos() >= inside[len(inside)-1].End() {
				inside = inside[:len(inside)-1]
			}
			switch n.(type) {
			case *ast.ForStmt, *ast.RangeStmt:
			default:
				return true
			}
			s := n.(ast.Stmt)
			cm := byLine[c.fset.Position(s.Pos()).Line-1]
			if cm == nil {
				return true
			}
			used[cm] = true
			switch {
			case bad[cm]:
			case !reverse:
				c.errorf(cm.Slash, "//godiff:checkpoint marks a loop of %s, which has no //godiff:grad or //godiff:vjp: only reverse mode records loops, so there is nothing to recompute", fd.Name.Name)
			case len(inside) > 0:
				c.errorf(cm.Slash, "//godiff:checkpoint on a loop inside a loop already marked (line %d) is not supported: mark one of them", c.fset.Position(inside[len(inside)-1].Pos()).Line)
			default:
				marked[s] = every[cm]
				count++
				c.checkBodyNamesFree(cm, ir.CheckpointBody(recvTypeName(fd), fd.Name.Name, count))
			}
			inside = append(inside, s)
			return true
		})
	}
	for _, cm := range byLine {
		if !used[cm] {
			c.errorf(cm.Slash, "//godiff:checkpoint must stand on the line just before a for statement of a function with //godiff:grad or //godiff:vjp: it marks that loop, whose iterations the backward sweep then recomputes rather than records")
		}
	}
	return marked
}

// markCheckpoint marks loop, built from statement s, if a
// //godiff:checkpoint stands on it.
func (fb *funcBuilder) markCheckpoint(s ast.Stmt, loop *ir.Value) {
	every, ok := fb.marked[s]
	if !ok {
		return
	}
	l := loop.Aux.(*ir.Loop)
	l.Checkpoint = true
	l.Every = every
	l.Pos = fb.position(s.Pos())
}

// checkBodyNamesFree reports, at the directive cm, a name that the output
// would declare for the marked loop's body (see ir.CheckpointBody) and that
// the package declares already: the output would not compile.
func (c *checker) checkBodyNamesFree(cm *ast.Comment, body string) {
	for _, name := range ir.CheckpointBodyNames(body) {
		if obj := c.lookup(name); obj != nil {
			c.errorf(cm.Slash, "//godiff:checkpoint would generate %s for this loop's body, but the package declares %s already (%s); rename yours",
				name, name, c.position(obj.Pos()))
			return
		}
	}
}

// recvTypeName returns the name of fd's receiver's type without its star
// or type arguments, or "" for a function.
func recvTypeName(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return ""
	}
	t := fd.Recv.List[0].Type
	for {
		switch x := t.(type) {
		case *ast.StarExpr:
			t = x.X
		case *ast.IndexExpr:
			t = x.X
		case *ast.IndexListExpr:
			t = x.X
		case *ast.ParenExpr:
			t = x.X
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}
