// Turns the measurements into latest.json's entries (SPEC §7's P1–P7 with value, baseline, ratio,
// goal and pass) and the table printed at the end of a run.
import { MIN_PAIRS } from './p1-pairs.mjs';
import { round } from './stats.mjs';

const ok = (x) => Number.isFinite(x);

export function entries({ chat, memory, burst, startup, moderation, landing }) {
  const out = {};
  if (chat) {
    const { p1, p2 } = chat;
    const p50 = { value: round(p1.p50.value, 3), baseline: round(p1.p50.baseline, 3), ratio: round(p1.p50.ratio, 3), goal: '≤ 1.5', pass: ok(p1.p50.ratio) && p1.p50.ratio <= 1.5 };
    const p99 = { value: round(p1.p99.value, 3), baseline: round(p1.p99.baseline, 3), ratio: round(p1.p99.ratio, 3), goal: '≤ 1.5', pass: ok(p1.p99.ratio) && p1.p99.ratio <= 1.5 };
    out.P1 = {
      measure: `message round trip (ms) at ${p1.rate} msgs/s, seeker and specialist on different nodes: p50 (p99 below)`,
      ...p50,
      goal: '≤ 1.5 (p50), ≤ 1.5 (p99)',
      pass: p50.pass && p99.pass,
      p50,
      p99,
      wsEcho: { p50: round(p1.echo.p50, 3), p99: round(p1.echo.p99, 3) },
      validRuns: `${p1.validRuns}/${p1.runs}`,
      // Pairs that count (lib/p1-pairs.mjs); with fewer than MIN_PAIRS there is no ratio and no pass.
      minValidRuns: MIN_PAIRS,
      // Each pair's p50 / p99 (ms), relay and Peerline, in the order they ran, and the share of the
      // CPU the host stole during each step.
      pairs: p1.pairs.map((r) => ({ relay: [round(r.relay.p50, 3), round(r.relay.p99, 3)], peerline: [round(r.peerline.p50, 3), round(r.peerline.p99, 3)], steal: [r.relay.steal, r.peerline.steal], valid: r.valid })),
    };
    out.P2 = {
      measure: 'capacity knee (messages/s at which the p99 round trip doubles)',
      value: round(p2.value, 0),
      baseline: round(p2.baseline, 0),
      ratio: round(p2.ratio),
      goal: '≥ 0.6',
      pass: ok(p2.ratio) && p2.ratio >= 0.6,
      validRuns: `${p2.validRuns}/${p2.runs}`,
    };
  }
  if (memory) {
    out.P3 = {
      measure: `RSS per idle connected seeker (KB) at ${memory.connections} connections, one node`,
      value: round(memory.value),
      baseline: round(memory.baseline),
      ratio: round(memory.ratio),
      goal: '≤ 1.2, and < 20 KB',
      pass: ok(memory.ratio) && memory.ratio <= 1.2 && memory.value < 20,
      validRuns: `${memory.validRuns}/${memory.runs}`,
    };
  }
  if (burst) {
    out.P4 = {
      measure: 'burst of 5,000 seekers on 250 specialists × 2: chat:request round trip p99 (ms)',
      value: round(burst.value, 1),
      baseline: round(burst.baseline, 1),
      ratio: round(burst.ratio),
      goal: '0 violations, ≥ 1000 matches/s, p99 ≤ 1.5',
      pass: burst.violations === 0 && burst.matchesPerSecond >= 1000 && ok(burst.ratio) && burst.ratio <= 1.5,
      matchesPerSecond: round(burst.matchesPerSecond, 0),
      violations: burst.violations,
      baselineParts: { bareAckP99: round(burst.components.bareAckP99, 1), evalshaP99: round(burst.components.evalshaP99, 2) },
      validRuns: `${burst.validRuns}/${burst.runs}`,
    };
  }
  if (startup) {
    out.P5 = {
      measure: '`npm start` to ready (s), embedded: cold (warm below)',
      value: round(startup.cold),
      baseline: null,
      ratio: round(startup.cold / 5),
      goal: '< 5 s cold, < 2 s warm',
      pass: startup.cold < 5 && startup.warm < 2,
      warm: { value: round(startup.warm), ratio: round(startup.warm / 2), goal: '< 2 s' },
    };
  }
  if (moderation) {
    out.P6 = {
      measure: 'built-in moderation hooks per message, median (µs)',
      value: round(moderation.median),
      baseline: round(moderation.baseMedian, 3),
      ratio: round(moderation.median / moderation.baseMedian, 1),
      goal: 'median ≤ 50 µs',
      pass: moderation.median <= 50,
      extraOverNoop: round(moderation.extra),
    };
  }
  if (landing) {
    const { throttled: slow, baseline: fast } = landing;
    const s = (ms) => round(ms / 1000, 2);
    const painted = { value: s(slow.painted), baseline: s(fast.painted), ratio: round(slow.painted / fast.painted), goal: '≤ 1.5 s', pass: slow.painted <= 1500 };
    const usable = { value: s(slow.usable), baseline: s(fast.usable), ratio: round(slow.usable / fast.usable), goal: '≤ 2.5 s', pass: slow.usable <= 2500 };
    out.P7 = {
      measure: `seeker landing on a slow phone (${landing.conditions.latencyMs} ms round trip, ${landing.conditions.kbitPerSecond} kbit/s, CPU ÷${landing.conditions.cpuSlowdown}), median of ${landing.runs} cold loads: text and crisis lines painted, s (usable below); baseline unthrottled`,
      ...painted,
      goal: 'painted ≤ 1.5 s, "Talk to someone now" usable ≤ 2.5 s',
      pass: painted.pass && usable.pass,
      painted,
      usable,
      kilobytes: round(slow.bytes / 1024, 1),
      // Slow-phone loads whose first paint came before the client script ran (the lines came with the page).
      paintedBeforeScript: `${slow.paintedBeforeScript}/${landing.runs}`,
      samples: { slow: slow.loads.map((l) => [s(l.painted), s(l.usable)]), unthrottled: fast.loads.map((l) => [s(l.painted), s(l.usable)]) },
    };
  }
  return out;
}

