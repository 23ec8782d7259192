package parse

import "strings"

// This file reads what a //godiff:jacobian directive says besides its
// parameters: its options, and the names it generates.

// checkOptions reads d's options into dir: -mode=forward, -mode=reverse
// or -mode=auto on a jacobian directive, nothing on the others. Each bad
// option is reported at its own column.
func (c *checker) checkOptions(d rawDirective, dir *Directive) {
	seen := make(map[string]bool)
	for _, o := range d.options {
		if d.mode != Jacobian {
			c.errorf(o.pos, "%v takes no options, and %s is not a parameter name; options are for //godiff:jacobian (-mode=forward or -mode=reverse)", d, o.text)
			continue
		}
		key, value, _ := strings.Cut(strings.TrimLeft(o.text, "-"), "=")
		if key != "mode" {
			c.errorf(o.pos, "unknown option %s of %v; want -mode=forward or -mode=reverse", o.text, d)
			continue
		}
		if seen[key] {
			c.errorf(o.pos, "%v gives -%s twice", d, key)
			continue
		}
		seen[key] = true
		switch value {
		case "auto":
			dir.Jacobian.Mode = Auto
		case "forward":
			dir.Jacobian.Mode = Forward
		case "reverse":
			dir.Jacobian.Mode = Reverse
		default:
			c.errorf(o.pos, "%s: want -mode=forward (vector forward mode, sweeps over the inputs), -mode=reverse (one backward sweep per output) or -mode=auto (the default: forward when the inputs are no more than the outputs)", o.text)
		}
	}
}

// jacobianNames names what a jacobian directive on fname generates
// besides FJacobian, and reports a name the package or the receiver's
// type declares already: FJacobianTo, the type FJacobianWork, and FJVPVec
// unless the directive is forced into reverse mode.
func (c *checker) jacobianNames(d rawDirective, fname string, dir *Directive) {
	spec := &dir.Jacobian
	spec.To = dir.Name + "To"
	// A type of the package, named like a method's tape: LayerApplyJacobianWork.
	spec.Work = strings.TrimSuffix(c.splitOf(dir.Name).Tape, "Tape") + "Work"
	c.checkFreeMember(d, spec.To)
	c.checkFree(d, spec.Work)
	if spec.Mode != Reverse {
		spec.Vector = fname + "JVPVec"
		c.checkFreeMember(d, spec.Vector)
	}
}
