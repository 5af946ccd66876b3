// Progressive enhancement only: every page works without this file.
// On a works index, changing a sort select submits the filter form at once, as AO3's does.
for (const select of document.querySelectorAll(
  '.filter-form select[name="sort"], .filter-form select[name="order"]',
)) {
  select.addEventListener('change', () => select.form?.requestSubmit());
}

// A work form's tag fields offer canonical tags as the author types the last name of the list; a synonym shows
// the canonical tag it leads to, and choosing it puts the canonical tag in the field.
for (const input of document.querySelectorAll('input[data-tag-kind]')) {
  const list = document.createElement('ul');
  list.className = 'tag-choices';
  list.id = `${input.id}-choices`;
  list.setAttribute('aria-live', 'polite');
  input.after(list);
  input.setAttribute('aria-controls', list.id);
  let asked = 0;
  const lastName = () => (input.value.split(',').pop() ?? '').trim();
  const choose = (name) => {
    const names = input.value
      .split(',')
      .slice(0, -1)
      .map((part) => part.trim())
      .filter(Boolean);
    input.value = `${[...names, name].join(', ')}, `;
    list.replaceChildren();
    input.focus();
  };
  input.addEventListener('input', async () => {
    const typed = lastName();
    const ask = ++asked;
    if (typed.length < 2) {
      list.replaceChildren();
      return;
    }
    const params = new URLSearchParams({ kind: input.dataset.tagKind ?? '', q: typed });
    const response = await fetch(`/autocomplete/tags?${params}`);
    // An answer to an older keystroke is dropped.
    if (ask !== asked || !response.ok) return;
    const choices = await response.json();
    list.replaceChildren(
      ...choices.map((choice) => {
        const item = document.createElement('li');
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent =
          choice.name === choice.canonical ? choice.name : `${choice.name} → ${choice.canonical}`;
        button.addEventListener('click', () => choose(choice.canonical));
        item.append(button);
        return item;
      }),
    );
  });
}
