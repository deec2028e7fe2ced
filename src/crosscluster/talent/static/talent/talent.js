/* Talent forms: ESCO autocomplete as an ARIA 1.2 combobox (list autocomplete) and "add another row" buttons.
   A static file because the Content-Security-Policy forbids inline scripts. Without JavaScript the forms still
   work: the server looks up the label typed. */
(function () {
  "use strict";

  function debounce(fn, ms) {
    var timer = null;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(fn, ms);
    };
  }

  function announce(status, count) {
    if (!status) return;
    var text = count === 0 ? status.dataset.none : count === 1 ? status.dataset.one : status.dataset.many.replace("COUNT", String(count));
    status.textContent = text;
  }

  function setupCombobox(input) {
    if (input.dataset.escoReady) return;
    input.dataset.escoReady = "1";
    var wrapper = input.closest(".esco-combo");
    var hidden = wrapper.querySelector("[data-esco-uri]");
    var listbox = document.getElementById(input.getAttribute("aria-controls"));
    var status = wrapper.querySelector("[data-esco-status]");
    var options = [];
    var active = -1;
    var lastQuery = null;
    var controller = null;

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function open() {
      if (!options.length) return;
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function highlight(index) {
      options.forEach(function (option, i) {
        option.el.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0 && options[index]) {
        input.setAttribute("aria-activedescendant", options[index].el.id);
        options[index].el.scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(index) {
      var option = options[index];
      if (!option) return;
      input.value = option.label;
      hidden.value = option.uri;
      lastQuery = option.label;
      close();
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function render(results) {
      listbox.textContent = "";
      options = results.map(function (result, i) {
        var li = document.createElement("li");
        li.id = listbox.id + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.appendChild(document.createTextNode(result.label));
        var parts = result.label.split("/");
        if (result.matched && result.matched !== result.label && parts.indexOf(result.matched) < 0) {
          var note = document.createElement("span");
          note.className = "esco-matched";
          note.textContent = " (" + result.matched + ")";
          li.appendChild(note);
        }
        li.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep the focus in the text box
          choose(i);
        });
        listbox.appendChild(li);
        return { el: li, uri: result.uri, label: result.label };
      });
      announce(status, options.length);
      if (options.length) open();
      else close();
    }

    var search = debounce(function () {
      var query = input.value.trim();
      if (query.length < 2) {
        render([]);
        return;
      }
      if (query === lastQuery) {
        open();
        return;
      }
      lastQuery = query;
      if (controller) controller.abort();
      controller = new AbortController();
      var url = input.dataset.escoUrl + "?kind=" + encodeURIComponent(input.dataset.escoKind) + "&q=" + encodeURIComponent(query);
      fetch(url, { signal: controller.signal, headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          return response.ok ? response.json() : { results: [] };
        })
        .then(function (data) {
          if (input.value.trim() === query) render(data.results || []);
        })
        .catch(function () {});
    }, 150);

    input.addEventListener("input", function () {
      hidden.value = ""; // typed text is no longer the chosen entry
      search();
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        event.preventDefault();
        open();
        highlight(Math.min(active + 1, options.length - 1));
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight(Math.max(active - 1, 0));
      } else if (event.key === "Enter") {
        if (!listbox.hidden && active >= 0) {
          event.preventDefault();
          choose(active);
        }
      } else if (event.key === "Escape") {
        if (!listbox.hidden) {
          event.preventDefault();
          close();
        }
      }
    });
    input.addEventListener("blur", close);
  }

  function setupRows(list) {
    var template = list.querySelector("template[data-row-template]");
    var rows = list.querySelector("[data-rows]");
    var button = list.querySelector("[data-row-add]");
    if (!template || !rows || !button) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var number = rows.children.length + 1;
      rows.insertAdjacentHTML("beforeend", template.innerHTML.split("__n__").join(String(number)));
      var row = rows.lastElementChild;
      row.querySelectorAll("[data-esco-combobox]").forEach(setupCombobox);
      var first = row.querySelector("input:not([type=hidden]), select");
      if (first) first.focus();
    });
  }

  function init() {
    document.querySelectorAll("[data-esco-combobox]").forEach(setupCombobox);
    document.querySelectorAll("[data-row-list]").forEach(setupRows);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
