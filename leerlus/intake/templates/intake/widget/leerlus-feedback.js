/* leerlus: "Heeft deze pagina u geholpen?" on a municipality's page. No cookies, no inline script or <style>
   (styles are set through the CSSOM, which a Content-Security-Policy allows), keyboard and screen reader ready.
   Embed: <div data-leerlus-feedback></div> <script src="https://LEERLUS/widget/v1/leerlus-feedback.js" defer></script> */
(function () {
  "use strict";
  var TEXTS = {{ texts|safe }};
  var MAX_CHARS = {{ max_chars }};
  var script = document.currentScript;
  if (!script) { return; }
  var endpoint = new URL("feedback", script.src).href;
  var language = (document.documentElement.lang || "nl").toLowerCase().slice(0, 2);
  var t = TEXTS[language] || TEXTS.nl;
  var counter = 0;

  function styled(node, rules) {
    Object.keys(rules).forEach(function (name) { node.style.setProperty(name, rules[name]); });
    return node;
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text) { node.textContent = text; }
    return node;
  }

  function button(text, type) {
    return styled(element("button", { type: type }, text), {
      "background": "#154273", "color": "#ffffff", "border": "2px solid #154273", "border-radius": "4px",
      "padding": "0.4em 1.2em", "margin": "0.25em 0.5em 0.25em 0", "font": "inherit", "cursor": "pointer"
    });
  }

  function newKey() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 15) | 64;
    bytes[8] = (bytes[8] & 63) | 128;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function pageAddress() {
    return location.origin + location.pathname;  // never the query or the fragment: they can hold personal data
  }

  function send(body, attempt) {
    return fetch(endpoint, {
      method: "POST", mode: "cors", credentials: "omit", cache: "no-store",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify(body)
    }).then(function (response) {
      if (response.status >= 500 && attempt < 2) { throw new Error("retry"); }
      return response.ok;
    }).catch(function () {
      if (attempt >= 2) { return false; }
      return new Promise(function (resolve) { setTimeout(resolve, 1000 * (attempt + 1) * (attempt + 1)); })
        .then(function () { return send(body, attempt + 1); });
    });
  }

  function build(host) {
    counter += 1;
    var id = "leerlus-feedback-" + counter;
    var key = newKey();  // one per answer: a retry or a second click sends the same key and is stored once
    var form = styled(element("form", { "class": "leerlus-feedback", novalidate: "" }), {
      "border": "1px solid #595959", "border-radius": "4px", "padding": "1em", "margin": "1em 0",
      "background": "#ffffff", "color": "#1a1a1a", "max-width": "40em"
    });
    var fieldset = styled(element("fieldset"), { "border": "0", "padding": "0", "margin": "0" });
    var legend = styled(element("legend", {}, t.question), { "font-weight": "bold", "padding": "0" });
    var yes = button(t.yes, "button");
    var no = button(t.no, "button");
    fieldset.append(legend, yes, no);

    var more = element("div");
    more.hidden = true;
    var label = styled(element("label", { "for": id + "-text" }, t.what), { "display": "block", "font-weight": "bold" });
    var hint = styled(element("p", { id: id + "-hint" }, t.hint), { "margin": "0.25em 0" });
    var text = styled(element("textarea", {
      id: id + "-text", name: "text", rows: "4", maxlength: String(MAX_CHARS), "aria-describedby": id + "-hint"
    }), { "display": "block", "width": "100%", "box-sizing": "border-box", "border": "1px solid #595959", "font": "inherit" });
    var trap = styled(element("div", { "aria-hidden": "true" }), {
      "position": "absolute", "left": "-10000px", "width": "1px", "height": "1px", "overflow": "hidden"
    });
    var trapLabel = element("label", { "for": id + "-website" }, t.leave_empty);
    var trapInput = element("input", { type: "text", id: id + "-website", name: "website", tabindex: "-1", autocomplete: "off" });
    trap.append(trapLabel, trapInput);
    var submit = button(t.send, "submit");
    more.append(label, hint, text, trap, submit);

    var status = styled(element("p", { role: "status", tabindex: "-1" }), { "margin": "0.5em 0 0", "font-weight": "bold" });
    var note = styled(element("p", {}, t.privacy), { "font-size": "0.9em", "margin": "0.5em 0 0" });
    form.append(fieldset, more, status, note);
    host.append(form);

    var sending = false;
    function answer(useful) {
      if (sending) { return; }
      sending = true;
      [yes, no, submit, text].forEach(function (control) { control.disabled = true; });
      var body = { page: pageAddress(), useful: useful, text: useful ? "" : text.value.trim(), key: key, website: trapInput.value };
      status.textContent = t.sending;
      send(body, 0).then(function (ok) {
        if (ok) {
          fieldset.hidden = true;
          more.hidden = true;
          status.textContent = t.thanks;
          status.focus();
          return;
        }
        sending = false;
        [yes, no, submit, text].forEach(function (control) { control.disabled = false; });
        status.textContent = t.failed;
      });
    }

    yes.addEventListener("click", function () { answer(true); });
    no.addEventListener("click", function () {
      no.setAttribute("aria-pressed", "true");
      more.hidden = false;
      text.focus();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      answer(false);
    });
  }

  function start() {
    var hosts = document.querySelectorAll("[data-leerlus-feedback]");
    if (hosts.length) {
      Array.prototype.forEach.call(hosts, build);
    } else {
      var host = element("div");
      script.parentNode.insertBefore(host, script.nextSibling);
      build(host);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
