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
func (c *checker) checkpoints(f *ast.File, byFunc map[*ast.FuncDecl][]rawDirective) map[ast.Stmt]loopOptions {
	byLine := make(map[int]*ast.Comment)
	opts := make(map[*ast.Comment]loopOptions)
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
				opt, ok := checkpointOption(o.text)
				if !ok || opts[cm] != (loopOptions{}) {
					c.errorf(o.pos, "//godiff:checkpoint takes one option: -every=K (save the loop's state every K iterations), -snapshots=S (binomial checkpointing holding at most S states) or -memory=SIZE (as many states as SIZE holds, e.g. 1MB); K and S positive integers; not %q", o.text)
					bad[cm] = true
					continue
				}
				opts[cm] = opt
			}
			for _, w := range names {
				at := cm.Slash + token.Pos(strings.Index(cm.Text, w))
				c.errorf(at, "//godiff:checkpoint takes nothing after it but one of -every=K, -snapshots=S, -memory=SIZE; remove %q", w)
				bad[cm] = true
			}
		}
	}
	if len(byLine) == 0 {
		return nil
	}
	marked := make(map[ast.Stmt]loopOptions)
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
				marked[s] = opts[cm]
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

// loopOptions are a //godiff:checkpoint's option: at most one is set.
type loopOptions struct {
	every, snapshots int
	memory           int64
}

// checkpointOption parses -every=K, -snapshots=S or -memory=SIZE.
func checkpointOption(text string) (loopOptions, bool) {
	name, val, _ := strings.Cut(text, "=")
	switch name {
	case "-every", "-snapshots":
		k, err := strconv.Atoi(val)
		if err != nil || k < 1 {
			return loopOptions{}, false
		}
		if name == "-every" {
			return loopOptions{every: k}, true
		}
		return loopOptions{snapshots: k}, true
	case "-memory":
		n, ok := byteSize(val)
		return loopOptions{memory: n}, ok && n > 0
	}
	return loopOptions{}, false
}

// byteSize parses a size such as 1MB, 512kB, 64KiB or 4096 (bytes): kB,
// MB and GB are powers of 1000, KiB, MiB and GiB of 1024.
func byteSize(s string) (int64, bool) {
	units := []struct {
		suffix string
		scale  int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"kB", 1e3}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"B", 1}}
	scale := int64(1)
	for _, u := range units {
		if num, ok := strings.CutSuffix(s, u.suffix); ok {
			s, scale = num, u.scale
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > (1<<62)/scale {
		return 0, false
	}
	return n * scale, true
}

// markCheckpoint marks loop, built from statement s, if a
// //godiff:checkpoint stands on it.
func (fb *funcBuilder) markCheckpoint(s ast.Stmt, loop *ir.Value) {
	opt, ok := fb.marked[s]
	if !ok {
		return
	}
	l := loop.Aux.(*ir.Loop)
	l.Checkpoint = true
	l.Every = opt.every
	l.Snapshots = opt.snapshots
	l.Memory = opt.memory
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
