package gmm

import "testing"

// TestFusedBodyRecordsNoXcentered checks what the fused checkpointed loop
// records for one point: its body's backward sweep computes xcentered[i] =
// x[i] − means[i] again from x and means, which nothing writes, rather than
// record it (before Q·x and in the triangle), as the recorded split form
// does. That holds only when the body's split variant has x and means fixed
// (reverse.ReadParams, fixedReads): without, the one-point tape held 528
// bytes at d=2 K=5 rather than 384, and each point paid those pushes and
// pops. Since the running maximum of logsumexp's arrMax records only the
// index of its largest element (reverse/argmax.go) rather than m and the
// element of each of its k−1 iterations, 304.
func TestFusedBodyRecordsNoXcentered(t *testing.T) {
	in := load(t, "1k_d2_K5.txt")
	var tape ObjectiveCheckpointedTape
	ObjectiveCheckpointedForward(&tape, in.D, in.K, in.N, in.Alphas, in.Means, in.ICF, in.X, in.Wishart)
	if got, want := tape.objectiveCheckpointedLoop1Tape.Bytes(), 304; got != want {
		t.Errorf("the one-point tape holds %d bytes, want %d (xcentered recorded again?)", got, want)
	}
}
