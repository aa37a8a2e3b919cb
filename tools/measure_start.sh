#!/usr/bin/env bash
# Callside side by side with a bare eframe window (examples/bare_window.rs: the same eframe build
# and window options, an empty panel), under Xvfb, each started RUNS times (default 5), medians:
#   first paint  ms from launch (this script's clock, before exec) to the end of the first frame,
#                as each binary prints it with CALLSIDE_TRACE_FIRST_PAINT set; also ms after main,
#                and the CPU ms all threads used by then (steadier than wall time on a busy machine);
#                for callside also the ms its UI thread waited for the preload thread (library and
#                database) and the ms App::from_creation took (wait_ms, create_ms)
#   memory       VmRSS and VmHWM (peak) from /proc/PID/status, 3 s after launch
#   idle CPU     clock ticks (utime+stime, all threads, /proc/PID/stat) over IDLE_SECS (20) with
#                the window focused, then as long unfocused (focus given to the root window)
#   binary size  bytes of each executable
# Target: Callside within 1.2x of bare on first paint and memory, 0 ticks idle.
#
# usage: tools/measure_start.sh [RUNS]     (from the project root or anywhere)
# env:   CARGO_TARGET_DIR (where the release builds are; default target), IDLE_SECS (20),
#        NO_BUILD=1 (use the binaries as they are), ARGS (extra arguments for callside)
# Needs Xvfb, xdotool and xwininfo (apt-get install xvfb xdotool x11-utils) and an OpenGL driver
# (libgl1-mesa-dri; software rendering is forced, as in CI).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
idle=${IDLE_SECS:-20}
target=${CARGO_TARGET_DIR:-target}
callside=$target/release/callside
bare=$target/release/examples/bare_window
if [ -z "${NO_BUILD:-}" ]; then
  cargo build --release --quiet --bin callside --example bare_window
fi
for tool in Xvfb xdotool xwininfo; do
  command -v "$tool" >/dev/null || { echo "measure_start: $tool is missing" >&2; exit 2; }
done

display=":$((90 + RANDOM % 400))"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
scratch=$(mktemp -d)
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT
sleep 1
export DISPLAY=$display LIBGL_ALWAYS_SOFTWARE=1
unset WAYLAND_DISPLAY
root=$(xwininfo -root | awk '/Window id:/ {print $4}')

ms_now() { date +%s%3N; }
ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }
kib() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }
median() { sort -n | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

# One start of binary $2 (named $1): prints
# "name paint_ms main_ms rss_kib hwm_kib focused unfocused cpu_ms wait_ms create_ms".
measure() {
  local name=$1 bin=$2 home log t0 line epoch main_ms cpu_ms waits paint rss hwm win a b focused unfocused
  home=$(mktemp -d "$scratch/home.XXXX")
  log=$home/log
  t0=$(ms_now)
  # shellcheck disable=SC2086
  HOME=$home XDG_DATA_HOME=$home/share XDG_CONFIG_HOME=$home/config CALLSIDE_HOME=$home/data \
    CALLSIDE_TRACE_FIRST_PAINT=1 "$bin" ${3:-} >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 200); do
    grep -q '^first paint:' "$log" && break
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; echo "measure_start: $name exited" >&2; exit 1; }
    sleep 0.05
  done
  line=$(grep '^first paint:' "$log" | head -n 1)
  [ -n "$line" ] || { echo "measure_start: $name never printed its first paint" >&2; exit 1; }
  epoch=$(sed 's/.*epoch_ms=\([0-9]*\).*/\1/' <<<"$line")
  cpu_ms=$(sed 's/.*cpu_ms=\([0-9.]*\).*/\1/' <<<"$line")
  main_ms=$(sed 's/^first paint: \([0-9.]*\) ms.*/\1/' <<<"$line")
  waits=$(sed -n 's/.*preload_wait_ms=\([0-9.]*\); app_create_ms=\([0-9.]*\).*/\1 \2/p' <<<"$line")
  paint=$((epoch - t0))
  sleep "$(awk -v t0="$t0" -v now="$(ms_now)" 'BEGIN {s = 3 - (now - t0) / 1000; print (s > 0 ? s : 0)}')"
  rss=$(kib "$pid" VmRSS)
  hwm=$(kib "$pid" VmHWM)
  win=$(timeout 5 xdotool search --sync --onlyvisible --pid "$pid" 2>/dev/null | head -n 1 || true)
  [ -n "$win" ] && xdotool windowfocus --sync "$win" 2>/dev/null || true
  sleep 1
  a=$(ticks "$pid"); sleep "$idle"; b=$(ticks "$pid")
  focused=$((b - a))
  xdotool windowfocus --sync "$root" 2>/dev/null || true
  sleep 1
  a=$(ticks "$pid"); sleep "$idle"; b=$(ticks "$pid")
  unfocused=$((b - a))
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pid=""
  echo "$name $paint $main_ms $rss $hwm $focused $unfocused $cpu_ms ${waits:-- -}"
}

