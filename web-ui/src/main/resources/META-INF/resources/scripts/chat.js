/*
 * Labrador's chat page in the browser: highlighted code blocks (highlight.js, served with the application)
 * and copy buttons on answers and code. Plain script, no build step. Everything else is Vaadin's.
 */
(() => {
  if (window.labradorChat) {
    return;
  }

  /** Says "Copied" next to the button for a moment, in a live region that screen readers announce. */
  function copied(button) {
    const note = document.createElement('span');
    note.className = 'copied';
    note.setAttribute('role', 'status');
    note.textContent = 'Copied';
    button.after(note);
    setTimeout(() => note.remove(), 1500);
  }

  /** The clipboard API needs a secure page (https or localhost); elsewhere the older command still works. */
  function copyWithSelection(text) {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch (e) {
      ok = false;
    }
    area.remove();
    return ok;
  }

  function copy(text, button) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(() => copied(button),
          () => copyWithSelection(text) && copied(button));
    } else if (copyWithSelection(text)) {
      copied(button);
    }
  }

  /** Highlights the code blocks under root and gives each a copy button; each block only once. */
  function decorate(root) {
    if (!root) {
      return;
    }
    root.querySelectorAll('pre').forEach(pre => {
      if (pre.dataset.decorated || pre.closest('.citation')) {
        return;
      }
      pre.dataset.decorated = 'true';
      const code = pre.querySelector('code');
      if (code && window.hljs) {
        try {
          // highlight.js escapes the text it wraps in spans: the code stays text.
          window.hljs.highlightElement(code);
        } catch (e) {
          // unhighlighted code is still readable
        }
      }
      const box = document.createElement('div');
      box.className = 'code-block';
      pre.parentNode.insertBefore(box, pre);
      box.appendChild(pre);
      const button = document.createElement('vaadin-button');
      button.setAttribute('theme', 'tertiary small');
      button.className = 'copy-code';
      button.setAttribute('aria-label', 'Copy code');
      button.textContent = 'Copy';
      button.addEventListener('click', () => copy((code || pre).textContent, button));
      box.appendChild(button);
    });
  }

  // An answer's copy button copies what the model wrote, its Markdown, kept on the answer.
  document.addEventListener('click', e => {
    const button = e.target.closest && e.target.closest('.copy-answer');
    if (!button) {
      return;
    }
    const turn = button.closest('.turn');
    const answer = turn && turn.querySelector('.answer');
    if (answer) {
      copy(answer.dataset.markdown || answer.innerText, button);
    }
  });

  if (window.hljs) {
    window.hljs.configure({ignoreUnescapedHTML: true});
  }
  window.labradorChat = {decorate};
  // Answers shown before this script had loaded.
  document.querySelectorAll('.answer').forEach(decorate);
})();
