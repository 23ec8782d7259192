package ir

import "testing"

// A copy whose arguments make the two operands of && or || one value
// drops the repeat, as Builder.Logic does: FHVP inlining f(a, b), whose
// guard is a > 0 || b > 0, called as f(t, t), wrote c || c, which go vet
// rejects (srcgen seed 14 program 83).
func TestCopyOfLogicDropsARepeatedOperand(t *testing.T) {
	for _, op := range []Op{OpOr, OpAnd} {
		src := NewFunc("F", []Param{{Name: "a", Type: Float64}, {Name: "b", Type: Float64}}, []Result{{Type: Bool}})
		sb := NewBuilder(src)
		zero := sb.Float(Float64, 0)
		ca := sb.Compare(OpGt, sb.Param(0), zero)
		cb := sb.Compare(OpGt, sb.Param(1), zero)
		or := sb.Logic(op, ca, cb)
		if or.Op != op {
			t.Fatalf("%v of two conditions built %v", op, or.Op)
		}

		dst := NewFunc("G", []Param{{Name: "t", Type: Float64}}, []Result{{Type: Bool}})
		db := NewBuilder(dst)
		tp := db.Param(0)
		c := db.Compare(OpGt, tp, db.Float(Float64, 0))
		if got := db.CopyOf(or, []*Value{c, c}); got != c {
			t.Errorf("a copy of %v with both operands %v is %v %v, want the operand itself", op, c, got.Op, got.Args)
		}
	}
}
