// Progressive enhancement only: every page works without this file.
// On a works index, changing a sort select submits the filter form at once, as AO3's does.
for (const select of document.querySelectorAll(
  '.filter-form select[name="sort"], .filter-form select[name="order"]',
)) {
  select.addEventListener('change', () => select.form?.requestSubmit());
}
