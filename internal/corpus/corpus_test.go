package corpus

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/godiff/godiff"
	"github.com/godiff/godiff/parse"
)

var update = flag.Bool("corpus.update", false, "rewrite testdata/accepted.txt with what godiff accepts and checks now")

// function is one annotated function of the corpus.
type function struct {
	key        string // pkg.Func or pkg.Type.Method
	pkg, file  string // file relative to the corpus
	recv       string // receiver type, "" for a function
	ptrRecv    bool
	name       string
	alias      string   // its package's copy in the scratch module: alone/<alias>
	params     []string // names, receiver first
	directives []int    // lines of the //godiff: directives
	verbs      map[string][]string
}

// result is what godiff made of one function.
type result struct {
	status string // ok, refused, wrong, unchecked
	detail string
}

func TestCorpus(t *testing.T) {
	fns := discover(t)
	tmp := t.TempDir()
	if err := writeFile(filepath.Join(tmp, "go.mod"), []byte("module github.com/godiff/godiff\n\ngo 1.26\n")); err != nil {
		t.Fatal(err)
	}
	if err := writeScratch(tmp, "internal/corpus", nil, nil); err != nil {
		t.Fatal(err)
	}
	msgs, err := generateEach(tmp, fns)
	if err != nil {
		t.Fatal(err)
	}
	results := make(map[string]result)
	var accepted []*function
	for i, fn := range fns {
		if msgs[i] != "" {
			results[fn.key] = result{"refused", msgs[i]}
			continue
		}
		accepted = append(accepted, fn)
	}
	for key, r := range checkAccepted(t, tmp, accepted) {
		results[key] = r
	}
	together, err := generateTogether(tmp, fns, accepted)
	if err != nil {
		t.Fatal(err)
	}
	got := table(fns, results, together)
	path := filepath.Join("testdata", "accepted.txt")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", path)
	}
	t.Log("\n" + string(got))
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/corpus -corpus.update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("what godiff accepts changed; the diff below is got against %s (rerun with -corpus.update if it is an improvement):\n%s", path, lineDiff(string(want), string(got)))
	}
	for _, fn := range fns {
		if r := results[fn.key]; r.status == "wrong" || r.status == "unchecked" {
			t.Errorf("%s: %s: %s", fn.key, r.status, r.detail)
		}
	}
}

// discover lists the annotated functions of the corpus's packages.
func discover(t *testing.T) []*function {
	t.Helper()
	files, err := filepath.Glob("*/*.go")
	if err != nil {
		t.Fatal(err)
	}
	var fns []*function
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") || strings.HasSuffix(path, "_godiff.go") {
			continue
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Doc == nil {
				continue
			}
			fn := &function{pkg: f.Name.Name, file: path, name: fd.Name.Name, verbs: make(map[string][]string)}
			for _, c := range fd.Doc.List {
				if rest, ok := strings.CutPrefix(c.Text, "//godiff:"); ok {
					fields := strings.Fields(rest)
					fn.verbs[fields[0]] = fields[1:]
					fn.directives = append(fn.directives, fset.Position(c.Pos()).Line)
				}
			}
			if len(fn.directives) == 0 {
				continue
			}
			fn.key = fn.pkg + "." + fn.name
			if fd.Recv != nil {
				r := fd.Recv.List[0]
				typ := r.Type
				if s, ok := typ.(*ast.StarExpr); ok {
					fn.ptrRecv, typ = true, s.X
				}
				fn.recv = typ.(*ast.Ident).Name
				fn.key = fn.pkg + "." + fn.recv + "." + fn.name
				name := "_"
				if len(r.Names) > 0 {
					name = r.Names[0].Name
				}
				fn.params = append(fn.params, name)
			}
			for _, p := range fd.Type.Params.List {
				for _, n := range p.Names {
					fn.params = append(fn.params, n.Name)
				}
			}
			fns = append(fns, fn)
		}
	}
	sort.Slice(fns, func(i, j int) bool { return fns[i].key < fns[j].key })
	return fns
}

