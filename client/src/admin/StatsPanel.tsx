import { useEffect, useState } from 'preact/hooks';
import type { Stats } from '../../../src/protocol/http.js';
import { api } from '../shared/api.js';
import { Banner } from '../shared/components/Banner.js';
import { explainError } from '../shared/errors.js';
import { BarChart } from './BarChart.js';

const seconds = (ms: number | null) => (ms === null ? '–' : ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 60_000).toFixed(1)} min`);
const bucketLabel = (le: number | null, prev: number | null) => (le === null ? `≥ ${prev! >= 60 ? `${prev! / 60} min` : `${prev} s`}` : le >= 60 ? `< ${le / 60} min` : `< ${le} s`);

/** Hourly counts summed per local day, for windows longer than two days. */
function perDay(hoursList: Stats['chatsPerHour']) {
  const days = new Map<string, number>();
  for (const h of hoursList) {
    const day = new Date(h.hour).toLocaleDateString([], { month: 'short', day: 'numeric' });
    days.set(day, (days.get(day) ?? 0) + h.count);
  }
  return [...days].map(([label, value]) => ({ label, value }));
}

/** GET /stats as numbers and charts: waiting times, chats per hour, ratings, flags. */
export function StatsPanel() {
  const [hours, setHours] = useState(24);
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<Stats>(`/stats?hours=${hours}`)
      .then((s) => {
        setStats(s);
        setError(null);
      })
      .catch((err: unknown) => setError(explainError(err)));
  }, [hours]);
  return (
    <section aria-labelledby="stats-title">
      <h2 id="stats-title" tabIndex={-1}>
        Statistics
      </h2>
      <label for="stats-window">Window</label>
      <select id="stats-window" value={hours} onChange={(e) => setHours(Number((e.target as HTMLSelectElement).value))}>
        <option value={24}>Last 24 hours</option>
        <option value={168}>Last 7 days</option>
        <option value={720}>Last 30 days</option>
      </select>
      {error ? <Banner tone="error">{error}</Banner> : null}
      {stats ? (
        <>
          <dl class="stats-line">
            <div>
              <dt>Chats requested</dt>
              <dd>{stats.sessions.requested}</dd>
            </div>
            <div>
              <dt>Matched</dt>
              <dd>{stats.sessions.matched}</dd>
            </div>
            <div>
              <dt>Median wait</dt>
              <dd>{seconds(stats.waitMs.p50)}</dd>
            </div>
            <div>
              <dt>90th percentile wait</dt>
              <dd>{seconds(stats.waitMs.p90)}</dd>
            </div>
            <div>
              <dt>Median chat length</dt>
              <dd>{seconds(stats.durationMs.p50)}</dd>
            </div>
            <div>
              <dt>Average rating</dt>
              <dd>{stats.ratings.average === null ? '–' : `${stats.ratings.average.toFixed(1)} of 5 (${stats.ratings.count})`}</dd>
            </div>
            <div>
              <dt>Flags (open / high)</dt>
              <dd>
                {stats.flags.total} ({stats.flags.open} / {stats.flags.high})
              </dd>
            </div>
          </dl>
          <div class="grid2">
            <BarChart
              title="Waiting time"
              unit="chats"
              bars={stats.waitBuckets.map((b, i) => ({ label: bucketLabel(b.le, stats.waitBuckets[i - 1]?.le ?? null), value: b.count }))}
            />
            <BarChart
              title={hours > 48 ? 'Chats per day' : 'Chats per hour'}
              unit="requests"
              bars={hours > 48 ? perDay(stats.chatsPerHour) : stats.chatsPerHour.map((h) => ({ label: new Date(h.hour).toLocaleTimeString([], { hour: '2-digit' }), value: h.count }))}
            />
            <BarChart title="Ratings" unit="chats" bars={stats.ratings.distribution.map((n, i) => ({ label: `${i + 1}`, value: n }))} />
          </div>
        </>
      ) : error ? null : (
        <p role="status">Loading…</p>
      )}
    </section>
  );
}
