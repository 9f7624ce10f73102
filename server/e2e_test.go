package server

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// headlessShell is the name of Chromium's headless shell (Debian's
// chromium-headless-shell): the same Blink and V8 as the browser without
// its user interface, which drives the form with about half the CPU.
const headlessShell = "chromium-headless-shell"

// chromium returns the path of Chromium's headless shell or, failing that,
// of Debian's chromium, skipping the test when neither is installed
// (failing instead when DPAKIT_REQUIRE_TOOLS is set, as in CI).
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{headlessShell, "chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("DPAKIT_REQUIRE_TOOLS") != "" {
		t.Fatal("chromium is required (DPAKIT_REQUIRE_TOOLS is set) but not installed: apt-get install chromium-headless-shell")
	}
	t.Skip("chromium not installed (apt-get install chromium-headless-shell); skipping the browser test")
	return ""
}

// screenshotDir is where the browser test saves its screenshots:
// $DPAKIT_SCREENSHOTS, or "" (no screenshots) when it is unset. Nothing
// the test asserts reads them, and capturing them is a third of the
// test's time, so they are taken only when someone will look at them.
func screenshotDir(t *testing.T) string {
	dir := os.Getenv("DPAKIT_SCREENSHOTS")
	if dir == "" {
		return ""
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// browserEndToEnd (TestBrowser) drives the real server in headless Chromium: open
// the form, add a sub-processor (its transfer mechanisms named for the
// deal's transfers), make the deal US-only and see no transfer mechanism
// to choose and its SCC choices collapsed (open at a problem), submit a wrong governing law, see the message at the field,
// fix it, see the preview with its deviations, download the PDF and check
// it is that deal's PDF; then the preview and the form's message at phone
// width. With $DPAKIT_SCREENSHOTS set, screenshots at desktop and phone
// width are saved there.
func browserEndToEnd(t *testing.T, chrome context.Context) {
	ctx, base := browserOnServer(t, chrome, 3*time.Minute)
	shots := screenshotDir(t)
	// shoot saves the whole page, or with view only what the window shows,
	// when screenshots are asked for.
	shoot := func(name string, view ...bool) {
		t.Helper()
		if shots == "" {
			return
		}
		capture := chromedp.FullScreenshot(100)
		if len(view) > 0 && view[0] {
			capture = chromedp.CaptureScreenshot()
		}
		png, err := chromedp.Run(ctx, capture)
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(shots, name), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// The script improves the form: a row is added without a round trip,
	// and a changed field is checked through the API.
	if err := fromPage(t, ctx, base+"/?example=1",
		chromedp.WaitVisible(chromedp.ID("f-breach-notice-hours")),
		chromedp.Click(chromedp.CSS(`button[value="add:subprocessors.list"]`)),
		chromedp.WaitVisible(chromedp.ID("f-subprocessors-list-2-name")),
		chromedp.Clear(chromedp.ID("f-breach-notice-hours")),
		chromedp.SendKeys(chromedp.ID("f-breach-notice-hours"), "96\t"),
		chromedp.WaitVisible(chromedp.ID("f-breach-notice-hours-error")),
	); err != nil {
		t.Fatalf("the form's script: %v", err)
	}
	live, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("f-breach-notice-hours-error")))
	if err != nil || !strings.Contains(live, "at most 72") {
		t.Errorf("live message %q (%v), want the breach rule", live, err)
	}
	rows, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSSAll(`#rows-subprocessors-list [data-row]`)))
	if err != nil || len(rows) != 3 {
		t.Errorf("%d sub-processor rows after adding one (%v), want 3", len(rows), err)
	}
	mechs, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("f-subprocessors-list-2-transfer-mechanism")))
	if err != nil || !strings.Contains(mechs, "Binding Corporate Rules") || !strings.Contains(mechs, "EU-US Data Privacy Framework and its UK Extension; Swiss-US Data Privacy Framework") {
		t.Errorf("the added row's transfer mechanisms %q (%v) lack Binding Corporate Rules or the frameworks of the example's transfers", mechs, err)
	}

	// Made US-only, the form lays itself out again at once, unchecked:
	// its SCC, UK and Swiss choices collapse under a line saying why, the
	// focus stays on the answer, what was typed stays, and neither the rows
	// it has nor a row the script adds offer a transfer mechanism.
	if err := chromedp.Do(ctx,
		// As a person choosing "No" in the select: the value, then the
		// change event the script listens to.
		chromedp.Evaluate[chromedp.Void](`(function () {
			var s = document.getElementById("f-gdpr-applies");
			s.value = "false";
			s.dispatchEvent(new Event("change", { bubbles: true }));
			return {};
		})()`),
		chromedp.WaitVisible(chromedp.CSS("#scc-not-applicable > summary")),
	); err != nil {
		t.Fatalf("the form made US-only: %v", err)
	}
	collapsed, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#scc-not-applicable > summary")))
	if err != nil || !strings.Contains(collapsed, "not part of a US-only deal") {
		t.Errorf("the US-only form's SCC section says %q (%v), want that it is not part of a US-only deal", collapsed, err)
	}
	type laidOut struct {
		Focus         string `json:"focus"`
		ButtonHidden  bool   `json:"buttonHidden"`
		Problems      bool   `json:"problems"`
		BreachHours   string `json:"breachHours"`
		RowsWithRadio int    `json:"rowsWithRadio"`
	}
	layout, err := chromedp.Run(ctx, chromedp.Evaluate[laidOut](`({
		focus: document.activeElement ? document.activeElement.id : "",
		buttonHidden: document.getElementById("laws-refresh").hidden,
		problems: document.getElementById("problems") !== null,
		breachHours: document.getElementById("f-breach-notice-hours").value,
		rowsWithRadio: document.querySelectorAll('#rows-subprocessors-list input[type=radio][name$="transfer_mechanism"]').length
	})`))
	if err != nil {
		t.Fatal(err)
	}
	if layout.Focus != "f-gdpr-applies" || !layout.ButtonHidden || layout.Problems || layout.BreachHours != "96" {
		t.Errorf("after laying itself out the form has focus on %q, its button hidden %v, a problem summary %v, breach hours %q; want the answer focused, the button hidden, no summary, the 96 typed kept", layout.Focus, layout.ButtonHidden, layout.Problems, layout.BreachHours)
	}
	if layout.RowsWithRadio != 0 {
		t.Errorf("the US-only form offers %d transfer-mechanism radios, want none", layout.RowsWithRadio)
	}
	lastMech := `#rows-subprocessors-list [data-row]:last-child [id$="-transfer-mechanism"]`
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`button[value="add:subprocessors.list"]`)),
		chromedp.WaitReady(chromedp.CSS(lastMech)),
	); err != nil {
		t.Fatalf("add a row to the US-only form: %v", err)
	}
	usMech, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(lastMech)))
	if err != nil || !strings.Contains(usMech, "None to choose") {
		t.Errorf("the US-only form's added row says %q (%v) of its transfer mechanism, want none to choose", usMech, err)
	}
	// Checked, it shows its problems (the 96 hours typed, a German customer
	// in a US-only deal), but none among the collapsed choices: the
	// example's modules, UK Addendum and Swiss terms are left out of a
	// US-only deal, not held against it.
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`button.primary[value="preview"]`)),
		chromedp.WaitVisible(chromedp.ID("problems")),
		chromedp.WaitVisible(chromedp.ID("f-breach-notice-hours-error")),
	); err != nil {
		t.Errorf("the US-only form does not show its problems: %v", err)
	}
	nCollapsed, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#scc-not-applicable .error').length`))
	if err != nil || nCollapsed != 0 {
		t.Errorf("the US-only form shows %d problems among its collapsed choices (%v), want none", nCollapsed, err)
	}
	shoot("form-us-only-desktop.png")

	// Annex II: unticking a measure under "All measures" chooses "Only the
	// selected measures"; choosing "All measures" again ticks every box.
	type measures struct {
		Mode      string `json:"mode"`
		Unticked  int    `json:"unticked"`
		ModeAgain string `json:"modeAgain"`
		Again     int    `json:"uncheckedAgain"`
	}
	if err := fromPage(t, ctx, base+"/?example=1", chromedp.WaitReady(chromedp.CSS(`input[name="security.measures.ids"][value="enc-endpoints"]`))); err != nil {
		t.Fatal(err)
	}
	ms, err := chromedp.Run(ctx, chromedp.Evaluate[measures](`(function () {
		var mode = function () { return document.querySelector('input[name="security.measures"]:checked').value; };
		var unticked = function () { return document.querySelectorAll('input[name="security.measures.ids"]:not(:checked)').length; };
		document.querySelector('input[name="security.measures.ids"][value="enc-endpoints"]').click();
		var r = { mode: mode(), unticked: unticked() };
		document.querySelector('input[name="security.measures"][value="all"]').click();
		r.modeAgain = mode();
		r.uncheckedAgain = unticked();
		return r;
	})()`))
	if err != nil || ms.Mode != "selected" || ms.Unticked != 1 || ms.ModeAgain != "all" || ms.Again != 0 {
		t.Errorf("unticking a measure under All gives %q with %d unticked, All again %q with %d unticked (%v); want selected with 1, then all with none", ms.Mode, ms.Unticked, ms.ModeAgain, ms.Again, err)
	}

	// The form with the example deal; a governing law outside the EU.
	if err := fromPage(t, ctx, base+"/?example=1",
		chromedp.WaitVisible(chromedp.ID("f-scc-governing-law")),
		chromedp.SetValue(chromedp.ID("f-scc-governing-law"), "US"),
		chromedp.SetValue(chromedp.ID("f-breach-notice-hours"), "96"),
		chromedp.Click(chromedp.CSS(`button.primary[value="preview"]`)),
		chromedp.WaitVisible(chromedp.ID("f-scc-governing-law-error")),
	); err != nil {
		t.Fatalf("submit with a wrong governing law: %v", err)
	}
	msg, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("f-scc-governing-law-error")))
	if err != nil || !strings.Contains(msg, "EU Member State") {
		t.Fatalf("inline message %q (%v), want one about an EU Member State", msg, err)
	}
	summary, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("problems")))
	if err != nil || !strings.Contains(summary, "scc.governing_law") {
		t.Errorf("summary %q (%v) does not name the field", summary, err)
	}
	// The summary has the focus, and the title counts the problems.
	type announced struct {
		Focus string `json:"focus"`
		Title string `json:"title"`
	}
	ann, err := chromedp.Run(ctx, chromedp.Evaluate[announced](`({
		focus: document.activeElement ? document.activeElement.id : "",
		title: document.title
	})`))
	if err != nil || ann.Focus != "problems" || !regexp.MustCompile(`^\d+ problems? to fix – New DPA · dpakit$`).MatchString(ann.Title) {
		t.Errorf("after a check with problems the focus is on %q and the title is %q (%v); want the summary (problems) focused and the title to count the problems", ann.Focus, ann.Title, err)
	}
	kept, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("f-breach-notice-hours")))
	if err != nil || kept != "96" {
		t.Errorf("the breach hours typed (96) came back as %q (%v)", kept, err)
	}
	shoot("form-error-desktop.png")

	// Corrected, the field loses the server's message, and its entry in
	// the summary is struck through.
	if err := chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.ID("f-breach-notice-hours-error")),
		chromedp.SetValue(chromedp.ID("f-breach-notice-hours"), "36"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("f-breach-notice-hours").dispatchEvent(new Event("change", {bubbles: true}))`),
		chromedp.WaitNotPresent(chromedp.ID("f-breach-notice-hours-error")),
		chromedp.WaitVisible(chromedp.CSS(`#problems li.fixed`)),
	); err != nil {
		t.Fatalf("correct the breach hours: %v", err)
	}

	// Fixed: the preview lists the deviations first.
	if err := chromedp.Do(ctx,
		chromedp.SetValue(chromedp.ID("f-scc-governing-law"), "DE"),
		chromedp.SetValue(chromedp.ID("f-scc-forum"), "DE"),
		chromedp.Click(chromedp.CSS(`button.primary[value="preview"]`)),
		chromedp.WaitVisible(chromedp.ID("deviations")),
	); err != nil {
		t.Fatalf("submit the fixed deal: %v", err)
	}
	devs, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("deviations")))
	if err != nil {
		t.Fatal(err)
	}
	// The SCCs' law is the DPA's too, in its clause numbered as this DPA
	// numbers it.
	for _, want := range []string{`breach notice 36 hours \(standard 48\)`,
		`governing law of the SCCs \(Clause 17\) and, where the Agreement is not under an EEA State's law, of this DPA \(Clause \d+\) for processing under the GDPR: Germany \(standard the Netherlands\)`} {
		if !regexp.MustCompile(want).MatchString(devs) {
			t.Errorf("the preview's deviations lack /%s/:\n%s", want, devs)
		}
	}
	shoot("preview-desktop.png")

	// Download the PDF and check it is this deal's.
	dir := t.TempDir()
	progress := chromedp.Events(ctx, browser.DownloadProgress)
	if err := chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			on := true
			_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
				Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: &on,
			})
			return err
		}),
		chromedp.Click(chromedp.CSS(`button[data-file="dpa.pdf"]`)),
	); err != nil {
		t.Fatalf("download: %v", err)
	}
	var file string
	for ev, err := range progress {
		if err != nil {
			t.Fatalf("download: %v", err)
		}
		if ev.State == browser.DownloadProgressStateCanceled {
			t.Fatal("the download was cancelled")
		}
		if ev.State == browser.DownloadProgressStateCompleted {
			file = filepath.Join(dir, ev.GUID)
			break
		}
	}
	pdf, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, pdf)
	for _, want := range []string{"Müller Logistik GmbH", "Kestrel Cloud, Inc.", "thirty-six (36) hours", "Germany"} {
		if !strings.Contains(text, want) {
			t.Errorf("the downloaded PDF lacks %q", want)
		}
	}

	// Phone width: the preview and the form with its message.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(2))); err != nil {
		t.Fatal(err)
	}
	shoot("preview-phone.png")
	if err := fromPage(t, ctx, base+"/?example=1",
		chromedp.WaitVisible(chromedp.ID("f-scc-governing-law")),
		chromedp.SetValue(chromedp.ID("f-scc-governing-law"), "US"),
		chromedp.Click(chromedp.CSS(`button.primary[value="preview"]`)),
		chromedp.WaitVisible(chromedp.ID("f-scc-governing-law-error")),
	); err != nil {
		t.Fatal(err)
	}
	// The form is long on a phone: the top (the summary) and the field.
	shoot("form-error-phone-top.png", true)
	if err := chromedp.Do(ctx, chromedp.ScrollIntoView(chromedp.ID("f-scc-governing-law"))); err != nil {
		t.Fatal(err)
	}
	shoot("form-error-phone-field.png", true)
	if shots != "" {
		t.Logf("screenshots in %s", shots)
	}
}

