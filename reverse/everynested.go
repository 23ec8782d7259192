package reverse

// everyNested refuses -every on a loop inside another loop. Its
// snapshots go on one stack for all the runs of the loop, and the
// backward sweep read each run's from the bottom of that stack, the first
// run's: a wrong gradient without a word wherever a stretch began with a
// state the runs do not share (FuzzMutate, -every=2 on the inner loop of
// internal/hvp's Nested). Binomial checkpointing saves the state as each
// run begins on a stack of its own.
const everyNested = "-every is not supported yet on a loop inside another loop (the runs of the loop would share one stack of snapshots); use -snapshots=S or -memory=SIZE (binomial checkpointing), or mark the outer loop"
