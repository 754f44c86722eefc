/**
 * Child process of the recorder crash test: records synthetic ES trades into the journal in DIR,
 * flushing every 50 and printing `flushed N` once N records are durable; after 500 it appends a
 * torn half record (as a write cut short by a crash would leave) and waits to be killed.
 */
import { appendFileSync } from 'node:fs';
import { Recorder } from '../../src/data/recorder/index.js';
import { syntheticTrade } from './recorder-data.js';

const dir = process.argv[2];
const recorder = new Recorder(dir, { maxBuffered: 1_000 });
for (let i = 0; i < 500; i++) {
  recorder.record(syntheticTrade(i));
  if ((i + 1) % 50 === 0) process.stdout.write(`flushed ${recorder.flush()}\n`);
}
for (let i = 500; i < 530; i++) recorder.record(syntheticTrade(i)); // buffered, never flushed
appendFileSync(recorder.file, '{"kind":"trade","instrumentId":"ESH4.CME","pri');
process.stdout.write('torn\n');
setInterval(() => {}, 1_000);
