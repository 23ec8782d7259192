// Package extra holds godiff's examples, benchmarks and plots that need
// modules beyond the standard library (gonum, gonum/plot). It is a module of
// its own so that users who require godiff never download them; `.ci/run`
// tests it too.
package extra
