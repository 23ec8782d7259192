package ir

import (
	"fmt"
	"strings"
	"unicode"
)

// CheckpointBody names the function reverse mode moves the body of the k-th
// (from 1, in source order) loop marked //godiff:checkpoint of function
// name, a method of recvType if that is not "", into: nllLoop1,
// modelLossLoop1. A method's bodies are named after its type too, as its
// tape is: two types may have methods of one name. The parser checks these
// names are free; reverse mode uses them.
func CheckpointBody(recvType, name string, k int) string {
	return fmt.Sprintf("%sLoop%d", lowerName(recvType+name), k)
}

// CheckpointBodyNames returns every name the output declares for the body
// called base: the body itself and its split form's.
func CheckpointBodyNames(base string) []string {
	return []string{base, base + "CallTape", base + "CallForward", base + "CallBackward", base + "JVP"}
}

// lowerName returns name with its leading capitals lowered as Go names
// lower an initialism: NLL → nll, LogSumExp → logSumExp.
func lowerName(name string) string {
	name = strings.ReplaceAll(name, ".", "")
	rs := []rune(name)
	n := 0
	for n < len(rs) && unicode.IsUpper(rs[n]) {
		n++
	}
	if n > 1 && n < len(rs) {
		n-- // the last capital starts the next word
	}
	for i := 0; i < n; i++ {
		rs[i] = unicode.ToLower(rs[i])
	}
	return string(rs)
}