// fromPage opens url and runs steps on it, as chromedp.Do does. When
// Chromium answers a step with "Could not find node with given id" (the
// node a selector found was replaced before the step could use it: a race
// between chromedp's DOM mirror and the page, chromedp/chromedp#1001; seen
// once in a dozen runs of the suite on a loaded machine, at the phone-width
// step), it opens url afresh and runs the steps once more. Every other
// error is returned as it is.
func fromPage(t *testing.T, ctx context.Context, url string, steps ...chromedp.Action[chromedp.Void]) error {
	t.Helper()
	run := func() error {
		return chromedp.Do(ctx, append([]chromedp.Action[chromedp.Void]{chromedp.Navigate(url)}, steps...)...)
	}
	err := run()
	if err != nil && strings.Contains(err.Error(), "Could not find node with given id") {
		t.Logf("%v: a node was replaced before chromedp could use it; opening %s again", err, url)
		err = run()
	}
	return err
}

// TestBrowser drives the form app in one headless Chromium, each flow in
// a tab of its own, side by side: the end-to-end flow (browserEndToEnd),
// the live check (browserLiveCheck) and the browser's history
// (browserHistory). One browser serves them all: starting the full
// Chromium is the dearest step of each (about 1.4 s of CPU).
func TestBrowser(t *testing.T) {
	exe := chromium(t)
	if testing.Short() {
		t.Skip("the browser tests are not short")
	}
	t.Parallel() // its flows mostly wait for the browser: the other tests run meanwhile
	chrome, cancel := startBrowser(t, exe)
	t.Cleanup(cancel) // after the parallel flows, which run once this returns
	for _, flow := range []struct {
		name string
		run  func(*testing.T, context.Context)
	}{
		{"EndToEnd", browserEndToEnd},
		{"LiveCheckFollowsTheForm", browserLiveCheck},
		{"HistoryKeepsTheForm", browserHistory},
	} {
		t.Run(flow.name, func(t *testing.T) {
			t.Parallel()
			flow.run(t, chrome)
		})
	}
}

