import { runConformanceCli } from './conformance.cli';

// Entry point of `npm run conformance`. Output is the report itself, so it goes to stdout, not through a logger;
// the emulator runs alone in this process, so its Nest logger can be silenced.
runConformanceCli({
  env: process.env,
  write: (line) => process.stdout.write(`${line}\n`),
  emulator: { logger: false },
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`Conformance run aborted: ${error instanceof Error ? error.name : typeof error}\n`);
    process.exitCode = 1;
  },
);
