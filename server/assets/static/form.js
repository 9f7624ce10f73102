// dpakit form app: optional improvements. The form works without this
// script; with it, list rows are added and removed without a round trip and
// fields are checked through the API as they change.
(function () {
  "use strict";
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

  // Live checks: after a change, send the form to the validate API and show
  // the messages of the fields the user has touched.
  var touched = {};
  var timer = null;
  form.addEventListener("change", function (ev) {
    if (ev.target && ev.target.name) { touched[ev.target.name] = true; }
    clearTimeout(timer);
    timer = setTimeout(check, 400);
  });

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
