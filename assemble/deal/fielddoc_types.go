package deal

import "reflect"

// TypeName names the type of a deal field as docs/deal-format.md's Type
// column does: "text", "whole number", "true/false", "date", "mapping",
// "list of text", "list of mappings", "mapping of text to text".
func TypeName(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t {
	case dateType:
		return "date"
	case measuresType:
		return `"all" or list of text`
	}
	switch t.Kind() {
	case reflect.String:
		return "text"
	case reflect.Int:
		return "whole number"
	case reflect.Bool:
		return "true/false"
	case reflect.Struct:
		return "mapping"
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Struct && t.Elem() != dateType {
			return "list of mappings"
		}
		return "list of " + TypeName(t.Elem())
	case reflect.Map:
		return "mapping of " + TypeName(t.Key()) + " to " + TypeName(t.Elem())
	}
	return t.String()
}
