/**
 * The start page's browser script, served at `/assets/start.js`. Below 700 px the hosted flow (at least 650 px
 * wide) does not fit in a frame beside the page's margins, so the form proposes redirect mode there and says why.
 * A person can still pick the embedded flow: the hint then says that it will open on its own page (the flow page
 * does so when the frame does not fit), so the hint and the chosen mode never contradict each other.
 */
export const START_SCRIPT = `(function () {
  'use strict';
  var hint = document.getElementById('narrow-hint');
  var embeddedHint = document.getElementById('narrow-embedded');
  var redirect = document.querySelector('input[name="mode"][value="redirect"]');
  var embedded = document.querySelector('input[name="mode"][value="iframe"]');
  if (!hint || !embeddedHint || !redirect || !embedded || !window.matchMedia) return;
  var narrow = window.matchMedia('(max-width: 699px)');
  function describe() {
    hint.hidden = !(narrow.matches && redirect.checked);
    embeddedHint.hidden = !(narrow.matches && embedded.checked);
  }
  function propose() {
    if (narrow.matches && !document.querySelector('form[data-submitted]')) redirect.checked = true;
    describe();
  }
  propose();
  redirect.addEventListener('change', describe);
  embedded.addEventListener('change', describe);
  if (narrow.addEventListener) narrow.addEventListener('change', propose);
})();
`;
