// Package foreignstructs holds likelihoods a Go programmer writes with
// another package's distributions: values of its struct types built in a
// local variable or a composite literal (distuv.Normal{Mu: mu, Sigma:
// sigma}) and asked for their log-density through their methods. The
// distributions are gonum's stat/distuv as written (the copy in
// internal/corpus/distuv), whose source godiff reads to differentiate the
// methods. foreignstructs_test.go checks the derivatives against central
// differences, mode against mode, and the values bit for bit.
package foreignstructs