// generateEach runs generateAlone on every function, a few at a time:
// most of a run is go list's, waiting on the disk.
func generateEach(tmp string, fns []*function) ([]string, error) {
	msgs := make([]string, len(fns))
	errs := make([]error, len(fns))
	sem := make(chan bool, max(2, runtime.NumCPU()))
	var wg sync.WaitGroup
	for i, fn := range fns {
		fn.alias = fmt.Sprintf("f%d", i)
		wg.Add(1)
		sem <- true
		go func() {
			defer wg.Done()
			msgs[i], errs[i] = generateAlone(tmp, fns, fn)
			<-sem
		}()
	}
	wg.Wait()
	return msgs, errors.Join(errs...)
}

// generateTogether runs godiff on each package with the directives of all
// its functions that it accepts alone, as a user annotates a file, and
// returns, by package, its first message or "".
func generateTogether(tmp string, fns, accepted []*function) (map[string]string, error) {
	byPkg := make(map[string][]*function)
	for _, fn := range accepted {
		byPkg[fn.pkg] = append(byPkg[fn.pkg], fn)
	}
	out := make(map[string]string)
	for pkg, keep := range byPkg {
		msg, err := generateIn(tmp, filepath.Join("internal", "corpus", "together", pkg), fns, keep)
		if err != nil {
			return nil, err
		}
		out[pkg] = msg
	}
	return out, nil
}

// writeScratch copies the corpus's packages (only the package of keep, if
// keep is not nil) into dir of the scratch module tmp, keeping the
// directives of keep's functions only.
func writeScratch(tmp, dir string, fns []*function, keep []*function) error {
	drop := make(map[string]map[int]bool)
	for _, fn := range fns {
		if slices.Contains(keep, fn) {
			continue
		}
		if drop[fn.file] == nil {
			drop[fn.file] = make(map[int]bool)
		}
		for _, l := range fn.directives {
			drop[fn.file][l] = true
		}
	}
	files, _ := filepath.Glob("*/*.go")
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") || strings.HasSuffix(path, "_godiff.go") {
			continue
		}
		if keep != nil && filepath.Dir(path) != filepath.Dir(keep[0].file) {
			continue
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		lines := strings.Split(string(src), "\n")
		for i := range lines {
			if strings.HasPrefix(lines[i], "//godiff:") && (keep == nil || drop[path][i+1]) {
				lines[i] = "//" // keeps the doc comment and every position
			}
		}
		if keep != nil {
			path = filepath.Base(path)
		}
		if err := writeFile(filepath.Join(tmp, dir, path), []byte(strings.Join(lines, "\n"))); err != nil {
			return err
		}
	}
	return nil
}

func writeFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

var position = regexp.MustCompile(`^[^ :]+:\d+:\d+: `)

// generateAlone copies fn's package into a directory of its own in the
// scratch module, with fn's directives only, runs godiff on fn's file and
// writes what it generates. It returns godiff's first message, position
// dropped, or "".
func generateAlone(tmp string, fns []*function, fn *function) (string, error) {
	dir := filepath.Join("internal", "corpus", "alone", fn.alias)
	return generateIn(tmp, dir, fns, []*function{fn})
}

// generateIn copies the package of keep into dir of the scratch module,
// with keep's directives only, runs godiff on their files and writes what
// it generates. It returns godiff's first message, position dropped, or "".
func generateIn(tmp, dir string, fns, keep []*function) (string, error) {
	if err := writeScratch(tmp, dir, fns, keep); err != nil {
		return "", err
	}
	var paths []string
	for _, fn := range keep {
		if p := filepath.Join(tmp, dir, filepath.Base(fn.file)); !slices.Contains(paths, p) {
			paths = append(paths, p)
		}
	}
	outs, err := generate(paths)
	if err != nil {
		var list parse.ErrorList
		msg := err.Error()
		if errors.As(err, &list) && len(list) > 0 {
			msg = list[0].Msg
		}
		msg = strings.ReplaceAll(msg, filepath.Join(tmp, dir)+string(filepath.Separator), keep[0].pkg+"/")
		msg = strings.ReplaceAll(msg, tmp+string(filepath.Separator), "")
		return position.ReplaceAllString(strings.SplitN(msg, "\n", 2)[0], ""), nil
	}
	for _, o := range outs {
		if o.Content != nil {
			if err := writeFile(o.Path, o.Content); err != nil {
				return "", err
			}
		}
	}
	return "", nil
}

