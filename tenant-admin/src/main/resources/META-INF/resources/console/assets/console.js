// The console's one script: the Content-Security-Policy allows no inline script or event handler,
// so the pages say what they want in data attributes and this file acts on them.

// <form data-confirm="question">: sent only when the person says yes.
document.addEventListener('submit', event => {
  const question = event.target.dataset.confirm;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

// <button data-copy="element id">: copies that element's text.
document.addEventListener('click', event => {
  const id = event.target.dataset && event.target.dataset.copy;
  if (id) {
    navigator.clipboard.writeText(document.getElementById(id).textContent);
  }
});
