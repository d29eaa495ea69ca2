// A small load balancer for `npm run cluster`: HTTP and WebSocket upgrades to several Peerline
// nodes, sticky by client address (like nginx ip_hash in docker-compose.yml), skipping nodes that
// refuse connections. It overwrites X-Forwarded-For with the real client address.
// `targets` is read on every request and upgrade, so its owner may replace an entry while it runs (a
// node restarted on another port: the rolling restart of scripts/cluster.mjs); open connections stay.
import { createHash } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';

export function startLoadBalancer(targets, port, host = '127.0.0.1') {
  const pick = (address, attempt) => {
    const hash = createHash('sha1').update(address ?? '').digest().readUInt32BE(0);
    return targets[(hash + attempt) % targets.length];
  };
  const headersFor = (req) => ({ ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '' });

  const server = http.createServer((req, res) => {
    const forward = (attempt) => {
      const target = pick(req.socket.remoteAddress, attempt);
      const upstream = http.request({ host: target.host, port: target.port, method: req.method, path: req.url, headers: headersFor(req) }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      upstream.on('error', () => {
        if (attempt + 1 < targets.length && !res.headersSent) forward(attempt + 1);
        else if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' }).end('{"error":{"code":"UNAVAILABLE","message":"No node is answering"}}');
      });
      req.pipe(upstream);
    };
    forward(0);
  });

  server.on('upgrade', (req, client, head) => {
    const connect = (attempt) => {
      const target = pick(req.socket.remoteAddress, attempt);
      const upstream = net.connect(target.port, target.host, () => {
        const lines = [`${req.method} ${req.url} HTTP/1.1`, ...Object.entries(headersFor(req)).map(([k, v]) => `${k}: ${v}`), '', ''];
        upstream.write(lines.join('\r\n'));
        if (head?.length) upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on("error", () => (attempt + 1 < targets.length && upstream.readyState !== "open" ? connect(attempt + 1) : client.destroy()));
      client.on('error', () => upstream.destroy());
    };
    connect(0);
  });

  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}
