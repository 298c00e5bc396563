#!/usr/bin/env bash
# Runs `npm test` while one busy process per core keeps the machine loaded, as a shared CI runner or a laptop busy
# with other work would: the suite's time bounds must hold there too. The busy processes are started and stopped
# here (on every exit, and each also ends on its own after HOG_LIMIT_SECONDS, so none outlives a killed script).
# Exits with the suite's status and prints the wall time. Arguments go to Jest: `scripts/test-under-load.sh test/x`.
set -euo pipefail
cd "$(dirname "$0")/.."

cores=$(nproc)
limit=${HOG_LIMIT_SECONDS:-1800}
hogs=()
suite=""

stop_hogs() {
  if [ ${#hogs[@]} -gt 0 ]; then
    kill "${hogs[@]}" 2>/dev/null || true
    wait "${hogs[@]}" 2>/dev/null || true
    hogs=()
  fi
}
# Stopped early (INT, TERM): the suite is stopped too, then the busy processes, as on every exit.
stop_all() {
  if [ -n "$suite" ]; then
    kill -TERM -- "-$suite" 2>/dev/null || true
    wait "$suite" 2>/dev/null || true
  fi
  stop_hogs
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for _ in $(seq "$cores"); do
  # A subshell that spins until its own deadline: one process, no child to leave behind when it is killed.
  (
    end=$((SECONDS + limit))
    while [ "$SECONDS" -lt "$end" ]; do :; done
  ) &
  hogs+=("$!")
done
echo "test-under-load: ${cores} busy processes (pids ${hogs[*]}), each ending by itself after ${limit} s at the latest"

started=$SECONDS
status=0
# In the background with `wait`, so that a signal to this script is acted on at once rather than after the suite,
# and in a process group of its own (job control on), so that stopping it stops Jest and its workers as well.
set -m
npm test -- "$@" &
suite=$!
set +m
wait "$suite" || status=$?
suite=""
elapsed=$((SECONDS - started))
load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
stop_hogs

printf 'test-under-load: npm test exited %d after %dm %02ds of wall time (load average %s)\n' \
  "$status" $((elapsed / 60)) $((elapsed % 60)) "$load"
exit "$status"
