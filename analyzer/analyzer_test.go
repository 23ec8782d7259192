package analyzer_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/godiff/godiff/analyzer"
)

// Each package of testdata/src holds one kind of report, written as
// // want comments at the lines it must be reported on (// want +1 on
// the line above a directive, whose own comment cannot hold another); a
// report without a want, or a want without its report, fails.
func TestAnalyzer(t *testing.T) {
	for _, pkg := range []string{
		"refuse",   // functions godiff refuses, with its messages
		"typo",     // lines that look like directives and are not
		"stale",    // outputs out of date, and left after the directives went
		"missing",  // an annotated function without its output
		"current",  // an output as godiff writes it: no report
		"oneout",   // the outputs of godiff -o, current: no report
		"onestale", // the output of godiff -o, out of date
	} {
		t.Run(pkg, func(t *testing.T) {
			analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "./src/"+pkg)
		})
	}
}

// TestMisspelledFixes checks the suggested fixes: each misspelled
// directive of testdata/src/fix is respelled as fix.go.golden has it.
func TestMisspelledFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), analyzer.Analyzer, "./src/fix")
}
