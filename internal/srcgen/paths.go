package srcgen

import (
	"fmt"
	"go/format"
	"math/rand/v2"
	"strings"
)

// Path is a construct written to reach one of reverse mode's newer code
// paths, which random programs otherwise reach rarely or never (see
// addPath).
type Path int

const (
	NoPath Path = iota
	// PathTriangle: a helper of slices stepping an int index through a
	// triangle or by a stride, called in a loop of F: InlineSmall puts
	// its body, and the index declared in it, in that loop, and the
	// backward sweep steps the index back from its value as the body ends
	// (a tape field "as its block ends" when that value is the same at
	// every call; GMM's qTimesX). In one of two, two loops over the rows
	// come first, whose backward loops FuseLoops merges.
	PathTriangle
	// PathOnce: a helper holding local arrays (var w [3]float64), called
	// once outside F's loops: inlined once per run (reverse/inlineonce.go;
	// BA's rodriguesRotatePoint), its constant-trip loops' stacks held as
	// arrays on a tape F's FGrad keeps in a local variable.
	PathOnce
	// PathStep: a loop marked //srcgen:ckpt (plain, -every or -snapshots)
	// whose body has math calls and a branch but no loop and no call of
	// the package's functions, so that the checkpointed copy's backward
	// sweep runs each iteration's step adjoint in place
	// (reverse/step.go).
	PathStep
	// PathMax: a helper taking the running maximum or minimum of a slice
	// (math.Max or Min, the builtins, or the if form), called in a loop
	// of F, its result used as log-sum-exp's shift or added: the forward
	// sweep records the winner's index (reverse/argmax.go).
	PathMax
)

var pathNames = [...]string{"", "triangle", "once", "step", "max"}

func (p Path) String() string { return pathNames[p] }

// pathSalt seeds a fourth stream, which gives three programs in eight one
// of the Paths but PathMax: drawing from an older stream would change the text of
// programs given none. Of the salts from 0x9a7400, it is the first that
// gives none to the programs README and the tests cite (citedPrograms).
const pathSalt = 0xa41a5e

// maxSalt seeds a fifth stream, which gives PathMax to one in eight of
// the programs the fourth gives none, so that adding it changed no
// program's text but theirs. Of the salts from 0x3a9b00, it is the first
// that gives it to none of the programs README and the tests cite.
const maxSalt = 0x3a9b96

// drawPath draws the Path of program index of seed, and the stream its
// construct is then drawn from.
func drawPath(seed uint64, index int) (Path, *rand.Rand) {
	paths := rand.New(rand.NewPCG(seed^pathSalt, uint64(index)))
	if p := pathOf(paths); p != NoPath {
		return p, paths
	}
	maxes := rand.New(rand.NewPCG(seed^maxSalt, uint64(index)))
	if maxes.IntN(8) == 0 {
		return PathMax, maxes
	}
	return NoPath, nil
}

// pathOf draws the Path of a program from its own stream.
func pathOf(rng *rand.Rand) Path {
	switch rng.IntN(8) {
	case 0:
		return PathTriangle
	case 1:
		return PathOnce
	case 2:
		return PathStep
	}
	return NoPath
}

// addPath writes path's construct into f, from rng alone: a helper
// declared before the annotated function (PathTriangle, PathOnce) and
// statements before the annotated function's last return, which add
// what they compute into its accumulator r. The rest of f's text is
// unchanged. The statements read F's float parameters (x always exists),
// so that derivatives flow through them.
func addPath(f *Func, rng *rand.Rand, path Path) {
	before, decl := annotatedDecl(f)
	at := strings.LastIndex(decl, "\n\treturn ")
	if decl == "" || at < 0 {
		return
	}
	p := &pathGen{rng: rng, prefix: strings.ToLower(f.Name)}
	for _, q := range f.Params {
		if q.Kind == Scalar {
			p.scalars = append(p.scalars, q.Name)
		}
	}
	var helper, stmts string
	switch path {
	case PathTriangle:
		helper, stmts = p.triangle()
	case PathOnce:
		helper, stmts = p.once()
	case PathStep:
		stmts = p.step()
	case PathMax:
		helper, stmts = p.runningMax()
	}
	src := before + helper + "\n" + decl[:at+1] + stmts + decl[at+1:]
	out, err := format.Source([]byte("package p\n\n" + src))
	if err != nil {
		panic(fmt.Sprintf("srcgen: path %v does not parse: %v\n%s", path, err, src))
	}
	f.Decls = strings.TrimPrefix(string(out), "package p\n\n")
	f.Path = path
	f.ReturnsDst, f.ReturnsDstCall = p.returnsDst, p.returnsCall
}

