/** Value of the select entry that stands for the file the user opened. */
const PICKED = 'picked';

/** What a {@link wireFileChoice} select does with a choice. */
export interface FileChoiceHandlers {
  /** A file was opened (or its entry chosen again). */
  readonly onFile: (file: File) => void;
  /** Another entry (a shipped clip or model) was chosen. */
  readonly onOption: (value: string) => void;
}

/**
 * Wires a select that has an "Open a … file…" entry (value `file`) to its hidden file input: that
 * entry opens the file dialog; an opened file gets an entry of its own, named after it and
 * selected (so the select no longer says "Open a … file…" once the file is loaded; choosing the
 * entry again reopens the file); a cancelled dialog goes back to the entry chosen before.
 */
export function wireFileChoice(select: HTMLSelectElement, input: HTMLInputElement, handlers: FileChoiceHandlers): void {
  let previous = select.value;
  let picked: File | undefined;
  select.addEventListener('change', () => {
    if (select.value === 'file') {
      input.value = '';
      input.click();
      return;
    }
    previous = select.value;
    if (select.value === PICKED && picked) handlers.onFile(picked);
    else handlers.onOption(select.value);
  });
  input.addEventListener('cancel', () => (select.value = previous));
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (!file) {
      select.value = previous;
      return;
    }
    picked = file;
    let entry = Array.from(select.options).find((option) => option.value === PICKED);
    if (!entry) {
      entry = new Option('', PICKED);
      select.insertBefore(entry, Array.from(select.options).find((option) => option.value === 'file') ?? null);
    }
    entry.textContent = file.name;
    select.value = previous = PICKED;
    handlers.onFile(file);
  });
}
