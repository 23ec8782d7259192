package srcgen

import (
	"strings"
	"testing"
)

// TestDerivedRecordedBranch checks that Hessian copies differentiate
// through a generated derivative of a G whose branch it records on its
// tape: program 15 of seed 1 is one (FHVP refuses it; with that refusal
// taken out of reverse/inline.go, its gradient differed from FGrad's and
// the harness reported the program wrong). It called GGrad until calls
// of GVJP were generated (derivedCall's draw), and calls GVJP since, with
// a seed depending on the point. withRecordedBranch keeps G's return.
func TestDerivedRecordedBranch(t *testing.T) {
	f := Program(1, 15, Default())
	if !strings.Contains(f.Decls, "rec = math.Erf(rec * 0.25)") || !strings.Contains(f.Decls, "f15GVJP(r, sl14, (sl14 * (2 - 1)))") {
		t.Fatalf("program 15 of seed 1 no longer calls GVJP of a G with a recorded branch:\n%s", f.Decls)
	}
	if _, v := variantOf([]*Func{f}, "F15H"); v == nil || v.Kind != Hessian {
		t.Fatalf("program 15 of seed 1 has no Hessian copy")
	}
	got := withRecordedBranch("r := a\nreturn r + b\n")
	want := "r := a\nrec := a * b\nif a > -4 {\nrec = math.Erf(rec * 0.25)\n}\nreturn (r + b) + rec*a\n"
	if got != want {
		t.Errorf("withRecordedBranch:\n%s\nwant\n%s", got, want)
	}
}
