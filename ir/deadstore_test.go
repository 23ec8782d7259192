package ir

import (
	"strings"
	"testing"
)

// DeadStores drops a set nothing can read and keeps one that a later get,
// a later iteration or an address can see.
func TestDeadStores(t *testing.T) {
	one := func(b *Builder) *Value { return b.Float(Float64, 1) }
	tests := []struct {
		name  string
		build func(b *Builder, x *Var, c *Value)
		kept  int // sets left
	}{
		{"set at the end of a branch, read by nothing", func(b *Builder, x *Var, c *Value) {
			ifop := b.If(c)
			b.In(ifop.Blocks[0], func() { b.Set(x, one(b)) })
		}, 0},
		{"set read after the if", func(b *Builder, x *Var, c *Value) {
			ifop := b.If(c)
			b.In(ifop.Blocks[0], func() { b.Set(x, one(b)) })
			b.Return(b.Get(x))
		}, 1},
		{"set read by the next iteration", func(b *Builder, x *Var, c *Value) {
			loop := b.Range("", b.Const(Int, int64(3)))
			b.In(loop.Blocks[0], func() {
				b.Index("i")
				b.Set(x, b.Add(b.Get(x), one(b)))
			})
		}, 1},
		{"set through an address", func(b *Builder, x *Var, c *Value) {
			b.Addr(x)
			b.Set(x, one(b))
		}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := NewFunc("F", []Param{{Name: "c", Type: Bool}}, nil)
			b := NewBuilder(f)
			c := b.Param(0)
			x := &Var{Name: "x", Type: Float64}
			b.Declare(x, nil)
			tc.build(b, x, c)
			if f.Return() == nil {
				b.Return()
			}
			DeadStores(f)
			if n := strings.Count(f.String(), "set x"); n != tc.kept {
				t.Errorf("%d sets left, want %d:\n%v", n, tc.kept, f)
			}
		})
	}
}
