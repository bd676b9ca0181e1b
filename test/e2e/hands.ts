import { expect } from 'chai';
import type { Page } from 'playwright-core';

/**
 * How a person works the console in a walk: with the keyboard alone (Tab to move, Enter and Space to act,
 * arrows in a list, typing in a field; the focus visible at each stop) or by pointing (a mouse or a finger).
 */
export interface Hands {
  /** Types `text` into the field labelled `label` (or with the id `#…`), replacing what it held. */
  fill(label: string, text: string): Promise<void>;
  /** Chooses the option with `value` in the list labelled `label`. */
  choose(label: string, value: string): Promise<void>;
  /** Ticks the box labelled `label`. */
  tick(label: string): Promise<void>;
  /** Follows the link, or presses the button, named `name`. */
  press(role: 'link' | 'button', name: string | RegExp): Promise<void>;
  /** Opens the file field inside `scope` and picks `file`. */
  upload(scope: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void>;
}

/** What the focused element is, read in the page: its id, its accessible name and whether its focus shows. */
const FOCUSED = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const label = el.labels && el.labels[0] ? el.labels[0].innerText : '';
  const name = (el.getAttribute('aria-label') || label || el.innerText || el.value || '').trim();
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const ring = style.boxShadow && style.boxShadow !== 'none';
  return { id: el.id, name, tag: el.tagName, visible: Boolean(outline || ring) };
})()`;

type Focused = { id: string; name: string; tag: string; visible: boolean } | null;

/** Presses Tab until `found` holds for the focused element; fails after a page's worth of stops. */
async function tabUntil(page: Page, found: (f: NonNullable<Focused>) => boolean, what: string) {
  for (let stop = 0; stop < 150; stop++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate<Focused>(FOCUSED);
    if (focused && found(focused)) {
      expect(focused.visible, `the focus on ${what} is visible`).to.equal(true);
      return;
    }
  }
  throw new Error(`Tab never reached ${what}`);
}

/** A field by its label, or by its id when `label` starts with `#` (two fields may share a label). */
const fieldOf = (page: Page, label: string) =>
  label.startsWith('#') ? page.locator(label) : page.getByLabel(label).first();
const idOf = (page: Page, label: string) => fieldOf(page, label).getAttribute('id');

/** The keyboard alone. */
export function keyboardHands(page: Page): Hands {
  const focusField = async (label: string) => {
    const id = await idOf(page, label);
    await tabUntil(page, (f) => f.id === id, label);
  };
  return {
    async fill(label, text) {
      await focusField(label);
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Delete');
      await page.keyboard.type(text);
    },
    async choose(label, value) {
      await focusField(label);
      const field = fieldOf(page, label);
      for (let i = 0; i < 30 && (await field.inputValue()) !== value; i++) {
        await page.keyboard.press('ArrowDown');
      }
      expect(await field.inputValue(), label).to.equal(value);
    },
    async tick(label) {
      await focusField(label);
      await page.keyboard.press('Space');
    },
    async press(role, name) {
      const matches = (text: string) => (typeof name === 'string' ? text === name : name.test(text));
      await tabUntil(
        page,
        (f) => matches(f.name) && (role === 'link' ? f.tag === 'A' : f.tag === 'BUTTON'),
        String(name),
      );
      // Links follow on Enter; buttons act on Space as well, and a person uses either.
      await page.keyboard.press(role === 'link' ? 'Enter' : 'Space');
    },
    async upload(scope, file) {
      const input = page.locator(`${scope} input[type=file]`);
      const id = await input.getAttribute('id');
      const chooser = page.waitForEvent('filechooser');
      await tabUntil(page, (f) => (id ? f.id === id : f.tag === 'INPUT'), `the file field of ${scope}`);
      await page.keyboard.press('Space');
      await (await chooser).setFiles(file);
    },
  };
}

/** A mouse or a finger. */
export function pointerHands(page: Page): Hands {
  return {
    fill: (label, text) => fieldOf(page, label).fill(text),
    choose: async (label, value) => {
      await fieldOf(page, label).selectOption(value);
    },
    tick: (label) => fieldOf(page, label).check(),
    press: (role, name) =>
      page
        .getByRole(role, { name, exact: typeof name === 'string' })
        .first()
        .click(),
    upload: (scope, file) => page.locator(`${scope} input[type=file]`).setInputFiles(file),
  };
}
