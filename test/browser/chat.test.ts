import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE } from '../../src/testing/browser.js';
import { checkPage, newPage, signInUi, skipBrowser, staffAccount, useWorld } from './fixture.js';
import { sendFrom, startShift } from './helpers.js';

/** The seeker's sessionStorage and cookies, read from the page. */
const storage = (page: Page) =>
  page.evaluate(`({ session: Object.keys(sessionStorage), local: Object.keys(localStorage), cookie: document.cookie })`) as Promise<{ session: string[]; local: string[]; cookie: string }>;

describe.skipIf(skipBrowser)('web client in Chromium: seeker and specialist', { timeout: 60_000 }, () => {
  const w = useWorld();

  it('anonymity (SPEC §1): the landing stores nothing, sets no cookie and calls nothing before "Talk to someone now"', async () => {
    const context = await w.browser.newContext({ ...PHONE, baseURL: w.base });
    w.contexts.push(context);
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await page.goto('/');
    await page.getByRole('button', { name: 'Talk to someone now' }).waitFor();
    expect(requests.every((p) => p === '/' || p.startsWith('/assets/'))).toBe(true);
    expect(await storage(page)).toEqual({ session: [], local: [], cookie: '' });
    expect(await context.cookies()).toEqual([]);
    await checkPage(page, 'seeker-landing-phone');
    // Topics and crisis resources come with the page itself.
    expect(await page.getByLabel(/What would you like to talk about/).locator('option').count()).toBeGreaterThan(1);
    await page.getByRole('button', { name: 'Crisis help' }).click();
    await page.getByText('Emergency services', { exact: false }).first().waitFor();
    await checkPage(page, 'seeker-landing-crisis-phone');
    // Dark mode follows the system, and keeps its contrast.
    await checkPage(await newPage(w, { ...PHONE, colorScheme: 'dark' }, '/'), 'seeker-landing-dark-phone');
    expect(requests.every((p) => p === '/' || p.startsWith('/assets/'))).toBe(true);
  });

  it('[CH4] a whole chat in two browsers, with a refresh mid-chat that resumes, then end and rating', async () => {
    const specialistName = await staffAccount(w);
    const spec = await newPage(w, DESKTOP, '/specialist');
    await checkPage(spec, 'specialist-login-desktop');
    await signInUi(spec, specialistName);
    await startShift(spec);

    const seeker = await newPage(w, PHONE, '/');
    await seeker.getByRole('button', { name: 'Talk to someone now' }).click();
    await seeker.getByRole('heading', { name: /Talking with/ }).waitFor();
    const alias = ((await seeker.getByText(/You are “/).textContent()) ?? '').replace(/^You are “|”$/g, '');
    expect(alias).toMatch(/^\w+ \w+$/);
    await spec.getByRole('tab', { name: new RegExp(alias) }).waitFor();

    await sendFrom(spec, 'Hi, I am here with you. What is on your mind?');
    await seeker.getByRole('region', { name: 'Conversation' }).getByText('What is on your mind?', { exact: false }).waitFor();
    // Typing shows on the other side; contact details are redacted, and shown as such.
    await seeker.getByRole('textbox', { name: /message/i }).fill('I have had');
    await spec.getByText(`${alias} is typing…`).waitFor();
    await sendFrom(seeker, 'I have had a really hard week');
    await spec.getByText('I have had a really hard week', { exact: true }).waitFor();
    await sendFrom(spec, 'You can also write to me at sam.helper@example.com');
    await seeker.getByText('Contact details were removed from this message.').waitFor();
    expect(await seeker.getByText('sam.helper@example.com').count()).toBe(0);
    await seeker.getByText('Delivered').first().waitFor();
    const { session } = await storage(seeker);
    expect(session).toEqual(['peerline.seeker']);
    expect(await seeker.context().cookies()).toEqual([]);
    await checkPage(seeker, 'seeker-chat-phone');
    await checkPage(spec, 'specialist-console-desktop');

    // A refresh mid-chat: the tab resumes the same chat with its history (sessionStorage only).
    await seeker.reload();
    await seeker.getByRole('heading', { name: /Talking with/ }).waitFor();
    await seeker.getByText('I have had a really hard week').waitFor();
    await seeker.getByText('What is on your mind?', { exact: false }).waitFor();
    await sendFrom(seeker, 'Sorry, my page reloaded');
    await spec.getByText('Sorry, my page reloaded', { exact: true }).waitFor();

    // The specialist refreshes too: chat:restore brings the tab and its messages back.
    await spec.reload();
    await spec.getByRole('tab', { name: new RegExp(alias) }).waitFor();
    await spec.getByText('Sorry, my page reloaded').waitFor();

    await seeker.getByRole('button', { name: 'End chat' }).click();
    await seeker.getByRole('button', { name: 'Yes, end the chat' }).click();
    await seeker.getByRole('heading', { name: 'The chat has ended' }).waitFor();
    await spec.getByText('The seeker ended the chat.').waitFor();
    await seeker.getByLabel('4 of 5').check();
    await seeker.getByRole('button', { name: 'Send rating' }).click();
    await seeker.getByText('Thank you for your feedback.').waitFor();
    // Alone again after a chat: the crisis lines are on the page, each a link.
    const after = seeker.getByRole('region', { name: 'If you need help right now' });
    expect(await after.getByRole('link').count()).toBeGreaterThan(2);
    await checkPage(seeker, 'seeker-ended-phone');
  });

  it('[CH6] "talk to someone else" re-queues the seeker and another specialist takes the chat', async () => {
    const [a, b] = [await staffAccount(w), await staffAccount(w)];
    const first = await newPage(w, DESKTOP, '/specialist');
    await signInUi(first, a);
    await startShift(first, 1);
    const seeker = await newPage(w, PHONE, '/');
    await seeker.getByRole('button', { name: 'Talk to someone now' }).click();
    await seeker.getByRole('heading', { name: new RegExp(`Talking with ${a}`) }).waitFor();
    const second = await newPage(w, DESKTOP, '/specialist');
    await signInUi(second, b);
    await startShift(second, 1);
    await seeker.getByRole('button', { name: 'Talk to someone else' }).click();
    await seeker.getByRole('heading', { name: new RegExp(`Talking with ${b}`) }).waitFor();
    await sendFrom(seeker, 'hello again');
    await second.getByText('hello again', { exact: true }).waitFor();
    await first.getByText(/ended|transfer/i).first().waitFor();
  });
  it('[MQ1] a specialist holds two chats as tabs, with unread counts and an opt-in title alert', async () => {
    const spec = await newPage(w, { ...DESKTOP, colorScheme: 'dark' }, '/specialist');
    await signInUi(spec, await staffAccount(w));
    await spec.getByLabel('Sound and title alert for a new chat').check();
    await startShift(spec, 2);
    const seekers = [await newPage(w, PHONE, '/'), await newPage(w, PHONE, '/')];
    for (const seeker of seekers) {
      await seeker.getByRole('button', { name: 'Talk to someone now' }).click();
      await seeker.getByRole('heading', { name: /Talking with/ }).waitFor();
    }
    await spec.getByText('On shift: 2 of 2 chats').waitFor();
    expect(await spec.getByRole('tab').count()).toBe(2);
    expect(await spec.title()).toMatch(/^\(2\) /);
    await sendFrom(seekers[1]!, 'hello from the second tab');
    await spec.getByRole('tab', { name: /1 unread/ }).waitFor();
    await spec.getByRole('tab', { name: /1 unread/ }).click();
    await spec.getByText('hello from the second tab', { exact: true }).waitFor();
    expect(await spec.getByRole('tab', { name: /unread/ }).count()).toBe(0);
    await checkPage(spec, 'specialist-two-chats-dark-desktop');
    // Arrow keys move between tabs (WAI-ARIA tabs); a click has moved focus to the chat's heading (UX4).
    await spec.getByRole('tab', { selected: true }).focus();
    await spec.keyboard.press('ArrowLeft');
    expect(await spec.getByRole('tab', { selected: true }).count()).toBe(1);
    expect(await spec.evaluate('document.activeElement.getAttribute("role")')).toBe('tab');
  });

  it('[CH1] a message typed the moment the match shows, before chat:request has answered, is delivered', async () => {
    const spec = await newPage(w, DESKTOP, '/specialist');
    await signInUi(spec, await staffAccount(w));
    await startShift(spec, 1);
    const seeker = await newPage(w, PHONE, '/');
    // Hold back the answers to the seeker's acknowledged events (Socket.IO ack packets, "43…")
    // while chat:matched goes through: the instant-match race, made certain.
    const held: Array<() => void> = [];
    let holding = true;
    await seeker.routeWebSocket(/\/socket\.io\//, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((m) => server.send(m));
      server.onMessage((m) => {
        if (holding && typeof m === 'string' && m.startsWith('43')) held.push(() => ws.send(m));
        else ws.send(m);
      });
    });
    await seeker.reload(); // the route hooks into pages loaded after it is set
    await seeker.getByRole('button', { name: 'Talk to someone now' }).click();
    await seeker.getByRole('heading', { name: /Talking with/ }).waitFor();
    expect(held.length).toBe(1);
    await sendFrom(seeker, 'sent before the answer came');
    await spec.getByText('sent before the answer came', { exact: true }).waitFor();
    holding = false;
    for (const release of held.splice(0)) release();
    // Its own answer (held too) arrives: the message shows as delivered, not failed.
    await seeker.getByText('Delivered').waitFor();
    expect(await seeker.getByText(/Not sent/).count()).toBe(0);
  });

  it('a seeker can do everything with the keyboard alone (WCAG 2.1.1), with a visible focus (2.4.7)', async () => {
    const spec = await newPage(w, DESKTOP, '/specialist');
    await signInUi(spec, await staffAccount(w));
    await startShift(spec, 1);
    const seeker = await newPage(w, PHONE, '/');
    const focusedOutline = () => seeker.evaluate('getComputedStyle(document.activeElement).outlineStyle');
    // Tab until the start button has focus; every stop shows a focus outline.
    for (let i = 0; i < 10; i++) {
      await seeker.keyboard.press('Tab');
      expect(await focusedOutline()).not.toBe('none');
      if ((await seeker.evaluate('document.activeElement.textContent')) === 'Talk to someone now') break;
    }
    await seeker.keyboard.press('Enter');
    await seeker.getByRole('heading', { name: /Talking with/ }).waitFor();
    await seeker.getByRole('textbox', { name: /message/i }).focus();
    await seeker.keyboard.type('typed without a mouse');
    await seeker.keyboard.press('Enter');
    await spec.getByText('typed without a mouse', { exact: true }).waitFor();
    await seeker.getByRole('button', { name: 'End chat' }).focus();
    await seeker.keyboard.press('Enter');
    await seeker.getByRole('button', { name: 'Yes, end the chat' }).focus();
    await seeker.keyboard.press('Enter');
    await seeker.getByRole('heading', { name: 'The chat has ended' }).waitFor();
  });
});
