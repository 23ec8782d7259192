// Package foreignstructs holds code a Go programmer writes with another
// package's struct types: likelihoods on distributions built in a local
// variable or a composite literal (distuv.Normal{Mu: mu, Sigma: sigma})
// and asked for their log-density through their methods, and geometry on
// vectors combined by functions returning vectors (r3.Sub, r3.Cross,
// r3.Scale). The packages are gonum's stat/distuv and spatial/r3 as
// written (the copies in internal/corpus), whose source godiff reads to
// differentiate them. foreignstructs_test.go checks the derivatives against central
// differences, mode against mode, and the values bit for bit.
package foreignstructs
