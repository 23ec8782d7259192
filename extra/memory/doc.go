// Package memory measures what checkpointing a loop buys and costs (issue
// 12, "Memory measured"): for ADBench's GMM d=2 K=5 (package
// godiff/internal/adbench/gmm: Objective, whose split form records every
// point, and ObjectiveCheckpointed, the same with its loop over the points
// marked //godiff:checkpoint), the peak heap during a gradient, the tape's
// Bytes and the times of the objective and of both gradients against the
// number of points ([MeasureGMM]); and for the leapfrog integrator of
// internal/checkpoint's Orbit, the snapshots a run keeps against the
// recompute factor and the tape's bytes ([MeasureOrbit], over the
// functions of orbit.go, one per snapshot interval); for a chain of
// springs whose state is in slices (springs.go), recorded and reversed
// binomially, the same ([MeasureSprings]). [Plot] draws the GMM
// figures on log–log axes; the command extra/cmd/memplot writes the
// README's picture, docs/memory.svg, and prints the tables.
//
// Peak heap is the largest value of the Go heap's object bytes
// (runtime/metrics "/memory/classes/heap/objects:bytes", which is
// runtime.MemStats.HeapAlloc: live objects and garbage not yet swept),
// read every 100 µs by a goroutine during one forward and backward run on
// a fresh tape, as FGrad makes one, started after a GC. It includes the
// points (16 bytes each) and whatever else the process holds, which the
// baseline, read after the GC, tells. Times are the process's CPU time
// (the GC's work on other threads and the kernel's page faults included;
// other programs on a busy machine excluded), the least over trials.
package memory