// pathGen writes a Path's construct.
type pathGen struct {
	rng         *rand.Rand
	prefix      string
	scalars     []string // F's float parameters
	returnsDst  bool     // the triangle helper returns its output (Func.ReturnsDst)
	returnsCall bool     // through a call of a second helper (Func.ReturnsDstCall)
}

func (p *pathGen) pick(xs ...string) string { return xs[p.rng.IntN(len(xs))] }

// param is one of F's float parameters.
func (p *pathGen) param() string { return p.scalars[p.rng.IntN(len(p.scalars))] }

// term is a small expression of a parameter or a constant.
func (p *pathGen) term() string {
	switch p.rng.IntN(4) {
	case 0:
		return p.pick("0.5", "1.25", "-0.75", "2")
	case 1:
		return p.pick("0.5", "0.25", "1.5") + " * " + p.param()
	case 2:
		return p.param() + " + " + p.pick("0.5", "0.25", "-1")
	}
	return p.param()
}

// literal is an array literal of n terms.
func (p *pathGen) literal(n int) string {
	var ts []string
	for range n {
		ts = append(ts, p.term())
	}
	return fmt.Sprintf("[%d]float64{%s}", n, strings.Join(ts, ", "))
}

// triangle writes a helper stepping idx through a triangle of n rows or
// by a stride (with, in one form, a step that depends on the data), maybe
// reading idx after its loops, and a loop of F calling it on arrays.
func (p *pathGen) triangle() (helper, stmts string) {
	name := p.prefix + "Tri"
	n := 3 + p.rng.IntN(2)
	form := p.rng.IntN(5)
	var loops string
	var size int
	switch form {
	case 0: // strictly upper, GMM's qTimesX
		size = n * (n - 1) / 2
		loops = "for i := 0; i < n; i++ {\nfor j := i + 1; j < n; j++ {\nout[j] += a[idx] * v[i]\nidx++\n}\n}\n"
	case 1: // lower with the diagonal
		size = n * (n + 1) / 2
		loops = "for i := 0; i < n; i++ {\nfor j := 0; j <= i; j++ {\nout[i] += a[idx] * v[j]\nidx++\n}\n}\n"
	case 2: // a triangle by a stride of 2
		size = n * (n - 1)
		loops = "for i := 0; i < n; i++ {\nfor j := i + 1; j < n; j++ {\nout[j] += a[idx]*v[i] + a[idx+1]\nidx += 2\n}\n}\n"
	case 3: // a stride, one loop
		size = 2 * n
		loops = "for i := 0; i < n; i++ {\nout[i] += a[idx] * math.Sin(v[i]) + a[idx+1]\nidx += 2\n}\n"
	default: // a step depending on the data (regress's triSkip)
		size = n * (n - 1) / 2
		loops = "for i := 0; i < n; i++ {\nfor j := i + 1; j < n; j++ {\nif v[i] > 0 {\nout[j] += a[idx] * v[i]\nidx++\n}\n}\n}\n"
	}
	result := p.rng.IntN(2) == 0
	var b strings.Builder
	if result {
		fmt.Fprintf(&b, "func %s(a, v, out []float64, n int) float64 {\n", name)
	} else {
		fmt.Fprintf(&b, "func %s(a, v, out []float64, n int) {\n", name)
	}
	b.WriteString("idx := 0\n")
	b.WriteString(loops)
	if p.rng.IntN(2) == 0 {
		// idx read after its loops (at least one step ran: n ≥ 3, and
		// the skipping form's first entry is read only if it stepped).
		if form == 4 {
			b.WriteString("if idx > 0 {\nout[0] += a[idx-1] * v[0]\n}\n")
		} else {
			b.WriteString("out[0] += a[idx-1] * v[n-1]\n")
		}
	}
	if result {
		b.WriteString("s := 0.0\nfor i := 0; i < n; i++ {\ns += out[i] * v[i]\n}\nreturn s\n")
	}
	b.WriteString("}\n")
	helper = b.String()

	var s strings.Builder
	fmt.Fprintf(&s, "triA := %s\ntriV := %s\nvar triO [%d]float64\n", p.literal(size), p.literal(n), n)
	k := 1 + p.rng.IntN(3)
	header := p.pick(fmt.Sprintf("for tp := 0; tp < %d; tp++", k), fmt.Sprintf("for tp := range %d", k))
	fmt.Fprintf(&s, "%s {\ntriV[tp%%%d] += %s\n", header, n, p.pick("0.25 * "+p.param(), "0.125", p.param()))
	call := fmt.Sprintf("%s(triA[:], triV[:], triO[:], %d)", name, n)
	if result {
		fmt.Fprintf(&s, "r += 0.5 * %s\n", call)
	} else {
		s.WriteString(call + "\n")
	}
	fmt.Fprintf(&s, "}\nr += triO[0]*triO[%d] + 0.5*triO[1]\n", n-1)
	// Drawn last, so that the helpers drawn before it kept their text: in
	// one of two, two loops over the rows before the triangle (GMM's
	// subtract and diagonal), whose backward loops ir.FuseLoops merges.
	if p.rng.IntN(2) == 0 {
		rows := "for i := 0; i < n; i++ {\nout[i] += v[i] * a[i]\n}\nfor i := 0; i < n; i++ {\nout[i] = 0.5*out[i] + a[i]\n}\n"
		helper = strings.Replace(helper, "idx := 0\n", rows+"idx := 0\n", 1)
	}
	stmts = s.String()
	// Drawn after that: in two of three, a helper without a result
	// returns out, as gonum's floats.AddTo returns dst, and its call's
	// result is unused or indexed (parse/returnsdst.go).
	if form := p.rng.IntN(3); !result && form > 0 {
		header := fmt.Sprintf("func %s(a, v, out []float64, n int) {\n", name)
		helper = strings.Replace(helper, header, strings.TrimSuffix(header, "{\n")+"[]float64 {\n", 1)
		helper = strings.TrimSuffix(helper, "}\n") + "return out\n}\n"
		if form == 2 {
			stmts = strings.Replace(stmts, call+"\n", "r += 0.25 * "+call+"[0]\n", 1)
		}
		p.returnsDst = true
		// Drawn after that: in one of two, it returns what a second
		// helper returns, passed out, as gonum's floats.CumSum ends with
		// return f64.CumSum(dst, s).
		if p.rng.IntN(2) == 0 {
			fin := name + "Fin"
			helper = strings.TrimSuffix(helper, "return out\n}\n") + "return " + fin + "(out, n)\n}\n\n" +
				"func " + fin + "(dst []float64, n int) []float64 {\nfor i := 0; i < n; i++ {\ndst[i] *= 0.5\n}\nreturn dst\n}\n"
			p.returnsCall = true
		}
	}
	return helper, stmts
}

