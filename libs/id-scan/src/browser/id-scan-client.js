/*! nestjs-id-scan browser helper, served at <prefix>/id-scan/client.js. Plain ES2019. */
(function (window, document) {
  'use strict';

  // The complete endpoint is relative to this script, so a host's global prefix just works.
  var script = document.currentScript;
  var scriptUrl = script && script.src ? script.src : window.location.href;
  var RESULT_KEYS = ['resultId', 'resultID', 'result_id', 'resultid'];
  var TRANSACTION_KEYS = ['transactionId', 'transactionID', 'transaction_id', 'trxid'];

  function pick(data, keys) {
    for (var i = 0; i < keys.length; i++) {
      var value = data[keys[i]];
      if (typeof value === 'string' && value !== '') return value;
    }
  }

  // docs/id-scan-api.md §B5: an object (or its JSON), its result id under one of RESULT_KEYS.
  function readMessage(data) {
    if (typeof data === 'string') {
      try {
        data = JSON.parse(data);
      } catch (e) {
        return;
      }
    }
    if (!data || typeof data !== 'object') return;
    var resultId = pick(data, RESULT_KEYS);
    return resultId ? { resultId: resultId, transactionId: pick(data, TRANSACTION_KEYS) } : undefined;
  }

  function endpointFor(options) {
    var id = encodeURIComponent(options.transactionId);
    if (options.completeEndpoint) {
      return new URL(String(options.completeEndpoint).replace('{id}', id), window.location.href).href;
    }
    return new URL('transactions/' + id + '/complete', scriptUrl).href;
  }

  function fail(message) {
    throw new TypeError('IdScan.mount: ' + message);
  }

  function complete(endpoint, resultId) {
    return window
      .fetch(endpoint, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ resultId: resultId }),
      })
      .then(function (response) {
        return response
          .json()
          .catch(function () {
            return {};
          })
          .then(function (body) {
            if (response.ok) return body;
            var error = new Error((body && body.message) || 'Completion failed');
            error.status = response.status;
            error.body = body;
            throw error;
          });
      });
  }

  // mount(element, { url, transactionId, onComplete, onError, completeEndpoint, title, height }) → { iframe, unmount }
  function mount(element, options) {
    if (typeof element === 'string') element = document.querySelector(element);
    if (!element || typeof element.appendChild !== 'function') fail('element must be a DOM element or a selector');
    options = options || {};
    if (typeof options.transactionId !== 'string' || !options.transactionId) fail('transactionId is required');
    var flowUrl;
    try {
      flowUrl = new URL(options.url);
    } catch (e) {
      fail('url must be the absolute URL of the transaction');
    }
    if (flowUrl.protocol !== 'https:' && flowUrl.protocol !== 'http:') fail('url must be http(s)');
    var endpoint = endpointFor(options);
    var onComplete = typeof options.onComplete === 'function' ? options.onComplete : function () {};
    var onError = typeof options.onError === 'function' ? options.onError : function () {};

    var iframe = document.createElement('iframe');
    iframe.src = flowUrl.href;
    iframe.title = options.title || 'Identity document verification';
    // `allow` covers full screen; allowfullscreen too warns.
    iframe.setAttribute('allow', 'camera; fullscreen');
    iframe.style.border = '0';
    iframe.style.width = '100%';
    iframe.style.minWidth = '650px';
    iframe.style.height = options.height || '720px';

    var state = 'waiting';
    function onMessage(event) {
      if (event.origin !== flowUrl.origin) return;
      if (iframe.contentWindow && event.source !== iframe.contentWindow) return;
      var data = event.data;
      // Sized to the flow: no nested scroll.
      if (data && data.type === 'id-scan.resize') {
        if (!options.height && data.height > 0) iframe.style.height = Math.ceil(data.height) + 'px';
        return;
      }
      if (state !== 'waiting') return;
      var message = readMessage(data);
      if (!message) return;
      if (message.transactionId && message.transactionId !== options.transactionId) return;
      state = 'sending';
      complete(endpoint, message.resultId).then(
        function (body) {
          if (state !== 'sending') return;
          state = 'done';
          onComplete(body);
        },
        function (error) {
          if (state !== 'sending') return;
          state = 'waiting'; // a repeated message from the flow retries
          onError(error);
        },
      );
    }

    window.addEventListener('message', onMessage);
    element.appendChild(iframe);
    return {
      iframe: iframe,
      unmount: function () {
        state = 'done';
        window.removeEventListener('message', onMessage);
        if (iframe.parentNode) iframe.parentNode.removeChild(iframe);
      },
    };
  }

  window.IdScan = Object.freeze({ mount: mount });
})(window, document);
