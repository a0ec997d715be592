/* Back in Balance: every sidebar toggle opens its sidebar.
   pydata-sphinx-theme 0.17.1 and sphinx-book-theme 1.3.0 bind their handlers (the phone's
   dialog, the desktop's collapse) to the FIRST .primary-toggle / .secondary-toggle only,
   which sits in the page header that the book theme hides. Every other toggle (the visible
   ones in the article header) hands its click to that first one. */
(function () {
  "use strict";
  function bind() {
    [".primary-toggle", ".secondary-toggle"].forEach(function (selector) {
      var toggles = document.querySelectorAll(selector), first = toggles[0];
      Array.prototype.slice.call(toggles, 1).forEach(function (toggle) {
        toggle.addEventListener("click", function (event) {
          event.preventDefault();
          event.stopPropagation();
          toggle.focus();  // the theme gives focus back to it when the dialog closes
          first.click();
        });
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", bind);
  else bind();
})();
