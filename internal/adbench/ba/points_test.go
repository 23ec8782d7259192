package ba

// godiffPointsReprojError gives the generated checks (ba_godiff_test.go)
// points of ReprojError: a camera has 11 parameters (rotation, centre,
// focal length, principal point, radial distortion), which random points
// of 3 to 5 numbers lack. The points are in front of the cameras.
func godiffPointsReprojError(at func(cam, x []float64, w float64, feat, err []float64)) {
	at([]float64{0.1, -0.2, 0.3, 0.5, -0.4, -6, 1.3, 0.2, -0.1, 0.01, -0.02},
		[]float64{0.3, -0.7, 2}, 0.8, []float64{0.1, 0.2}, make([]float64, 2))
	at([]float64{-0.4, 0.05, 0.2, 1, 2, -4, 0.9, -0.3, 0.4, -0.05, 0.03},
		[]float64{1.5, 0.5, 1}, 1.2, []float64{-0.3, 0.6}, make([]float64, 2))
}
