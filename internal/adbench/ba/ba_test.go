package ba

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/godiff/godiff/internal/adbench"
)

func load(t testing.TB, name string) *Instance {
	t.Helper()
	in, err := Read(filepath.Join("..", "testdata", "ba", name))
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func refPath(name string) string { return filepath.Join("..", "testdata", "reference", name) }

// numbersOf returns the numbers of a reference file in order, skipping its
// words ("Reprojection error:", "col:val" pairs are split at the colon).
func numbersOf(t *testing.T, path string) []float64 {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []float64
	for _, f := range strings.FieldsFunc(string(src), func(r rune) bool { return r == ':' || r == ' ' || r == '\n' }) {
		if v, err := strconv.ParseFloat(f, 64); err == nil {
			out = append(out, v)
		}
	}
	return out
}

// methods are the ways of computing a block, each built afresh.
var methods = []struct {
	name string
	make func() BlockMethod
}{
	{"VJP", func() BlockMethod { return VJP{} }},
	{"Split", func() BlockMethod { return &Split{} }},
	{"SplitPerRow", func() BlockMethod { return &splitPerRow{} }},
	{"JVP", func() BlockMethod { return &JVP{} }},
	{"Jac", func() BlockMethod { return &Jac{} }},
	{"JacFresh", func() BlockMethod { return JacFresh{} }},
}

// residuals runs the objective.
func residuals(in *Instance) ([]float64, []float64) {
	reproj, werr := make([]float64, 2*in.P), make([]float64, in.P)
	in.Objective(reproj, werr)
	return reproj, werr
}

// jacobian runs Jacobian with method, and checks that the residuals it
// writes are the objective's, bit for bit.
func jacobian(t *testing.T, in *Instance, j *SparseMat, method BlockMethod) {
	t.Helper()
	reproj, werr := make([]float64, 2*in.P), make([]float64, in.P)
	in.Jacobian(j, method, reproj, werr)
	wantR, wantW := residuals(in)
	for i := range reproj {
		if reproj[i] != wantR[i] {
			t.Fatalf("Jacobian's reprojection error %d is %.17g, the objective's %.17g", i, reproj[i], wantR[i])
		}
	}
	for i := range werr {
		if werr[i] != wantW[i] {
			t.Fatalf("Jacobian's weight error %d is %.17g, the objective's %.17g", i, werr[i], wantW[i])
		}
	}
}

// TestTestInstance checks the residuals and the whole sparse Jacobian of
// ADBench's test instance (n=2, m=10, p=10) against the reference, with
// each way of computing the blocks, twice on one matrix and method (a kept
// tape and matrix must give the same the second time).
func TestTestInstance(t *testing.T) {
	in := load(t, "test.txt")
	wantF := numbersOf(t, refPath("ba_test_F_Manual.txt"))
	reproj, werr := residuals(in)
	if msg := adbench.Mismatch(append(reproj, werr...), wantF); msg != "" {
		t.Errorf("residuals: %s", msg)
	}

	ref := numbersOf(t, refPath("ba_test_J_Manual.txt"))
	nrows, ncols := int(ref[0]), int(ref[1])
	rows := ints(ref[3 : 3+int(ref[2])])
	rest := ref[3+len(rows):]
	cols := ints(rest[1 : 1+int(rest[0])])
	vals := rest[1+len(cols):]
	for _, m := range methods {
		t.Run(m.name, func(t *testing.T) {
			var j SparseMat
			method := m.make()
			for run := range 2 {
				jacobian(t, in, &j, method)
				if j.NRows != nrows || j.NCols != ncols {
					t.Errorf("run %d: %d×%d, want %d×%d", run, j.NRows, j.NCols, nrows, ncols)
				}
				if fmt.Sprint(j.Rows) != fmt.Sprint(rows) || fmt.Sprint(j.Cols) != fmt.Sprint(cols) {
					t.Errorf("run %d: structure differs:\nrows %v\nwant %v\ncols %v\nwant %v", run, j.Rows, rows, j.Cols, cols)
				}
				if msg := adbench.Mismatch(j.Vals, vals); msg != "" {
					t.Errorf("run %d: values: %s", run, msg)
				}
			}
		})
	}
}

func ints(v []float64) []int {
	out := make([]int, len(v))
	for i, x := range v {
		out[i] = int(x)
	}
	return out
}

// TestBA1 checks ADBench's smallest benchmark instance (n=49, m=7776,
// p=31843) against the reference's summary: the sizes, the first
// residuals, the first two rows of the Jacobian, its first weight row and
// last entry. All observations of an ADBench BA file have the same
// camera, point, weight and feature, so every block must equal the first:
// that checks the rest of the matrix, and that nothing leaks from one
// observation to the next through a kept tape.
func TestBA1(t *testing.T) {
	in := load(t, "ba1_n49_m7776_p31843.txt")
	src, err := os.ReadFile(refPath("ba1_n49_m7776_p31843_summary_Manual.txt"))
	if err != nil {
		t.Fatal(err)
	}
	sum := parseSummary(t, string(src))

	reproj, werr := residuals(in)
	if msg := adbench.Mismatch([]float64{reproj[0], reproj[1], werr[0]}, sum.residuals); msg != "" {
		t.Errorf("residuals: %s", msg)
	}
	for _, m := range methods {
		t.Run(m.name, func(t *testing.T) {
			var j SparseMat
			jacobian(t, in, &j, m.make())
			if j.NRows != sum.nrows || j.NCols != sum.ncols || len(j.Vals) != sum.nnz {
				t.Fatalf("%d×%d with %d entries, want %d×%d with %d", j.NRows, j.NCols, len(j.Vals), sum.nrows, sum.ncols, sum.nnz)
			}
			if fmt.Sprint(j.Rows[:3]) != fmt.Sprint(sum.rows) {
				t.Errorf("rows[0..2] = %v, want %v", j.Rows[:3], sum.rows)
			}
			checkEntries(t, "the first two rows", j.Cols[:30], j.Vals[:30], sum.first)
			w0 := j.Rows[2*in.P]
			checkEntries(t, "the first weight row", j.Cols[w0:w0+1], j.Vals[w0:w0+1], sum.weight)
			last := len(j.Vals) - 1
			checkEntries(t, "the last entry", j.Cols[last:], j.Vals[last:], sum.last)
			checkRepeated(t, in, &j)
		})
	}
}

// checkRepeated checks that every observation's rows are the first's,
// shifted to its camera's, point's and weight's columns.
func checkRepeated(t *testing.T, in *Instance, j *SparseMat) {
	t.Helper()
	for i := 0; i < in.P; i++ {
		camIdx, ptIdx := in.Obs[2*i], in.Obs[2*i+1]
		for row := 2 * i; row < 2*i+2; row++ {
			lo, hi := j.Rows[row], j.Rows[row+1]
			if hi-lo != blockCols {
				t.Fatalf("row %d has %d entries, want %d", row, hi-lo, blockCols)
			}
			first := j.Rows[row-2*i]
			for e := 0; e < blockCols; e++ {
				want := nCamParams*camIdx + e
				if e >= nCamParams {
					want = nCamParams*in.N + 3*ptIdx + e - nCamParams
				}
				if e == blockCols-1 {
					want = nCamParams*in.N + 3*in.M + i
				}
				if j.Cols[lo+e] != want || j.Vals[lo+e] != j.Vals[first+e] {
					t.Fatalf("row %d entry %d: column %d value %.17g, want column %d value %.17g (row %d's)",
						row, e, j.Cols[lo+e], j.Vals[lo+e], want, j.Vals[first+e], row-2*i)
				}
			}
		}
	}
	for i := 0; i < in.P; i++ {
		e := j.Rows[2*in.P+i]
		if j.Rows[2*in.P+i+1] != e+1 || j.Cols[e] != nCamParams*in.N+3*in.M+i || j.Vals[e] != -2*in.W[i] {
			t.Fatalf("weight row %d: column %d value %v, want column %d value %v", i, j.Cols[e], j.Vals[e], nCamParams*in.N+3*in.M+i, -2*in.W[i])
		}
	}
}

type entry struct {
	col int
	val float64
}

func checkEntries(t *testing.T, what string, cols []int, vals []float64, want []entry) {
	t.Helper()
	if len(cols) != len(want) {
		t.Fatalf("%s: %d entries, want %d", what, len(cols), len(want))
	}
	got := make([]float64, len(vals))
	wantVals := make([]float64, len(want))
	for i, w := range want {
		if cols[i] != w.col {
			t.Errorf("%s: entry %d in column %d, want %d", what, i, cols[i], w.col)
		}
		got[i], wantVals[i] = vals[i], w.val
	}
	if msg := adbench.Mismatch(got, wantVals); msg != "" {
		t.Errorf("%s: %s", what, msg)
	}
}

// summary is what the reference's summary of ba1 holds.
type summary struct {
	nrows, ncols, nnz   int
	residuals           []float64 // reproj_err[0], reproj_err[1], w_err[0]
	rows                []int     // rows[0..2]
	first, weight, last []entry
}

// parseSummary reads the summary file: comment lines ("# ...") give the
// sizes and introduce each list of "col:val" entries.
func parseSummary(t *testing.T, src string) summary {
	t.Helper()
	var s summary
	var list *[]entry
	for _, line := range strings.Split(strings.TrimSpace(src), "\n") {
		var err error
		switch {
		case strings.HasPrefix(line, "# n m p"):
			_, err = fmt.Sscanf(line[strings.Index(line, "J is"):], "J is %d x %d", &s.nrows, &s.ncols)
			if err == nil {
				_, err = fmt.Sscanf(line[strings.Index(line, "nnz="):], "nnz=%d", &s.nnz)
			}
		case strings.HasPrefix(line, "reproj_err[0..1] = "), strings.HasPrefix(line, "w_err[0] = "):
			for _, f := range strings.Fields(line[strings.Index(line, "=")+1:]) {
				v, perr := strconv.ParseFloat(f, 64)
				err = perr
				s.residuals = append(s.residuals, v)
			}
		case strings.HasPrefix(line, "# CSR rows[0..3]:"):
			for _, f := range strings.Fields(strings.TrimPrefix(line, "# CSR rows[0..3]:")) {
				v, perr := strconv.Atoi(f)
				err = perr
				s.rows = append(s.rows, v)
			}
		case strings.HasPrefix(line, "# first 30"):
			list = &s.first
		case strings.HasPrefix(line, "# first weight-row"):
			list = &s.weight
		case strings.HasPrefix(line, "# last nonzero"):
			list = &s.last
		case list != nil:
			var e entry
			_, err = fmt.Sscanf(line, "%d:%g", &e.col, &e.val)
			*list = append(*list, e)
		default:
			err = fmt.Errorf("unexpected line")
		}
		if err != nil {
			t.Fatalf("summary line %q: %v", line, err)
		}
	}
	if s.nnz == 0 || len(s.residuals) != 3 || len(s.rows) != 3 || len(s.first) != 30 || len(s.weight) != 1 || len(s.last) != 1 {
		t.Fatalf("summary incomplete: %+v", s)
	}
	return s
}

// TestReadErrors checks that a malformed file is an error naming the file
// and what is wrong.
func TestReadErrors(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"empty", "", "ends after 0 numbers"},
		{"no camera", "1 1 1\n", "ends after 3 numbers"},
		{"no feature", "1 1 1\n1 2 3 4 5 6 7 8 9 10 11\n1 2 3\n0.5\n", "ends after 18 numbers"},
		{"zero points", "1 0 1\n", "want each at least 1"},
		{"bad number", "1 1 1\n1 2 3 4 5 6 7 8 9 10 zz\n", `number 14: "zz" is not a number`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "bad.txt")
			if err := os.WriteFile(path, []byte(tc.src), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Read(path)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), path) {
				t.Errorf("error %v, want one naming %s and saying %q", err, path, tc.want)
			}
		})
	}
}
