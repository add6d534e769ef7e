// Keyboard-only driving for browser tests: what has focus, whether that focus can be seen, and
// tabbing until a wanted control is reached. Reading the page is fine; nothing here clicks.
import type { Page } from 'playwright-core';

export interface Focused {
  tag: string;
  type: string;
  name: string;
  text: string;
  classes: string;
  /** The question (fieldset) the control belongs to, if any. */
  group: string;
  /** Position of this control among the selects of its fieldset (ordering questions). */
  selectIndex: number;
  /** An outline or box-shadow that makes the focus visible. */
  visible: boolean;
  /** A short description for failure messages. */
  label: string;
}

/** The element that has focus now, and whether its focus indicator is visible. */
export function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body)
      return {
        tag: 'body',
        type: '',
        name: '',
        text: '',
        classes: '',
        group: '',
        selectIndex: -1,
        visible: false,
        label: 'body',
      };
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
    const fieldset = el.closest('fieldset');
    const selects = fieldset ? [...fieldset.querySelectorAll('select')] : [];
    const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 60);
    const name = el.getAttribute('name') ?? '';
    return {
      tag: el.tagName.toLowerCase(),
      type: el.getAttribute('type') ?? '',
      name,
      text,
      classes: el.className,
      group: fieldset?.id ?? '',
      selectIndex: selects.indexOf(el as HTMLSelectElement),
      visible: outline || shadow,
      label: `<${el.tagName.toLowerCase()}${name ? ` name="${name}"` : ''}${el.id ? ` id="${el.id}"` : ''}> ${text}`,
    };
  });
}

/**
 * Presses Tab until `wanted` matches the focused element, checking on the way that every stop shows
 * its focus. Throws, naming the stops, when `max` presses do not get there.
 */
export async function tabTo(page: Page, wanted: (f: Focused) => boolean, invisible: string[], max = 60): Promise<Focused> {
  const stops: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (!f.visible && f.tag !== 'body') invisible.push(f.label);
    if (wanted(f)) return f;
    stops.push(f.label);
  }
  throw new Error(`Tab did not reach the wanted control. Stops:\n${stops.join('\n')}`);
}

/** Tabs through the first `stops` controls of the page and returns those whose focus cannot be seen. */
export async function invisibleFocusStops(page: Page, stops: number): Promise<string[]> {
  const invisible: string[] = [];
  for (let i = 0; i < stops; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f.tag === 'body') break; // past the last control
    if (!f.visible) invisible.push(f.label);
  }
  return invisible;
}
