// Package gonumreal differentiates gonum as it is published, not a copy:
// functions a user writes on gonum's distributions (stat/distuv), special
// functions (mathext), vectors (spatial/r2, spatial/r3) and quaternions
// (num/quat), whose methods and functions godiff reads from the module
// cache. gonumreal_test.go checks each derivative against central
// differences and forward mode against reverse mode. It lives in the
// nested module extra, beside gonum's other users, so that godiff's own
// module does not depend on gonum.
package gonumreal