// once writes a helper holding local arrays, computed from its slice
// argument and a number with math calls, its constant-trip loops summing
// or writing its output, and one call of it outside F's loops.
func (p *pathGen) once() (helper, stmts string) {
	name := p.prefix + "Once"
	out := p.rng.IntN(2) == 0
	var b strings.Builder
	if out {
		fmt.Fprintf(&b, "func %s(v []float64, a float64, out []float64) float64 {\n", name)
	} else {
		fmt.Fprintf(&b, "func %s(v []float64, a float64) float64 {\n", name)
	}
	if p.rng.IntN(2) == 0 {
		// Rodrigues-like: two arrays, a cross product.
		b.WriteString("var u, c [3]float64\n")
		b.WriteString("u[0] = v[0] * a\nu[1] = math.Sin(v[1]) + a\nu[2] = v[2] / (1.5 + math.Cos(a))\n")
		b.WriteString("c[0] = u[1]*v[2] - u[2]*v[1]\nc[1] = u[2]*v[0] - u[0]*v[2]\nc[2] = u[0]*v[1] - u[1]*v[0]\n")
		b.WriteString("dot := u[0]*v[0] + u[1]*v[1] + u[2]*v[2]\n")
		b.WriteString("s := 0.0\nfor i := 0; i < 3; i++ {\n")
		if out {
			b.WriteString("out[i] = v[i]*math.Cos(a) + c[i]*dot\n")
		}
		b.WriteString("s += c[i] * math.Sin(u[i])\n}\nreturn s + dot\n}\n")
	} else {
		b.WriteString("var w [3]float64\n")
		b.WriteString("w[0] = v[0] * a\nw[1] = math.Exp(-v[1]*v[1]) + a\nw[2] = w[0] * w[1]\n")
		b.WriteString("s := 0.0\nfor i := range 3 {\n")
		if out {
			b.WriteString("out[i] += w[i] * v[i]\n")
		}
		b.WriteString("s += w[i] * math.Cos(w[(i+1)%3])\n}\nreturn s\n}\n")
	}
	helper = b.String()

	var s strings.Builder
	fmt.Fprintf(&s, "onceV := %s\n", p.literal(3))
	call := fmt.Sprintf("%s(onceV[:], %s", name, p.term())
	if out {
		s.WriteString("var onceO [3]float64\n")
		fmt.Fprintf(&s, "r += 0.5 * %s, onceO[:])\nr += onceO[0] + onceO[1]*onceO[2]\n", call)
	} else {
		fmt.Fprintf(&s, "r += 0.5 * %s)\n", call)
	}
	return helper, s.String()
}

