import { useEffect, useRef, useState } from 'preact/hooks';
import type { ShiftInfo } from '../../../src/protocol/events.js';
import type { Topic } from '../../../src/protocol/http.js';

interface Props {
  shift: ShiftInfo | null;
  stats: { waiting: number; onShift: number } | null;
  topics: Topic[];
  myTopics: string[];
  alerts: boolean;
  onAlerts: (on: boolean) => void;
  onStart: (capacity: number, topics: string[]) => Promise<string | null>;
  onEnd: () => Promise<string | null>;
}

/** Shift on/off with capacity and topics, live queue numbers, and the new-chat alert (on unless turned off, UX5). */
export function ShiftPanel({ shift, stats, topics, myTopics, alerts, onAlerts, onStart, onEnd }: Props) {
  const [capacity, setCapacity] = useState(2);
  const [chosen, setChosen] = useState<string[]>(myTopics);
  const [error, setError] = useState<string | null>(null);
  const on = shift?.onShift ?? false;
  // UX4: starting or ending a shift swaps the button pressed for another screen: focus goes to the
  // panel's heading rather than falling to the page body.
  const was = useRef(on);
  useEffect(() => {
    if (was.current !== on && (document.activeElement === document.body || document.activeElement === null)) document.getElementById('shift-title')?.focus();
    was.current = on;
  }, [on]);
  return (
    <section class="panel" aria-labelledby="shift-title">
      <h2 id="shift-title" tabIndex={-1}>
        Your shift
      </h2>
      <p role="status">
        {on ? (
          <>
            On shift: <strong>{shift!.active}</strong> of {shift!.capacity} chats
          </>
        ) : shift && shift.active > 0 ? (
          `Shift ended: finishing ${shift.active} chat${shift.active === 1 ? '' : 's'}`
        ) : (
          'Not on shift'
        )}
      </p>
      {on ? (
        <button type="button" class="secondary" onClick={async () => setError(await onEnd())}>
          End shift
        </button>
      ) : (
        <form
          class="stack"
          onSubmit={async (e) => {
            e.preventDefault();
            setError(await onStart(capacity, chosen));
          }}
        >
          <label for="capacity">Chats at once</label>
          <select id="capacity" value={capacity} onChange={(e) => setCapacity(Number((e.target as HTMLSelectElement).value))}>
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
          {topics.length ? (
            <fieldset>
              <legend>Topics (none = any)</legend>
              {topics.map((t) => (
                <label key={t.id} class="choice">
                  <input
                    type="checkbox"
                    checked={chosen.includes(t.id)}
                    onChange={(e) => setChosen((c) => ((e.target as HTMLInputElement).checked ? [...c, t.id] : c.filter((x) => x !== t.id)))}
                  />
                  {t.label}
                </label>
              ))}
            </fieldset>
          ) : null}
          <button type="submit">Start shift</button>
        </form>
      )}
      {error ? <p class="error-text" role="alert">{error}</p> : null}
      <h2>Queue</h2>
      <p class="stats-line" aria-live="off">
        <span>
          Waiting: <strong>{stats?.waiting ?? '–'}</strong>
        </span>
        <span>
          On shift: <strong>{stats?.onShift ?? '–'}</strong>
        </span>
      </p>
      <label class="choice">
        <input type="checkbox" checked={alerts} onChange={(e) => onAlerts((e.target as HTMLInputElement).checked)} />
        Sound and title alert for a new chat
      </label>
    </section>
  );
}
