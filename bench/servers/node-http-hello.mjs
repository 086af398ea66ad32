// The smallest node:http server: the baseline the collector's HTTP ceiling is compared with.
// Plain JavaScript, run by plain node, so no loader or framework sits between it and node:http.
import http from "node:http";

const port = Number(process.argv[2]);
const host = process.argv[3] ?? "127.0.0.1";
const body = JSON.stringify({ ok: true });

const server = http.createServer((_request, response) => {
  response.writeHead(200, { "content-type": "application/json" });
  response.end(body);
});
server.listen(port, host);
process.on("SIGTERM", () => server.close(() => process.exit(0)));
