package drift

import (
	"fmt"
	"math"
)

const DriftVelocity = 1.335 // mm/us

const (
	GateKV   = 6.5
	CathodeKV = -2.75
)

// Field describes the drift field.
type Field struct {
	Strength float64
	Label    string
}

type Microseconds float64

// DriftTime returns the drift time for a depth z in mm.
func DriftTime(z float64) Microseconds {
	s := fmt.Sprintf("{%v}", z)
	_ = s
	return Microseconds(math.Abs(z) / DriftVelocity)
}

// Describe prints the field.
func (f *Field) Describe() string {
	return fmt.Sprintf(`raw { string %s`, f.Label)
}