export function table(results) {
  const rows = [['', 'measure', 'Peerline', 'baseline', 'ratio', 'goal', 'result']];
  const f = (x) => (x === null || x === undefined ? '—' : String(x));
  const pass = (p) => (p ? 'PASS' : 'FAIL');
  for (const [id, r] of Object.entries(results)) {
    if (id === 'P1') {
      rows.push([id, `round trip p50 ms @ ${r.measure.match(/at (\d+)/)[1]}/s`, f(r.p50.value), f(r.p50.baseline), f(r.p50.ratio), r.p50.goal, pass(r.p50.pass)]);
      rows.push(['', 'round trip p99 ms', f(r.p99.value), f(r.p99.baseline), f(r.p99.ratio), r.p99.goal, pass(r.p99.pass)]);
      rows.push(['', 'raw ws echo (context)', `${r.wsEcho.p50} / ${r.wsEcho.p99}`, '', '', '', '']);
    } else if (id === 'P2') rows.push([id, 'capacity knee msgs/s', f(r.value), f(r.baseline), f(r.ratio), r.goal, pass(r.pass)]);
    else if (id === 'P3') rows.push([id, 'RSS per idle seeker KB', f(r.value), f(r.baseline), f(r.ratio), r.goal, pass(r.pass)]);
    else if (id === 'P4') {
      rows.push([id, 'burst: request p99 ms', f(r.value), `${r.baseline} (${r.baselineParts.bareAckP99}+${r.baselineParts.evalshaP99})`, f(r.ratio), '≤ 1.5', pass(r.ratio <= 1.5)]);
      rows.push(['', 'burst: matches/s, violations', `${r.matchesPerSecond}, ${r.violations}`, '', '', '≥ 1000, 0', pass(r.matchesPerSecond >= 1000 && r.violations === 0)]);
    } else if (id === 'P5') {
      rows.push([id, 'npm start → ready, cold s', f(r.value), '—', f(r.ratio), '< 5 s', pass(r.value < 5)]);
      rows.push(['', 'npm start → ready, warm s', f(r.warm.value), '—', f(r.warm.ratio), '< 2 s', pass(r.warm.value < 2)]);
    } else if (id === 'P6') rows.push([id, 'built-in hooks median µs', f(r.value), f(r.baseline), f(r.ratio), r.goal, pass(r.pass)]);
    else if (id === 'P7') {
      rows.push([id, `slow phone: lines painted s (${r.kilobytes} KB)`, f(r.painted.value), f(r.painted.baseline), f(r.painted.ratio), r.painted.goal, pass(r.painted.pass)]);
      rows.push(['', 'slow phone: "Talk" usable s', f(r.usable.value), f(r.usable.baseline), f(r.usable.ratio), r.usable.goal, pass(r.usable.pass)]);
    }
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row) => `| ${row.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}
