/**
 * The flow page's browser script, served at `/assets/verification.js`: mounts the hosted flow with the package's
 * `IdScan.mount` and, once the host has confirmed the completion, opens the outcome page.
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
    link.textContent = 'Check the status of this verification';
    errorBox.appendChild(link);
    errorBox.hidden = false;
  }
  if (!window.IdScan) {
    showError('The verification could not be loaded.');
    return;
  }
  window.IdScan.mount(host, {
    url: host.dataset.url,
    transactionId: host.dataset.transactionId,
    title: 'Identity verification',
    onComplete: function () {
      window.location.assign(host.dataset.outcomeUrl);
    },
    onError: function () {
      showError('Your verification was received, but this page could not confirm it.');
    }
  });
})();
`;
