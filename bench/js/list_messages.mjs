// Lists every message of a conversation with Wix's own JS SDK, once per "go" line on stdin,
// and prints {"messages": n, "cpu_seconds": s} per listing (bench/bench_speed.py times it from
// Python; cpu_seconds is this Node process's CPU time for the listing).
//
// Usage: node list_messages.mjs HOST:PORT CONVERSATION_ID
//
// The SDK always builds https://<apiBaseUrl>/... URLs; createClient's `host.apiBaseUrl` points
// it at the local server and its `fetch` option swaps the scheme to plain http. Everything else
// (request building, the response's key and timestamp transforms) is the SDK's own code path.
import { createClient, ApiKeyStrategy } from "@wix/sdk";
import * as messages from "@wix/auto_sdk_inbox_messages";
import { createInterface } from "node:readline";

const [hostPort, conversationId] = process.argv.slice(2);
const httpFetch = (url, init) => fetch(String(url).replace(/^https:/, "http:"), init);

const client = createClient({
  modules: { messages },
  auth: ApiKeyStrategy({
    apiKey: "bench-api-key",
    siteId: "6fd2b962-dd8f-382f-8d27-ae63f188c939",
  }),
  host: { apiBaseUrl: hostPort },
  fetch: httpFetch,
});

async function listAll() {
  let count = 0;
  let cursor;
  for (;;) {
    const page = await client.messages.listMessages(conversationId, "BUSINESS", {
      paging: cursor ? { limit: 100, cursor } : { limit: 100 },
      sorting: { order: "DESC" },
    });
    count += page.messages.length;
    cursor = page.pagingMetadata?.cursors?.next;
    if (!cursor) return count;
  }
}

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line.trim() !== "go") continue;
  const before = process.cpuUsage();
  const messagesSeen = await listAll();
  const used = process.cpuUsage(before);
  const cpuSeconds = (used.user + used.system) / 1e6;
  process.stdout.write(JSON.stringify({ messages: messagesSeen, cpu_seconds: cpuSeconds }) + "\n");
}
