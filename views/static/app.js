// Small enhancements on top of htmx; every page works without this file.
(function () {
  function status(text, offline) {
    var el = document.getElementById("save-status");
    if (!el) return;
    el.textContent = text;
    el.className = offline ? "offline" : "";
  }
  document.addEventListener("htmx:beforeRequest", function (e) {
    if (e.target && e.target.matches && e.target.matches("form[data-autosave]")) status(e.target.getAttribute("data-saving"), false);
  });
  document.addEventListener("htmx:sendError", function (e) {
    var f = e.target && e.target.closest && e.target.closest("form[data-autosave]");
    if (f) status(f.getAttribute("data-offline"), true);
  });
  document.addEventListener("htmx:responseError", function (e) {
    var f = e.target && e.target.closest && e.target.closest("form[data-autosave]");
    if (f) status(f.getAttribute("data-invalid"), true);
  });
})();