// generate is godiff.Generate, with a panic turned into a message: the
// table must record it, not stop.
func generate(paths []string) (outs []godiff.Output, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("godiff panicked: %v", r)
		}
	}()
	return godiff.Generate(paths, godiff.Options{})
}

// checkAccepted runs the check program on the accepted functions, each
// imported from its own copy of its package.
func checkAccepted(t *testing.T, tmp string, accepted []*function) map[string]result {
	t.Helper()
	results := make(map[string]result)
	var checked []*function
	var imports, entries strings.Builder
	for _, fn := range accepted {
		sp, ok := specs[fn.key]
		if !ok {
			results[fn.key] = result{"unchecked", "no entry in specs_test.go"}
			continue
		}
		checked = append(checked, fn)
		fmt.Fprintf(&imports, "\t%s %q\n", fn.alias, "github.com/godiff/godiff/internal/corpus/alone/"+fn.alias)
		entries.WriteString(entry(fn, sp))
	}
	if len(checked) == 0 {
		return results
	}
	lib, err := os.ReadFile(filepath.Join("testdata", "check.go.txt"))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(tmp, "internal", "corpus", "check")
	if err := writeFile(filepath.Join(dir, "check.go"), lib); err != nil {
		t.Fatal(err)
	}
	src := fmt.Sprintf("package main\n\nimport (\n%s)\n\nvar entries = []entry{\n%s}\n", imports.String(), entries.String())
	if err := writeFile(filepath.Join(dir, "entries.go"), []byte(src)); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "run", "./internal/corpus/check")
	cmd.Dir = tmp
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the check program: %v\n%s", err, out)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		key, msg, _ := strings.Cut(line, "\t")
		if key == "checker" {
			t.Errorf("the check program's own test: %s", msg)
			continue
		}
		if msg == "ok" {
			results[key] = result{"ok", ""}
		} else {
			results[key] = result{"wrong", msg}
		}
	}
	for _, fn := range checked {
		if _, ok := results[fn.key]; !ok {
			results[fn.key] = result{"wrong", "the check program printed nothing for it"}
		}
	}
	return results
}

