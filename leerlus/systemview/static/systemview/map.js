// Highlights the links of the part under the pointer; the map works without it, and its list shows the same links.
document.querySelectorAll(".system-map .node").forEach(function (node) {
  var key = node.getAttribute("data-node");
  function show(on) {
    document.querySelectorAll(".system-map .link").forEach(function (link) {
      var mine = link.getAttribute("data-from") === key || link.getAttribute("data-to") === key;
      link.classList.toggle("dim", on && !mine);
      link.classList.toggle("lit", on && mine);
    });
  }
  node.addEventListener("mouseenter", function () { show(true); });
  node.addEventListener("mouseleave", function () { show(false); });
});
