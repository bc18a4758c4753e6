// The supplier portal's small enhancements; every form works without them.
document.addEventListener('DOMContentLoaded', () => {
  // A form marked data-confirm asks before it is sent (deleting a listing, a photo or a document).
  for (const form of document.querySelectorAll('form[data-confirm]')) {
    form.addEventListener('submit', (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  }
});
