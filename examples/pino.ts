// Recipe: pino writing through the redact stream. Every line pino writes is
// masked before it reaches its destination, whichever field held the secret;
// a mask ends at its string's closing quote, so each line stays valid JSON.
// Run: node dist/examples/pino.js < objects.jsonl   (logs each JSON object read)
import { createInterface } from 'node:readline';
import { pino } from 'pino';
import { createRedactStream } from '../src/index.js';

// The redact stream is pino's destination; it passes each line on as soon as pino has written it.
const redact = createRedactStream();
redact.pipe(process.stdout);
const logger = pino({ base: undefined }, redact);

for await (const line of createInterface({ input: process.stdin })) {
  logger.info(JSON.parse(line) as object, 'received');
}
redact.end();
