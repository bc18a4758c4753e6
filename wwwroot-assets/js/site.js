// Small enhancements only: every page works without this file.
document.addEventListener('DOMContentLoaded', () => {
  document.documentElement.classList.add('js');
  // A select marked data-autosubmit submits its form when changed (the sort order of the catalog).
  for (const select of document.querySelectorAll('select[data-autosubmit]')) {
    select.addEventListener('change', () => select.form && select.form.requestSubmit());
  }
});
