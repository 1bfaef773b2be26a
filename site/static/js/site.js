// Small progressive enhancements; every page works without this file.
(function () {
  function setUpNav() {
    var button = document.querySelector(".main-nav__button");
    var list = document.getElementById("main-nav-list");
    if (!button || !list) return;
    document.documentElement.classList.add("js-nav");
    button.hidden = false;
    list.setAttribute("data-collapsed", "true");
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") === "true";
      button.setAttribute("aria-expanded", open ? "false" : "true");
      list.setAttribute("data-collapsed", open ? "true" : "false");
    });
  }

  function setUpPrint() {
    document.querySelectorAll(".js-print").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpNav();
    setUpPrint();
  });
})();
