// The Node.js reference subject of the benchmark: a hello in Node's own `http` module, no
// framework, answering GET / with the JSON body the twins' hello answers. The body is
// serialised on every request, as the Python apps do.
//
// Usage: node tools/bench/reference/hello.js PORT   (listens on 127.0.0.1; SIGTERM stops it)
"use strict";

const http = require("node:http");

const port = Number(process.argv[2] ?? process.env.PORT ?? 3000);

const server = http.createServer((request, response) => {
  if (request.method !== "GET" || request.url !== "/") {
    response.writeHead(404, { "Content-Type": "application/json" });
    response.end(JSON.stringify({ detail: "Not Found" }));
    return;
  }
  const body = JSON.stringify({ Hello: "World" });
  response.writeHead(200, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(body),
  });
  response.end(body);
});

server.listen(port, "127.0.0.1", () => {
  console.log(`node hello listening on http://127.0.0.1:${server.address().port}`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
