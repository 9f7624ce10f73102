package main

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// repoRoot is the repository root, relative to this package.
const repoRoot = "../.."

// readmeCommand is one command line of a README example.
type readmeCommand struct {
	line int      // README line where it starts
	args []string // the words, "dpakit" first
	text string   // as written, for messages
	exit int      // the exit status the README promises ("# exits 1")
}

// TestREADMECommands runs every dpakit command of the README's sh blocks,
// in order, in a fresh directory holding what a clone has (fixtures/,
// clauses/, templates/), so that the examples a new user copies work.
// "go run ./cmd/dpakit" counts as dpakit; other go commands (install,
// build, test) and "dpakit serve" are not run; "cp A B" is. A command
// exits 0 unless its comment says "exits N".
func TestREADMECommands(t *testing.T) {
	cmds, err := readmeCommands(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if len(cmds) < 10 {
		t.Fatalf("found only %d commands in the README's sh blocks; is the parser broken?", len(cmds))
	}
	dir := t.TempDir()
	for _, sub := range []string{"fixtures", "clauses", "templates"} {
		if err := copyTree(filepath.Join(repoRoot, sub), filepath.Join(dir, sub)); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	for _, c := range cmds {
		if c.args[0] == "cp" {
			if len(c.args) != 3 {
				t.Fatalf("README.md:%d: %s: cp takes two files here", c.line, c.text)
			}
			if err := copyPlainFile(c.args[1], c.args[2]); err != nil {
				t.Fatalf("README.md:%d: %s: %v", c.line, c.text, err)
			}
			continue
		}
		code, stdout, stderr := dpakit(t, "", c.args[1:]...)
		if code != c.exit {
			t.Errorf("README.md:%d: %s\n  exit %d, want %d\n  stderr: %s\n  stdout: %.300s", c.line, c.text, code, c.exit, stderr, stdout)
		}
	}
}

// exitComment finds the exit status an example's comment promises.
var exitComment = regexp.MustCompile(`\bexits? (?:status )?(\d)\b`)

// readmeCommands returns the commands of the README's ```sh blocks.
func readmeCommands(name string) ([]readmeCommand, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var (
		cmds    []readmeCommand
		inBlock bool
		pending string // a line continued with "\"
		start   int
	)
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case !inBlock && strings.HasPrefix(line, "```sh"):
			inBlock = true
			continue
		case inBlock && strings.HasPrefix(line, "```"):
			inBlock = false
			continue
		case !inBlock:
			continue
		}
		if pending == "" {
			start = n
		}
		if s, ok := strings.CutSuffix(line, "\\"); ok {
			pending += s + " "
			continue
		}
		full := pending + line
		pending = ""
		c, ok, err := parseCommand(full)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", name, start, err)
		}
		if ok {
			c.line = start
			cmds = append(cmds, c)
		}
	}
	return cmds, sc.Err()
}

// parseCommand splits one shell line into words, honouring quotes and a
// trailing comment, and says whether the test runs it.
func parseCommand(line string) (readmeCommand, bool, error) {
	words, comment, err := shellWords(line)
	if err != nil || len(words) == 0 {
		return readmeCommand{}, false, err
	}
	c := readmeCommand{args: words, text: strings.TrimSpace(line)}
	if m := exitComment.FindStringSubmatch(comment); m != nil {
		c.exit, _ = strconv.Atoi(m[1])
	}
	if len(words) >= 3 && words[0] == "go" && words[1] == "run" && strings.TrimPrefix(words[2], "./") == "cmd/dpakit" {
		c.args = append([]string{"dpakit"}, words[3:]...)
	}
	switch c.args[0] {
	case "go": // go install, go build, go test: not the CLI's to test
		return c, false, nil
	case "cp":
		return c, true, nil
	case "dpakit":
		if len(c.args) > 1 && c.args[1] == "serve" {
			return c, false, nil // a server runs until stopped
		}
		return c, true, nil
	}
	return c, false, fmt.Errorf("%q: the README test runs only dpakit, go run ./cmd/dpakit and cp; teach readme_test.go the command or move it out of the sh block", c.args[0])
}

// shellWords splits a line as sh does for the simple commands the README
// uses: words separated by blanks, '...' and "..." quoting, "#" starting a
// comment. Pipes, redirections and variables are refused.
func shellWords(line string) (words []string, comment string, err error) {
	var (
		b      strings.Builder
		inWord bool
		quote  rune
	)
	for i, r := range line {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			b.WriteRune(r)
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == '#' && !inWord:
			return words, line[i:], nil
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, b.String())
				b.Reset()
				inWord = false
			}
		case strings.ContainsRune("|<>;&$`*", r):
			return nil, "", fmt.Errorf("%q uses %q, which the README test does not run", line, r)
		default:
			b.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 {
		return nil, "", fmt.Errorf("%q has an unclosed quote", line)
	}
	if inWord {
		words = append(words, b.String())
	}
	return words, "", nil
}

func TestShellWords(t *testing.T) {
	tests := []struct {
		line, words, comment string
	}{
		{`dpakit render a.yaml -o b.pdf`, `dpakit|render|a.yaml|-o|b.pdf`, ""},
		{`dpakit diff a b   # exits 1: they differ`, `dpakit|diff|a|b`, "# exits 1: they differ"},
		{`dpakit x --notice-method "by e-mail" 'it''s'`, `dpakit|x|--notice-method|by e-mail|its`, ""},
		{`# only a comment`, ``, "# only a comment"},
		{`dpakit a#b`, `dpakit|a#b`, ""},
	}
	for _, tt := range tests {
		words, comment, err := shellWords(tt.line)
		if err != nil || strings.Join(words, "|") != tt.words || comment != tt.comment {
			t.Errorf("shellWords(%q) = %q, %q, %v", tt.line, words, comment, err)
		}
	}
	for _, bad := range []string{`dpakit x > out`, `dpakit x | less`, `dpakit $DEAL`, `dpakit "open`} {
		if _, _, err := shellWords(bad); err == nil {
			t.Errorf("shellWords(%q) accepted it", bad)
		}
	}
}

// TestREADMEStandsAlone: the README and docs/ link only to files in the
// repository, and every such link resolves, so a fresh clone is enough.
func TestREADMEStandsAlone(t *testing.T) {
	link := regexp.MustCompile(`\]\(([^)\s]+)\)`)
	files := []string{"README.md"}
	docs, err := filepath.Glob(filepath.Join(repoRoot, "docs", "*.md"))
	if err != nil || len(docs) == 0 {
		t.Fatalf("no docs/*.md: %v", err)
	}
	for _, d := range docs {
		rel, _ := filepath.Rel(repoRoot, d)
		files = append(files, rel)
	}
	for _, name := range files {
		data, err := os.ReadFile(filepath.Join(repoRoot, name))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(data), "shared/") {
			t.Errorf("%s mentions a shared/ folder, which a clone does not have", name)
		}
		for _, m := range link.FindAllStringSubmatch(string(data), -1) {
			target, _, _ := strings.Cut(m[1], "#")
			if target == "" || strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			p := filepath.Join(repoRoot, filepath.Dir(name), target)
			if rel, err := filepath.Rel(repoRoot, p); err != nil || strings.HasPrefix(rel, "..") {
				t.Errorf("%s links to %s, outside the repository", name, m[1])
				continue
			}
			if _, err := os.Stat(p); err != nil {
				t.Errorf("%s links to %s, which does not exist", name, m[1])
			}
		}
	}
}

// copyTree copies the directory src to dst.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		return copyPlainFile(p, filepath.Join(dst, rel))
	})
}

func copyPlainFile(src, dst string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, b, 0o644)
}
