package server

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// formField is what the form template says of one of its inputs.
type formField struct {
	// Label is the input's label; LabelUS its label in a US-only deal's
	// form, where that differs ("" where it does not).
	Label, LabelUS string
	// Widget is the template that shows it: "text", "lines", "country",
	// "radios", "checks", "checkbox", "select" or "fixed".
	Widget string
	// Date reports a date input.
	Date bool
	// Options are the labels of a choice's values ("controller" →
	// "Controller").
	Options map[string]string
}

// formFields returns what the form template src says of each input it
// shows (its label, widget and choices), by the input's deal path with row
// numbers removed ("customer.signatory.title" is labelled "Position",
// "subprocessors.list.name" "Legal name"): the problem summary and the
// form's messages name a field as the form does, not by its path. The inputs of a template the form repeats (a list's
// row, the processing description) are found under each path the form
// uses it for. Inputs whose label depends on the deal's law have both
// wordings.
func formFields(src string) map[string]formField {
	call := regexp.MustCompile(`\{\{template "(text|lines|country|radios|checks|checkbox|select|fixed)" (.*?)\}\}`)
	input := regexp.MustCompile(`\$p?\.(?:F|C|EEA|Rider) (?:"([a-z_.]+)"|\(\$p\.Sub \$[a-zA-Z.]+ "([a-z_]+)"\)) (?:"([^"]*)"|\(\$p?\.ByLaw "([^"]*)" "([^"]*)"\))`)
	opts := regexp.MustCompile(`\.Opts((?: "[^"]*")+)`)
	quoted := regexp.MustCompile(`"([^"]*)"`)
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
	out := map[string]formField{}
	for _, block := range strings.Split(src, `{{define "`)[1:] {
		name, body, _ := strings.Cut(block, `"`)
		for _, c := range call.FindAllStringSubmatch(body, -1) {
			m := input.FindStringSubmatch(c[2])
			if m == nil {
				continue
			}
			f := formField{Label: m[3] + m[4], LabelUS: m[5], Widget: c[1], Date: strings.Contains(c[2], `.As "date"`)}
			if f.LabelUS == f.Label {
				f.LabelUS = ""
			}
			if o := opts.FindStringSubmatch(c[2]); o != nil {
				vs := quoted.FindAllStringSubmatch(o[1], -1)
				f.Options = map[string]string{}
				for i := 0; i+1 < len(vs); i += 2 {
					f.Options[vs[i][1]] = vs[i+1][1]
				}
			}
			paths := []string{m[1]}
			if m[1] == "" {
				paths = nil
				for _, prefix := range prefixes[name] {
					paths = append(paths, prefix+"."+m[2])
				}
			}
			for _, p := range paths {
				if _, seen := out[p]; !seen && f.Label != "" {
					out[p] = f
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
func (s *Server) summaryLabel(path string) string { return s.labelFor(path, false) }

// labelFor is summaryLabel for the form of a US-only deal (usOnly), whose
// labels of a few fields differ, or of any other deal. A line of a list
// ("subprocessors.list[2].data[0]") is named by its list and number:
// "Sub-processor 3 – Categories of data (line 1)".
func (s *Server) labelFor(path string, usOnly bool) string {
	if name := sectionName(path); name != "" {
		return name
	}
	line := ""
	if i := strings.LastIndexByte(path, '['); i > 0 && strings.HasSuffix(path, "]") && s.fields[genericPath(path)].Widget == "lines" {
		if n, err := strconv.Atoi(path[i+1 : len(path)-1]); err == nil {
			path, line = path[:i], fmt.Sprintf(" (line %d)", n+1)
		}
	}
	parent, key := path, ""
	if i := strings.LastIndexByte(path, '.'); i > 0 {
		parent, key = path[:i], path[i+1:]
	}
	f := s.fields[genericPath(path)]
	label := f.Label
	if usOnly && f.LabelUS != "" {
		label = f.LabelUS
	}
	if label == "" && rowLabel(parent) != "" {
		label = strings.ReplaceAll(key, "_", " ")
	}
	if label == "" {
		return ""
	}
	if section := sectionName(parent); section != "" {
		return section + " – " + label + line
	}
	return label + line
}
