// dpakit form app: optional improvements. The form works without this
// script; with it, list rows are added and removed without a round trip,
// fields are checked as they change, the form is laid out again for its
// laws as soon as a value that decides them changes, a summary link puts
// the focus on its field, and the browser's Back, Forward and reload bring
// back the form or preview as it was.
(function () {
  "use strict";
  var main = document.querySelector("main[data-view]");
  var form = document.getElementById("deal-form");
  var canFetch = !!(window.fetch && window.URLSearchParams && window.FormData);
  var HANDOFF = "dpakit-shown";

  // History. The form and the preview are answers to POSTs, which the
  // browser would post again (asking first) on Back, Forward or reload:
  // each page records what it shows in its history entry instead and
  // turns the entry into a plain GET of the form. Come back to such an
  // entry, the form's page finds the record and posts it once more itself,
  // in place of the entry, to show the form (values and messages) or the
  // preview as they were.
  var saved = window.history && history.state && history.state.dpakit;
  if (main && main.getAttribute("data-state") === "fresh" && saved && restore(saved)) {
    return;
  }

  function restore(st) {
    var f = document.createElement("form");
    f.method = "post";
    f.hidden = true;
    var add = function (name, value) {
      var i = document.createElement("input");
      i.type = "hidden";
      i.name = name;
      i.value = value;
      f.appendChild(i);
    };
    if (st.view === "preview" && st.deal) {
      f.action = "/preview";
      add("deal", st.deal);
    } else if (st.view === "form" && st.values) {
      f.action = "/";
      st.values.forEach(function (kv) { add(kv[0], kv[1]); });
      add("action", st.checked ? "recheck" : "refresh");
      try { sessionStorage.setItem(HANDOFF, JSON.stringify(st.shown || [])); } catch (e) { /* messages then wait for a change */ }
    } else {
      return false;
    }
    document.body.appendChild(f);
    // The form a GET shows (the profile's) is not what the user left: it
    // stays hidden until the page it was is back.
    if (main) { main.hidden = true; }
    // Posted before the page has loaded, the form's answer takes the place
    // of this history entry rather than adding one.
    f.submit();
    return true;
  }

  var preview = document.getElementById("downloads");
  if (main && main.getAttribute("data-view") === "preview" && preview && window.history && history.replaceState) {
    var dealInput = preview.querySelector('input[name="deal"]');
    if (dealInput) { history.replaceState({ dpakit: { view: "preview", deal: dealInput.value } }, "", "/"); }
  }

  // After a check that found problems, the summary takes the focus, so a
  // screen reader reads it and Tab goes on to its links; the autofocus
  // attribute asks for this too, where the browser honours it.
  var problems = document.getElementById("problems");
  if (problems && (!document.activeElement || document.activeElement === document.body)) { problems.focus(); }
  // Read once, the summary is a region: as fields are corrected it changes,
  // and the status region says what changed rather than the whole summary
  // being read again as an alert.
  if (problems) { problems.setAttribute("role", "region"); }

  // A link to a field (the summary's, a warning's) puts the focus in the
  // field: on its input, the checked radio button (or the first) of a
  // group, opening a collapsed section around it.
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest && ev.target.closest('a[href^="#f-"]');
    if (!a) { return; }
    var el = document.getElementById(a.getAttribute("href").slice(1));
    if (!el) { return; }
    var target = /^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName) ? el
      : el.querySelector("input:checked:not([type=hidden])") || el.querySelector("input:not([type=hidden]),select,textarea");
    if (!target) { return; }
    ev.preventDefault();
    for (var d = el.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) { d.open = true; }
    (el.closest(".field") || el).scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
  });

  if (!form || !canFetch) { return; }

  function idOf(path) {
    return "f-" + path.replace(/\[/g, "-").replace(/\]/g, "").replace(/[._]/g, "-");
  }

  // Rows: "add:LIST" copies the list's <template>, numbering the new row
  // after the highest one present; "remove:ROW" drops the row. The server
  // renumbers rows when the form is submitted; the live check places each
  // problem at the row it came from.
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
      save();
    } else if (v.indexOf("remove:") === 0) {
      var r = b.closest("[data-row]");
      if (!r) { return; }
      ev.preventDefault();
      var prefix = r.getAttribute("data-row") + ".";
      Object.keys(shown).forEach(function (name) {
        if (name.indexOf(prefix) === 0) { delete shown[name]; }
      });
      r.remove();
      save();
      schedule();
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

  // shown holds the names of the fields whose messages the form shows and
  // keeps current: those the server's check found a problem at, and those
  // the user has changed since. Their messages follow each live check.
  var shown = {};
  form.querySelectorAll(".field.invalid[data-field]").forEach(function (f) { shown[f.getAttribute("data-field")] = true; });
  try {
    var handed = JSON.parse(sessionStorage.getItem(HANDOFF) || "null");
    sessionStorage.removeItem(HANDOFF);
    if (handed && main.getAttribute("data-state") === "posted") {
      handed.forEach(function (name) { shown[name] = true; });
    }
  } catch (e) { handed = null; }

  // The history record of the form: its values, whether it shows a check's
  // problems, the fields whose messages it shows.
  function save() {
    if (!window.history || !history.replaceState) { return; }
    var values = [];
    new FormData(form).forEach(function (v, k) { if (typeof v === "string") { values.push([k, v]); } });
    var url = main.getAttribute("data-state") === "fresh" ? location.pathname + location.search : "/";
    try {
      history.replaceState({ dpakit: { view: "form", values: values, checked: !!document.getElementById("problems"), shown: Object.keys(shown) } }, "", url);
    } catch (e) { /* a page being left, or a browser that refuses: Back then asks as usual */ }
  }
  var saveTimer = null;
  form.addEventListener("input", function () { clearTimeout(saveTimer); saveTimer = setTimeout(save, 300); });
  form.addEventListener("submit", save);
  window.addEventListener("pagehide", save);
  save();

  var timer = null;
  var laws = (form.getAttribute("data-laws") || "").split(" ");
  var refreshButton = document.getElementById("laws-refresh");
  if (refreshButton) { refreshButton.hidden = true; }
  var lastChanged = "";
  form.addEventListener("change", function (ev) {
    var name = ev.target && ev.target.name;
    if (name) {
      shown[name] = true;
      lastChanged = name;
    }
    save();
    clearTimeout(timer);
    if (name && laws.indexOf(name) >= 0) {
      relayout(ev.target.id);
      return;
    }
    schedule();
  });
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(check, 400);
  }
  if (handed && handed.length) { schedule(); }

  // relayout asks the server for the form laid out for the laws its values
  // now name (the "refresh" action: nothing is checked) and puts it in
  // place, values as they are, the focus back where it was; then checks,
  // which shows the messages of the fields it showed before.
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

  // showMessages puts the messages msgs at the field named name (none:
  // takes them off), as the server's page has them: a block whose id the
  // input's aria-describedby names, the input marked aria-invalid. It
  // returns whether they changed.
  function showMessages(name, msgs) {
    var el = document.getElementById(idOf(name));
    var box = el && (el.classList.contains("field") ? el : el.closest(".field"));
    if (!box) { return false; }
    var errID = el.id + "-error";
    var old = document.getElementById(errID);
    var before = old ? old.textContent : "";
    var after = msgs.join("");
    if (before === after) { return false; }
    if (old) { old.remove(); }
    var described = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (x) { return x && x !== errID; });
    if (msgs.length) {
      var div = document.createElement("div");
      div.className = "error";
      div.id = errID;
      msgs.forEach(function (m) {
        var p = document.createElement("p");
        p.textContent = m;
        div.appendChild(p);
      });
      box.appendChild(div);
      described.push(errID);
      el.setAttribute("aria-invalid", "true");
      box.classList.add("invalid");
    } else {
      el.removeAttribute("aria-invalid");
      box.classList.remove("invalid");
    }
    if (described.length) {
      el.setAttribute("aria-describedby", described.join(" "));
    } else {
      el.removeAttribute("aria-describedby");
    }
    return true;
  }

  // announce says text through the page's status region.
  var status = document.getElementById("live-status");
  function announce(text) {
    if (!status) { return; }
    status.textContent = "";
    setTimeout(function () { status.textContent = text; }, 50);
  }

  // summaryItem builds a line of the problem summary, as the server does.
  function summaryItem(p) {
    var li = document.createElement("li");
    li.setAttribute("data-field", p.field);
    var a = document.createElement("a");
    a.href = "#" + p.anchor;
    a.textContent = p.label || p.path;
    li.appendChild(a);
    if (p.label) {
      li.appendChild(document.createTextNode(" "));
      var span = document.createElement("span");
      span.className = "path";
      span.textContent = p.path;
      li.appendChild(span);
    }
    li.appendChild(document.createTextNode(": " + p.message));
    return li;
  }

  // strike marks a line of the summary or of "To consider" as no longer
  // current, once: struck through for the eye, said for the ear.
  function strike(li, said) {
    if (li.classList.contains("fixed")) { return; }
    li.classList.add("fixed");
    var span = document.createElement("span");
    span.className = "visually-hidden";
    span.textContent = said;
    li.appendChild(span);
  }

  // updateSummary makes the summary follow the live check: for each field
  // whose messages the form shows, its current problems replace the lines
  // it had; a field with none left keeps its lines struck through. The
  // heading and the page's title count what is left to fix.
  function updateSummary(byField) {
    var box = document.getElementById("problems");
    var list = box && box.querySelector("ul");
    if (!list) { return; }
    var before = list.innerHTML;
    var lines = [];
    var old = {};
    Array.prototype.forEach.call(list.children, function (li) {
      var f = li.getAttribute("data-field");
      if (f && shown[f]) {
        (old[f] = old[f] || []).push(li);
      } else {
        lines.push(li);
      }
    });
    Object.keys(shown).forEach(function (f) {
      if (byField[f]) {
        byField[f].forEach(function (p) { lines.push(summaryItem(p)); });
      } else if (old[f]) {
        old[f].forEach(function (li) {
          strike(li, " (fixed)");
          lines.push(li);
        });
      }
    });
    var at = function (li) {
      var a = li.querySelector('a[href^="#"]');
      return a && document.getElementById(a.getAttribute("href").slice(1));
    };
    lines.sort(function (x, y) {
      var ex = at(x), ey = at(y);
      if (!ex || !ey) { return (ex ? 0 : 1) - (ey ? 0 : 1); }
      return ex === ey ? 0 : (ex.compareDocumentPosition(ey) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1);
    });
    var fresh = document.createElement("ul");
    lines.forEach(function (li) { fresh.appendChild(li); });
    if (fresh.innerHTML === before) { return; }
    list.replaceWith(fresh);
    var left = fresh.querySelectorAll("li:not(.fixed)").length;
    var count = left === 1 ? "1 problem to fix" : left + " problems to fix";
    var h = box.querySelector("h2");
    if (h) { h.textContent = left ? count : "No problems left: Check and preview again"; }
    document.title = (left ? count + " – " : "") + "New DPA · dpakit";
    return left ? count : "No problems left";
  }

  // updateWarnings makes a checked form's "To consider" follow the live
  // check: a warning the deal now gives is added, one it no longer gives
  // is struck through (and said to no longer apply). A form not yet
  // checked shows none, as the server's page does.
  function updateWarnings(ws) {
    var box = document.getElementById("warnings");
    var problems = document.getElementById("problems");
    if (!box) {
      if (!ws.length || main.getAttribute("data-state") !== "posted") { return; }
      box = document.createElement("div");
      box.className = "warnings";
      box.id = "warnings";
      box.setAttribute("role", "note");
      var h = document.createElement("h2");
      h.textContent = "To consider";
      box.appendChild(h);
      box.appendChild(document.createElement("ul"));
      var p = document.createElement("p");
      p.textContent = "Warnings do not stop the DPA from being generated.";
      box.appendChild(p);
      (problems || main.querySelector("h1")).insertAdjacentElement("afterend", box);
    }
    var list = box.querySelector("ul");
    var had = {};
    Array.prototype.forEach.call(list.children, function (li) { had[li.getAttribute("data-key")] = li; });
    var now = {};
    var lines = ws.map(function (w) {
      var key = w.path + "|" + w.message;
      now[key] = true;
      if (had[key] && !had[key].classList.contains("fixed")) { return had[key]; }
      var li = summaryItem(w);
      li.removeAttribute("data-field");
      li.setAttribute("data-key", key);
      return li;
    });
    Object.keys(had).forEach(function (key) {
      var li = had[key];
      if (now[key]) { return; }
      strike(li, " (no longer applies)");
      lines.push(li);
    });
    var fresh = document.createElement("ul");
    lines.forEach(function (li) { fresh.appendChild(li); });
    if (fresh.innerHTML !== list.innerHTML) { list.replaceWith(fresh); }
  }

  // check sends the form to the form's check and shows the messages of
  // the fields the form shows messages for (see shown), replacing the
  // server's, and makes the summary follow.
  function check() {
    var body = new URLSearchParams(new FormData(form));
    fetch("/check", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json" },
      body: body.toString(),
      credentials: "same-origin"
    }).then(function (r) {
      return r.ok ? r.json() : null;
    }).then(function (res) {
      if (!res) { return; }
      var byField = {};
      (res.problems || []).forEach(function (p) {
        if (p.field) { (byField[p.field] = byField[p.field] || []).push(p); }
      });
      var said = "";
      Object.keys(shown).forEach(function (name) {
        var ps = byField[name] || [];
        var changed = showMessages(name, ps.map(function (p) { return p.message; }));
        if (changed && name === lastChanged && ps.length) {
          said = (ps[0].label ? ps[0].label + ": " : "") + ps.map(function (p) { return p.message; }).join("; ");
        }
      });
      var counted = updateSummary(byField);
      if (res.warnings) { updateWarnings(res.warnings); }
      if (said || counted) { announce([said, counted].filter(Boolean).join(". ")); }
      save();
    }).catch(function () { /* the server check on submit still applies */ });
  }
})();
