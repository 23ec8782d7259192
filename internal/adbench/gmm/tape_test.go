package gmm

import (
	"testing"

	"github.com/godiff/godiff/internal/tapesize"
)

// The split form's tape after a forward run, in words per point and
// component: data counts the numbers its stacks hold, total adds every
// scalar field and slice header of the tape structs (its own and the
// callees'). What the backward sweep needs of each point and component is
// sqnorm's input qxcentered (d numbers): qTimesX, inlined (see
// reverse.InlineSmall), needs its input xcentered, which the backward
// sweep computes again from x and means (see reverse's forwardedStore),
// reads qdiags and icf again, and steps lparamsIdx back from its final
// value, one int for the run (the same at every point). Then the
// log-sum-exp's exponential (1), its sum once per point (1/k) and the
// index of arrMax's largest element, one per point (1/k: reverse/argmax.go;
// before, its running maximum and element, 2(k−1)/k, took d + 2.8 data
// words): d + 1.2 data words.
// Before the tape kept only what it must, d=10 took 222 data words (253
// in all), d=2 14 (45); with sqnorm and logsumexp calls rather than
// inlined, their records held x[0] and the sum (5.6 and 21.6 data words,
// 20 and 36 in all); with qTimesX a call, its record of 9 words and its
// copy of xcentered (6.8 and 22.8 data words, 16.4 and 32.4 in all).
func TestTapeWords(t *testing.T) {
	stacks, err := tapesize.ReadStacks("gmm_godiff.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		data           string
		maxData, total int // per point and component
	}{
		{"1k_d2_K5.txt", 2 + 2, 4},
		{"1k_d10_K5.txt", 10 + 2, 12},
	} {
		in := load(t, c.data)
		var tape ObjectiveTape
		ObjectiveForward(&tape, in.D, in.K, in.N, in.Alphas, in.Means, in.ICF, in.X, in.Wishart)
		data, total := stacks.Words(&tape)
		per := float64(in.N * in.K)
		t.Logf("d=%d K=%d: %.1f data words, %.1f in all, per point and component", in.D, in.K, float64(data)/per, float64(total)/per)
		if float64(data)/per > float64(c.maxData) || float64(total)/per > float64(c.total) {
			t.Errorf("d=%d: %.1f data words (at most %d), %.1f in all (at most %d) per point and component",
				in.D, float64(data)/per, c.maxData, float64(total)/per, c.total)
		}
		if ints := stacks.IntStacks(&tape); len(ints) > 0 {
			t.Errorf("d=%d: stacks of ints %v: counters or indexes recorded per iteration", in.D, ints)
		}
	}
}
