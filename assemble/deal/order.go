package deal

import (
	"cmp"
	"slices"
	"strings"
)

// inFileOrder sorts problems into the order in which a person reading the
// files meets them: first those located at a line, by file (in the order
// of files: the deal before the profile; a file not named there after
// them, by name), then line, then path (in the order of Deal's fields,
// then by name, for two problems on one line, as in a flow mapping); then
// those without a line (a field that neither file gives), in the order
// they came in. The sort is stable, so problems at one path keep theirs.
func inFileOrder(problems []Problem, files ...string) {
	rank := func(file string) int {
		if i := slices.Index(files, file); i >= 0 {
			return i
		}
		return len(files)
	}
	slices.SortStableFunc(problems, func(a, b Problem) int {
		if located := cmp.Compare(lineless(a), lineless(b)); located != 0 || a.Line <= 0 {
			return located
		}
		return cmp.Or(
			cmp.Compare(rank(a.File), rank(b.File)),
			strings.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			slices.Compare(pathOrder(a.Path), pathOrder(b.Path)),
			strings.Compare(a.Path, b.Path),
		)
	})
}

// lineless is 1 for a problem no line locates, 0 for one a line does: the
// first key of inFileOrder.
func lineless(p Problem) int {
	if p.Line > 0 {
		return 0
	}
	return 1
}
