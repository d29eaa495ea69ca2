import { useEffect, useRef, useState } from 'preact/hooks';
import type { AuditPage } from '../../../src/protocol/http.js';
import { api } from '../shared/api.js';
import { Banner } from '../shared/components/Banner.js';
import { explainError } from '../shared/errors.js';
import { actionLabel, actorLabel, detailLines, targetLabel } from './audit-format.js';

const PAGE = 50;

/** The append-only audit log, newest first, a page at a time: who did what, to what, and how it went. */
export function AuditLog() {
  // The `before` cursor of each page seen, newest page first: "Newer" steps back along it.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  // The page on screen and its number: both change when its entries arrive, never before.
  const [page, setPage] = useState<(AuditPage & { number: number }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const paged = useRef(false);
  const before = cursors[cursors.length - 1];

  const latest = useRef(0);
  const load = () => {
    const asked = ++latest.current;
    const number = cursors.length;
    return api<AuditPage>(`/audit?limit=${PAGE}${before ? `&before=${before}` : ''}`)
      .then((r) => {
        // Only the last page asked for is shown (quick clicks can answer out of order).
        if (asked !== latest.current) return;
        setPage({ ...r, number });
        setError(null);
      })
      .catch((err: unknown) => setError(explainError(err)));
  };
  useEffect(() => void load(), [before]);
  // A paging button that can no longer be used would drop focus to the page: give it to the heading.
  useEffect(() => {
    const active = document.activeElement;
    if (paged.current && (active === document.body || (active instanceof HTMLButtonElement && active.disabled))) heading.current?.focus();
  }, [page]);

  const entries = page?.entries ?? null;
  const loading = page !== null && page.number !== cursors.length;
  const go = (next: (string | undefined)[]) => {
    paged.current = true;
    setCursors(next);
  };
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title" ref={heading} tabIndex={-1}>
        Audit log
      </h1>
      <div class="actions">
        <button type="button" class="secondary" onClick={() => (cursors.length === 1 ? void load() : setCursors([undefined]))}>
          Newest
        </button>
      </div>
      {error ? <Banner tone="error">{error}</Banner> : null}
      {entries === null ? (
        <p role="status">Loading…</p>
      ) : (
        <>
          <table>
            <caption class="sr-only">Staff actions, newest first, page {page!.number}</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>{new Date(e.at).toLocaleString()}</td>
                  <td>{actorLabel(e)}</td>
                  <td>{actionLabel(e.action)}</td>
                  <td>{targetLabel(e)}</td>
                  <td class="small">
                    {detailLines(e.detail).length ? (
                      <ul class="audit-detail">
                        {detailLines(e.detail).map((line) => (
                          <li key={line}>{line}</li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {entries.length === 0 ? <p class="muted">Nothing here yet.</p> : null}
          <nav class="actions pager" aria-label="Audit log pages">
            <button type="button" class="secondary" disabled={loading || cursors.length === 1} onClick={() => go(cursors.slice(0, -1))}>
              Newer
            </button>
            <span class="muted small" role="status">
              Page {page!.number}
            </span>
            <button type="button" class="secondary" disabled={loading || !page?.hasOlder} onClick={() => go([...cursors, entries[entries.length - 1]!.id])}>
              Older
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
