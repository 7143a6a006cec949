// Keeps a background job's page (jobs/detail.html) up to date: polls the job's JSON status
// and moves the progress bar; when the job has ended, reloads so the server renders the end
// state with its link. Without JavaScript the page's "Vernieuwen" link does the same by hand.
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box || !box.dataset.statusUrl) {
    return;
  }
  var url = box.dataset.statusUrl;
  var bar = document.getElementById("job-progress");
  var percent = document.getElementById("job-percent");
  var state = document.getElementById("job-state");
  var delay = 1000;

  function show(status) {
    if (bar) {
      bar.value = status.progress;
      bar.textContent = status.progress + "%";
    }
    if (percent) {
      percent.textContent = status.progress + "%";
    }
    if (state) {
      state.textContent = status.state_label;
    }
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (status) {
        show(status);
        if (status.finished) {
          window.location.reload();
          return;
        }
        delay = Math.min(delay * 1.2, 5000);
        window.setTimeout(poll, delay);
      })
      .catch(function () {
        // Network hiccup or a restart of the server: try again later, a bit slower.
        delay = Math.min(delay * 2, 15000);
        window.setTimeout(poll, delay);
      });
  }

  window.setTimeout(poll, delay);
})();
