// Recipe: a winston format that masks the finished line (winston's MESSAGE,
// what every transport writes), whatever field held the secret. Put it last,
// after the format that writes the line (json, printf, simple...).
// Run: node dist/examples/winston.js < objects.jsonl   (logs each JSON object read)
import { createInterface } from 'node:readline';
import winston from 'winston';
import { textRedactor } from '../src/index.js';

/** triple-beam's MESSAGE: the line the formats have finished. */
const MESSAGE = Symbol.for('message');
const redact = textRedactor();
const redacted = winston.format((info) => {
  const line = info[MESSAGE];
  if (typeof line === 'string') info[MESSAGE] = redact(line);
  return info;
});

const logger = winston.createLogger({
  format: winston.format.combine(winston.format.json(), redacted()),
  transports: [new winston.transports.Console()],
});

for await (const line of createInterface({ input: process.stdin })) {
  logger.info('received', JSON.parse(line) as object);
}