// startBrowser starts headless Chromium at exe and returns a chromedp
// context on it. Chromium starting on a loaded machine has been seen to
// fail once ("Zygote could not fork"): the zygote is off (it needs the
// sandbox, which is off too), and a start that fails is tried once more
// before the test fails.
func startBrowser(t *testing.T, exe string) (context.Context, context.CancelFunc) {
	t.Helper()
	var err error
	for range 2 {
		actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
			chromedp.ExecPath(exe),
			chromedp.Headless,
			chromedp.NoSandbox,
			chromedp.DisableGPU,
			chromedp.NoFirstRun,
			chromedp.Flag("no-zygote", true),
			// The headless shell runs its renderers in its own process:
			// no process per tab to start and talk to (a fifth of its CPU).
			chromedp.Flag("single-process", filepath.Base(exe) == headlessShell),
			chromedp.Flag("disable-quic", true),
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.Flag("disable-dev-shm-usage", true),
			// Each flow has a tab of its own in one browser: no tab's
			// timers or rendering may be slowed as a background tab's.
			chromedp.Flag("disable-background-timer-throttling", true),
			chromedp.Flag("disable-backgrounding-occluded-windows", true),
			chromedp.Flag("disable-renderer-backgrounding", true),
			chromedp.UserDataDir(t.TempDir()),
			chromedp.WindowSize(1280, 900),
		)
		ctx, cancelCtx := chromedp.NewContext(actx)
		if err = chromedp.Do(ctx); err == nil { // starts the browser
			return ctx, func() { cancelCtx(); cancelAlloc() }
		}
		cancelCtx()
		cancelAlloc()
		t.Logf("Chromium did not start, trying once more: %v", err)
	}
	t.Fatalf("Chromium did not start: %v", err)
	return nil, nil
}
