package godiff

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/tools/txtar"
)

// The gradient checks godiff generates (godiff -tests, package testgen)
// are tested here three ways: goldens of the tests they hold for small
// functions (TestChecksGolden), their run on every example and internal
// package of this module, where they must pass, and on functions whose
// derivatives are wrong on purpose, where each must fail with its message
// (TestGeneratedChecks).

// checksMarker ends the tests of a generated test file; the checking code
// that follows is the same in every file (package testgen/tmpl).
const checksMarker = "\n// The checking code below is the same in every file godiff -tests writes.\n"

// A golden file of testdata/checks/golden is a txtar archive: input.go,
// and any other files of the package (a points_test.go), then
// checks_test.go, the tests of the generated test file up to its checking
// code. The goldens' packages are generated into one module, which must
// pass go vet and go test: the checks pass on correct derivatives.
func TestChecksGolden(t *testing.T) {
	paths, err := filepath.Glob("testdata/checks/golden/*.txtar")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	module := t.TempDir()
	writeFile(t, filepath.Join(module, "go.mod"), "module example.com/golden\n\ngo 1.26\n")
	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".txtar")
		ar, err := txtar.ParseFile(path)
		if err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join(module, name)
		for _, f := range ar.Files {
			if f.Name != "checks_test.go" {
				writeFile(t, filepath.Join(dir, f.Name), string(f.Data))
			}
		}
		src := filepath.Join(dir, "input.go")
		outs, err := Generate([]string{src}, Options{Tests: true})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		again, err := Generate([]string{src}, Options{Tests: true})
		if err != nil || len(outs) != 2 || len(again) != 2 || !bytes.Equal(outs[1].Content, again[1].Content) {
			t.Fatalf("%s: a second run generated other bytes, or not two outputs (err %v)", name, err)
		}
		if outs[1].Path != TestPath(OutputPath(src)) {
			t.Errorf("%s: the test file is %s", name, outs[1].Path)
		}
		tests, _, ok := strings.Cut(string(outs[1].Content), checksMarker)
		if !ok {
			t.Fatalf("%s: the test file has no checking code:\n%s", name, outs[1].Content)
		}
		if *update {
			setSection(ar, "checks_test.go", tests+"\n")
			if err := os.WriteFile(path, txtar.Format(ar), 0o644); err != nil {
				t.Fatal(err)
			}
		} else {
			compare(t, name+": checks_test.go", tests+"\n", section(t, ar, "checks_test.go"))
		}
		if _, err := Write(outs); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{{"vet", "./..."}, {"test", "-count=1", "./..."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = module
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("go %s on the goldens' packages: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}

// brokenCheck is a function of testdata/checks/broken.txtar, the edit
// made by hand to its generated code (in the body of the function named
// in, the first old becomes new), and what its generated test must say.
type brokenCheck struct {
	test     string
	in       string
	old, new string
	want     []string
}

var brokenChecks = []brokenCheck{
	{test: "TestGodiffWrongRule", want: []string{"WrongRuleGrad: the derivative by x is", "but central differences give", "at random point 1"}},
	{test: "TestGodiffEditedBackward", in: "EditedBackwardBackward", old: "math.Cos(", new: "math.Sin(",
		want: []string{"EditedBackwardGrad: the derivative by w[0] is", "but central differences give"}},
	{test: "TestGodiffEditedJVP", in: "EditedJVPJVP", old: "return t1 * x, ", new: "return t1 * x, 1.001*",
		want: []string{"EditedJVPJVP: the tangent of result 1 is", "but central differences give", "along the tangent x: "}},
	{test: "TestGodiffEditedValue", in: "EditedValueForward", old: "x*x + 1", new: "x*x + 1.0000000001",
		want: []string{"EditedValueForward's values are not EditedValue's bit for bit: result 1 is"}},
	{test: "TestGodiffEditedGradValue", in: "EditedGradValueGrad", old: "x*x + 1, dx", new: "x*x + 1.0000000001, dx",
		want: []string{"EditedGradValueGrad's values are not EditedGradValue's bit for bit: result 1 is"}},
	{test: "TestGodiffEditedModes", in: "EditedModesJVP", old: "return t1 * x, ", new: "return t1 * x, 1.001*",
		want: []string{"forward and reverse mode disagree: <EditedModesJVP(v), w> =", "<v, EditedModesGrad(w)> ="}},
	{test: "TestGodiffEditedSeed", in: "EditedSeedVJP", old: "dx += s*", new: "dx += 2*s*",
		want: []string{"EditedSeedVJP with seed 1 is not EditedSeedGrad bit for bit: the derivative by x is"}},
	{test: "TestGodiffEditedAlloc", in: "EditedAllocForward", old: "{\n", new: "{\n\tbrokenSink = make([]float64, len(x))\n",
		want: []string{"EditedAllocForward then EditedAllocBackward allocate 1 times per run on a kept tape, where EditedAlloc allocates nothing"}},
	{test: "TestGodiffGuarded", want: []string{
		"Guarded panics at random point 1 (slices of length 3, integers 1, booleans false): x=[", "skipped: Guarded wants two numbers",
		"Guarded: no point to check: Guarded panicked, was not finite or did not return at all 6 points tried",
		"declare func godiffPointsGuarded(at func(x []float64)) in a _test.go file"}},
	// A function that loops forever does not hang the test: a point is
	// skipped after 2s, and the search for points stops after two.
	{test: "TestGodiffHangs", want: []string{"Hangs did not return within 2s at random point 1", "Hangs did not return within 2s at random point 2",
		"Hangs: no point to check: Hangs panicked, was not finite or did not return at all 2 points tried"}},
	{test: "TestGodiffGivenPanics", want: []string{"GivenPanics panics at a point of godiffPointsGivenPanics: GivenPanics wants x <= 1", "at point 2 of godiffPointsGivenPanics: x=2"}},
}

// The generated checks of every example and internal package of this
// module pass, generated into a copy of it; those of the functions of
// testdata/checks/broken.txtar, added to the copy as a package, fail,
// each with its message. One go test run builds and runs them all.
func TestGeneratedChecks(t *testing.T) {
	module := t.TempDir()
	copyModule(t, ".", module)
	ar, err := txtar.ParseFile("testdata/checks/broken.txtar")
	if err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(module, "internal", "broken")
	for _, f := range ar.Files {
		writeFile(t, filepath.Join(broken, f.Name), string(f.Data))
	}
	sources := committedSources(t, module)
	sources = append(sources, filepath.Join(broken, "broken.go"))
	var tests []string // every test generated for a package of this module
	start := time.Now()
	for _, outs := range generateAll(t, packageDirs(sources)) {
		if _, err := Write(outs); err != nil {
			t.Fatal(err)
		}
		for _, o := range outs {
			if strings.HasSuffix(o.Path, "_test.go") && filepath.Dir(o.Path) != broken {
				tests = append(tests, testNames(o.Content)...)
			}
		}
	}
	t.Logf("generated the checks of %d packages in %v", len(packageDirs(sources)), time.Since(start))
	editBroken(t, filepath.Join(broken, "broken_godiff.go"))

	// -trimpath makes the builds, and so the results of the packages
	// whose checks pass, the same from one copy to the next: go test
	// caches them as it caches this module's own.
	cmd := exec.Command("go", "test", "-trimpath", "-json", "-run", "^TestGodiff", "./examples/...", "./internal/...")
	cmd.Dir = module
	start = time.Now()
	out, _ := cmd.Output() // failures expected: the broken package's
	t.Logf("go test ran them in %v", time.Since(start))
	results := testResults(t, out)

	passed := 0
	for key, r := range results {
		switch {
		case strings.HasPrefix(key, "github.com/godiff/godiff/internal/broken "):
		case r.action == "pass":
			passed++
		default:
			t.Errorf("%s: %s\n%s", key, r.action, r.output)
		}
	}
	if len(tests) < 200 || passed < len(tests) {
		t.Errorf("%d of the %d generated tests of the module's packages passed; want all, and over 200", passed, len(tests))
	}
	for _, b := range brokenChecks {
		r := results["github.com/godiff/godiff/internal/broken "+b.test]
		if r.action != "fail" {
			t.Errorf("%s: %q, want fail\n%s", b.test, r.action, r.output)
			continue
		}
		for _, w := range b.want {
			if !strings.Contains(r.output, w) {
				t.Errorf("%s: its output lacks %q:\n%s", b.test, w, r.output)
			}
		}
	}
}

// testResult is the outcome of one test of a go test -json run.
type testResult struct {
	action string // pass, fail
	output string
}

// testResults reads a go test -json run: the result of each test, by
// package and test name.
func testResults(t *testing.T, out []byte) map[string]*testResult {
	results := make(map[string]*testResult)
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var ev struct{ Action, Package, Test, Output string }
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			t.Fatalf("go test -json: %v: %s", err, sc.Bytes())
		}
		if ev.Test == "" {
			if ev.Action == "fail" && ev.Package != "github.com/godiff/godiff/internal/broken" {
				t.Errorf("package %s failed", ev.Package)
			}
			continue
		}
		key := ev.Package + " " + ev.Test
		r := results[key]
		if r == nil {
			r = new(testResult)
			results[key] = r
		}
		switch ev.Action {
		case "output":
			r.output += ev.Output
		case "pass", "fail", "skip":
			r.action = ev.Action
		}
	}
	return results
}

// testNames returns the names of the tests a generated test file holds.
func testNames(src []byte) []string {
	var names []string
	for _, line := range strings.Split(string(src), "\n") {
		if name, ok := strings.CutPrefix(line, "func TestGodiff"); ok {
			names = append(names, "TestGodiff"+name[:strings.Index(name, "(")])
		}
	}
	return names
}

// editBroken makes the edits of brokenChecks in the generated file.
func editBroken(t *testing.T, path string) {
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(src) + "\nvar brokenSink []float64\n"
	for _, b := range brokenChecks {
		if b.in == "" {
			continue
		}
		start := strings.Index(text, "\nfunc "+b.in+"(")
		if start < 0 {
			t.Fatalf("%s: the generated file has no function %s", b.test, b.in)
		}
		end := strings.Index(text[start+1:], "\n}\n") + start + 1
		body := text[start:end]
		if !strings.Contains(body, b.old) {
			t.Fatalf("%s: the generated %s has no %q to edit:\n%s", b.test, b.in, b.old, body)
		}
		text = text[:start] + strings.Replace(body, b.old, b.new, 1) + text[end:]
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// copyModule copies the module at src into dst: every file but tests (the
// points_test.go files excepted: they give the generated checks their
// points), leaving out testdata and hidden directories.
func copyModule(t *testing.T, src, dst string) {
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != src && (name == "testdata" || strings.HasPrefix(name, ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		keep := !strings.HasSuffix(name, "_test.go") || name == "points_test.go"
		if !keep {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		writeFile(t, filepath.Join(dst, path), string(b))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// committedSources returns the sources of the outputs in the module at
// dir: x.go for each x_godiff.go.
func committedSources(t *testing.T, dir string) []string {
	var out []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && path != dir {
			if _, statErr := os.Stat(filepath.Join(path, "go.mod")); statErr == nil {
				return filepath.SkipDir // a nested module (extra/) has checks of its own
			}
		}
		if err == nil && strings.HasSuffix(path, "_godiff.go") {
			out = append(out, strings.TrimSuffix(path, "_godiff.go")+".go")
		}
		return err
	})
	if err != nil || len(out) < 20 {
		t.Fatalf("found %d outputs in the copy (err %v)", len(out), err)
	}
	return out
}

// generateAll runs Generate with tests on each package, two at a time.
func generateAll(t *testing.T, dirs []pkgSources) [][]Output {
	outs := make([][]Output, len(dirs))
	errs := make([]error, len(dirs))
	var wg sync.WaitGroup
	sem := make(chan bool, 2)
	for i, d := range dirs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- true
			outs[i], errs[i] = Generate(d.sources, Options{Tests: true})
			<-sem
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("%s: %v", dirs[i].path, err)
		}
	}
	return outs
}

// pkgSources is the sources of one package directory.
type pkgSources struct {
	path    string
	sources []string
}

// packageDirs groups sources by directory, in path order: one run of
// godiff per package.
func packageDirs(sources []string) []pkgSources {
	by := make(map[string][]string)
	for _, s := range sources {
		by[filepath.Dir(s)] = append(by[filepath.Dir(s)], s)
	}
	var out []pkgSources
	for d, s := range by {
		out = append(out, pkgSources{d, s})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].path < out[j].path })
	return out
}
