/** Size of the generated file the download measurement streams: 200 MiB. */
export const LARGE_FILE_BYTES = 200 * 1024 * 1024;

/**
 * The download token of that file. Shaped like the API's own tokens (50 characters of `[A-Za-z0-9]`), so the
 * client's checks treat it like any download URL.
 */
export const LARGE_FILE_TOKEN = `benchLargeFile${'0'.repeat(36)}`;

/** Size of a second generated file, four times larger: memory that does not grow with it was not buffering. */
export const HUGE_FILE_BYTES = 4 * LARGE_FILE_BYTES;

/** The download token of that file. */
export const HUGE_FILE_TOKEN = `benchHugeFile${'0'.repeat(37)}`;

/** Seed of the emulator in every bench and soak run, so a run can be replayed. */
export const BENCH_SEED = 'nestjs-id-scan-bench';
