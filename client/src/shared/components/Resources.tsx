import type { Resource } from '../../../../src/protocol/http.js';

/** A web address may break after its dots ("findahelpline." / "com"), not in the middle of a word. */
const breakable = (text: string) => {
  const parts = text.split('.');
  return parts.flatMap((part, i) => (i < parts.length - 1 ? [`${part}.`, <wbr key={i} />] : [part]));
};

/**
 * Crisis lines as big tiles a thumb can hit (UX1): each is a link that calls, texts or opens the
 * page; the action ("Call 988") is the loudest part, then who answers, then what they are for.
 * A line without `href` (a custom catalog) keeps the same tile, as plain text.
 */
export function ResourceLinks({ resources }: { resources: Resource[] }) {
  return (
    <ul class="resources" role="list">
      {resources.map((r) => {
        const body = (
          <>
            <span class="res-contact">{breakable(r.contact)}</span>
            <span class="res-name">{r.name}</span>
            {r.description ? <span class="res-desc">{r.description}</span> : null}
          </>
        );
        return (
          <li key={`${r.name}|${r.contact}`}>
            {r.href ? (
              <a class="res-tile" href={r.href} {...(r.href.startsWith('https:') ? { target: '_blank', rel: 'noopener noreferrer' } : {})}>
                {body}
              </a>
            ) : (
              <span class="res-tile">{body}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** The crisis lines under a heading of their own, on a screen where the crisis panel is closed. */
export function LinesNow({ id, heading, resources }: { id: string; heading: string; resources: Resource[] }) {
  return (
    <section aria-labelledby={id} class="lines-now">
      <h2 id={id}>{heading}</h2>
      <ResourceLinks resources={resources} />
    </section>
  );
}
