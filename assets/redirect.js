/* A moved page: go to its new address at once, keeping the #anchor (a meta refresh would drop it). */
(function () {
  "use strict";
  var to = document.currentScript && document.currentScript.getAttribute("data-to");
  if (to) { window.location.replace(to + window.location.hash); }
})();
