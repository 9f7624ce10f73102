package server

import (
	"context"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// browserOnServer starts the real server and opens a tab of the browser
// chrome, both closed when the test ends, and returns the tab's chromedp
// context, which ends after limit, and the server's address.
func browserOnServer(t *testing.T, chrome context.Context, limit time.Duration) (context.Context, string) {
	t.Helper()
	s := newTestServer(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(sctx, ln) }()
	ctx, cancelTab := chromedp.NewContext(chrome)
	ctx, cancelTime := context.WithTimeout(ctx, limit)
	t.Cleanup(func() {
		cancelTime()
		cancelTab()
		stop()
		if err := <-served; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return ctx, "http://" + ln.Addr().String()
}

// press clicks the button the CSS selector finds, as its own click()
// does: on the button whatever the layout. A mouse click at the button's
// place, taken a moment before, can land beside it when the live check's
// answer to the value just typed moves the page in between, and the form
// is then never sent (seen on a loaded machine).
func press(css string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](`(function () {
		document.querySelector(` + jsString(css) + `).click();
		return {};
	})()`)
}

// change sets the value of the input or select with the id, as a person
// choosing it does: the value, then the events the script listens to.
func change(id, value string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](`(function () {
		var e = document.getElementById(` + jsString(id) + `);
		e.value = ` + jsString(value) + `;
		e.dispatchEvent(new Event("input", { bubbles: true }));
		e.dispatchEvent(new Event("change", { bubbles: true }));
		return {};
	})()`)
}

// jsString quotes s for a script.
func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}

