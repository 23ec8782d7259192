package srcgen

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/godiff/godiff"
	"github.com/godiff/godiff/emit"
	"github.com/godiff/godiff/parse"
)

// outcome is what became of one generated function.
type outcome int

const (
	ok         outcome = iota // every check passed
	refused                   // godiff refused it with a diagnostic
	internal                  // godiff reported an internal error
	noncompile                // godiff's output does not compile or vet
	wrong                     // a check failed: a wrong value or derivative
	nonfinite                 // F is not finite at the points tried
	genbug                    // the generator's own code is wrong (F panics, a.go does not compile)
	hang                      // the checks did not finish in time
	crash                     // godiff panicked
)

var outcomeNames = [...]string{"ok", "refused", "internal", "noncompile", "wrong", "nonfinite", "genbug", "hang", "crash"}

func (o outcome) String() string { return outcomeNames[o] }

// result is one function's outcome.
type result struct {
	seed  uint64
	index int
	fn    *Func
	out   outcome
	msg   string
	fd    int // gradient entries checked against finite differences
	skip  int // entries skipped where two finite-difference steps disagree
	// The variants' checks: points where the checkpointed copy's gradient
	// was compared, H·v entries checked against differences of FGrad
	// (and skipped), points where FHessian was checked.
	alt, hvpfd, hvpskip, hess int
	paths                     reached // what the program's generated code reaches (see markPaths)
}

// funcAt generates function index of seed: the same function whatever
// batch it is in.
func funcAt(seed uint64, index int, cfg Config) *Func {
	return Program(seed, index, cfg)
}

// batch runs godiff and the checks on functions together in one module
// under dir and returns one result per function.
func runBatch(dir string, seed uint64, first int, fs []*Func) []*result {
	res := make([]*result, len(fs))
	live := make(map[string]*result)
	for i, f := range fs {
		index := first + i
		if n, err := strconv.Atoi(strings.TrimPrefix(f.Name, "F")); err == nil {
			index = n // the batch may skip programs (-srcgen.newer)
		}
		res[i] = &result{seed: seed, index: index, fn: f}
		live[f.Name] = res[i]
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		panic(err)
	}
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/r\n\ngo 1.26\n"), 0o644)
	for round := 0; len(live) > 0; round++ {
		if round > len(fs)+2 {
			for _, r := range live {
				r.out, r.msg = genbug, "harness: no progress isolating failures"
			}
			break
		}
		names := liveOrder(fs, live)
		t0 := time.Now()
		okGen := generateLive(dir, &names, live)
		trace("round %d: godiff %v (%v)", round, time.Since(t0), okGen)
		if !okGen {
			continue
		}
		t0 = time.Now()
		okBuild := buildLive(dir, names, live)
		trace("round %d: vet and build %v (%v)", round, time.Since(t0), okBuild)
		if !okBuild {
			continue
		}
		t0 = time.Now()
		done := runLive(dir, names, live)
		trace("round %d: checks %v", round, time.Since(t0))
		if done {
			break
		}
	}
	return res
}

func liveOrder(fs []*Func, live map[string]*result) []*Func {
	var out []*Func
	for _, f := range fs {
		if live[f.Name] != nil {
			out = append(out, f)
		}
	}
	return out
}

// typeErrorRE matches the type checker's complaints, which godiff passes
// on: about a.go they are the generator's bugs.
var typeErrorRE = regexp.MustCompile(`a\.go:\d+:\d+: (declared and not used|undefined:|cannot use|invalid operation|mismatched types|missing return)`)

// fail records an outcome for the function and takes it out of the batch.
func fail(live map[string]*result, name string, o outcome, msg string) {
	if o == refused && typeErrorRE.MatchString(msg) {
		o, msg = genbug, "generator: "+msg
	}
	if r := live[name]; r != nil {
		r.out, r.msg = o, msg
		delete(live, name)
	}
}

// owner maps a declaration name in a.go or a_godiff.go to the generated
// function it belongs to: F3, f3H1, F3S, F3Grad, f3H1CallForward ...
var nameRE = regexp.MustCompile(`\b[Ff]\d+\w*`)

var ownerRE = regexp.MustCompile(`^[Ff](\d+)`)