results=$scratch/results
printf '%-9s %4s %9s %9s %9s %9s %8s %10s %7s %7s %9s\n' binary run paint_ms main_ms rss_kib hwm_kib focused unfocused \
  cpu_ms wait_ms create_ms
for run in $(seq 1 "$runs"); do
  # Alternate which goes first, so a busy moment on the machine hits both alike.
  if [ $((run % 2)) -eq 1 ]; then order="callside bare"; else order="bare callside"; fi
  for name in $order; do
    if [ "$name" = callside ]; then r=$(measure callside "$callside" "${ARGS:-}"); else r=$(measure bare "$bare"); fi
    echo "$r" >>"$results"
    set -- $r
    printf '%-9s %4s %9s %9s %9s %9s %8s %10s %7s %7s %9s\n' "$1" "$run" "$2" "$3" "$4" "$5" "$6" "$7" "$8" "$9" "${10}"
  done
done

echo
echo "medians of $runs runs (idle: clock ticks over ${idle} s; memory in MiB)"
printf '%-9s %9s %9s %9s %9s %8s %10s %7s %12s\n' binary paint_ms main_ms rss_mib hwm_mib focused unfocused cpu_ms size_bytes
declare -A med
for name in callside bare; do
  for col in 2 3 4 5 6 7 8; do
    med[$name.$col]=$(awk -v n="$name" -v c="$col" '$1 == n {print $c}' "$results" | median)
  done
  if [ "$name" = callside ]; then size=$(stat -c %s "$callside"); else size=$(stat -c %s "$bare"); fi
  med[$name.size]=$size
  printf '%-9s %9s %9s %9.1f %9.1f %8s %10s %7s %12s\n' "$name" "${med[$name.2]}" "${med[$name.3]}" \
    "$(awk -v k="${med[$name.4]}" 'BEGIN {print k / 1024}')" "$(awk -v k="${med[$name.5]}" 'BEGIN {print k / 1024}')" \
    "${med[$name.6]}" "${med[$name.7]}" "${med[$name.8]}" "$size"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}'; }
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "callside / bare: first paint $(ratio "${med[callside.2]}" "${med[bare.2]}")x" \
  "(CPU to first paint $(ratio "${med[callside.8]}" "${med[bare.8]}")x)," \
  "RSS $(ratio "${med[callside.4]}" "${med[bare.4]}")x, peak $(ratio "${med[callside.5]}" "${med[bare.5]}")x," \
  "binary $(ratio "${med[callside.size]}" "${med[bare.size]}")x (target: first paint and memory <= 1.2x," \
  "0 ticks idle)"
echo "callside's UI thread before the first frame (medians): waited $(awk '$1 == "callside" {print $9}' "$results" | median) ms" \
  "for the preload thread, App::from_creation took $(awk '$1 == "callside" {print $10}' "$results" | median) ms"
