package gmm

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/godiff/godiff/internal/adbench"
)

// The instances with reference outputs of ADBench's Manual module
// (testdata/reference, computed by ADBench's own C++).
var references = []struct {
	name, data, ref string
}{
	{"test", "test.txt", "gmm_test"},
	{"1k_d2_K5", "1k_d2_K5.txt", "gmm_1k_d2_K5"},
	{"1k_d10_K5", "1k_d10_K5.txt", "gmm_1k_d10_K5"},
}

func load(t testing.TB, data string) *Instance {
	t.Helper()
	in, err := Read(filepath.Join("..", "testdata", "gmm", data), false)
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func reference(t testing.TB, ref string) (float64, []float64) {
	t.Helper()
	dir := filepath.Join("..", "testdata", "reference")
	f, err := adbench.ReadVector(filepath.Join(dir, ref+"_F_Manual.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(f) != 1 {
		t.Fatalf("%s: %d objective values, want 1", ref, len(f))
	}
	j, err := adbench.ReadVector(filepath.Join(dir, ref+"_J_Manual.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return f[0], j
}

// TestReference checks the objective, godiff's gradient (FGrad, and the
// split form on a tape used twice) and the hand-written gradient against
// ADBench's reference outputs with ADBench's criterion ρ < 1e-8.
func TestReference(t *testing.T) {
	for _, tc := range references {
		t.Run(tc.name, func(t *testing.T) {
			in := load(t, tc.data)
			wantF, wantJ := reference(t, tc.ref)
			if len(wantJ) != in.Params() {
				t.Fatalf("reference has %d gradient entries, the instance %d parameters", len(wantJ), in.Params())
			}
			f := in.Objective()
			if r := adbench.Rho(f, wantF); !(r < adbench.Tolerance) {
				t.Errorf("objective %.17g, reference %.17g (ρ = %.3g)", f, wantF, r)
			}

			fg, grad := in.Gradient()
			if fg != f {
				t.Errorf("ObjectiveGrad's value %.17g differs from Objective's %.17g", fg, f)
			}
			if msg := adbench.Mismatch(grad, wantJ); msg != "" {
				t.Errorf("ObjectiveGrad: %s", msg)
			}

			// The split form on one tape, run twice: the second run must not
			// see the first's records.
			var tape ObjectiveTape
			for run := range 2 {
				split := make([]float64, in.Params())
				da, dm, dq := split[:in.K], split[in.K:in.K+len(in.Means)], split[in.K+len(in.Means):]
				fs := ObjectiveForward(&tape, in.D, in.K, in.N, in.Alphas, in.Means, in.ICF, in.X, in.Wishart)
				ObjectiveBackward(&tape, 1, da, dm, dq)
				if fs != f {
					t.Errorf("run %d: ObjectiveForward's value %.17g differs from Objective's %.17g", run, fs, f)
				}
				if msg := adbench.Mismatch(split, wantJ); msg != "" {
					t.Errorf("run %d of the split form: %s", run, msg)
				}
			}

			manual := make([]float64, in.Params())
			for i := range manual {
				manual[i] = 1e300 // ManualGrad must overwrite, not add
			}
			fm := ManualGrad(in.D, in.K, in.N, in.Alphas, in.Means, in.ICF, in.X, in.Wishart, manual)
			if fm != f {
				t.Errorf("ManualGrad's value %.17g differs from Objective's %.17g", fm, f)
			}
			if msg := adbench.Mismatch(manual, wantJ); msg != "" {
				t.Errorf("ManualGrad: %s", msg)
			}

			// The port of ADBench's Manual module, on the same terms.
			for i := range manual {
				manual[i] = 1e300
			}
			fa := ADBenchManualGrad(in.D, in.K, in.N, in.Alphas, in.Means, in.ICF, in.X, in.Wishart, manual)
			if fa != f {
				t.Errorf("ADBenchManualGrad's value %.17g differs from Objective's %.17g", fa, f)
			}
			if msg := adbench.Mismatch(manual, wantJ); msg != "" {
				t.Errorf("ADBenchManualGrad: %s", msg)
			}
		})
	}
}

// TestReplicatePoint reads a file in ADBench's replicate-point mode (its
// 2.5M files hold one point, copied n times).
func TestReplicatePoint(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rep.txt")
	src := "2 1 3\n0.5\n1 2\n0.1 0.2 0.3\n4 5\n1.000000 0\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	in, err := Read(path, true)
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{4, 5, 4, 5, 4, 5}
	if len(in.X) != len(want) {
		t.Fatalf("X = %v, want %v", in.X, want)
	}
	for i := range want {
		if in.X[i] != want[i] {
			t.Fatalf("X = %v, want %v", in.X, want)
		}
	}
	if in.Wishart != (Wishart{Gamma: 1, M: 0}) {
		t.Errorf("wishart = %+v, want {1 0}", in.Wishart)
	}
}

// TestReadErrors checks that a malformed file is an error naming the file
// and what is wrong, never a panic or a silently short instance.
func TestReadErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"empty", "", "ends after 0 numbers"},
		{"short", "2 1 1\n0.5\n1 2\n0.1 0.2\n", "ends after 8 numbers"},
		{"not a number", "2 1 1\n0.5\n1 x\n", `number 6: "x" is not a number`},
		{"fractional size", "2.5 1 1\n", "2.5 should be an integer"},
		{"d of 1", "1 1 1\n0\n0\n0\n0\n1 0\n", "want d ≥ 2"},
		{"no points", "2 1 0\n", "want d ≥ 2, k ≥ 1, n ≥ 1"},
		{"gamma m missing", "2 1 1\n0.5\n1 2\n0.1 0.2 0.3\n4 5\n", "ends after 11 numbers"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "bad.txt")
			if err := os.WriteFile(path, []byte(tc.src), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Read(path, false)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), path) {
				t.Errorf("error %v, want one naming %s and saying %q", err, path, tc.want)
			}
		})
	}
	if _, err := Read(filepath.Join(t.TempDir(), "missing.txt"), false); err == nil {
		t.Error("a missing file read without error")
	}
}
