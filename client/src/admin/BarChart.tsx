/** A small accessible bar chart in SVG (no library): a title, bars with values, and the data as a table. */
export function BarChart({ title, bars, unit }: { title: string; bars: { label: string; value: number }[]; unit: string }) {
  const W = 560;
  const H = 180;
  const pad = { l: 36, b: 36, t: 12, r: 8 };
  const max = Math.max(1, ...bars.map((b) => b.value));
  const slot = (W - pad.l - pad.r) / Math.max(1, bars.length);
  const y = (v: number) => pad.t + (H - pad.t - pad.b) * (1 - v / max);
  const every = Math.ceil(bars.length / 12);
  const id = title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return (
    <figure class="panel">
      <figcaption id={`${id}-cap`}>
        <strong>{title}</strong>
      </figcaption>
      <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-cap`}>
        <line x1={pad.l} x2={W - pad.r} y1={H - pad.b} y2={H - pad.b} />
        <text x={pad.l - 4} y={pad.t + 8} text-anchor="end">
          {max}
        </text>
        <text x={pad.l - 4} y={H - pad.b} text-anchor="end">
          0
        </text>
        {bars.map((b, i) => (
          <g key={i}>
            <rect class="bar" x={pad.l + i * slot + slot * 0.15} width={slot * 0.7} y={y(b.value)} height={H - pad.b - y(b.value)} />
            {i % every === 0 ? (
              <text x={pad.l + i * slot + slot / 2} y={H - pad.b + 14} text-anchor="middle">
                {b.label}
              </text>
            ) : null}
          </g>
        ))}
      </svg>
      <details>
        <summary>Show the numbers</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{title}</th>
              <th scope="col">{unit}</th>
            </tr>
          </thead>
          <tbody>
            {bars.map((b, i) => (
              <tr key={i}>
                <td>{b.label}</td>
                <td>{b.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
