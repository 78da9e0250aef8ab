// Behaviour of a question's boxes shared by every form that shows questions (owner, field app).

/** "None of these" and the other boxes of a question exclude each other: untick the others. */
export function untickExclusive(target: EventTarget | null): void {
  const box = target as HTMLInputElement | null;
  if (!box || box.type !== "checkbox" || !box.checked) return;
  const set = box.closest?.("fieldset.q");
  if (!set) return;
  const exclusive = box.hasAttribute("data-exclusive");
  set.querySelectorAll<HTMLInputElement>('input[type="checkbox"]').forEach((other) => {
    if (other !== box && (exclusive || other.hasAttribute("data-exclusive"))) other.checked = false;
  });
}
