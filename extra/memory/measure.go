package memory

import (
	"runtime"
	"runtime/metrics"
	"sync"
	"time"
)

// sink keeps the compiler from dropping the calls measured.
var sink float64

// heapObjects is the runtime/metrics name of the heap's object bytes,
// runtime.MemStats.HeapAlloc read without stopping the world.
const heapObjects = "/memory/classes/heap/objects:bytes"

// sampleEvery is how often peakHeap reads the heap.
const sampleEvery = 100 * time.Microsecond

// heapNow returns the heap's object bytes.
func heapNow() uint64 {
	s := []metrics.Sample{{Name: heapObjects}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// peakHeap runs f once, after a GC, and returns the heap's object bytes
// before it (base) and the most a goroutine reading them every
// sampleEvery saw while it ran, or after it returned, whichever is larger
// (peak). A spike shorter than sampleEvery may be missed.
func peakHeap(f func()) (base, peak uint64) {
	runtime.GC()
	base = heapNow()
	peak = base
	done := make(chan struct{})
	var wg sync.WaitGroup
	var seen uint64
	wg.Go(func() {
		tick := time.NewTicker(sampleEvery)
		defer tick.Stop()
		for {
			seen = max(seen, heapNow())
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	})
	f()
	end := heapNow()
	close(done)
	wg.Wait()
	return base, max(peak, seen, end)
}

// trials is how many times perCall times f: it keeps the fastest, the
// one least disturbed by the rest of the machine.
const trials = 3

// perCall returns the seconds of CPU time one call of f takes: the least,
// over trials, of the mean over calls repeated, doubling, until they last
// minTime. f runs once before, to fill its tape and warm the caches.
func perCall(minTime time.Duration, f func()) float64 {
	f()
	reps := 1
	var elapsed time.Duration
	for {
		elapsed = timeReps(f, reps)
		if elapsed >= minTime || reps >= 1<<30 {
			break
		}
		reps *= 2
	}
	best := elapsed.Seconds() / float64(reps) // the doubling's last round is a trial
	for range trials - 1 {
		best = min(best, timeReps(f, reps).Seconds()/float64(reps))
	}
	return max(best, 1e-12) // a clock too coarse for the window reads 0
}

// timeReps returns the CPU time reps calls of f take.
func timeReps(f func(), reps int) time.Duration {
	start := cpuTime()
	for range reps {
		f()
	}
	return cpuTime() - start
}
