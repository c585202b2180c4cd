// Highlights the links of the part under the pointer or keyboard focus; the map works without it.
document.querySelectorAll(".system-map .node").forEach(function (node) {
  var key = node.getAttribute("data-node");
  function show(on) {
    document.querySelectorAll(".system-map .link").forEach(function (link) {
      var mine = link.getAttribute("data-from") === key || link.getAttribute("data-to") === key;
      link.classList.toggle("dim", on && !mine);
      link.classList.toggle("lit", on && mine);
    });
  }
  ["mouseenter", "focus"].forEach(function (e) { node.addEventListener(e, function () { show(true); }); });
  ["mouseleave", "blur"].forEach(function (e) { node.addEventListener(e, function () { show(false); }); });
});
