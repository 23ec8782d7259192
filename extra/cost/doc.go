// Package cost measures the claim of the chapter on backpropagation: the
// gradient of a function of n parameters costs a few times the function by
// reverse mode, whatever n, but n times the function by forward mode (one
// JVP per parameter) and 2n times by central finite differences. The
// function is LogLoss, a logistic-regression loss whose derivatives godiff
// generated (loss_godiff.go); [Measure] times them, [Plot] draws the times
// relative to the function's on log–log axes, and the command
// extra/cmd/plots writes the picture the README shows, docs/cost.svg.
package cost
