package runs

import "testing"

// grad3 is a gradient of three inputs with its value.
type grad3 func(a, b, c float64, n int) (float64, float64, float64, float64)

// firstSteps are the trip counts compared: below, at and above the states
// held.
var firstSteps = []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 100, 1001}

// The loops checkpointed binomially equal the recorded loop bit for bit:
// the forward sweep saving the first descent's states (ForcedTick), the
// backward sweep finding them (ForcedWhileTick, S = 3), the forward sweep
// keeping states online (ForcedWhileTick10).
func TestSameAsRecorded(t *testing.T) {
	cases := []struct {
		name string
		got  grad3
	}{
		{"ForcedTick", ForcedTickGrad},
		{"ForcedWhileTick", ForcedWhileTickGrad},
		{"ForcedWhileTick10", ForcedWhileTick10Grad},
	}
	for _, c := range cases {
		for _, n := range append(firstSteps, 10_000) {
			y, a, b, d := c.got(0.9, -0.4, 1.3, n)
			y0, a0, b0, d0 := ForcedRecordedGrad(0.9, -0.4, 1.3, n)
			if y != y0 || a != a0 || b != b0 || d != d0 {
				t.Errorf("%s, n=%d: (%v, %v, %v, %v) checkpointed, (%v, %v, %v, %v) recorded", c.name, n, y, a, b, d, y0, a0, b0, d0)
			}
		}
	}
}

// The forward sweep of a three-clause loop saves the first descent's
// states, so its backward sweep runs the body plainly fewer times than a
// while loop's by the iteration of the last of them; the while loop's
// backward sweep runs it r·n − C(S+r, S+1) times (S = 3), the count the
// README gives. Both run it n times in the forward sweep and n times
// recorded in the backward sweep. bodyRuns counts the runs.
func TestFirstDescentPlainRuns(t *testing.T) {
	const S = 3
	var d [3]float64
	for _, n := range firstSteps {
		var ft ForcedTickTape
		bodyRuns = 0
		ForcedTickForward(&ft, 0.9, -0.4, 1.3, n)
		fwdFor := bodyRuns
		ForcedTickBackward(&ft, 1, &d[0], &d[1], &d[2])
		plainFor := bodyRuns - fwdFor - n
		var wt ForcedWhileTickTape
		bodyRuns = 0
		ForcedWhileTickForward(&wt, 0.9, -0.4, 1.3, n)
		fwdWhile := bodyRuns
		ForcedWhileTickBackward(&wt, 1, &d[0], &d[1], &d[2])
		plainWhile := bodyRuns - fwdWhile - n
		if fwdFor != n || fwdWhile != n {
			t.Errorf("n=%d: the forward sweeps ran the body %d and %d times", n, fwdFor, fwdWhile)
		}
		if want := binomialRuns(n, S); plainWhile != want {
			t.Errorf("n=%d: the while loop's backward sweep ran the body plainly %d times, want r·n − C(S+r, S+1) = %d", n, plainWhile, want)
		}
		saved := 0
		if k := len(ft.splitAt); k > 0 {
			saved = ft.splitAt[k-1]
		}
		if n >= S && saved == 0 {
			t.Errorf("n=%d: the three-clause loop's forward sweep saved no state of the first descent", n)
		}
		if plainFor != plainWhile-saved {
			t.Errorf("n=%d: the three-clause loop's backward sweep ran the body plainly %d times, want %d (the while loop's %d less %d)", n, plainFor, plainWhile-saved, plainWhile, saved)
		}
	}
}

// binomialRuns is r·n − C(S+r, S+1), r the least with C(S+r, S) ≥ n: the
// plain runs of binomial checkpointing of n ≥ 1 iterations holding S
// states (0 for n ≤ 1).
func binomialRuns(n, S int) int {
	if n <= 1 {
		return 0
	}
	binom := func(a, k int) int {
		c := 1
		for i := 1; i <= k; i++ {
			c = c * (a - k + i) / i
		}
		return c
	}
	r := 0
	for binom(S+r, S) < n {
		r++
	}
	return r*n - binom(S+r, S+1)
}

// A while loop holding S ≥ 4 states keeps at most ⌊S/2⌋ of them in the
// forward sweep, evenly spread over the iterations it runs (the trip
// count unknown until the end), and its backward sweep starts from them:
// its plain runs are those of the model below, at most those from the
// entry state alone, and fewer from 3 iterations on.
func TestOnlinePlainRuns(t *testing.T) {
	const S = 10
	var d [3]float64
	for _, n := range append(firstSteps, 10_000) {
		var wt ForcedWhileTick10Tape
		bodyRuns = 0
		ForcedWhileTick10Forward(&wt, 0.9, -0.4, 1.3, n)
		fwd := bodyRuns
		ForcedWhileTick10Backward(&wt, 1, &d[0], &d[1], &d[2])
		plain := bodyRuns - fwd - n
		none := binomialRuns(n, S)
		if fwd != n {
			t.Errorf("n=%d: the forward sweep ran the body %d times", n, fwd)
		}
		if want := revolveRuns(n, S, onlineKept(n, S/2)); plain != want {
			t.Errorf("n=%d: the backward sweep ran the body plainly %d times, want %d (from the entry state alone: %d)", n, plain, want, none)
		}
		if plain > none || n >= 3 && plain >= none {
			t.Errorf("n=%d: %d plain runs from the states kept, %d from the entry state alone", n, plain, none)
		}
	}
}

// onlineKept models the forward sweep's keeping: at most k states, at
// iterations d, 2d, ... of the n run, every other dropped and d doubled
// when k are held; the iterations of those kept, the entry's first.
func onlineKept(n, k int) []int {
	kept := []int{0}
	if k < 2 {
		return kept
	}
	stride, next := 1, 1
	for i := range n {
		if i != next {
			continue
		}
		kept = append(kept, i)
		next += stride
		if len(kept)-1 == k {
			var half []int
			for q, at := range kept[1:] {
				if q%2 == 1 {
					half = append(half, at)
				}
			}
			kept = append([]int{0}, half...)
			stride *= 2
			next = stride * len(kept)
		}
	}
	return kept
}

// revolveRuns models the backward sweep: the plain runs of the body that
// reverse n iterations holding at most S states, from the states held at
// the iterations at (rising, the entry's first), at the binomial splits
// (see reverse's binomialSplit).
func revolveRuns(n, S int, at []int) int {
	split := func(ln, held int) int {
		r, beta, beta2, beta1 := 0, 1, 0, 0
		for beta < ln {
			r++
			beta2, beta1 = beta1, beta
			beta = beta * (held + r) / r
		}
		m := max(ln-beta*held/(held+r), beta2, 1)
		return min(m, ln-1)
	}
	capS := max(1, min(S, n))
	held := append([]int(nil), at...)
	runs := 0
	for pos := n - 1; pos >= 0; pos-- {
		for held[len(held)-1] > pos {
			held = held[:len(held)-1]
		}
		cur := held[len(held)-1]
		for cur < pos {
			target := pos
			if len(held) < capS {
				target = cur + split(pos+1-cur, capS-len(held)+1)
			}
			runs += target - cur
			if cur = target; cur < pos {
				held = append(held, cur)
			}
		}
	}
	return runs
}
