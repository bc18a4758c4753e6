// Quotas (issue 6): the print button of the circular; the page prints from the browser's menu without it.
document.addEventListener('DOMContentLoaded', () => {
  for (const button of document.querySelectorAll('[data-print]')) {
    button.addEventListener('click', () => window.print());
  }
});
