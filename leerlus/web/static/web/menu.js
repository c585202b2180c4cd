// The menu button of small screens: shows and hides the menu. Without JavaScript the menu is always shown.
(function () {
  var button = document.querySelector(".menu-button");
  var menu = document.getElementById("menu");
  button.hidden = false;
  menu.classList.add("closed");
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    menu.classList.toggle("closed", !open);
  });
})();
