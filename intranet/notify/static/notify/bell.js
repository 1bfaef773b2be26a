// 信息精灵's bell in the Wagtail admin: shows the unread count on the 信息精灵 menu item and keeps
// it current by polling the status endpoint (JSON, the requesting user's data only). No inline
// code; nothing runs on pages without the admin sidebar (the login page, for example).
(function () {
  "use strict";
  var script = document.currentScript;
  var statusUrl = script && script.dataset.statusUrl;
  var INTERVAL = 60 * 1000;
  var unread = null;
  var timer = null;
  var stopped = false;

  function bellLinks() {
    return document.querySelectorAll("#wagtail-sidebar [data-notify-bell]");
  }

  function setBadge(parent, extraClass) {
    var badge = parent.querySelector(".notify-badge");
    if (!badge) {
      badge = document.createElement("span");
      badge.className = "notify-badge" + (extraClass ? " " + extraClass : "");
      parent.appendChild(badge);
    }
    var text = unread > 99 ? "99+" : String(unread);
    if (badge.dataset.count !== text) {
      badge.dataset.count = text;
      badge.textContent = text;
    }
    badge.hidden = unread === 0;
    return badge;
  }

  function paint() {
    if (unread === null) return;
    // On phones the menu sits behind its toggle button: show the count there too (the menu
    // item, once opened, says it in words).
    document.querySelectorAll("#wagtail-sidebar .sidebar-nav-toggle--mobile").forEach(function (toggle) {
      setBadge(toggle, "notify-badge--toggle").setAttribute("aria-hidden", "true");
    });
    bellLinks().forEach(function (link) {
      setBadge(link);
      var label = unread ? "信息精灵，" + unread + " 条未读" : "信息精灵，没有未读通知";
      if (link.getAttribute("aria-label") !== label) link.setAttribute("aria-label", label);
      link.title = label;
    });
  }

  function schedule() {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(poll, INTERVAL);
  }

  function poll() {
    if (stopped || document.hidden) return schedule();
    fetch(statusUrl, {
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-Requested-With": "XMLHttpRequest" },
      cache: "no-store",
    })
      .then(function (response) {
        if (response.status === 401 || response.status === 403) {
          stopped = true; // signed out (or timed out): the next page load shows the login
          return null;
        }
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (data && typeof data.unread === "number") {
          unread = data.unread;
          paint();
        }
      })
      .catch(function () {
        /* offline or server busy: try again at the next tick */
      })
      .then(schedule);
  }

  function start() {
    var sidebar = document.getElementById("wagtail-sidebar");
    if (!statusUrl || !sidebar) return;
    // The sidebar is drawn (and redrawn when collapsed or expanded) by Wagtail's own script.
    new MutationObserver(paint).observe(sidebar, { childList: true, subtree: true });
    document.addEventListener("visibilitychange", function () {
      if (!document.hidden) poll();
    });
    poll();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
