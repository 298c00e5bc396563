import { beginTestLogs, installSuiteLogs } from './suite-logs';

// Jest runs this file (setupFilesAfterEnv) in every test file's module registry before the file itself: the
// code under test logs into the file's capture from its first line on, and each test's lines begin at its start.
installSuiteLogs();
beforeEach(beginTestLogs);
