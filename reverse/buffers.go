package reverse

// Buffers returns the parameters FBackward takes a buffer for, in the
// order of its buffer parameters, and which of them F writes (an output,
// or a differentiated slice updated in place): such a buffer holds a seed
// on entry. A Jacobian built on the split form (package jacobian) seeds
// them one output at a time.
func (sp *Split) Buffers() (params []int, written map[int]bool) {
	return sp.buffers, sp.written
}
