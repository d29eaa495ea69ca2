// The chart of round-trip latency against offered load (P2's sweeps), as a hand-written SVG.

const W = 720;
const H = 380;
const M = { left: 64, right: 170, top: 36, bottom: 48 };
const COLORS = { peerline: '#1f6feb', relay: '#d97706' };
const NAMES = { peerline: 'Peerline (2 nodes)', relay: 'bare Socket.IO relay (2 nodes)' };

/** `series`: {peerline: [{rate, p50, p99}], relay: [...]}; `knees`: {peerline, relay} msgs/s. */
export function latencyChart({ series, knees, title }) {
  const points = Object.values(series).flat();
  const maxRate = Math.max(...points.map((p) => p.rate)) * 1.05;
  const minMs = Math.max(0.05, Math.min(...points.map((p) => p.p50)) / 1.5);
  const maxMs = Math.max(...points.map((p) => p.p99)) * 1.5;
  const x = (rate) => M.left + (rate / maxRate) * (W - M.left - M.right);
  const y = (ms) => H - M.bottom - ((Math.log10(ms) - Math.log10(minMs)) / (Math.log10(maxMs) - Math.log10(minMs))) * (H - M.top - M.bottom);
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="11">`, `<rect width="${W}" height="${H}" fill="#fff"/>`, `<text x="${M.left}" y="20" font-size="13">${escape(title)}</text>`];
  for (let e = Math.floor(Math.log10(minMs)); e <= Math.ceil(Math.log10(maxMs)); e++) {
    for (const m of [1, 2, 5]) {
      const ms = m * 10 ** e;
      if (ms < minMs || ms > maxMs) continue;
      out.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${y(ms).toFixed(1)}" y2="${y(ms).toFixed(1)}" stroke="#eee"/>`, `<text x="${M.left - 6}" y="${(y(ms) + 4).toFixed(1)}" text-anchor="end">${ms}</text>`);
    }
  }
  const step = niceStep(maxRate);
  for (let r = 0; r <= maxRate; r += step) {
    out.push(`<line x1="${x(r).toFixed(1)}" x2="${x(r).toFixed(1)}" y1="${M.top}" y2="${H - M.bottom}" stroke="#f3f3f3"/>`, `<text x="${x(r).toFixed(1)}" y="${H - M.bottom + 16}" text-anchor="middle">${r}</text>`);
  }
  out.push(
    `<line x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}" stroke="#888"/>`,
    `<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${H - M.bottom}" stroke="#888"/>`,
    `<text x="${(M.left + W - M.right) / 2}" y="${H - 10}" text-anchor="middle">offered load, messages/s</text>`,
    `<text x="16" y="${(M.top + H - M.bottom) / 2}" transform="rotate(-90 16 ${(M.top + H - M.bottom) / 2})" text-anchor="middle">round trip, ms (log)</text>`,
  );
  let legendY = M.top + 4;
  let kneeLabelY = M.top + 10;
  for (const [name, steps] of Object.entries(series)) {
    const color = COLORS[name];
    for (const [q, dash] of [['p50', ''], ['p99', ' stroke-dasharray="6 4"']]) {
      const pts = steps.map((s) => `${x(s.rate).toFixed(1)},${y(s[q]).toFixed(1)}`).join(' ');
      out.push(`<polyline fill="none" stroke="${color}" stroke-width="2"${dash} points="${pts}"/>`);
      for (const s of steps) out.push(`<circle cx="${x(s.rate).toFixed(1)}" cy="${y(s[q]).toFixed(1)}" r="2.5" fill="${color}"/>`);
      out.push(`<line x1="${W - M.right + 12}" x2="${W - M.right + 36}" y1="${legendY}" y2="${legendY}" stroke="${color}" stroke-width="2"${dash}/>`, `<text x="${W - M.right + 42}" y="${legendY + 4}">${escape(`${NAMES[name].split(' (')[0]} ${q}`)}</text>`);
      legendY += 18;
    }
    if (Number.isFinite(knees?.[name])) {
      out.push(`<line x1="${x(knees[name]).toFixed(1)}" x2="${x(knees[name]).toFixed(1)}" y1="${M.top}" y2="${H - M.bottom}" stroke="${color}" stroke-dasharray="2 3"/>`);
      out.push(`<text x="${(x(knees[name]) + 3).toFixed(1)}" y="${kneeLabelY}" fill="${color}">knee ${Math.round(knees[name])}</text>`);
      kneeLabelY += 14;
    }
  }
  out.push(`<text x="${W - M.right + 12}" y="${legendY + 14}" fill="#555">dotted: capacity knee</text>`, `<text x="${W - M.right + 12}" y="${legendY + 30}" fill="#555">(p99 twice its best)</text>`);
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

const niceStep = (max) => [500, 1000, 2000, 2500, 5000, 10000].find((s) => max / s <= 8) ?? 20000;
const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
