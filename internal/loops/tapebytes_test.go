package loops

import (
	"math/rand/v2"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// TestTapeBytes checks the tape report against the tapes: after a run,
// Bytes equals the formula of the tape's doc comment evaluated at the
// run's sizes, for several sizes, on a tape used again (smaller runs
// after larger ones), and grows linearly in each size as the formula
// says.
func TestTapeBytes(t *testing.T) {
	src, err := os.ReadFile("funcs_godiff.go")
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(12, 1))
	var lse LogSumExpTape
	var rep RepeatTape
	var rip RippleTape
	cases := []struct {
		tape string
		run  func(n, k int) int // runs the forward function at sizes n and k, returns Bytes
		vars func(n, k int) map[string]int
	}{
		{"LogSumExpTape", func(n, _ int) int {
			LogSumExpForward(&lse, fdcheck.Uniform(rng, n, -1, 1))
			return lse.Bytes()
		}, func(n, _ int) map[string]int { return map[string]int{"len(x)": n} }},
		{"RepeatTape", func(n, k int) int {
			RepeatForward(&rep, fdcheck.Uniform(rng, n, -1, 1), k)
			return rep.Bytes()
		}, func(n, k int) map[string]int { return map[string]int{"len(x)": n, "n": k} }},
		{"RippleTape", func(n, k int) int {
			RippleForward(&rip, fdcheck.Uniform(rng, n, -1, 1), k)
			return rip.Bytes()
		}, func(n, k int) map[string]int { return map[string]int{"len(x)": n, "len(buf)": n, "iters": k} }},
	}
	for _, c := range cases {
		formula := tapeFormula(t, string(src), c.tape)
		for _, size := range [][2]int{{50, 3}, {1, 1}, {7, 2}, {0, 2}, {200, 5}, {3, 4}, {5, -2}} {
			n, k := size[0], size[1]
			got := c.run(n, k)
			want := evalFormula(t, formula, c.vars(n, k))
			if got != want {
				t.Errorf("%s at n=%d k=%d: Bytes() = %d, the report's %q gives %d", c.tape, n, k, got, formula, want)
			}
		}
		// Linear in n: equal steps for equal steps of n.
		b1, b2, b3 := c.run(100, 3), c.run(200, 3), c.run(300, 3)
		if b2-b1 != b3-b2 || b2 <= b1 {
			t.Errorf("%s: Bytes at n=100, 200, 300: %d, %d, %d; want equal positive steps", c.tape, b1, b2, b3)
		}
	}
}

// tapeFormula returns the total of the tape's report: the formula
// between "the tape holds" and "bytes" in its doc comment.
func tapeFormula(t *testing.T, src, tape string) string {
	t.Helper()
	i := strings.Index(src, "\ntype "+tape+" struct")
	if i < 0 {
		t.Fatalf("no type %s in funcs_godiff.go", tape)
	}
	start := strings.LastIndex(src[:i], "\n\n")
	doc := strings.Join(strings.Fields(strings.ReplaceAll(src[start:i], "//", " ")), " ")
	m := regexp.MustCompile(`the tape holds (.*?) bytes`).FindStringSubmatch(doc)
	if m == nil {
		t.Fatalf("%s's comment has no total: %s", tape, doc)
	}
	return m[1]
}

// evalFormula evaluates a report's formula, a sum of products such as
// 24·iters·(len(buf) − 1) + 8·len(x) + 64, at the sizes vars.
func evalFormula(t *testing.T, formula string, vars map[string]int) int {
	t.Helper()
	sum := 0
	for _, term := range splitTop(formula, " + ") {
		prod := 1
		for _, f := range splitTop(term, "·") {
			prod *= evalFactor(t, f, vars)
		}
		sum += prod
	}
	return sum
}

func evalFactor(t *testing.T, f string, vars map[string]int) int {
	t.Helper()
	if parts := splitTop(f, " − "); len(parts) == 2 {
		return evalFactor(t, parts[0], vars) - evalFactor(t, parts[1], vars)
	}
	if n, err := strconv.Atoi(f); err == nil {
		return n
	}
	if v, ok := vars[f]; ok {
		return v
	}
	if strings.HasPrefix(f, "max(") && strings.HasSuffix(f, ", 0)") {
		return max(evalFormula(t, f[len("max("):len(f)-len(", 0)")], vars), 0)
	}
	if strings.HasPrefix(f, "(") && strings.HasSuffix(f, ")") {
		inner := f[1 : len(f)-1]
		return evalFormula(t, inner, vars)
	}
	t.Fatalf("formula factor %q: no value", f)
	return 0
}

// splitTop splits s at sep outside parentheses.
func splitTop(s, sep string) []string {
	var out []string
	depth, last := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth--
		}
		if depth == 0 && strings.HasPrefix(s[i:], sep) {
			out = append(out, s[last:i])
			last = i + len(sep)
			i += len(sep) - 1
		}
	}
	return append(out, s[last:])
}
