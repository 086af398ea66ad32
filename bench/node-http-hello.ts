import { fileURLToPath } from "node:url";
import { freePort } from "./free-port.js";
import { type ServerProcess, startServerProcess } from "./server-process.js";

const SCRIPT = fileURLToPath(new URL("./servers/node-http-hello.mjs", import.meta.url));

/** Starts the plain node:http baseline in its own process on a free loopback port. */
export async function startNodeHttpHello(): Promise<ServerProcess> {
  const port = await freePort();
  return startServerProcess({
    nodeArgs: [SCRIPT, String(port)],
    url: `http://127.0.0.1:${port}`,
    readyPath: "/",
  });
}
