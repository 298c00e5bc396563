/**
 * The flow page's browser script, served at `/assets/verification.js`: mounts the hosted flow with the package's
 * `IdScan.mount` and, once the host has confirmed the completion, opens the outcome page. Where the frame's
 * minimum width (650 px) does not fit, it opens the flow on its own page instead (the transaction has a return
 * URL for this), so the flow never sits in a sideways-scrolling box. Its texts come from the page's `data-*`
 * attributes, in the page's language.
 */
export const VERIFICATION_SCRIPT = `(function () {
  'use strict';
  var host = document.getElementById('id-scan-flow');
  var errorBox = document.getElementById('id-scan-error');
  if (!host) return;
  function showError(text) {
    errorBox.textContent = text + ' ';
    var link = document.createElement('a');
    link.href = host.dataset.outcomeUrl;
    link.textContent = host.dataset.checkStatus;
    errorBox.appendChild(link);
    errorBox.hidden = false;
  }
  if (!window.IdScan) {
    showError(host.dataset.loadFailed);
    return;
  }
  var style = window.getComputedStyle(host);
  var room = host.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  if (room < Number(host.dataset.minWidth)) {
    window.location.replace(host.dataset.url);
    return;
  }
  window.IdScan.mount(host, {
    url: host.dataset.url,
    transactionId: host.dataset.transactionId,
    title: host.dataset.frameTitle,
    onComplete: function () {
      window.location.assign(host.dataset.outcomeUrl);
    },
    onError: function () {
      showError(host.dataset.confirmFailed);
    }
  });
})();
`;
