/**
 * The start page's browser script, served at `/assets/start.js`. Below 700 px the hosted flow (at least 650 px
 * wide) does not fit in a frame beside the page's margins, so the form proposes redirect mode there and says why.
 * A person can still pick the embedded flow; the choice is only pre-selected.
 */
export const START_SCRIPT = `(function () {
  'use strict';
  var hint = document.getElementById('narrow-hint');
  var redirect = document.querySelector('input[name="mode"][value="redirect"]');
  if (!hint || !redirect || !window.matchMedia) return;
  var narrow = window.matchMedia('(max-width: 699px)');
  function propose() {
    hint.hidden = !narrow.matches;
    if (narrow.matches && !document.querySelector('form[data-submitted]')) redirect.checked = true;
  }
  propose();
  if (narrow.addEventListener) narrow.addEventListener('change', propose);
})();
`;
