package ir

// Varied returns the float values of f that depend on any of seeds through
// float values: the values a derivative with respect to the seeds flows
// through. Integers and bools never vary (a comparison of varied floats does
// not), so neither does a float computed from them alone.
func Varied(f *Func, seeds []*Value) map[*Value]bool {
	varied := make(map[*Value]bool)
	for _, s := range seeds {
		varied[s] = true
	}
	for _, v := range f.Body.Values {
		if !v.Op.HasValue() || !IsFloat(v.Type) {
			continue
		}
		for _, a := range v.Args {
			if varied[a] {
				varied[v] = true
				break
			}
		}
	}
	return varied
}

// Reaches returns the values of f from which any of targets can be computed,
// targets included.
func Reaches(f *Func, targets []*Value) map[*Value]bool {
	reaches := make(map[*Value]bool)
	for _, t := range targets {
		reaches[t] = true
	}
	vs := f.Body.Values
	for i := len(vs) - 1; i >= 0; i-- {
		if reaches[vs[i]] {
			for _, a := range vs[i].Args {
				reaches[a] = true
			}
		}
	}
	return reaches
}
