// Title suggestions for the search boxes. Without this file the boxes are plain forms.
(function () {
  "use strict";
  var DELAY = 200;
  var counter = 0;

  function setUp(input, url) {
    var box = input.closest(".search-box") || input.parentNode;
    box.classList.add("search-suggest");
    var list = document.createElement("ul");
    var listId = input.id + "-suggestions";
    list.id = listId;
    list.className = "search-suggest__list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "搜索建议");
    list.hidden = true;
    box.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("aria-expanded", "false");

    var timer = null;
    var active = -1;

    function items() { return list.querySelectorAll(".search-suggest__item"); }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function select(index) {
      var all = items();
      if (!all.length) return;
      active = (index + all.length) % all.length;
      all.forEach(function (item, i) { item.setAttribute("aria-selected", i === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", all[active].id);
      all[active].scrollIntoView({ block: "nearest" });
    }

    function render(suggestions) {
      list.textContent = "";
      active = -1;
      if (!suggestions.length) { close(); return; }
      suggestions.forEach(function (suggestion, i) {
        var li = document.createElement("li");
        li.setAttribute("role", "presentation");
        var a = document.createElement("a");
        a.className = "search-suggest__item";
        a.id = listId + "-" + i;
        a.setAttribute("role", "option");
        a.setAttribute("aria-selected", "false");
        a.href = suggestion.url;
        a.textContent = suggestion.title;
        li.appendChild(a);
        list.appendChild(li);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (!query) { close(); return; }
      var ticket = ++counter;
      fetch(url + "?q=" + encodeURIComponent(query), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (ticket === counter) render(data.suggestions || []); })
        .catch(function () { if (ticket === counter) close(); });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DELAY);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown") { event.preventDefault(); select(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); select(active - 1); }
      else if (event.key === "Escape") { event.preventDefault(); close(); }
      else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.href = items()[active].href;
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var inputs = document.querySelectorAll("input[data-suggest-url]");
    var url = inputs.length ? inputs[0].getAttribute("data-suggest-url") : "/search/suggest/";
    inputs.forEach(function (input) { setUp(input, input.getAttribute("data-suggest-url")); });
    var header = document.getElementById("site-search");
    if (header && !header.hasAttribute("data-suggest-url")) setUp(header, url);
  });
})();
