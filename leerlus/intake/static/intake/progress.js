// The import's progress page: asks the page's JSON twin every second and updates the bar and the figures.
// When every import has finished, the page is loaded again to show the summary. Without JavaScript the
// "Vernieuwen" link does the same by hand.
(function () {
  var script = document.currentScript;
  var url = script.getAttribute("data-url");
  var language = document.documentElement.lang || "nl";
  function field(section, name) { return section.querySelector('[data-field="' + name + '"]'); }
  function update(job) {
    var section = document.querySelector('[data-job="' + job.id + '"]');
    if (!section) { return; }
    field(section, "status_label").textContent = job.status_label;
    field(section, "stage").textContent = job.stage;
    field(section, "time_left").textContent = job.time_left;
    var done = field(section, "done");
    done.textContent = done.getAttribute("data-template").replace("__N__", job.done.toLocaleString(language));
    var bar = section.querySelector("progress");
    if (job.total) { bar.max = job.total; bar.value = job.done; }
  }
  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (document_) {
        if (document_.finished) { window.location.reload(); return; }
        document_.jobs.forEach(update);
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 1000);
})();
