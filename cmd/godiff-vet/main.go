// Command godiff-vet runs godiff's analyzer (package analyzer) alone, as a
// command or as a vet tool:
//
//	go install github.com/godiff/godiff/cmd/godiff-vet@latest
//	go vet -vettool=$(which godiff-vet) ./...
//	godiff-vet ./...
//
// It reports, at their positions, the annotated functions godiff would refuse (with godiff's messages),
// malformed and misspelled //godiff: directives, and generated _godiff.go
// files that are not current against their sources. With -fix (run
// alone, not from go vet) it respells misspelled directives.
package main

import (
	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/godiff/godiff/analyzer"
)

func main() { singlechecker.Main(analyzer.Analyzer) }
