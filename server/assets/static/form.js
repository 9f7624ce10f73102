// dpakit form app: optional improvements. The form works without this
// script; with it, list rows are added and removed without a round trip,
// fields are checked through the API as they change, and the form is laid
// out again for its laws as soon as a value that decides them changes.
(function () {
  "use strict";
  // After a check that found problems, the summary takes the focus, so a
  // screen reader reads it and Tab goes on to its links; the autofocus
  // attribute asks for this too, where the browser honours it.
  var problems = document.getElementById("problems");
  if (problems && (!document.activeElement || document.activeElement === document.body)) { problems.focus(); }
  var form = document.getElementById("deal-form");
  if (!form || !window.fetch || !window.URLSearchParams) { return; }

  function idOf(path) {
    return "f-" + path.replace(/\[/g, "-").replace(/\]/g, "").replace(/[._]/g, "-");
  }

  // Rows: "add:LIST" copies the list's <template>, numbering the new row
  // after the highest one present; "remove:ROW" drops the row. The server
  // renumbers rows when the form is submitted.
  form.addEventListener("click", function (ev) {
    var b = ev.target.closest("button[name=action]");
    if (!b) { return; }
    var v = b.value;
    if (v.indexOf("add:") === 0) {
      var list = v.slice(4);
      var box = form.querySelector('[data-list="' + list + '"]');
      var tpl = document.getElementById("tpl-" + list.replace(/[._]/g, "-"));
      if (!box || !tpl) { return; }
      ev.preventDefault();
      var next = 0;
      box.querySelectorAll("[data-row]").forEach(function (r) {
        var m = /\[(\d+)\]$/.exec(r.getAttribute("data-row"));
        if (m) { next = Math.max(next, Number(m[1]) + 1); }
      });
      var html = tpl.innerHTML.split("[__i__]").join("[" + next + "]").split("---i---").join("-" + next + "-");
      box.insertAdjacentHTML("beforeend", html);
      var row = box.lastElementChild;
      var first = row && row.querySelector("input,select,textarea");
      if (first) { first.focus(); }
    } else if (v.indexOf("remove:") === 0) {
      var r = b.closest("[data-row]");
      if (r) { ev.preventDefault(); r.remove(); }
    }
  });

  // Annex II: "All measures" shows every box ticked, so unticking one
  // means "Only the selected measures" (the server reads the form so too),
  // and choosing "All measures" ticks every box again.
  form.addEventListener("change", function (ev) {
    var t = ev.target;
    if (t.name === "security.measures.ids" && !t.checked) {
      var all = form.querySelector('input[name="security.measures"][value="all"]');
      var selected = form.querySelector('input[name="security.measures"][value="selected"]');
      if (all && all.checked && selected) { selected.checked = true; }
    } else if (t.name === "security.measures" && t.value === "all" && t.checked) {
      form.querySelectorAll('input[name="security.measures.ids"]').forEach(function (b) { b.checked = true; });
    }
  });

  // Live checks: after a change, send the form to the validate API and show
  // the messages of the fields the user has touched.
  var touched = {};
  var timer = null;
  var laws = (form.getAttribute("data-laws") || "").split(" ");
  var refreshButton = document.getElementById("laws-refresh");
  if (refreshButton) { refreshButton.hidden = true; }
  form.addEventListener("change", function (ev) {
    var name = ev.target && ev.target.name;
    if (name) { touched[name] = true; }
    clearTimeout(timer);
    if (name && laws.indexOf(name) >= 0) {
      relayout(ev.target.id);
      return;
    }
    timer = setTimeout(check, 400);
  });

  // relayout asks the server for the form laid out for the laws its values
  // now name (the "refresh" action: nothing is checked) and puts it in
  // place, values as they are, the focus back where it was; then checks.
  // If anything was typed meanwhile, it asks again with that instead.
  function relayout(focusID) {
    var sent = new URLSearchParams(new FormData(form)).toString();
    var body = new URLSearchParams(sent);
    body.set("action", "refresh");
    fetch(form.getAttribute("action") || "/", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept": "text/html" },
      body: body.toString(),
      credentials: "same-origin"
    }).then(function (r) {
      return r.ok ? r.text() : null;
    }).then(function (page) {
      var fresh = page && new DOMParser().parseFromString(page, "text/html").getElementById("deal-form");
      if (!fresh) { return; }
      if (new URLSearchParams(new FormData(form)).toString() !== sent) {
        relayout(document.activeElement && document.activeElement.id);
        return;
      }
      form.innerHTML = fresh.innerHTML;
      var button = document.getElementById("laws-refresh");
      if (button) { button.hidden = true; }
      var el = focusID && document.getElementById(focusID);
      if (el) { el.focus(); }
      check();
    }).catch(function () { /* the button and the server check still apply */ });
  }

  // clearFixed takes the server's message off each touched field the API
  // no longer finds a problem at, and strikes its entry in the summary, so
  // a corrected value does not sit under the message it answered.
  function clearFixed(problems) {
    var still = {};
    problems.forEach(function (p) { if (p.path) { still[p.path] = true; } });
    Object.keys(touched).forEach(function (path) {
      if (still[path]) { return; }
      var id = idOf(path);
      var el = document.getElementById(id);
      var box = el && el.closest(".field");
      if (!box) { return; }
      box.querySelectorAll(".error:not(.live)").forEach(function (e) { e.remove(); });
      box.classList.remove("invalid");
      el.removeAttribute("aria-invalid");
      var link = document.querySelector('#problems a[href="#' + id + '"]');
      if (link) { link.closest("li").classList.add("fixed"); }
    });
  }

  function clearLive() {
    form.querySelectorAll(".error.live").forEach(function (e) { e.remove(); });
  }

  function check() {
    var body = new URLSearchParams(new FormData(form));
    fetch("/api/v1/validate", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json" },
      body: body.toString(),
      credentials: "same-origin"
    }).then(function (r) {
      return r.status === 200 || r.status === 422 ? r.json() : null;
    }).then(function (res) {
      if (!res) { return; }
      clearLive();
      clearFixed(res.problems || []);
      (res.problems || []).forEach(function (p) {
        if (!p.path || !touched[p.path]) { return; }
        var el = document.getElementById(idOf(p.path));
        var box = el && el.closest(".field");
        if (!box || box.querySelector(".error:not(.live)")) { return; }
        var msg = document.createElement("p");
        msg.className = "error live";
        msg.textContent = p.message;
        box.appendChild(msg);
      });
    }).catch(function () { /* the server check on submit still applies */ });
  }
})();
