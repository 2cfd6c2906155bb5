/*
 * Live previews in the templates editor: as a template is typed, it is written with sample values
 * by POST data-preview (with the page's CSRF header) and the preview, segment count and problems
 * (in the person's words, from the server) are shown under it.
 */
(function () {
  'use strict';
  var editors = document.querySelector('.editors[data-preview]');
  if (!editors) {
    return;
  }
  var url = editors.getAttribute('data-preview');
  var kind = editors.getAttribute('data-kind');
  var tokenMeta = document.querySelector('meta[name="_csrf"]');
  var headerMeta = document.querySelector('meta[name="_csrf_header"]');

  function preview(locale, text) {
    var headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
    if (tokenMeta && headerMeta) {
      headers[headerMeta.content] = tokenMeta.content;
    }
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: headers,
      body: JSON.stringify({ kind: kind, locale: locale, text: text })
    }).then(function (response) {
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      return response.json();
    });
  }

  Array.prototype.forEach.call(editors.querySelectorAll('.editor[data-locale]'), function (editor) {
    var locale = editor.getAttribute('data-locale');
    var textarea = editor.querySelector('textarea');
    var out = document.getElementById('preview-' + locale);
    var segments = document.getElementById('segments-' + locale);
    var problems = document.getElementById('problems-' + locale);
    var timer = null;
    textarea.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        preview(locale, textarea.value).then(function (answer) {
          out.textContent = answer.text;
          segments.textContent = answer.summary;
          problems.textContent = '';
          answer.problems.forEach(function (problem) {
            var item = document.createElement('li');
            item.textContent = problem;
            problems.appendChild(item);
          });
          textarea.setAttribute('aria-invalid', answer.problems.length ? 'true' : 'false');
        }).catch(function () { /* the saved preview stays; saving still checks */ });
      }, 300);
    });
  });
})();
