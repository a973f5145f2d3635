package reportcard

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
)

// Shown is everything the public verification page shows of a card, and
// nothing more: no scores, no ID number, no class. Its digest is stored
// with the code, so a code verifies only while the card's content is what
// was printed.
type Shown struct {
	Name   string      `json:"name"`
	School string      `json:"school"`
	Terms  []ShownTerm `json:"terms"` // the card's term (an archive prints each term's own code)
}

// ShownTerm is one term's levels.
type ShownTerm struct {
	Term       string     `json:"term"`
	Level      string     `json:"level"` // 综合等级
	Dimensions []DimLevel `json:"dimensions"`
}

// DimLevel is one dimension's level.
type DimLevel struct {
	Name  string `json:"name"`
	Level string `json:"level"`
}

// encode is the canonical JSON (struct field order is fixed) and its
// SHA-256 in hex.
func (s Shown) encode() (text, digest string) {
	b, _ := json.Marshal(s)
	sum := sha256.Sum256(b)
	return string(b), hex.EncodeToString(sum[:])
}
