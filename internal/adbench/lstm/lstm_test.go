package lstm

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/godiff/godiff/internal/adbench"
)

const data = "lstm_l2_c1024.txt"

func load(t testing.TB) *Instance {
	t.Helper()
	in, err := Read(filepath.Join("..", "testdata", "lstm", data))
	if err != nil {
		t.Fatal(err)
	}
	return in
}

// TestReference checks the objective and godiff's gradient (ObjectiveGrad, and
// the split form on a tape used twice) against ADBench's reference outputs
// with ADBench's criterion ρ < 1e-8, and that the objective leaves the
// state it is given alone.
func TestReference(t *testing.T) {
	in := load(t)
	dir := filepath.Join("..", "testdata", "reference")
	wantF, err := adbench.ReadVector(filepath.Join(dir, "lstm_l2_c1024_F_Manual.txt"))
	if err != nil {
		t.Fatal(err)
	}
	wantJ, err := adbench.ReadVector(filepath.Join(dir, "lstm_l2_c1024_J_Manual.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(wantF) != 1 || len(wantJ) != in.Params() {
		t.Fatalf("reference has %d objective values and %d gradient entries, want 1 and %d", len(wantF), len(wantJ), in.Params())
	}
	state := slices.Clone(in.State)

	f := in.Objective()
	if r := adbench.Rho(f, wantF[0]); !(r < adbench.Tolerance) {
		t.Errorf("objective %.17g, reference %.17g (ρ = %.3g)", f, wantF[0], r)
	}
	fg, grad := in.Gradient()
	if fg != f {
		t.Errorf("ObjectiveGrad's value %.17g differs from Objective's %.17g", fg, f)
	}
	if msg := adbench.Mismatch(grad, wantJ); msg != "" {
		t.Errorf("ObjectiveGrad: %s", msg)
	}

	var tape ObjectiveTape
	for run := range 2 {
		split := make([]float64, in.Params())
		nm := len(in.MainParams)
		fs := ObjectiveForward(&tape, in.L, in.C, in.B, in.MainParams, in.ExtraParams, in.State, in.Sequence)
		ObjectiveBackward(&tape, 1, split[:nm], split[nm:])
		if fs != f {
			t.Errorf("run %d: ObjectiveForward's value %.17g differs from Objective's %.17g", run, fs, f)
		}
		if msg := adbench.Mismatch(split, wantJ); msg != "" {
			t.Errorf("run %d of the split form: %s", run, msg)
		}
	}
	if !slices.Equal(in.State, state) {
		t.Error("the objective or its derivatives changed the state they were given")
	}
}

// TestReadErrors checks that a malformed file is an error naming the file
// and what is wrong.
func TestReadErrors(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"empty", "", "ends after 0 numbers"},
		{"one character", "1 1 1\n", "want l ≥ 1, c ≥ 2, b ≥ 1"},
		{"short", "1 2 1\n\n1 2 3 4 5 6 7 8\n1 2 3\n0 0\n1\n", "ends after 17 numbers"},
		{"bad bit", "1 2 1\n\n1 2 3 4 5 6 7 8\n1 2 3\n0 0\n1 y\n", `number 18: "y" is not a number`},
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

// predictMoving is lstmPredict as ADBench's C++ writes it, walking one
// slice variable from output to each layer's hidden state (which godiff
// refuses: see lstmPredict).
func predictMoving(l, b int, mainParams, extraParams, state, input, output []float64) {
	for i := 0; i < b; i++ {
		output[i] = input[i] * extraParams[i]
	}
	layerOutput := output
	for i := 0; i < l; i++ {
		layer := mainParams[8*b*i : 8*b*(i+1)]
		hidden := state[2*b*i : 2*b*i+b]
		lstmModel(b, layer[:4*b], layer[4*b:], hidden, state[2*b*i+b:2*b*(i+1)], layerOutput)
		layerOutput = hidden
	}
	for i := 0; i < b; i++ {
		output[i] = layerOutput[i]*extraParams[b+i] + extraParams[2*b+i]
	}
}

// TestPredictAsWritten checks that lstmPredict, restructured for godiff,
// computes bit for bit what the C++'s structure computes, step by step
// along the sequence, for one and for several layers.
func TestPredictAsWritten(t *testing.T) {
	in := load(t)
	for _, l := range []int{1, in.L} {
		b := in.B
		st1, st2 := slices.Clone(in.State), slices.Clone(in.State)
		out1, out2 := make([]float64, b), make([]float64, b)
		for step := 0; step < in.C; step++ {
			input := in.Sequence[step*b : (step+1)*b]
			lstmPredict(l, b, in.MainParams, in.ExtraParams, st1, input, out1)
			predictMoving(l, b, in.MainParams, in.ExtraParams, st2, input, out2)
			if !slices.Equal(out1, out2) || !slices.Equal(st1, st2) {
				t.Fatalf("l=%d, step %d: lstmPredict gives %v and state %v, the C++'s structure %v and %v", l, step, out1, st1, out2, st2)
			}
		}
	}
}