// waitThrough waits until the script expression is true of a page that
// has loaded, and stays true for half a second, through the navigations
// the page makes meanwhile (where chromedp.Poll fails with "Inspected
// target navigated or closed").
func waitThrough(expr string, limit time.Duration) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		end := time.Now().Add(limit)
		var since time.Time
		for {
			ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.readyState === "complete" && !!(`+expr+`)`))
			switch {
			case err != nil || !ok:
				since = time.Time{}
			case since.IsZero():
				since = time.Now()
			case time.Since(since) > 500*time.Millisecond:
				return nil
			}
			if time.Now().After(end) {
				return fmt.Errorf("waiting for %s: %v (last error %v)", expr, ok, err)
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
}

// fieldState is what a user (seeing or with a screen reader) gets of one
// field: its message, whether it is marked invalid, whether its
// description names the message.
type fieldState struct {
	Message   string `json:"message"`
	Invalid   bool   `json:"invalid"`
	Described bool   `json:"described"`
}

// stateOf reads the fieldState of the input with the id.
func stateOf(ctx context.Context, id string) (fieldState, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[fieldState](`(function () {
		var el = document.getElementById(`+jsString(id)+`);
		var msg = document.getElementById(`+jsString(id+"-error")+`);
		return {
			message: msg ? msg.textContent : "",
			invalid: !!el && el.getAttribute("aria-invalid") === "true",
			described: !!el && (el.getAttribute("aria-describedby") || "").split(" ").indexOf(`+jsString(id+"-error")+`) >= 0
		};
	})()`))
}

// browserLiveCheck (TestBrowser) drives the form's live check in
// Chromium as a user meets it: each message lands on its own row after a
// row was removed; a message the check gives is built as the server's
// (an id the input's aria-describedby names, aria-invalid) and said in the
// status region; a changed value that is wrong another way replaces the
// server's message, and the summary and the title follow; laying the form
// out again for a new country keeps every message of a field still wrong;
// a summary link focuses its field, a radio group's checked button.
func browserLiveCheck(t *testing.T, chrome context.Context) {
	ctx, base := browserOnServer(t, chrome, 40*time.Second)

	// A row removed, another added with the name of a row kept: the
	// duplicate is reported at the added row, not at the one before it.
	if err := fromPage(t, ctx, base+"/?example=1",
		chromedp.WaitReady(chromedp.ID("f-subprocessors-list-1-name")),
		// The row is collapsed under its name: opened, then removed.
		chromedp.Click(chromedp.CSS(`[data-row="subprocessors.list[0]"] > summary`)),
		chromedp.Click(chromedp.CSS(`button[value="remove:subprocessors.list[0]"]`)),
		chromedp.WaitNotPresent(chromedp.ID("f-subprocessors-list-0-name")),
		change("f-subprocessors-list-1-name", "Papertrail (SolarWinds Worldwide, LLC)"),
		chromedp.Click(chromedp.CSS(`button[value="add:subprocessors.list"]`)),
		chromedp.WaitVisible(chromedp.ID("f-subprocessors-list-2-name")),
		chromedp.SendKeys(chromedp.ID("f-subprocessors-list-2-name"), "Papertrail (SolarWinds Worldwide, LLC)\t"),
		// Typed a key at a time, the name may be checked half typed ("ends
		// with white space") on a loaded machine: wait for the check of
		// the whole name.
		chromedp.Poll[chromedp.Void](`(function () { var e = document.getElementById("f-subprocessors-list-2-name-error"); return e && /listed twice/.test(e.textContent); })()`, chromedp.WithPollingTimeout(10*time.Second)),
	); err != nil {
		t.Fatalf("a row removed and one added: %v", err)
	}
	added, err := stateOf(ctx, "f-subprocessors-list-2-name")
	if err != nil {
		t.Fatal(err)
	}
	if added.Message != `"Papertrail (SolarWinds Worldwide, LLC)" is listed twice (also as Sub-processor 1)` || !added.Invalid || !added.Described {
		t.Errorf("the added row's name has %+v, want the duplicate's message, marked invalid and described by it", added)
	}
	for _, id := range []string{"f-subprocessors-list-1-name", "f-subprocessors-list-1-purpose"} {
		if st, err := stateOf(ctx, id); err != nil || st.Message != "" || st.Invalid {
			t.Errorf("the kept row's %s has %+v (%v), want no message", id, st, err)
		}
	}
	said, err := chromedp.Run(ctx, chromedp.Poll[string](`(function () { var t = document.getElementById("live-status").textContent; return /listed twice/.test(t) ? t : ""; })()`, chromedp.WithPollingTimeout(5*time.Second)))
	if err != nil || !strings.Contains(said, "Sub-processor 2 – Legal name: \"Papertrail (SolarWinds Worldwide, LLC)\" is listed twice") {
		t.Errorf("the status region says %q (%v), want the added row's message", said, err)
	}

	// Checked with two problems, then the country changed: the form is
	// laid out again, and both fields keep their messages.
	if err := fromPage(t, ctx, base+"/?example=1",
		chromedp.WaitVisible(chromedp.ID("f-breach-notice-hours")),
		chromedp.SetValue(chromedp.ID("f-breach-notice-hours"), "96"),
		chromedp.SetValue(chromedp.ID("f-subprocessors-objection-days"), "45"),
		press(`button.primary[value="preview"]`),
		chromedp.WaitVisible(chromedp.ID("f-breach-notice-hours-error")),
	); err != nil {
		t.Fatalf("check with two problems: %v", err)
	}
	type page struct {
		Messages int    `json:"messages"`
		Title    string `json:"title"`
		Heading  string `json:"heading"`
		Summary  string `json:"summary"`
	}
	read := func() page {
		t.Helper()
		p, err := chromedp.Run(ctx, chromedp.Evaluate[page](`({
			messages: document.querySelectorAll("#deal-form .field > .error, #deal-form .field .error[id$='-error']").length,
			title: document.title,
			heading: document.querySelector("#problems h2").textContent,
			summary: document.getElementById("problems").textContent
		})`))
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	checked := read()
	if checked.Messages < 2 {
		t.Fatalf("the checked form shows %d messages, want the breach's and the objection's at least", checked.Messages)
	}
	if err := chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](`document.getElementById("f-breach-notice-hours").dataset.before = "1"; ({})`),
		change("f-customer-country", "AT"),
		// Laid out again: the inputs are new ones, and the check has run.
		chromedp.Poll[chromedp.Void](`!document.getElementById("f-breach-notice-hours").dataset.before && document.getElementById("f-breach-notice-hours-error")`, chromedp.WithPollingTimeout(10*time.Second)),
	); err != nil {
		t.Fatalf("the form laid out again for another country loses its messages: %v", err)
	}
	for _, id := range []string{"f-breach-notice-hours", "f-subprocessors-objection-days"} {
		if st, err := stateOf(ctx, id); err != nil || st.Message == "" || !st.Invalid || !st.Described {
			t.Errorf("after the form was laid out again, %s has %+v (%v), want its message", id, st, err)
		}
	}

	// Changed to another wrong value, the breach hours show the live
	// check's message in place of the server's; the summary says the
	// same, and counts one problem fewer once the objection is fixed.
	if err := chromedp.Do(ctx,
		change("f-breach-notice-hours", "0"),
		chromedp.Poll[chromedp.Void](`(function () { var e = document.getElementById("f-breach-notice-hours-error"); return e && !/at most 72/.test(e.textContent); })()`, chromedp.WithPollingTimeout(10*time.Second)),
	); err != nil {
		t.Fatalf("breach hours changed to 0: %v", err)
	}
	breach, _ := stateOf(ctx, "f-breach-notice-hours")
	if strings.Contains(breach.Message, "at most 72") || breach.Message == "" {
		t.Errorf("the breach hours (now 0) still say %q", breach.Message)
	}
	if p := read(); strings.Contains(p.Summary, "at most 72") || !strings.Contains(p.Summary, breach.Message) {
		t.Errorf("the summary says %q, want the breach hours' new message %q", p.Summary, breach.Message)
	}
	before := read()
	if err := chromedp.Do(ctx,
		change("f-subprocessors-objection-days", "15"),
		chromedp.WaitNotPresent(chromedp.ID("f-subprocessors-objection-days-error")),
		// Struck through, and said to be fixed for a screen reader.
		chromedp.Poll[chromedp.Void](`(function () { var li = document.querySelector('#problems li.fixed[data-field="subprocessors.objection_days"]'); return li && /\(fixed\)$/.test(li.textContent); })()`, chromedp.WithPollingTimeout(10*time.Second)),
	); err != nil {
		t.Fatalf("the objection days fixed: %v", err)
	}
	after := read()
	var n, m int
	if _, err := fmt.Sscan(before.Heading, &n); err != nil {
		t.Fatalf("heading %q: %v", before.Heading, err)
	}
	if _, err := fmt.Sscan(after.Heading, &m); err != nil || m != n-1 || !strings.HasPrefix(after.Title, after.Heading+" – ") {
		t.Errorf("with one problem fixed the heading is %q and the title %q (before: %q), want one problem fewer in both", after.Heading, after.Title, before.Heading)
	}

	// "To consider" follows too: a forum in France under Dutch law adds
	// its warning; Dutch courts again strike it through.
	forumWarning := `(function () { var li = Array.prototype.find.call(document.querySelectorAll("#warnings li"), function (li) { return /France/.test(li.textContent); }); return li ? (li.classList.contains("fixed") ? "fixed" : "shown") : ""; })()`
	for _, step := range []struct{ forum, want string }{{"FR", "shown"}, {"NL", "fixed"}} {
		if err := chromedp.Do(ctx,
			change("f-scc-forum", step.forum),
			chromedp.Poll[chromedp.Void](forumWarning+` === `+jsString(step.want), chromedp.WithPollingTimeout(10*time.Second)),
		); err != nil {
			got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.getElementById("warnings") || {}).textContent || "no warnings"`))
			t.Fatalf("courts of %s: the forum's warning is not %s: %v\n%s", step.forum, step.want, err, got)
		}
	}

	// A summary link to a group of radio buttons focuses the checked one.
	if err := fromPage(t, ctx, base+"/?example=1",
		chromedp.WaitVisible(chromedp.ID("f-customer-role")),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('input[name="customer.role"]:checked').checked = false; ({})`),
		press(`button.primary[value="preview"]`),
		chromedp.WaitVisible(chromedp.CSS(`#problems a[href="#f-customer-role"]`)),
		chromedp.Click(chromedp.CSS(`#problems a[href="#f-customer-role"]`)),
	); err != nil {
		t.Fatalf("the summary link to the role: %v", err)
	}
	focus, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(function () { var a = document.activeElement; return a ? a.tagName + " " + (a.name || a.id) + " " + (a.value || "") : ""; })()`))
	if err != nil || focus != "INPUT customer.role controller" {
		t.Errorf("the summary link to the role leaves the focus on %q (%v), want its first radio button", focus, err)
	}
	// And a text field's link focuses the field.
	if err := chromedp.Do(ctx,
		change("f-breach-notice-hours", "96"),
		press(`button.primary[value="preview"]`),
		chromedp.WaitVisible(chromedp.CSS(`#problems a[href="#f-breach-notice-hours"]`)),
		chromedp.Click(chromedp.CSS(`#problems a[href="#f-breach-notice-hours"]`)),
	); err != nil {
		t.Fatalf("the summary link to the breach hours: %v", err)
	}
	focus, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement ? document.activeElement.id : ""`))
	if err != nil || focus != "f-breach-notice-hours" {
		t.Errorf("the summary link to the breach hours leaves the focus on %q (%v)", focus, err)
	}
}

// browserHistory (TestBrowser): Back, Forward and reload in Chromium
// never ask to send the form again ("Confirm Form Resubmission") and never
// lose what was typed: back from the preview comes the form checked before
// it, with its values and messages; back from that the form as it was
// first typed; forward the checked form and the preview again.
func browserHistory(t *testing.T, chrome context.Context) {
	// recorded: the page is loaded and its script has recorded it in its
	// history entry.
	const recorded = `document.querySelector("main[data-view]") && history.state && history.state.dpakit`
	ctx, base := browserOnServer(t, chrome, 40*time.Second)
	if err := fromPage(t, ctx, base+"/?example=1",
		chromedp.WaitVisible(chromedp.ID("f-breach-notice-hours")),
		change("f-customer-name", "Müller Logistik GmbH Nord"),
		change("f-breach-notice-hours", "96"),
		press(`button.primary[value="preview"]`),
		chromedp.WaitVisible(chromedp.ID("f-breach-notice-hours-error")),
		change("f-breach-notice-hours", "36"),
		chromedp.WaitNotPresent(chromedp.ID("f-breach-notice-hours-error")),
		press(`button.primary[value="preview"]`),
		chromedp.WaitVisible(chromedp.ID("deviations")),
		// The page's script records it in its history entry once it
		// runs; a Back before that (a loaded machine) would leave the
		// entry a POST for the browser to ask about, which is not what
		// this test is about.
		waitThrough(recorded, 15*time.Second),
	); err != nil {
		t.Fatalf("type, check, fix, preview: %v", err)
	}
	type shown struct {
		View    string `json:"view"`
		Name    string `json:"name"`
		Breach  string `json:"breach"`
		Message string `json:"message"`
		Text    string `json:"text"`
	}
	look := func(step string, want shown, nav chromedp.Action[chromedp.Void]) {
		t.Helper()
		wait := recorded + ` && document.querySelector("main[data-view]").getAttribute("data-view") === ` + jsString(want.View)
		if want.View == "form" {
			wait += ` && document.getElementById("f-breach-notice-hours").value === ` + jsString(want.Breach)
			if want.Message != "" {
				wait += ` && document.getElementById("f-breach-notice-hours-error")`
			}
		}
		if err := chromedp.Do(ctx, nav, waitThrough(wait, 15*time.Second)); err != nil {
			text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href + " " + document.title + " " + JSON.stringify(history.state).slice(0, 200) + " " + history.length + " " + document.querySelector("main").outerHTML.slice(0, 100)`))
			t.Fatalf("%s: the page does not show the %s as it was: %v\n%s", step, want.View, err, text)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[shown](`(function () {
			var v = function (id) { var e = document.getElementById(id); return e ? (e.value !== undefined ? e.value : e.textContent) : ""; };
			var m = document.getElementById("f-breach-notice-hours-error");
			return { view: document.querySelector("main[data-view]").getAttribute("data-view"), name: v("f-customer-name"), breach: v("f-breach-notice-hours"),
				message: m ? m.textContent : "", text: document.body.innerText };
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(got.Text, "Confirm Form Resubmission") || strings.Contains(got.Text, "ERR_CACHE_MISS") {
			t.Fatalf("%s: the browser asks to send the form again", step)
		}
		if want.View == "preview" {
			if !strings.Contains(got.Text, "DPA for Müller Logistik GmbH Nord") {
				t.Errorf("%s: the preview is not the deal typed: %.200s", step, got.Text)
			}
			return
		}
		if got.Name != want.Name || got.Breach != want.Breach || !strings.Contains(got.Message, want.Message) || (want.Message == "") != (got.Message == "") {
			t.Errorf("%s: the form holds name %q, breach hours %q, message %q; want %q, %q, %q", step, got.Name, got.Breach, got.Message, want.Name, want.Breach, want.Message)
		}
	}
	checked := shown{View: "form", Name: "Müller Logistik GmbH Nord", Breach: "36"}
	// The breach hours were checked as they were typed: their message too.
	typed := shown{View: "form", Name: "Müller Logistik GmbH Nord", Breach: "96", Message: "at most 72"}
	preview := shown{View: "preview"}
	look("back from the preview", checked, chromedp.NavigateBack())
	look("back again", typed, chromedp.NavigateBack())
	look("forward", checked, chromedp.NavigateForward())
	look("forward again", preview, chromedp.NavigateForward())
	look("reload", preview, chromedp.Reload())
}
