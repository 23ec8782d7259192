// Copyright ©2018 The Gonum Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Package quat provides the quaternion numeric type and functions.
//
// For a good treatment of uses and behaviors of quaternions, see
// the interactive videos by Ben Eater and Grant Sanderson here
// https://eater.net/quaternions.
package quat // imports "gonum.org/v1/gonum/num/quat"
