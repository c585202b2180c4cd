/* Taken: refreshes the progress of waiting and running jobs by polling the page's JSON twin.
   Without JavaScript the page still works: reload it. When a job ends, the page reloads once to show its
   result and log. */
(function () {
  "use strict";
  var box = document.querySelector("[data-job-poll]");
  if (!box) { return; }
  var url = box.getAttribute("data-job-poll");
  var lang = document.documentElement.lang || "nl";
  var numbers = new Intl.NumberFormat(lang);
  var ACTIVE = ["queued", "running"];

  function timeLeft(seconds) {
    if (seconds === null || seconds === undefined) { return "—"; }
    if (seconds >= 90) { return box.getAttribute("data-minutes").replace("{n}", numbers.format(Math.round(seconds / 60))); }
    return box.getAttribute("data-seconds").replace("{n}", numbers.format(Math.max(1, Math.round(seconds))));
  }

  function field(row, name) { return row.querySelector('[data-job-field="' + name + '"]'); }

  function show(job) {
    var row = document.querySelector('[data-job="' + job.id + '"]');
    if (!row) { return false; }
    if (ACTIVE.indexOf(row.getAttribute("data-status")) >= 0 && ACTIVE.indexOf(job.status) < 0) { return true; }
    var bar = field(row, "progress");
    if (bar && job.total) { bar.max = job.total; bar.value = job.done; }
    var counted = field(row, "counted");
    if (counted) { counted.textContent = job.total ? numbers.format(job.done) + " / " + numbers.format(job.total) : numbers.format(job.done); }
    var stage = field(row, "stage");
    if (stage) { stage.textContent = job.stage || "—"; }
    var left = field(row, "seconds_left");
    if (left) { left.textContent = timeLeft(job.seconds_left); }
    if (job.status !== row.getAttribute("data-status")) { return true; }
    return false;
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (document_) {
        if (!document_) { return; }
        var jobs = document_.jobs || [document_];
        var changed = jobs.map(show).some(Boolean);
        if (changed) { window.location.reload(); return; }
        window.setTimeout(poll, 1500);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1500);
})();
