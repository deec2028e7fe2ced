/* The schedule grid: move a meeting by choosing "Move" (or dragging it), then a highlighted free cell.
   The free cells come from the server (the optimiser's rules); the move is an ordinary form POST that the
   server checks again. Without this script, "Move" opens a page listing the free cells. */
(function () {
  "use strict";
  var grid = document.querySelector(".schedule-grid");
  var form = document.getElementById("move-form");
  var status = document.getElementById("grid-status");
  if (!grid || !form) { return; }
  var current = null;

  function clear() {
    grid.querySelectorAll("td.feasible").forEach(function (cell) {
      cell.classList.remove("feasible");
      var button = cell.querySelector("button.move-here");
      if (button) { button.remove(); }
    });
    document.querySelectorAll(".moving").forEach(function (el) { el.classList.remove("moving"); });
    current = null;
  }

  function say(text) { if (status) { status.textContent = text; } }

  function submit(requestId, cell) {
    form.elements.request.value = requestId;
    form.elements.cell.value = cell;
    form.submit();
  }

  function highlight(source) {
    var requestId = source.getAttribute("data-request");
    var url = source.getAttribute("data-cells-url");
    clear();
    current = requestId;
    source.classList.add("moving");
    return fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : { cells: [] }; })
      .then(function (data) {
        if (current !== requestId) { return; }
        var first = null;
        (data.cells || []).forEach(function (key) {
          var cell = grid.querySelector('td[data-cell="' + key.replace(/"/g, "") + '"]');
          if (!cell) { return; }
          cell.classList.add("feasible");
          if (cell.querySelector(".meeting[data-request='" + requestId + "']")) { return; }
          var button = document.createElement("button");
          button.type = "button";
          button.className = "move-here";
          button.textContent = grid.getAttribute("data-move-here");
          button.addEventListener("click", function () { submit(requestId, key); });
          cell.appendChild(button);
          first = first || button;
        });
        var count = grid.querySelectorAll("button.move-here").length;
        if (count) {
          say(grid.getAttribute("data-cells-found"));
          first.focus();
        } else {
          say(grid.getAttribute("data-no-cells"));
          clear();
        }
      });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest(".move-link");
    if (!link) { return; }
    var source = link.closest("[data-cells-url]");
    if (!source) { return; }
    event.preventDefault();
    highlight(source);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && current) { clear(); say(""); }
  });

  grid.addEventListener("dragstart", function (event) {
    var card = event.target.closest(".meeting");
    if (!card) { return; }
    event.dataTransfer.setData("text/plain", card.getAttribute("data-request"));
    event.dataTransfer.effectAllowed = "move";
    highlight(card);
  });
  grid.addEventListener("dragover", function (event) {
    var cell = event.target.closest("td.feasible");
    if (cell) { event.preventDefault(); event.dataTransfer.dropEffect = "move"; }
  });
  grid.addEventListener("drop", function (event) {
    var cell = event.target.closest("td.feasible");
    if (!cell || !current) { return; }
    event.preventDefault();
    submit(current, cell.getAttribute("data-cell"));
  });
  grid.addEventListener("dragend", function () {
    // Keep the highlighted cells after an unfinished drag, so the move can be finished by clicking.
  });
})();