// entry is fn's line in the check program's table.
func entry(fn *function, sp spec) string {
	qual := fn.alias + "."
	f := func(suffix string) string {
		switch {
		case fn.recv == "":
			return qual + fn.name + suffix
		case fn.ptrRecv:
			return "(*" + qual + fn.recv + ")." + fn.name + suffix
		}
		return qual + fn.recv + "." + fn.name + suffix
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\t{name: %q, method: %v, f: %s,\n", fn.key, fn.recv != "", f(""))
	if hasVerb(fn, "grad") {
		fmt.Fprintf(&b, "\t\tgrad: %s,\n", f("Grad"))
	}
	if hasVerb(fn, "grad") || hasVerb(fn, "vjp") {
		fmt.Fprintf(&b, "\t\tforward: %s, backward: %s%s%sBackward,\n", f("Forward"), qual, fn.recv, fn.name)
	}
	if hasVerb(fn, "jvp") {
		fmt.Fprintf(&b, "\t\tjvp: %s,\n", f("JVP"))
	}
	if hasVerb(fn, "vjp") {
		fmt.Fprintf(&b, "\t\tvjp: %s,\n", f("VJP"))
	}
	args := strings.ReplaceAll(sp.args, fn.pkg+".", qual)
	fmt.Fprintf(&b, "\t\targs: func() []any { return []any{%s} },\n", args)
	if names := fn.verbs["grad"]; len(names) > 0 {
		var idx []string
		for _, n := range names {
			idx = append(idx, fmt.Sprint(slices.Index(fn.params, n)))
		}
		fmt.Fprintf(&b, "\t\tdiff: []int{%s},\n", strings.Join(idx, ", "))
	} else if names := fn.verbs["jvp"]; len(names) > 0 {
		var idx []string
		for _, n := range names {
			idx = append(idx, fmt.Sprint(slices.Index(fn.params, n)))
		}
		fmt.Fprintf(&b, "\t\tdiff: []int{%s},\n", strings.Join(idx, ", "))
	}
	if sp.ref != "" {
		fmt.Fprintf(&b, "\t\tref: %s,\n", sp.ref)
	}
	b.WriteString("\t},\n")
	return b.String()
}

func hasVerb(fn *function, verb string) bool {
	_, ok := fn.verbs[verb]
	return ok
}

// table is testdata/accepted.txt: the summary, then one line per function,
// then one per package for its accepted functions generated together.
func table(fns []*function, results map[string]result, together map[string]string) []byte {
	var b bytes.Buffer
	for _, line := range strings.Split(strings.TrimSpace(summary(fns, results)), "\n") {
		fmt.Fprintf(&b, "# %s\n", line)
	}
	pkgs := make([]string, 0, len(together))
	for pkg := range together {
		pkgs = append(pkgs, pkg)
	}
	sort.Strings(pkgs)
	for _, pkg := range pkgs {
		if msg := together[pkg]; msg != "" {
			fmt.Fprintf(&b, "# package %s, its accepted functions together: refused: %s\n", pkg, msg)
		}
	}
	b.WriteString("\n")
	for _, fn := range fns {
		r := results[fn.key]
		if r.detail == "" {
			fmt.Fprintf(&b, "%s\t%s\n", fn.key, r.status)
		} else {
			fmt.Fprintf(&b, "%s\t%s: %s\n", fn.key, r.status, r.detail)
		}
	}
	b.WriteString("\n")
	for _, pkg := range pkgs {
		if msg := together[pkg]; msg == "" {
			fmt.Fprintf(&b, "package %s together\tok\n", pkg)
		} else {
			fmt.Fprintf(&b, "package %s together\trefused: %s\n", pkg, msg)
		}
	}
	return b.Bytes()
}

// summary counts the accepted functions and groups the refusals by message.
func summary(fns []*function, results map[string]result) string {
	var ok int
	byMsg := make(map[string][]string)
	for _, fn := range fns {
		r := results[fn.key]
		switch r.status {
		case "ok":
			ok++
		case "refused":
			byMsg[reason(r.detail)] = append(byMsg[reason(r.detail)], fn.key)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d of %d functions accepted and checked\n", ok, len(fns))
	msgs := make([]string, 0, len(byMsg))
	for m := range byMsg {
		msgs = append(msgs, m)
	}
	sort.Slice(msgs, func(i, j int) bool {
		if len(byMsg[msgs[i]]) != len(byMsg[msgs[j]]) {
			return len(byMsg[msgs[i]]) > len(byMsg[msgs[j]])
		}
		return msgs[i] < msgs[j]
	})
	for _, m := range msgs {
		fmt.Fprintf(&b, "refused (%d): %s\n    %s\n", len(byMsg[m]), m, strings.Join(byMsg[m], " "))
	}
	return b.String()
}

var (
	// chained: "F calls G ..., but godiff cannot differentiate G: [pos: ]why"
	chained = regexp.MustCompile(`^.*, but godiff cannot differentiate [\w.]+: (?:[^ :]+:\d+:\d+: )?`)
	// a name that starts a reason: "floats.Sum takes a slice", "MeanVariance takes slices"
	leadingName = regexp.MustCompile(`^[\w.]+ (takes|calls)`)
	// "result 1 of CumSum has type []float64"
	resultOf = regexp.MustCompile(`result \d+ of [\w.]+ has type`)
)

// reason is a refusal's message without the names that differ between
// functions refused for the same reason, innermost cause first.
func reason(msg string) string {
	msg = chained.ReplaceAllString(msg, "")
	msg = leadingName.ReplaceAllString(msg, "F $1")
	return resultOf.ReplaceAllString(msg, "result of F has type")
}

// lineDiff lists the lines only in want (-) and only in got (+).
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for _, l := range w {
		if !slices.Contains(g, l) {
			fmt.Fprintf(&b, "- %s\n", l)
		}
	}
	for _, l := range g {
		if !slices.Contains(w, l) {
			fmt.Fprintf(&b, "+ %s\n", l)
		}
	}
	return b.String()
}
