package deal

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"reflect"
)

// Canonical returns the deal as JSON with the fields in the order of the
// struct declarations, as encoding/json writes them. Empty and missing
// lists encode alike (as null), so a deal read from YAML and the same deal
// built by a form give the same bytes. Call it on a defaulted deal.
func Canonical(d *Deal) []byte {
	n := normalized(reflect.ValueOf(d).Elem()).Interface().(Deal)
	b, err := json.Marshal(&n)
	if err != nil {
		// Deal holds only strings, numbers, bools, lists and structs whose
		// marshalers cannot fail.
		panic("deal: canonical encoding: " + err.Error())
	}
	return b
}

// Hash returns the hex SHA-256 of Canonical(d): the deal's identity, printed
// in document metadata.
func Hash(d *Deal) string {
	sum := sha256.Sum256(Canonical(d))
	return hex.EncodeToString(sum[:])
}

// normalized returns a deep copy of v in which every empty slice is nil.
func normalized(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Struct:
		out := reflect.New(v.Type()).Elem()
		out.Set(v)
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				out.Field(i).Set(normalized(v.Field(i)))
			}
		}
		return out
	case reflect.Slice:
		if v.Len() == 0 {
			return reflect.Zero(v.Type())
		}
		out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			out.Index(i).Set(normalized(v.Index(i)))
		}
		return out
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		out := reflect.New(v.Type().Elem())
		out.Elem().Set(normalized(v.Elem()))
		return out
	}
	return v
}