func owner(name string) string {
	m := ownerRE.FindStringSubmatch(name)
	if m == nil {
		return ""
	}
	return "F" + m[1]
}

// generateLive writes a.go and runs godiff on it. If godiff fails, the
// functions it refuses or fails on are found (each through the
// transforms and the emitter on its own, so that one failure does not
// hide the next) and taken out. It reports whether the outputs were
// written.
func generateLive(dir string, names *[]*Func, live map[string]*result) bool {
	fs := *names
	var err error
	src := File("main", fs)
	path := filepath.Join(dir, "a.go")
	os.Remove(filepath.Join(dir, "a_godiff.go"))
	os.Remove(filepath.Join(dir, "main.go"))
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		panic(err)
	}
	var outs []godiff.Output
	if p := catch(func() { outs, err = godiff.Generate([]string{path}, godiff.Options{}) }); p != "" {
		for _, f := range fs {
			if p := catch(func() { godiff.Generate([]string{writeAlone(dir, f)}, godiff.Options{}) }); p != "" {
				fail(live, f.Name, crash, "godiff panics: "+p)
			}
		}
		if len(live) == len(fs) {
			for _, f := range fs {
				fail(live, f.Name, crash, "godiff panics on the batch, on no function alone: "+p)
			}
		}
		return false
	}
	if err != nil {
		isolate(path, src, err, fs, live)
		return false
	}
	for _, o := range outs {
		if o.Content != nil {
			os.WriteFile(o.Path, o.Content, 0o644)
			setOutputSeeds(fs, o.Content)
			markSliceState(fs, o.Content)
			markPaths(o.Content, live)
		}
	}
	os.WriteFile(filepath.Join(dir, "main.go"), []byte(MainFile(fs)), 0o644)
	return true
}

// isolate takes out the functions of a.go that godiff fails on, given the
// error of a run over all of them.
func isolate(path, src string, err error, fs []*Func, live map[string]*result) {
	decls := declLines(src)
	files, lerr := parse.Load([]string{path})
	if lerr != nil {
		attribute(lerr, decls, fs, live, refused)
		return
	}
	n, dropped := len(live), false
	for _, t := range files[0].Targets {
		fns, err := godiff.Derive(t.Func, t.Directives)
		if err == nil {
			if _, eerr := emit.File(emit.FileSpec{Package: files[0].Package, Funcs: fns}); eerr != nil {
				err = fmt.Errorf("internal error emitting: %v", eerr)
			}
		}
		if err != nil {
			o := refused
			if strings.Contains(err.Error(), "internal error") {
				o = internal
			}
			if f, v := variantOf(fs, t.Func.Name); v != nil {
				variantRefused(live, f, v, o, err.Error())
				dropped = true // the batch runs again without it
				continue
			}
			fail(live, t.Func.Name, o, err.Error())
		}
	}
	if len(live) == n && !dropped {
		// Each alone is fine: the run's own error says whose it is.
		attribute(err, decls, fs, live, refused)
	}
}

// attribute takes out the functions a godiff error list is about, by the
// lines of their declarations; an error it cannot place takes out all.
func attribute(err error, decls []declLine, fs []*Func, live map[string]*result, o outcome) {
	var list parse.ErrorList
	if !errors.As(err, &list) {
		// An error without a position (emit's): it names the function.
		for _, m := range nameRE.FindAllString(err.Error(), -1) {
			if name := owner(m); live[name] != nil {
				fail(live, name, internal, "godiff.Generate: "+err.Error())
				return
			}
		}
		for name := range live {
			fail(live, name, internal, "godiff.Generate: "+err.Error())
		}
		return
	}
	msgs := make(map[string][]string)
	variants := make(map[*Variant][]string)
	for _, e := range list {
		if _, v := variantOf(fs, lineName(decls, e.Pos.Line)); v != nil {
			variants[v] = append(variants[v], e.Error())
			continue
		}
		name := lineOwner(decls, e.Pos.Line)
		if name == "" || live[name] == nil {
			for name := range live {
				msgs[name] = append(msgs[name], "unplaced: "+e.Error())
			}
			continue
		}
		msgs[name] = append(msgs[name], e.Error())
	}
	for v, m := range variants {
		f, _ := variantOf(fs, v.Name)
		o := refused
		if strings.Contains(strings.Join(m, "\n"), "internal error") {
			o = internal
		}
		variantRefused(live, f, v, o, strings.Join(m, "\n"))
	}
	for name, m := range msgs {
		oo := o
		if strings.Contains(strings.Join(m, "\n"), "internal error") {
			oo = internal
		}
		fail(live, name, oo, strings.Join(m, "\n"))
	}
}

