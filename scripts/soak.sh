#!/usr/bin/env bash
# Soak test: SESSIONS `recall study` sessions and the maintenance commands (export-progress,
# import-progress, stats, optimize, log, plan, import-revlog), each in a loop of its own, on
# one profile for SECONDS seconds. Then prints how many sessions ran, how many answers they
# acknowledged (a later question, or the summary, shown after them), how many of those are
# missing from the log, how many answers were in hand when a session died, how many sessions
# died (non-zero exit, with their last error), how many cards' states differ from a replay of
# the log (an import of nothing), the maintenance runs that failed (on a busy database, or
# otherwise: optimize fails harmlessly while the log has too few usable reviews), and how
# often a session said it was waiting for the write lock.
#
# Usage: scripts/soak.sh [SESSIONS] [SECONDS] [RECALL]
#   SESSIONS defaults to 8, SECONDS to 180, RECALL to target/release/recall (built if absent).
# Exits 1 when an acknowledged answer was lost, a session died or a stored state differs from
# a replay of the log. Needs bash and awk; the counts come from `recall log --json`. Not run
# by `.ci/run`.
set -euo pipefail

sessions=${1:-8}
seconds=${2:-180}
root=$(cd "$(dirname "$0")/.." && pwd)
recall=${3:-$root/target/release/recall}
if [[ ! -x $recall ]]; then
    cargo build --release --locked --manifest-path "$root/Cargo.toml" >&2
fi
recall=$(realpath "$recall")

work=$(mktemp -d "${TMPDIR:-/tmp}/recall-soak.XXXXXX")
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true' EXIT
cd "$work"
export RECALL_DATA_DIR=$work/data RECALL_CONFIG=$work/no-config.toml NO_COLOR=1
unset RECALL_NOW

# A deck of 3,000 cards, and a history of a first session so that there is a log to move.
{
    printf '[deck]\ntitle = "Soak"\nid = "soak"\n'
    for ((i = 0; i < 3000; i++)); do
        printf '\n[[card]]\nid = "c%d"\nfront = "Soak question %d?"\nback = "a%d"\n' "$i" "$i" "$i"
    done
} > soak.toml
awk 'BEGIN { for (i = 0; i < 200; i++) printf "\n3\n" }' | "$recall" study --plain --mode flip --new 200 soak.toml > /dev/null
cp "$root/tests/data/anki-revlog-josh.csv" revlog.csv

end=$((SECONDS + seconds))
mkdir -p runs maint

# One session: answers up to 30 cards (Good or Again), then ends. Its output and exit code are
# kept for the count.
session_loop() {
    local s=$1 n=0
    while ((SECONDS < end)); do
        n=$((n + 1))
        local out=runs/$s-$n
        awk 'BEGIN { srand(); for (i = 0; i < 30; i++) printf "\n%d\n", (rand() < 0.2) ? 1 : 3 }' |
            "$recall" study --plain --mode flip --new 100000 --limit 30 soak.toml \
                > "$out.out" 2> "$out.err" && echo 0 > "$out.rc" || echo $? > "$out.rc"
    done
}

maint_loop() {
    local name=$1
    shift
    local n=0
    while ((SECONDS < end)); do
        n=$((n + 1))
        if ! "$recall" "$@" > /dev/null 2> "maint/$name-$n.err"; then
            echo "$name" >> maint/failed
        else
            rm -f "maint/$name-$n.err"
        fi
        echo "$name" >> maint/runs
    done
}

"$recall" export-progress export.jsonl > /dev/null
for ((s = 0; s < sessions; s++)); do session_loop "$s" & done
maint_loop export-progress export-progress export.jsonl &
maint_loop import-progress import-progress export.jsonl &
maint_loop stats stats soak.toml &
maint_loop optimize optimize &
maint_loop log log --limit 50 &
maint_loop plan plan soak.toml --exam "$(date -u -d '+30 days' +%F)" &
maint_loop import-revlog import-revlog revlog.csv &
wait

runs=0 died=0 early=0 acknowledged=0 in_hand=0
for rc in runs/*.rc; do
    base=${rc%.rc}
    runs=$((runs + 1))
    questions=$(grep -c '^Q: ' "$base.out" || true)
    if [[ $(cat "$rc") == 0 ]]; then
        studied=$(sed -n 's/^Studied \([0-9]*\) card.*/\1/p' "$base.out" | tail -n 1)
        acknowledged=$((acknowledged + ${studied:-0}))
    else
        died=$((died + 1))
        ((questions == 0)) && early=$((early + 1))
        # The answer to the last question shown was given (all input is written at once).
        ((questions > 0)) && in_hand=$((in_hand + 1))
        # Every question after the first was shown once the answer before it was saved.
        ((questions > 1)) && acknowledged=$((acknowledged + questions - 1))
        echo "died: $(basename "$base") (exit $(cat "$rc")): $(tail -n 1 "$base.err")"
    fi
done
logged=$("$recall" log --json | grep -c '"deck":"soak","card":"[^"]*","rating":[0-9],"mode":"study"' || true)
# The first session's 200 answers were made before the soak.
logged=$((logged - 200))
lost=$((acknowledged > logged ? acknowledged - logged : 0))
# A replay of the log (an import of nothing) must leave every stored state as it is.
: > empty.jsonl
drifted=$("$recall" import-progress empty.jsonl | sed -n 's/.*; \([0-9]*\) cards rescheduled/\1/p')
maint_runs=$(wc -l < maint/runs)
waits=$(cat runs/*.err 2>/dev/null | grep -c 'waiting for it' || true)
maint_failed=$( [[ -f maint/failed ]] && wc -l < maint/failed || echo 0)
maint_busy=$(cat maint/*.err 2>/dev/null | grep -c -e 'locked' -e 'busy' || true)
echo "files kept in $work"
echo "sessions: $runs (of $sessions at once, $seconds s)"
echo "answers acknowledged: $acknowledged; in the log: $logged; lost: $lost"
echo "answers in hand when a session died (not saved): $in_hand"
echo "sessions died: $died ($early before their first question)"
echo "cards whose stored state differs from a replay of the log: $drifted"
echo "maintenance runs: $maint_runs; failed: $maint_failed, of which on a busy database: $maint_busy"
echo "session waits for the write lock longer than 2 s: $waits"
if [[ -f maint/failed ]]; then
    sort maint/failed | uniq -c | sed 's/^/  failed: /'
    cat maint/*.err 2>/dev/null | sort | uniq -c | sort -rn | sed 's/^/  /' | head -n 5 || true
fi
((lost == 0 && died == 0 && drifted == 0))
