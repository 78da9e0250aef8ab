// Small enhancements on top of htmx; every page works without this file.
(function () {
  function status(text, offline) {
    var el = document.getElementById("save-status");
    if (!el) return;
    el.textContent = text;
    el.className = offline ? "offline" : "";
  }
  // "None of these" and the other boxes of a question exclude each other: untick before saving.
  document.addEventListener(
    "change",
    function (e) {
      var box = e.target;
      if (!box || box.type !== "checkbox" || !box.checked) return;
      var set = box.closest && box.closest("fieldset.q");
      if (!set) return;
      var exclusive = box.hasAttribute("data-exclusive");
      set.querySelectorAll('input[type="checkbox"]').forEach(function (other) {
        if (other !== box && (exclusive || other.hasAttribute("data-exclusive"))) other.checked = false;
      });
    },
    true,
  );
  document.addEventListener("htmx:beforeRequest", function (e) {
    if (e.target && e.target.matches && e.target.matches("form[data-autosave]")) status(e.target.getAttribute("data-saving"), false);
  });
  document.addEventListener("htmx:sendError", function (e) {
    var f = e.target && e.target.closest && e.target.closest("form[data-autosave]");
    if (f) status(f.getAttribute("data-offline"), true);
  });
  // Say why a save failed: a wrong answer, an assessment gone, too many wrong codes, the server.
  document.addEventListener("htmx:responseError", function (e) {
    var f = e.target && e.target.closest && e.target.closest("form[data-autosave]");
    if (!f) return;
    var code = e.detail && e.detail.xhr ? e.detail.xhr.status : 0;
    var why = code === 422 ? "data-invalid" : code === 404 ? "data-gone" : code === 429 ? "data-limited" : "data-failed";
    status(f.getAttribute(why), true);
  });
})();
