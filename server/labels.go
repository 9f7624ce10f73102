package server

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// fieldLabels returns the label of each input the form template src
// gives one to, by the input's deal path with row numbers removed
// ("customer.signatory.title" → "Position", "subprocessors.list.name" →
// "Legal name"): the problem summary names a field as the form does, not
// by its path. The inputs of a template the form repeats (a list's row,
// the processing description) are found under each path the form uses it
// for. Inputs whose label depends on the deal's law take the first
// wording.
func fieldLabels(src string) map[string]string {
	const label = `(?:"([^"]*)"|\(\$p?\.ByLaw "([^"]*)")`
	top := regexp.MustCompile(`\$\.(?:F|C|EEA) "([a-z_.]+)" ` + label)
	sub := regexp.MustCompile(`\$p\.(?:F|C|EEA|Rider) \(\$p\.Sub \$[a-zA-Z.]+ "([a-z_]+)"\) ` + label)
	// Where a repeated template is used: {{range $.Rows "riders"}}{{template
	// "rider-row" ...}} and {{template "processing" (proc $ "processing")}}.
	uses := regexp.MustCompile(`\{\{range \$\.Rows "([a-z_.]+)"\}\}\{\{template "([a-z-]+)"|\{\{template "([a-z-]+)" \(proc \$ "([a-z_.]+)"\)`)
	prefixes := map[string][]string{}
	for _, m := range uses.FindAllStringSubmatch(src, -1) {
		if m[1] != "" {
			prefixes[m[2]] = append(prefixes[m[2]], m[1])
		} else {
			prefixes[m[3]] = append(prefixes[m[3]], m[4])
		}
	}
	out := map[string]string{}
	for _, m := range top.FindAllStringSubmatch(src, -1) {
		if l := m[2] + m[3]; l != "" {
			out[m[1]] = l
		}
	}
	for _, block := range strings.Split(src, `{{define "`)[1:] {
		name, body, _ := strings.Cut(block, `"`)
		for _, m := range sub.FindAllStringSubmatch(body, -1) {
			for _, prefix := range prefixes[name] {
				if l := m[2] + m[3]; l != "" && out[prefix+"."+m[1]] == "" {
					out[prefix+"."+m[1]] = l
				}
			}
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
	case "processing":
		return "Description of the processing"
	case "controller_transfer":
		return "Module One data"
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
		return fmt.Sprintf("Measure agreed for this deal %d", n+1)
	case "riders":
		return fmt.Sprintf("Rider %d", n+1)
	}
	return ""
}

// summaryLabel names the field or part of the deal at path as the form
// shows it, with the part it belongs to: "Customer's signatory –
// Position", "Sub-processor 3 – Transfer mechanism", "Customer's
// signatory" for the section itself; "" when the form has no name for it.
func (s *Server) summaryLabel(path string) string {
	if name := sectionName(path); name != "" {
		return name
	}
	parent, key := path, ""
	if i := strings.LastIndexByte(path, '.'); i > 0 {
		parent, key = path[:i], path[i+1:]
	}
	label := s.labels[genericPath(path)]
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