// declLine is where a top-level declaration of a file starts and ends.
type declLine struct {
	owner, name string
	start, end  int
}

func declLines(src string) []declLine {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "a.go", src, parser.ParseComments)
	if err != nil {
		return nil
	}
	var out []declLine
	for _, d := range f.Decls {
		start := d.Pos()
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Doc != nil {
			start = fd.Doc.Pos() // a directive's message is at its line
		}
		out = append(out, declLine{owner: declOwner(d), name: declName(d), start: fset.Position(start).Line, end: fset.Position(d.End()).Line})
	}
	return out
}

// declOwner is the generated function a declaration belongs to.
func declOwner(d ast.Decl) string {
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Recv != nil && len(d.Recv.List) > 0 {
			t := d.Recv.List[0].Type
			if s, ok := t.(*ast.StarExpr); ok {
				t = s.X
			}
			if id, ok := t.(*ast.Ident); ok {
				return owner(id.Name)
			}
		}
		return owner(d.Name.Name)
	case *ast.GenDecl:
		for _, s := range d.Specs {
			switch s := s.(type) {
			case *ast.TypeSpec:
				return owner(s.Name.Name)
			case *ast.ValueSpec:
				return owner(s.Names[0].Name)
			}
		}
	}
	return ""
}

// declName is a function declaration's name, or "".
func declName(d ast.Decl) string {
	if d, ok := d.(*ast.FuncDecl); ok {
		return d.Name.Name
	}
	return ""
}

// lineName is the name of the function declared at line, or "".
func lineName(decls []declLine, line int) string {
	for _, d := range decls {
		if d.start <= line && line <= d.end {
			return d.name
		}
	}
	return ""
}

// positionedRE matches a refusal's position in the batch's file.
var positionedRE = regexp.MustCompile(`(^|\n)[^\n]*a\.go:\d+:\d+: `)

// variantRefused records godiff's refusal of a variant of f and drops it,
// so that the batch runs again without it. An internal error, or a
// refusal without a position, is f's failure.
func variantRefused(live map[string]*result, f *Func, v *Variant, o outcome, msg string) {
	switch {
	case o == internal:
		fail(live, f.Name, internal, "variant "+v.Name+": "+msg)
	case !positionedRE.MatchString(msg):
		fail(live, f.Name, refused, "variant "+v.Name+" refused without a position: "+msg)
	}
	v.Refusal = msg
	dropVariant(f, v)
	f.Refused = append(f.Refused, v)
}

func lineOwner(decls []declLine, line int) string {
	for _, d := range decls {
		if d.start <= line && line <= d.end {
			return d.owner
		}
	}
	return ""
}

var errLineRE = regexp.MustCompile(`(?m)^(?:vet: )?\.?/?([a-z_]+\.go):(\d+):\d+: (.*)$`)

// goCmdRetried runs a go command in dir with a time limit of 5 minutes
// and, if the machine was too loaded for that, once more with 20.
func goCmdRetried(dir string, args ...string) (string, error) {
	out, err := goCmd(dir, 5*time.Minute, args...)
	if errors.Is(err, errTimedOut) {
		out, err = goCmd(dir, 20*time.Minute, args...)
	}
	return out, err
}

