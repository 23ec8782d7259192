package analyzer

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/tools/go/analysis"
)

// verbs are the words that follow "//godiff:". parse reports a misspelled
// verb after a well-spelled prefix; a misspelled prefix, or a space after
// the slashes, makes a line that is no directive at all, which godiff
// ignores without a word: the function silently gets no derivative.
var verbs = []string{"grad", "vjp", "jvp", "jacobian", "hvp", "rule"}

// reportTypos reports the comments that look like a misspelled directive,
// with a fix that spells it right.
func reportTypos(pass *analysis.Pass) {
	for _, f := range pass.Files {
		for _, g := range f.Comments {
			for _, c := range g.List {
				if head, args, ok := misspelled(c.Text); ok {
					written := strings.TrimSuffix(c.Text, args)
					pass.Report(analysis.Diagnostic{
						Pos:     c.Slash,
						End:     c.End(),
						Message: fmt.Sprintf("godiff ignores %q, which is not a directive; write %s", written, head),
						SuggestedFixes: []analysis.SuggestedFix{{
							Message:   "Spell the directive " + head,
							TextEdits: []analysis.TextEdit{{Pos: c.Slash, End: c.End(), NewText: []byte(head + args)}},
						}},
					})
				}
			}
		}
	}
}

// misspelled reports whether the comment text looks like a directive
// that is not one (a prefix within two edits of "godiff", or a space
// after the slashes, then a colon and a word within an edit of a verb),
// and returns the directive spelled right, and the arguments after it.
func misspelled(text string) (head, args string, ok bool) {
	body, ok := strings.CutPrefix(text, "//")
	if !ok {
		return "", "", false // a /* */ comment
	}
	trimmed := strings.TrimLeft(body, " \t")
	prefix, rest, ok := strings.Cut(trimmed, ":")
	if !ok || strings.IndexFunc(prefix, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 {
		return "", "", false
	}
	spaced := len(trimmed) < len(body)
	lower := strings.ToLower(prefix)
	if prefix == "godiff" && !spaced || distance(lower, "godiff") > 2 {
		return "", "", false // a directive, whose verb parse checks, or no directive
	}
	word := rest
	if i := strings.IndexFunc(rest, unicode.IsSpace); i >= 0 {
		word, args = rest[:i], rest[i:]
	}
	verb, ok := nearestVerb(strings.ToLower(word))
	if !ok {
		return "", "", false
	}
	if lower == "godiff" && word != verb {
		return "", "", false // "// GoDiff: Grad ..." is prose, not a slip
	}
	return "//godiff:" + verb, args, true
}

// nearestVerb returns the verb nearest to word, if it is within one edit
// (two for the long "jacobian"): jvp is jvp, not vjp.
func nearestVerb(word string) (string, bool) {
	best, bestDist := "", 3
	for _, v := range verbs {
		limit := 1
		if len(v) > 6 {
			limit = 2
		}
		if d := distance(word, v); d <= limit && d < bestDist {
			best, bestDist = v, d
		}
	}
	return best, best != ""
}

// distance returns the edit distance between a and b: the fewest
// insertions, deletions, substitutions and swaps of adjacent letters that
// turn one into the other.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
