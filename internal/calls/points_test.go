package calls

// godiffNoFDQuantised tells the generated checks (funcs_godiff_test.go)
// that Quantised's derivative is not that of finite differences, on
// purpose: the checks leave those comparisons out and make the others.
const godiffNoFDQuantised = "round has the straight-through rule d/dx = 1, and Quantised is flat between its steps"
