// Package localstructs holds functions that keep values in local variables
// of struct types of their package, as Go programmers write them: a
// distribution built with a composite literal and asked for its
// log-density, a state struct stepped in a loop, vectors read by field, a
// running mean and variance updated field by field, a model struct
// holding the caller's slices. localstructs_test.go checks the generated
// derivatives three ways: against central differences, mode against mode,
// and the values against the function's bit for bit; and Oscillator's
// Hessian and Variance's Hessian-vector product, through the same structs.
package localstructs
