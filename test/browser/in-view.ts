import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Screens to look at by eye, kept out of the repository. */
export const SHOTS = process.env.SHOTS_DIR ?? join(tmpdir(), 'shots');

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** The smallest target a thumb hits reliably (WCAG 2.5.5, Apple and Android guidance). */
export const THUMB_PX = 44;

/**
 * `target` lies wholly inside the viewport as it is now (nobody scrolls), and nothing covers its
 * middle (a sticky header, a dialog): the element there is the target or inside it.
 */
export async function expectWhollyInView(page: Page, target: Locator, what: string): Promise<{ x: number; y: number; width: number; height: number }> {
  const view = page.viewportSize()!;
  const box = await target.boundingBox();
  expect(box, `${what} is on the page`).not.toBeNull();
  const { x, y, width, height } = box!;
  expect({ what, left: x >= 0, top: y >= 0, right: x + width <= view.width + 0.5, bottom: y + height <= view.height + 0.5 }).toEqual({ what, left: true, top: true, right: true, bottom: true });
  await target.evaluate((el, mark) => el.setAttribute('data-in-view', mark), what);
  const hit = await page.evaluate(`(() => {
    const at = document.elementFromPoint(${x + width / 2}, ${y + height / 2});
    return !!at && !!at.closest('[data-in-view]') && at.closest('[data-in-view]').getAttribute('data-in-view') === ${JSON.stringify(what)};
  })()`);
  await target.evaluate((el) => el.removeAttribute('data-in-view'));
  expect(hit, `${what} is not covered`).toBe(true);
  return box!;
}

/**
 * UX1: every crisis line in `panel` is a link that calls, texts or opens a page, at least a thumb
 * tall, wholly in view; there are `count` of them. Returns their hrefs.
 */
export async function expectCrisisLinksInView(page: Page, panel: Locator, count: number, where: string): Promise<string[]> {
  await panel.waitFor();
  expect(await panel.getByRole('listitem').count(), `${where}: lines`).toBe(count);
  const links = panel.getByRole('link');
  expect(await links.count(), `${where}: every line is a link`).toBe(count);
  const hrefs: string[] = [];
  for (let i = 0; i < count; i++) {
    const link = links.nth(i);
    const href = (await link.getAttribute('href')) ?? '';
    expect(href, `${where}: link ${i}`).toMatch(/^(tel:\+?[0-9]|sms:\+?[0-9]|https:\/\/)/);
    const box = await expectWhollyInView(page, link, `${where}: ${href}`);
    expect(box.height, `${where}: ${href} is thumb-sized`).toBeGreaterThanOrEqual(THUMB_PX);
    hrefs.push(href);
  }
  return hrefs;
}