// buildLive vets and builds the module. Functions whose output does not
// compile are taken out; it reports whether the binary was built.
func buildLive(dir string, fs []*Func, live map[string]*result) bool {
	// Build first, reporting every error (vet stops at the first), without
	// optimisation, which halves the compile time.
	out, err := goCmdRetried(dir, "build", "-gcflags=-e -N -l", "-o", "check.bin", ".")
	if err == nil {
		out, err = goCmdRetried(dir, "vet", ".")
		if err == nil {
			return true
		}
	}
	files := map[string][]declLine{}
	for _, name := range []string{"a.go", "a_godiff.go", "main.go"} {
		b, _ := os.ReadFile(filepath.Join(dir, name))
		files[name] = declLines(string(b))
	}
	msgs := make(map[string][]string)
	mainSrc, _ := os.ReadFile(filepath.Join(dir, "main.go"))
	for _, m := range errLineRE.FindAllStringSubmatch(out, -1) {
		line, _ := strconv.Atoi(m[2])
		name := lineOwner(files[m[1]], line)
		if m[1] == "main.go" {
			name = caseOwner(string(mainSrc), line)
		}
		if name == "" || live[name] == nil {
			continue
		}
		msg := m[1] + ":" + m[2] + ": " + m[3]
		if m[1] == "a.go" {
			msg = "generator: " + msg
		}
		msgs[name] = append(msgs[name], msg)
	}
	if len(msgs) == 0 {
		// Nothing placed: compile each alone to find the culprits.
		for _, f := range fs {
			if msg := compileAlone(filepath.Join(dir, "alone"), f); msg != "" {
				msgs[f.Name] = append(msgs[f.Name], msg)
			}
		}
	}
	if len(msgs) == 0 {
		for name := range live {
			fail(live, name, noncompile, "the batch does not build, no function alone fails:\n"+out)
		}
		return false
	}
	for name, m := range msgs {
		o := noncompile
		if strings.HasPrefix(m[0], "generator: ") {
			o = genbug
		}
		fail(live, name, o, strings.Join(m, "\n"))
	}
	return false
}

// compileAlone generates and vets f in a module of its own and returns
// the errors, or "".
func compileAlone(dir string, f *Func) string {
	os.RemoveAll(dir)
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/r\n\ngo 1.26\n"), 0o644)
	path := filepath.Join(dir, "a.go")
	os.WriteFile(path, []byte(f.Source("main")), 0o644)
	outs, err := godiff.Generate([]string{path}, godiff.Options{})
	if err != nil {
		return "godiff: " + err.Error()
	}
	for _, o := range outs {
		if o.Content != nil {
			os.WriteFile(o.Path, o.Content, 0o644)
		}
	}
	os.WriteFile(filepath.Join(dir, "main.go"), []byte(MainFile([]*Func{f})), 0o644)
	out, err := goCmd(dir, 5*time.Minute, "vet", ".")
	if err != nil {
		return out
	}
	return ""
}

func goCmd(dir string, timeout time.Duration, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	err := cmd.Run()
	if ctx.Err() != nil {
		// Killed at the time limit: say so, or the batch would read as
		// not building with no message at all.
		err = fmt.Errorf("go %s timed out after %v: %w", args[0], timeout, errTimedOut)
		buf.WriteString(err.Error())
	}
	return buf.String(), err
}

// errTimedOut marks a go command killed at its time limit (a loaded
// machine), which says nothing of the code it was given.
var errTimedOut = errors.New("time limit reached")

// runLive runs the checks and records each function's outcome. It
// reports false when the checks stopped early (a hang, a crash) and
// others remain to run.
func runLive(dir string, fs []*Func, live map[string]*result) bool {
	ctx, cancel := context.WithTimeout(context.Background(), *flagTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, filepath.Join(dir, "check.bin"))
	cmd.Dir = dir
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	err := cmd.Run()
	last := ""
	for _, line := range strings.Split(buf.String(), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 || live[f[1]] == nil {
			continue
		}
		name, rest := f[1], strings.TrimSpace(strings.TrimPrefix(line, f[0]+" "+f[1]))
		switch f[0] {
		case "START":
			last = name
		case "OK":
			r := live[name]
			fmt.Sscanf(rest, "fd=%d nonsmooth=%d alt=%d hvpfd=%d hvpskip=%d hess=%d", &r.fd, &r.skip, &r.alt, &r.hvpfd, &r.hvpskip, &r.hess)
			delete(live, name)
		case "FAIL":
			fail(live, name, wrong, rest)
		case "GENBUG":
			fail(live, name, genbug, rest)
		case "NONFINITE":
			fail(live, name, nonfinite, "")
		}
	}
	if last != "" && live[last] != nil {
		o := hang
		if ctx.Err() == nil {
			o = wrong // the process died in this function
		}
		fail(live, last, o, fmt.Sprintf("the checks stopped here (%v):\n%s", err, tail(buf.String(), 2000)))
		return len(live) == 0
	}
	for name := range live {
		fail(live, name, genbug, fmt.Sprintf("not run: %v", err))
	}
	return true
}

