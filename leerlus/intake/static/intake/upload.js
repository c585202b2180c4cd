// The upload form: a file over the limit is refused here, before it is sent (the server refuses it too).
(function () {
  var input = document.getElementById("f-file");
  if (!input) { return; }
  var limit = Number(input.getAttribute("data-max-bytes"));
  input.addEventListener("change", function () {
    var file = input.files && input.files[0];
    input.setCustomValidity(file && file.size > limit ? input.getAttribute("data-too-large") : "");
    input.reportValidity();
  });
})();
