package godiff

import (
	"fmt"
	"os"
	"regexp"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
)

// fuzzFail fails a fuzz check on the source at path. While a bug the fuzzer
// found is being fixed, GODIFF_FUZZ_KNOWN may name a file of regular
// expressions, one a line, matched against the failure's message followed
// by the source: a match skips the input instead, so that a fuzzing run
// goes on to other bugs. The committed corpus never needs it.
func fuzzFail(t *testing.T, path, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	src, _ := os.ReadFile(path)
	if re := knownFailure(msg + "\n" + string(src)); re != "" {
		logKnown(re, msg, src)
		t.Skipf("known failure (%s): %s", re, firstLine(msg))
	}
	t.Fatalf("%s\n-- source %s --\n%s", msg, path, src)
}

// fuzzRecover turns a panic of godiff into a fuzz failure with its stack,
// or a skip if GODIFF_FUZZ_KNOWN knows it. Call it deferred.
func fuzzRecover(t *testing.T, path *string) {
	if r := recover(); r != nil {
		fuzzFail(t, *path, "panic: %v\n%s", r, debug.Stack())
	}
}

var knownFailures = sync.OnceValue(func() []*regexp.Regexp {
	name := os.Getenv("GODIFF_FUZZ_KNOWN")
	if name == "" {
		return nil
	}
	data, err := os.ReadFile(name)
	if err != nil {
		panic(err)
	}
	var res []*regexp.Regexp
	for _, line := range strings.Split(string(data), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			res = append(res, regexp.MustCompile(line))
		}
	}
	return res
})

// logKnown appends a known failure to GODIFF_FUZZ_KNOWN's file with
// ".hits" added, to count what a fuzzing run hit.
func logKnown(re, msg string, src []byte) {
	f, err := os.OpenFile(os.Getenv("GODIFF_FUZZ_KNOWN")+".hits", os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return
	}
	defer f.Close()
	fmt.Fprintf(f, "== %s\n%s\n-- source --\n%s\n", re, msg, src)
}

// knownFailure returns the expression of GODIFF_FUZZ_KNOWN that matches
// text, or "".
func knownFailure(text string) string {
	for _, re := range knownFailures() {
		if re.MatchString(text) {
			return re.String()
		}
	}
	return ""
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