func tail(s string, n int) string {
	if len(s) > n {
		return "..." + s[len(s)-n:]
	}
	return s
}

// trace prints progress with -srcgen.v.
func trace(format string, args ...any) {
	if *flagVerbose {
		fmt.Fprintf(os.Stderr, "srcgen: "+format+"\n", args...)
	}
}

// catch runs f and returns its panic with the stack, or "".
func catch(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprintf("%v\n%s", r, debug.Stack())
		}
	}()
	f()
	return ""
}

// writeAlone writes f alone into a module under dir/alone and returns the
// path of its file.
func writeAlone(dir string, f *Func) string {
	dir = filepath.Join(dir, "alone")
	os.RemoveAll(dir)
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/r\n\ngo 1.26\n"), 0o644)
	path := filepath.Join(dir, "a.go")
	os.WriteFile(path, []byte(f.Source("main")), 0o644)
	return path
}

var caseRE = regexp.MustCompile(`^\{name: "(F\d+)"`)

// caseOwner returns the function whose checks in main.go hold line: the
// last case that starts before it.
func caseOwner(src string, line int) string {
	owner := ""
	for i, l := range strings.Split(src, "\n") {
		if i+1 > line {
			break
		}
		if m := caseRE.FindStringSubmatch(strings.TrimSpace(l)); m != nil {
			owner = m[1]
		}
	}
	return owner
}

// setOutputSeeds sets each function's OutputSeeds from the signature of
// its FVJP in the generated file out: the parameters past F's and its
// results' seeds.
func setOutputSeeds(fs []*Func, out []byte) {
	file, err := parser.ParseFile(token.NewFileSet(), "out.go", out, 0)
	if err != nil {
		return // the build reports it
	}
	vjps := make(map[string][]string)
	for _, d := range file.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil {
			var names []string
			for _, fl := range fd.Type.Params.List {
				for _, n := range fl.Names {
					names = append(names, n.Name)
				}
			}
			vjps[fd.Name.Name] = names
		}
	}
	for _, f := range fs {
		if names, ok := vjps[f.Name+"VJP"]; ok {
			f.OutputSeeds = max(0, len(names)-len(f.Params)-f.Results)
			f.Outputs = outputsOf(f, names[min(len(names), len(f.Params)+f.Results):])
		}
	}
}

// outputsOf tells which slices of f FVJP's output seeds are for, from
// their names (sxs for xs, ssW for s.W, maybe numbered), or returns nil.
func outputsOf(f *Func, seeds []string) []Output {
	var outs []Output
	for _, name := range seeds {
		name = strings.TrimRight(strings.TrimPrefix(name, "s"), "0123456789")
		n, found := 0, false
		for i, p := range f.Params {
			switch {
			case p.Kind == Slice && p.Name == name:
				outs = append(outs, Output{Param: i, Len: p.Len, Flat: n})
				found = true
			case (p.Kind == Struct || p.Kind == StructPtr) && p.Name+"W" == name:
				outs = append(outs, Output{Param: i, Field: true, Len: p.Type.Len, Flat: n})
				found = true
			}
			n += flatSize(p)
		}
		if !found {
			return nil
		}
	}
	return outs
}

// markSliceState sets SliceState of the checkpointed copies whose tape, in
// the output out, keeps states of a slice's elements (a field the report
// describes as "len(x) entries a state"): the copies that check godiff's
// saving of state held in slices against the unmarked function.
func markSliceState(fs []*Func, out []byte) {
	text := string(out)
	for _, f := range fs {
		for _, v := range f.Variants {
			if v.Kind != Checkpointed {
				continue
			}
			start := strings.Index(text, "type "+v.Name+"Tape struct {")
			if start < 0 {
				continue
			}
			body := text[start:]
			if end := strings.Index(body, "\n}\n"); end >= 0 {
				body = body[:end]
			}
			v.SliceState = strings.Contains(body, "entries a state")
		}
	}
}
