import type { Resource } from '../../../../src/protocol/http.js';

/** Crisis resources: names, how to reach them, what they are for. */
export function ResourceList({ resources }: { resources: Resource[] }) {
  return (
    <ul class="resources">
      {resources.map((r) => (
        <li key={r.name}>
          <strong>{r.name}</strong>: <span class="contact">{r.contact}</span>
          {r.description ? <span class="muted"> — {r.description}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** "Crisis help" one tap away: a disclosure that opens the list in place. */
export function CrisisHelp({ resources, open }: { resources: Resource[]; open?: boolean }) {
  return (
    <details class="crisis" open={open}>
      <summary>Crisis help now</summary>
      <p>If you might act on thoughts of harming yourself, or you are in danger, reach out now:</p>
      <ResourceList resources={resources} />
    </details>
  );
}
