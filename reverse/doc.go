// Package reverse builds reverse-mode derivatives (gradients and
// vector-Jacobian products) of IR functions: backpropagation.
//
// # The split form
//
// For a function F it builds three things that share a tape type FTape:
//
//   - FForward(t *FTape, params) results: F as written, operation for
//     operation (its results are F's bit for bit), saving into t what the
//     backward sweep reads;
//   - FBackward(t *FTape, seeds, buffers): the backward sweep, which reads t
//     and adds the vector-Jacobian product into the caller's buffers;
//   - FGrad and FVJP (Split.Wrapper), which run both on a tape of their own:
//     one from a package-level sync.Pool of the tape's type, given back
//     emptied of the caller's memory (ir.IsPooled; emit/pool.go), so that
//     calls in a loop reuse its buffers as a kept tape does. Their slice
//     results of one element type share one allocation, each capped
//     (ir.CappedSubslice; sharedresults.go).
//
// The tape is the activation cache of the textbook made visible: a struct
// with one commented field per kind of entry, a single value outside loops
// and a stack (a slice, one entry per iteration) inside them.
//
// # What the backward function reads
//
// The backward function replays the forward function's control flow in
// reverse: each if takes the branch the forward sweep took, each loop runs
// backwards over the iterations the forward sweep ran. It is built first,
// and asks for forward values as its chain rule needs them (prim); each is
// then recomputed, recovered or recorded (plan.go):
//
//   - recomputed if it is cheap and exact to compute again: constants,
//     lengths, integer arithmetic, loads of memory nothing writes afterwards,
//     cheap float arithmetic inside loops, conditions on such values;
//   - recovered from the backward loop's own counter: a range index, the
//     counter of a for loop with a constant step (for i := a; ...; i++,
//     i--, i += 3), a started from such values (j := i + 1);
//   - stepped back, for an induction variable (an int declared in the
//     body that only ever has constants added: k++): the backward function
//     keeps a copy, set to its final value and stepped back where the
//     forward sweep stepped it (induction.go); one declared in a loop's
//     body has its final value recorded as the body ends, once per
//     iteration, or once if it is the same every time (nestedinduction.go),
//     then stored after the outermost loop no exit leaves (finalonce.go);
//   - read from an earlier loop's stack, for an element that loop
//     recorded already (again.go);
//   - computed again from what an earlier loop of the block stored there,
//     for an element of a slice overwritten later whose stored value is
//     cheap arithmetic of memory nothing writes (forwarded.go);
//   - recorded otherwise: the forward function saves the value where it is
//     computed, and the backward function reads it back, last first, through
//     a cursor of its own (it never pops, so one forward run serves many
//     backward runs). A variable a loop reads but never assigns is recorded
//     once, as the loop begins; an element a loop reads the same in every
//     iteration, once, as the loop ends (loadonce.go). Loop trip counts and
//     whether a statement that can return or break finished are recorded
//     the same way when they cannot be recomputed.
//
// A running maximum or minimum (m = math.Max(m, x[i]), or if v > m { m =
// v }, alone in a loop: argmax.go) is not differentiated link by link: the
// forward function
// records the index of the element the result came from, one int per run
// of the loop, and its backward code adds m's adjoint to that element's.
//
// The forward function is built second and saves exactly what was asked
// for and is still read once dead code is removed from the backward
// function (dropUnread): a loop that only reads its inputs records
// nothing.
//
// A statement that ends the run (ir.Halt: a guard's panic, log.Fatal,
// os.Exit) stays in the forward function as written and has no backward
// code: the backward function never sees a run that took it, so it
// records nothing for it, and an if that holds only guards is left out of
// the backward sweep.
//
// # Adjoints
//
// Only active values get adjoints: floats, variables and memory that depend
// on a differentiated parameter and influence a result or an output slice
// (ir.Analyse). The adjoint of an SSA value is the sum of its uses'
// contributions, summed once when the backward sweep reaches the value, or
// an accumulator variable when some use sits in a loop or a branch. A
// variable x has an adjoint variable dx; a slice s a slice ds of the same
// length (a parameter's is the caller's buffer, a subslice's the same view of
// its parent's). Assignments move an adjoint to the value assigned and reset
// it; a reset nothing reads is dropped (ir.DeadStores).
//
// A struct parameter's leaves are parameters like the others; the
// backward function's buffers for them are the fields of one struct
// pointer, dn *Net (a float field's buffer is the pointer &dn.B2), and
// FGrad returns a fresh struct of the parameter's type whose slice fields
// have the primal's shape. The tape holds an array as a copy, not a
// reference: a load of an array the function writes is recorded, never
// recomputed from the tape.
//
// # Calls
//
// Before splitting, the calls of small helpers of slices are inlined
// (InlineSmall, inlinesmall.go, on the inliner FHVP uses): a helper of at
// most InlineMaxValues IR values, whose loops carry only sums and integer
// counters stepped by constants, not recursive, making no slice, becomes
// the caller's own code, so that it costs no record, no call and no slice
// arguments per call. A call outside every loop of the caller may inline a
// larger helper holding local arrays (inlineonce.go).
//
// A call of numbers reaches here lowered to its rule (rules.LowerCalls):
// its partials are forward values like any other. A call passing slices
// runs the callee's forward function on the tape of its call site, which
// the caller's tape holds (a site, reached through tape.slot); the
// calls of a site share it: each adds a record of its own fields and
// where its entries end, and pushes onto the stacks after the calls
// before it (shared.go), so that a fresh tape costs a few buffers per
// site rather than a tape per call. The backward function hands that
// tape, the number of the call (read back like a stack's entry), the
// seed of the call's result and its adjoint buffers to the callee's
// backward function (splitCall). A rule's tapes, one per call, stay in a
// stack, and its backward function gets a pointer to the call's. The callee's own split form is
// built by NewCalleeSplit: since its caller may overwrite the slices it
// passed once the call returns, it records the elements it reads rather
// than reading them again, except in the slices its caller leaves as they
// are (the variant "fixed" in them: FixedArgs, ReadParams in fixed.go),
// and it takes buffers only for the parameters its caller differentiates,
// treating a slice it writes as updated in place.
//
// The tape's doc comment ends with its report (report.go): each field's
// bytes per run or per iteration of the loops around its pushes, the total
// as a formula in the function's sizes (len(x), a bound, or a symbol for
// the iterations of a loop with no expression), the callee tapes of its
// call sites, what the backward sweep recomputes and what it never needs.
// The bytes are counted as ir.EntryBytes counts them, as the generated
// Bytes method (emit/bytes.go) does, so that after a run Bytes is the
// formula's value.
//
// Stacks are sized ahead where the trip counts are known (grow.go): before
// the outermost loop whose count, and those of the loops inside it, are
// known as it begins, by their product.
//
// A loop the user marked //godiff:checkpoint reaches the split form
// outlined (checkpoint.go, Outline): its body is a function of its own,
// called once per iteration, which the forward function calls as it is,
// recording nothing, and the backward function runs again, iteration by
// iteration, through that function's own split form on a tape of one
// iteration (rerun); where the body has no loop and calls nothing but
// math, each iteration's forward and backward code are written in place
// instead, what the backward code reads in local variables, no tape for
// the body (step.go). Outline first proves that the iterations depend on
// each other only through sums into accumulators and through work
// buffers each iteration overwrites before it reads them, and refuses the
// loop otherwise. Where the body has one sum and its work buffers are
// read nowhere else, the loop is fused instead (fuse.go): the forward
// function runs each iteration recorded and at once its backward code,
// seeded with 1, into scratch adjoints, and the backward function adds
// the sum's adjoint times those into the real ones, with no loop.
// With -every=K the loop may carry state in variables, saved every K
// iterations; with -snapshots=S or -memory=SIZE (revolve.go) it is
// reversed by binomial checkpointing from the state saved as it began,
// holding at most S states at once. Either may carry state in slices too
// (slicestate.go): each saved state copies their elements, and the
// backward sweep reruns the body on scratch memory filled from it; in a
// loop inside another loop, each run saves its own (slicenested.go). A
// three-clause loop whose trip count is known as it begins saves the
// first descent's states in the forward sweep (revolvefirst.go), and a
// while loop keeps evenly spread states as it runs (revolveonline.go).
//
// Before any of this, nestExits rewrites "if c { break }; rest" as
// "if c { break } else { rest }", so that replaying the branch says whether
// rest ran; and floatHeaders moves a loop's init that computes a float
// before the loop, and such a post statement into the body (and before
// each continue of the loop), since the backward sweep differentiates
// bodies only.
package reverse
