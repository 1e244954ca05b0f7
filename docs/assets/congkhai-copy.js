// Sao chép liên kết: each "#" copy link (a.ck-copy, written by congkhai.structure) is a
// plain link to its anchor and works without JavaScript. Where the Clipboard API is
// available, a click also copies the full address of the anchor and says so in a polite
// live region ("Đã sao chép liên kết"). If copying fails, the link still moves to the anchor.
// Progressive enhancement only; no third-party code.
(function () {
  if (!navigator.clipboard || !window.history || !history.replaceState) return;
  var status = null;
  function announce(text) {
    if (!status) {
      status = document.createElement("div");
      status.className = "ck-visually-hidden";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      document.body.appendChild(status);
    }
    // Clearing first makes screen readers repeat the message on a second copy.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.ck-copy") : null;
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    var url = link.href; // absolute: the page address with the anchor
    event.preventDefault();
    history.replaceState(null, "", link.getAttribute("href"));
    navigator.clipboard.writeText(url).then(
      function () { announce("Đã sao chép liên kết"); },
      function () { location.hash = link.getAttribute("href"); }
    );
  });
})();