// step writes a loop marked //srcgen:ckpt whose body has math calls and a
// branch, no loop and no call but math's: two sums (marked plain), or
// two state variables carried across iterations (a range loop marked
// -every=K, a three-clause loop marked -snapshots=K; see stateOption).
func (p *pathGen) step() string {
	var s strings.Builder
	n := 3 + p.rng.IntN(6)
	x, y := p.param(), p.param()
	fmt.Fprintf(&s, "stA, stB := float64(%s), float64(%s)\n", p.term(), p.term())
	cond := p.pick("stA > 0.25", "stepT < 0.3", "stB < stA")
	switch form := p.rng.IntN(3); form {
	case 0: // sums only: each iteration adds a term that reads neither
		s.WriteString("stC, stD := 0.0, 0.0\n//srcgen:ckpt\n")
		fmt.Fprintf(&s, "for stepI := range %d {\nstepT := 0.125 * float64(stepI)\n", n)
		cond = p.pick("stepT < 0.3", "stepT*"+x+" > 0.1")
		fmt.Fprintf(&s, "if %s {\nstC += %s * math.Sin(stepT+%s)\n} else {\nstC += %s * %s * stepT\n}\n", cond, x, y, x, y)
		fmt.Fprintf(&s, "stD += %s * math.Exp(-stepT)\n}\n", y)
		s.WriteString("r += stC*stC + stD + stA*stB\n")
		return s.String()
	case 1:
		fmt.Fprintf(&s, "//srcgen:ckpt -every=%d\nfor stepI := range %d {\n", 1+p.rng.IntN(4), n)
	default:
		fmt.Fprintf(&s, "//srcgen:ckpt -snapshots=%d\nfor stepI := 0; stepI < %d; stepI++ {\n", 1+p.rng.IntN(4), n)
	}
	s.WriteString("stepT := 0.125 * float64(stepI)\n")
	fmt.Fprintf(&s, "if %s {\nstB -= 0.125 * %s * math.Sin(stA)\n} else {\nstB -= 0.125 * %s * stA * math.Cos(stepT)\n}\n", cond, x, y)
	fmt.Fprintf(&s, "stA += 0.125 * %s\n}\n", p.pick("stB", "math.Tanh(stB)", "stB*"+y))
	s.WriteString("r += stA*stA + stB\n")
	return s.String()
}

// runningMax writes a helper taking the running maximum or minimum of the
// first n elements of a slice, in one of the forms reverse/argmax.go
// recognises, and a loop of F calling it on an array it updates: the
// result is log-sum-exp's shift or is added to r. Terms of the array may
// tie (the same parameter twice), so the winner's rule at ties is
// checked too.
func (p *pathGen) runningMax() (helper, stmts string) {
	name := p.prefix + "Max"
	n := 2 + p.rng.IntN(3)
	var step string
	switch p.rng.IntN(6) {
	case 0:
		step = "m = math.Max(m, v[i])"
	case 1:
		step = "m = math.Min(v[i], m)"
	case 2:
		step = "m = max(m, v[i])"
	case 3:
		step = "m = min(v[i], m)"
	case 4:
		step = "e := v[i]\nif e > m {\nm = e\n}"
	default:
		step = "e := v[i]\nif m >= e {\nm = e\n}"
	}
	helper = fmt.Sprintf("func %s(v []float64, n int) float64 {\nm := v[0]\nfor i := 1; i < n; i++ {\n%s\n}\nreturn m\n}\n", name, step)

	var s strings.Builder
	fmt.Fprintf(&s, "mxV := %s\n", p.literal(n))
	k := 1 + p.rng.IntN(3)
	fmt.Fprintf(&s, "for mp := range %d {\nmxV[mp%%%d] += %s\n", k, n, p.pick("0.25 * "+p.param(), "0.125", p.param()))
	call := fmt.Sprintf("%s(mxV[:], %d)", name, n)
	if p.rng.IntN(2) == 0 {
		// log-sum-exp shifted by the maximum: its derivative does not
		// depend on the shift, up to rounding.
		fmt.Fprintf(&s, "mxM := %s\nmxS := 0.0\nfor i := range %d {\nmxS += math.Exp(mxV[i] - mxM)\n}\nr += 0.5 * (mxM + math.Log(mxS))\n}\n", call, n)
	} else {
		fmt.Fprintf(&s, "r += %s * %s\n}\n", p.pick("0.5", "1.5", "-0.75"), call)
	}
	return helper, s.String()
}
