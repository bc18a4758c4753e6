// Small enhancements only: every page works without this file.
document.addEventListener('DOMContentLoaded', () => {
  document.documentElement.classList.add('js');
  // Wide screens show the catalog's filter drawer open; browsers that know ::details-content do so by the style sheet.
  const drawer = document.getElementById('filters-drawer');
  if (drawer && window.matchMedia('(min-width: 761px)').matches && !CSS.supports('selector(::details-content)')) drawer.open = true;
  // A select marked data-autosubmit submits its form when changed (the sort order of the catalog).
  for (const select of document.querySelectorAll('select[data-autosubmit]')) {
    select.addEventListener('change', () => select.form && select.form.requestSubmit());
  }
});
