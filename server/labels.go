package server

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// fieldLabels returns the label of each input the form template src
// gives one to, by the input's deal path ("customer.signatory.title" →
// "Position"): the problem summary names a field as the form does, not by
// its path. Inputs whose label depends on the deal's law take the first
// wording. Rows of lists are named by rowLabel instead.
func fieldLabels(src string) map[string]string {
	re := regexp.MustCompile(`\$\.(?:F|C|EEA) "([a-z_.]+)" (?:"([^"]*)"|\(\$\.ByLaw "([^"]*)")`)
	out := map[string]string{}
	for _, m := range re.FindAllStringSubmatch(src, -1) {
		if label := m[2] + m[3]; label != "" {
			out[m[1]] = label
		}
	}
	return out
}

// sectionName names the parts of a deal whose fields the form groups
// under one heading, for the problem summary: "Customer's signatory –
// Position".
func sectionName(path string) string {
	switch path {
	case "customer":
		return "Customer"
	case "customer.contact":
		return "Customer's contact"
	case "customer.signatory":
		return "Customer's signatory"
	case "customer.dpo":
		return "Customer's data protection officer"
	case "customer.representative":
		return "Representative in the Union"
	case "provider":
		return "Provider"
	case "provider.contact":
		return "Provider's contact"
	case "provider.signatory":
		return "Provider's signatory"
	case "provider.dpo":
		return "Provider's data protection officer"
	}
	return rowLabel(path)
}

// rowLabel names a row of a list as the form shows it ("Sub-processor 3"
// for subprocessors.list[2]), or "".
func rowLabel(path string) string {
	i := strings.LastIndexByte(path, '[')
	if i < 0 || !strings.HasSuffix(path, "]") {
		return ""
	}
	n, err := strconv.Atoi(path[i+1 : len(path)-1])
	if err != nil {
		return ""
	}
	switch path[:i] {
	case "subprocessors.list":
		return fmt.Sprintf("Sub-processor %d", n+1)
	case "security.extra":
		return fmt.Sprintf("Measure added for this deal %d", n+1)
	case "riders":
		return fmt.Sprintf("Special term %d", n+1)
	}
	return ""
}

// summaryLabel names the field or part of the deal at path as the form
// shows it, with the part it belongs to: "Customer's signatory –
// Position", "Sub-processor 3 – transfer mechanism", "Customer's
// signatory" for the section itself; "" when the form has no name for it.
func (s *Server) summaryLabel(path string) string {
	if name := sectionName(path); name != "" {
		return name
	}
	parent, key := path, ""
	if i := strings.LastIndexByte(path, '.'); i > 0 {
		parent, key = path[:i], path[i+1:]
	}
	label := s.labels[path]
	if label == "" && rowLabel(parent) != "" {
		label = strings.ReplaceAll(key, "_", " ")
	}
	if label == "" {
		return ""
	}
	if section := sectionName(parent); section != "" {
		return section + " – " + label
	}
	return label
}
