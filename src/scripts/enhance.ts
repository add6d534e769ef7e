/**
 * Progressive enhancement for quiz and role-play forms: submit with fetch, then swap in the region the
 * server rendered, without a page reload. The server handles the very same POST as without
 * JavaScript, so there is one code path for grading and one for role-play steps.
 */
export function enhanceForms(formSelector: string, regionSelector: string): void {
  document.addEventListener('submit', async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.matches(formSelector)) return;
    event.preventDefault();
    const button = (event as SubmitEvent).submitter as HTMLButtonElement | null;
    // URL-encoded like the form's own post (our forms carry no files): smaller than multipart, and the
    // same request the server sees without JavaScript.
    const body = new URLSearchParams();
    for (const [name, value] of new FormData(form, button)) if (typeof value === 'string') body.append(name, value);
    form.setAttribute('aria-busy', 'true');
    if (button) button.disabled = true;
    try {
      const response = await fetch(form.action || location.href, { method: 'POST', body, credentials: 'same-origin' });
      const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
      const incoming = doc.querySelector(regionSelector);
      const current = document.querySelector(regionSelector);
      if (!incoming && response.redirected) {
        // The server sent us somewhere else (a finished role-play's debrief): go there.
        location.assign(response.url);
        return;
      }
      if (!incoming || !current) throw new Error('no region');
      // Alerts (validation messages) live outside the region; carry them over too.
      document.querySelectorAll('[data-swap-alert]').forEach((n) => n.remove());
      doc.querySelectorAll('.alert[role="alert"]').forEach((alert) => {
        alert.setAttribute('data-swap-alert', '');
        current.before(alert);
      });
      current.replaceWith(incoming);
      if (response.redirected) history.replaceState(null, '', response.url);
      const focus =
        incoming.querySelector<HTMLElement>('[data-focus], h2[tabindex="-1"]') ??
        document.querySelector<HTMLElement>('[data-swap-alert]');
      focus?.setAttribute('tabindex', '-1');
      focus?.focus();
    } catch {
      // Anything unexpected: fall back to a normal form post.
      form.submit();
    } finally {
      form.removeAttribute('aria-busy');
      if (button) button.disabled = false;
    }
  });
}
