package ir

// tape runs the tape ops and accum.
//
// A tape is a *TapeVal. A callee's tape the caller keeps (a site, or a
// field of one run's callee tape) is a *TapeVal in the caller's scalar
// field, made on first use and then reused, as the generated code reuses
// the field's memory; a record of one call of a shared tape (tape.slot of
// its Calls stack) is a fresh *TapeVal pushed on that stack, whose fields
// are the record's.
func (fr *evalFrame) tape(v *Value) (any, error) {
	switch v.Op {
	case OpLocalTape:
		return NewTapeVal(), nil
	case OpAccum:
		return fr.accum(v)
	}
	t, ok := fr.vals[v.Args[0]].(*TapeVal)
	if !ok || t == nil {
		return nil, fr.fail(v, "no tape")
	}
	fld, ok := v.Aux.(*TapeField)
	if !ok {
		return nil, fr.fail(v, "no tape field")
	}
	if r, ok := v.Args[0].Type.(TapeRef); ok && r.Tape != nil && r.Tape.Calls == fld {
		t.calls = fld // the tape is a callee's shared one: fld its records
	}
	if fld.IsSite() && !fld.Stack {
		return fr.siteOp(v, t, fld)
	}
	if (v.Op == OpTapeReset || v.Op == OpTapeGrow || v.Op == OpTapeEntry) && !fld.Stack {
		return nil, fr.fail(v, "%v of scalar field %s", v.Op, fld.Name)
	}
	switch v.Op {
	case OpTapeSlot:
		if !fld.Stack {
			return t.held(fld), nil
		}
		// A new last entry of a stack: a callee's tape of one run, or the
		// record of a call of a shared tape.
		nt := NewTapeVal()
		t.stacks[fld] = append(t.stacks[fld], nt)
		return nt, nil
	case OpTapeEntry:
		i, ok := fr.vals[v.Args[1]].(int64)
		st := t.stacks[fld]
		if !ok || i < 0 || i >= int64(len(st)) {
			return nil, fr.fail(v, "entry %v of %s, which holds %d", fr.vals[v.Args[1]], fld.Name, len(st))
		}
		return st[i], nil
	case OpTapeCalls:
		return nil, fr.fail(v, "tape.calls of %s, which is not a site", fld.Name)
	case OpTapeGrow:
		// Capacity is not observable in the interpreter.
	case OpTapeReset:
		t.stacks[fld] = t.stacks[fld][:0]
	case OpTapeSave:
		x := evalCopy(fld.Type, fr.vals[v.Args[1]])
		if fld.Stack {
			t.stacks[fld] = append(t.stacks[fld], x)
		} else {
			t.scalars[fld] = x
		}
	case OpTapeLoad:
		if fld.Stack {
			// The entries as they are, not a copy: the backward sweep only
			// reads them, once per iteration, and a copy each time would
			// make a long loop quadratic.
			st := t.stacks[fld]
			return SliceVal{mem: &st, n: len(st), cap: len(st)}, nil
		}
		x, ok := t.scalars[fld]
		if fld.Scratch {
			if !ok {
				return nil, fr.fail(v, "tape.load of scratch buffer %s before its tape.buffer", fld.Name)
			}
			return x, nil // the buffer itself, as a slice refers to memory
		}
		if !ok {
			return evalZero(fld.Type), nil // a field never saved holds its zero value
		}
		return evalCopy(fld.Type, x), nil
	}
	return nil, nil
}

// siteOp runs a tape op on a site: the shared tape of the calls of one call
// site, which the holder's tape keeps (by value, or through a pointer the
// holder allocates at its first reset; the interpreter makes no
// difference). Reset empties it for a new run of the holder, grow makes
// room (nothing to do here), slot passes it to a callee's forward or
// backward function, calls counts its records.
func (fr *evalFrame) siteOp(v *Value, t *TapeVal, fld *TapeField) (any, error) {
	s := t.held(fld)
	switch v.Op {
	case OpTapeReset:
		// The generated code empties the calls; the callee's first call
		// empties its stacks. Emptying every stack now is the same.
		for f := range s.stacks {
			s.stacks[f] = s.stacks[f][:0]
		}
	case OpTapeGrow:
	case OpTapeSlot:
		return s, nil
	case OpTapeCalls:
		if s.calls == nil {
			return int64(0), nil // no call yet
		}
		return int64(len(s.stacks[s.calls])), nil
	default:
		return nil, fr.fail(v, "%v of site %s", v.Op, fld.Name)
	}
	return nil, nil
}

// held returns the callee tape t keeps in scalar field fld, made on first
// use.
func (t *TapeVal) held(fld *TapeField) *TapeVal {
	if s, ok := t.scalars[fld].(*TapeVal); ok && s != nil {
		return s
	}
	s := NewTapeVal()
	t.scalars[fld] = s
	return s
}

// accum runs accum: *p += x.
func (fr *evalFrame) accum(v *Value) (any, error) {
	p, ok := fr.vals[v.Args[0]].(*Box)
	if !ok || p == nil {
		return nil, fr.fail(v, "accum through a %T, not a pointer", fr.vals[v.Args[0]])
	}
	elem := Elem(v.Args[0].Type)
	var err error
	if p.V == nil {
		p.V = evalZero(elem)
	}
	p.V, err = evalBinary(OpAdd, elem, p.V, fr.vals[v.Args[1]])
	if err != nil {
		return nil, fr.fail(v, "%v", err)
	}
	return nil, nil
}
