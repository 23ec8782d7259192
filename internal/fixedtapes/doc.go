// Package fixedtapes holds functions whose reverse-mode tapes hold only
// single values and stacks of a bound known when generating (loops of
// constant trip counts, a helper of slices called once and inlined), so
// that FGrad and FVJP keep their tape in a local variable: no pool, no
// allocation but their results. Its tests check the derivatives against
// finite differences and forward mode, the allocations, and that the
// inlined helper gives the gradient the called one does, bit for bit.
package fixedtapes
