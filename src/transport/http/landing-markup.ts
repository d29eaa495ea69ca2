import type { Catalog, Resource } from '../../protocol/http.js';
import { el, type Html } from './html.js';

/**
 * The seeker's landing as the web client first renders it (client/src/seeker/App.tsx with Landing.tsx
 * and shared/components/Resources.tsx), sent inside the page so a slow phone shows the text and
 * crisis lines, each a tappable tel:/sms:/https: link, before any script has run (SPEC P7, UX1). The
 * client hydrates this very markup, so it must stay node for node what the client renders:
 * test/browser/p7-landing.test.ts compares the two.
 */
export function landingMarkup(catalog: Catalog): string {
  return el('div', { class: 'seeker' }, topBar(), main(catalog), footer()).raw;
}

function topBar(): Html[] {
  return [
    el('a', { class: 'skip', href: '#main' }, 'Skip to content'),
    el(
      'header',
      { class: 'topbar' },
      el('span', { class: 'brand' }, 'Peerline'),
      el('span', { class: 'spacer' }),
      el('button', { type: 'button', id: 'crisis-toggle', class: 'secondary crisis-toggle', 'aria-expanded': 'false' }, 'Crisis help'),
      el('button', { type: 'button', class: 'quick-exit', 'aria-describedby': 'exit-hint' }, 'Quick exit'),
      el('span', { id: 'exit-hint', class: 'sr-only' }, 'Leaves this page at once and ends the chat. You can also press Shift three times.'),
    ),
  ];
}

function main({ topics, resources }: Catalog): Html {
  return el(
    'main',
    { id: 'main', class: 'narrow' },
    el('h1', {}, 'Talk to someone who has been there'),
    el(
      'form',
      { class: 'stack start', method: 'dialog' },
      topics.length
        ? [
            el('label', { for: 'topic' }, 'What would you like to talk about? (optional)'),
            el('select', { id: 'topic' }, el('option', { value: '' }, "Anything, or I'm not sure"), topics.map((t) => el('option', { value: t.id }, t.label))),
          ]
        : null,
      el('button', { type: 'submit', class: 'primary big' }, 'Talk to someone now'),
    ),
    el('section', { 'aria-labelledby': 'lines-here', class: 'lines-now' }, el('h2', { id: 'lines-here' }, 'If you need help right now'), resourceLinks(resources)),
    el(
      'p',
      { class: 'lead' },
      'Peerline connects you, in a minute or two, with a ',
      el('strong', {}, 'Certified Peer Specialist'),
      ': a trained person with their own lived experience of mental-health recovery. They are not a doctor and will not judge you.',
    ),
    el(
      'section',
      { 'aria-labelledby': 'how' },
      el('h2', { id: 'how' }, 'What happens'),
      el(
        'ol',
        {},
        el('li', {}, 'You get a random name, like “Quiet Heron”. No account, no email, no phone number.'),
        el('li', {}, 'You wait in line for the next free peer specialist; we show your place.'),
        el('li', {}, 'You chat. You can end it, ask for someone else, or leave instantly at any time.'),
      ),
      el('h2', {}, 'What is kept, and what is not'),
      el(
        'ul',
        {},
        el('li', {}, 'Nothing that identifies you: no name, no address, no cookie.'),
        el('li', {}, 'Your messages are deleted within minutes of the chat ending. Only a message someone reports is kept, for up to 30 days, for safety review.'),
        el('li', {}, 'We keep counts (how long you waited, how long the chat was, your rating) to run the service.'),
        el('li', {}, 'Contact details such as phone numbers and emails are removed from messages, both ways.'),
      ),
    ),
  );
}

/** A web address may break after its dots, as the client's `breakable` does. */
const breakable = (text: string): (string | Html)[] => text.split('.').flatMap((part, i, parts) => (i < parts.length - 1 ? [`${part}.`, el('wbr', {})] : [part]));

function resourceLinks(resources: Resource[]): Html {
  return el(
    'ul',
    { class: 'resources', role: 'list' },
    resources.map((r) => {
      const body = [el('span', { class: 'res-contact' }, breakable(r.contact)), el('span', { class: 'res-name' }, r.name), r.description ? el('span', { class: 'res-desc' }, r.description) : null];
      if (!r.href) return el('li', {}, el('span', { class: 'res-tile' }, body));
      const external = r.href.startsWith('https:') ? { target: '_blank', rel: 'noopener noreferrer' } : {};
      return el('li', {}, el('a', { class: 'res-tile', href: r.href, ...external }, body));
    }),
  );
}

function footer(): Html {
  return el('footer', { class: 'footer muted small' }, el('p', {}, 'Peerline is peer support, not emergency care. Press Shift three times to leave this page instantly.'));
}
