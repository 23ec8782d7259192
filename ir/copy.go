package ir

// CopyBody appends f's computation to b's function, value by value, and
// returns the values f returns, as copied. Parameter i of f becomes
// parameter i of the new function, so the new signature must begin with
// f's parameters. After each copied value, after(old, copy) runs (it may be
// nil); the transforms use it to interleave derivative code.
func CopyBody(b *Builder, f *Func, after func(old, copy *Value)) []*Value {
	copies := make(map[*Value]*Value)
	var results []*Value
	for _, v := range f.Body.Values {
		args := make([]*Value, len(v.Args))
		for i, a := range v.Args {
			args[i] = copies[a]
		}
		if v.Op == OpReturn {
			results = args
			continue
		}
		c := b.CopyOf(v, args)
		copies[v] = c
		if after != nil && c != nil {
			after(v, c)
		}
	}
	return results
}
