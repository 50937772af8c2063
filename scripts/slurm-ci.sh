#!/bin/bash
# scripts/slurm-ci.sh: a real single-node Slurm cluster (Debian 12 packages) on this machine, for the
# tests of docs/cluster.md's job files (test/cluster/slurm.test.ts). Adapted from
# ../shared/tools/slurm-ci-setup.sh; what differs: it remembers which daemons it started, `stop`
# stops only those (by PID, checked against the program name), and it exits 77 with the reason
# when Slurm cannot be installed here (not root, no apt-get), which the test reports as a skip.
#
#   slurm-ci.sh [start]   install if missing, configure, start munged/slurmctld/slurmd, wait until
#                         the node is idle (safe to run again: what runs is kept and not recorded)
#   slurm-ci.sh stop      cancel all jobs, then stop the daemons `start` started (PIDs recorded in
#                         /run/alpenglow-slurm-ci/started), in reverse order
#   slurm-ci.sh status    what runs (PIDs) and sinfo
#   slurm-ci.sh check     srun + sbatch --wait smoke test against the running cluster
#   slurm-ci.sh install   only install the Debian packages (.ci/run does this)
#
# Non-interactive, as root, idempotent. Needs only Debian's archive (apt-get) and 127.0.0.1.
# No systemd, no cgroups (proctrack/linuxproc, task/none): works in containers/VMs without them.
#
# Environment (all optional):
#   SLURM_CI_FAKE_GPUS=1      GPUs the node advertises as GRES gpu (File=/dev/null): scripts that ask
#                             for --gres=gpu:N are then accepted and scheduled; 0 = no GRES at all
#                             (sbatch --gres=gpu:1 is then refused: "Invalid generic resource").
#   SLURM_CI_CLEAN=1          start slurmctld with -c: no jobs/state from an earlier run come back
#   SLURM_CI_TIMEOUT=120      seconds to wait for the node to be idle (and for stop)
#   SLURM_CI_CRED_EXPIRE=30   AuthInfo cred_expire: also how long a requeued job waits (Slurm: 120)
set -euo pipefail

FAKE_GPUS=${SLURM_CI_FAKE_GPUS:-1}
CLEAN=${SLURM_CI_CLEAN:-1}
TIMEOUT=${SLURM_CI_TIMEOUT:-120}
CRED_EXPIRE=${SLURM_CI_CRED_EXPIRE:-30}

CONF_DIR=/etc/slurm
CONF=$CONF_DIR/slurm.conf
GRES_CONF=$CONF_DIR/gres.conf
CTLD_PID=/run/slurmctld.pid
SLURMD_PID=/run/slurmd.pid
MUNGE_PID=/run/munge/munged.pid
LOG_DIR=/var/log/slurm
PACKAGES=(slurmctld slurmd slurm-client munge)
STATE_DIR=/run/alpenglow-slurm-ci
STARTED=${SLURM_CI_STATE:-$STATE_DIR/started}   # "program pid pidfile" per daemon this script started

log() { printf 'slurm-ci: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
skip() { log "SKIP: $*"; exit 77; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}'; }

have_packages() {
  local p
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || return 1
  done
}
case "${1:-start}" in
  start|restart|install)
    [ "$(id -u)" = 0 ] || skip "Slurm's daemons need root (running as uid $(id -u))"
    command -v dpkg-query > /dev/null || skip "no dpkg: not a Debian/Ubuntu machine"
    have_packages || command -v apt-get > /dev/null || skip "Slurm is not installed and there is no apt-get to install it" ;;
  *) [ "$(id -u)" = 0 ] || die "run as root" ;;
esac

# Is PID a live (not zombie) process running program $2?
pid_is() { # $1 pid, $2 comm name
  local st
  [ -r "/proc/$1/comm" ] && [ "$(cat "/proc/$1/comm" 2>/dev/null)" = "$2" ] || return 1
  st=$(sed -E 's/^[0-9]+ \(.*\) ([A-Za-z]).*/\1/' "/proc/$1/stat" 2>/dev/null) || return 1
  [ "$st" != Z ] && [ "$st" != X ]
}

# PID from a PID file if that process is alive and is the expected program; empty otherwise.
alive_pid() { # $1 pidfile, $2 comm name
  local pid
  [ -s "$1" ] || return 0
  pid=$(tr -dc '0-9' < "$1")
  if [ -n "$pid" ] && pid_is "$pid" "$2"; then echo "$pid"; fi
  return 0
}

wait_pid() { # $1 pidfile, $2 comm name: the daemons write their PID file after forking
  local t=0 pid=""
  while [ -z "$pid" ] && [ $t -lt $((TIMEOUT * 10)) ]; do
    pid=$(alive_pid "$1" "$2"); [ -n "$pid" ] || { sleep 0.1; t=$((t + 1)); }
  done
  [ -n "$pid" ] || die "$2 did not start (no live PID in $1); see $LOG_DIR"
  echo "$pid"
}

stop_pid() { # $1 pidfile, $2 comm name
  local pid t=0
  pid=$(alive_pid "$1" "$2")
  if [ -z "$pid" ]; then rm -f "$1"; return 0; fi
  kill -TERM "$pid" 2>/dev/null || true
  while pid_is "$pid" "$2"; do
    sleep 0.2; t=$((t + 1))
    if [ $t -ge $((TIMEOUT * 5)) ]; then log "$2 ($pid) ignored SIGTERM; SIGKILL"; kill -KILL "$pid" 2>/dev/null || true; fi
  done
  rm -f "$1"
  log "stopped $2 (pid $pid)"
}

install_packages() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local t0; t0=$(now)
  log "installing ${missing[*]}"
  [ -n "$(command -v apt-get)" ] || skip "no apt-get to install ${missing[*]}"
  # Keep the packages' maintainer scripts from starting services (no systemd here anyway).
  local own_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d; own_policy=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends -o Dpkg::Options::=--force-confold "${missing[@]}" > /dev/null; }; then
    [ $own_policy = 1 ] && rm -f /usr/sbin/policy-rc.d
    skip "apt-get could not install ${missing[*]} (no network or no Debian archive?)"
  fi
  [ $own_policy = 1 ] && rm -f /usr/sbin/policy-rc.d
  log "installed in $(since "$t0") s"
}

write_if_changed() { # $1 path; content on stdin. Returns 0 when the file changed.
  local tmp; tmp=$(mktemp)
  cat > "$tmp"
  if [ -f "$1" ] && cmp -s "$tmp" "$1"; then rm -f "$tmp"; return 1; fi
  install -m 0644 "$tmp" "$1"; rm -f "$tmp"; return 0
}

configure() {
  NODE=$(hostname -s)
  # slurmd finds its NodeName by the short host name; it must resolve (to this machine).
  if ! getent hosts "$NODE" > /dev/null; then
    echo "127.0.0.1 $NODE" >> /etc/hosts; log "added $NODE to /etc/hosts"
  fi
  # Hardware as slurmd sees it (CPUs, sockets, cores, threads); memory 90 % of it so the node
  # never registers with less than configured (that would make it INVALID).
  local hw mem
  hw=$(slurmd -C | head -1 | sed -e 's/^NodeName=[^ ]* //' -e 's/ *RealMemory=[0-9]*//')
  mem=$(slurmd -C | head -1 | sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p')
  mem=$(( ${mem:-2048} * 9 / 10 ))

  local gres_types="" node_gres=""
  if [ "$FAKE_GPUS" -gt 0 ]; then gres_types="GresTypes=gpu"; node_gres="Gres=gpu:$FAKE_GPUS"; fi

  install -d -m 0755 "$CONF_DIR"
  install -d -o slurm -g slurm -m 0755 /var/spool/slurmctld "$LOG_DIR"
  install -d -m 0755 /var/spool/slurmd

  CHANGED=0
  write_if_changed "$CONF" <<EOF && CHANGED=1 || true
# Written by alpenglow's scripts/slurm-ci.sh: single-node CI cluster on 127.0.0.1.
ClusterName=ci
SlurmctldHost=$NODE(127.0.0.1)
AuthType=auth/munge
AuthInfo=cred_expire=$CRED_EXPIRE
CryptoType=crypto/munge
SlurmUser=slurm
SlurmdUser=root
SlurmctldPort=6817
SlurmdPort=6818
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=$CTLD_PID
SlurmdPidFile=$SLURMD_PID
SlurmctldLogFile=$LOG_DIR/slurmctld.log
SlurmdLogFile=$LOG_DIR/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
MailProg=/bin/true
SchedulerType=sched/backfill
DependencyParameters=kill_invalid_depend
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
MinJobAge=3600
SlurmctldTimeout=30
SlurmdTimeout=30
$gres_types
NodeName=$NODE NodeAddr=127.0.0.1 $hw RealMemory=$mem $node_gres State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
  if [ "$FAKE_GPUS" -gt 0 ]; then
    # Slurm wants one distinct character device per GPU: /dev/null for one, else copies of it.
    local files=/dev/null
    if [ "$FAKE_GPUS" -gt 1 ]; then
      install -d -m 0755 /run/slurm-ci
      for i in $(seq 0 $((FAKE_GPUS - 1))); do
        [ -c "/run/slurm-ci/fakegpu$i" ] || mknod -m 0666 "/run/slurm-ci/fakegpu$i" c 1 3 \
          || die "mknod failed: use SLURM_CI_FAKE_GPUS=1"
      done
      files="/run/slurm-ci/fakegpu[0-$((FAKE_GPUS - 1))]"
    fi
    write_if_changed "$GRES_CONF" <<EOF && CHANGED=1 || true
# Fake GPUs for CI (no device behind them): jobs asking --gres=gpu:N get scheduled.
NodeName=$NODE Name=gpu File=$files
EOF
  elif [ -f "$GRES_CONF" ]; then
    rm -f "$GRES_CONF"; CHANGED=1
  fi
  [ $CHANGED = 1 ] && log "configuration written ($CONF)"
  return 0
}

record() { # $1 program, $2 pid, $3 pid file: a daemon this script started (stop stops it)
  install -d -m 0755 "$STATE_DIR"
  grep -v "^$1 " "$STARTED" 2>/dev/null > "$STARTED.tmp" || true
  echo "$1 $2 $3" >> "$STARTED.tmp"; mv "$STARTED.tmp" "$STARTED"
}

stop_recorded() { # $1 program: stop it if this script started it and that process still runs
  local name pid file t=0
  [ -s "$STARTED" ] || return 0
  read -r name pid file < <(grep "^$1 " "$STARTED" || true)
  [ -n "${pid:-}" ] || return 0
  if pid_is "$pid" "$1"; then
    kill -TERM "$pid" 2>/dev/null || true
    while pid_is "$pid" "$1"; do
      sleep 0.2; t=$((t + 1))
      if [ $t -ge $((TIMEOUT * 5)) ]; then log "$1 ($pid) ignored SIGTERM; SIGKILL"; kill -KILL "$pid" 2>/dev/null || true; fi
    done
    log "stopped $1 (pid $pid)"
  fi
  [ "$(alive_pid "$file" "$1")" = "" ] && rm -f "$file"
  grep -v "^$1 " "$STARTED" > "$STARTED.tmp" || true; mv "$STARTED.tmp" "$STARTED"
}

start_munge() {
  if [ ! -s /etc/munge/munge.key ]; then
    mungekey --create --keyfile=/etc/munge/munge.key
    chown munge:munge /etc/munge/munge.key; chmod 0400 /etc/munge/munge.key
  fi
  install -d -o munge -g munge -m 0755 /run/munge
  install -d -o munge -g munge -m 0700 /var/lib/munge /var/log/munge
  if [ -z "$(alive_pid "$MUNGE_PID" munged)" ]; then
    rm -f "$MUNGE_PID" /run/munge/munge.socket.2 /run/munge/munge.socket.2.lock
    runuser -u munge -- /usr/sbin/munged || die "munged failed to start"
    local pid; pid=$(wait_pid "$MUNGE_PID" munged); log "started munged (pid $pid)"; record munged "$pid" "$MUNGE_PID"
  fi
  munge -n | unmunge > /dev/null || die "munge does not work"
}

wait_idle() {
  local t0 state resumed=0
  t0=$(now)
  while :; do
    state=$(sinfo -h -n "$NODE" -o %T 2>/dev/null || true)
    case "$state" in
      idle|mixed|allocated) break ;;
      *drain*|*down*|*inval*|*fail*)
        if [ $resumed -lt 3 ]; then
          scontrol update nodename="$NODE" state=resume 2>/dev/null || true; resumed=$((resumed + 1))
        fi ;;
    esac
    if [ "$(awk -v a="$t0" -v b="$(now)" -v t="$TIMEOUT" 'BEGIN{print (b-a>t)}')" = 1 ]; then
      log "node $NODE not idle after ${TIMEOUT}s (state '$state')"
      scontrol show node "$NODE" >&2 || true
      tail -n 20 "$LOG_DIR/slurmctld.log" "$LOG_DIR/slurmd.log" >&2 || true
      exit 1
    fi
    sleep 0.3
  done
  log "node $NODE is $state ($(since "$t0") s after start)"
}

start() {
  local t0 pid; t0=$(now)
  install_packages
  configure
  start_munge
  if [ "$CHANGED" = 1 ]; then  # new configuration: restart what runs with the old one
    stop_pid "$SLURMD_PID" slurmd
    stop_pid "$CTLD_PID" slurmctld
  fi
  local t1; t1=$(now)
  if [ -z "$(alive_pid "$CTLD_PID" slurmctld)" ]; then
    if [ "$CLEAN" = 1 ]; then set -- -c; else set --; fi
    /usr/sbin/slurmctld "$@" || die "slurmctld failed to start: $(tail -n 3 "$LOG_DIR/slurmctld.log")"
    pid=$(wait_pid "$CTLD_PID" slurmctld); log "started slurmctld (pid $pid)"; record slurmctld "$pid" "$CTLD_PID"
  else
    log "slurmctld already running (pid $(alive_pid "$CTLD_PID" slurmctld))"
  fi
  if [ -z "$(alive_pid "$SLURMD_PID" slurmd)" ]; then
    /usr/sbin/slurmd || die "slurmd failed to start: $(tail -n 3 "$LOG_DIR/slurmd.log")"
    pid=$(wait_pid "$SLURMD_PID" slurmd); log "started slurmd (pid $pid)"; record slurmd "$pid" "$SLURMD_PID"
  else
    log "slurmd already running (pid $(alive_pid "$SLURMD_PID" slurmd))"
  fi
  wait_idle
  log "ready: daemons $(since "$t1") s, total $(since "$t0") s"
}

stop() {
  if [ ! -s "$STARTED" ]; then log "nothing to stop: this script started no daemon that still runs"; return 0; fi
  if [ -n "$(alive_pid "$CTLD_PID" slurmctld)" ] && grep -q '^slurmctld ' "$STARTED"; then
    # Cancel every job first, so no slurmstepd/job process outlives slurmd.
    local ids t=0
    ids=$(squeue -h -o %A 2>/dev/null | sort -u || true)
    if [ -n "$ids" ]; then
      # shellcheck disable=SC2086
      scancel $ids 2>/dev/null || true
      while [ -n "$(squeue -h 2>/dev/null || true)" ] && [ $t -lt $((TIMEOUT * 2)) ]; do sleep 0.5; t=$((t + 1)); done
      log "cancelled jobs: $(echo $ids)"
    fi
  fi
  stop_recorded slurmd
  stop_recorded slurmctld
  stop_recorded munged
}

status() {
  local p
  for d in "munged $MUNGE_PID" "slurmctld $CTLD_PID" "slurmd $SLURMD_PID"; do
    set -- $d; p=$(alive_pid "$2" "$1")
    if [ -n "$p" ]; then echo "$1: running (pid $p)"; else echo "$1: not running"; fi
  done
  [ -n "$(alive_pid "$CTLD_PID" slurmctld)" ] && sinfo || true
}

check() {
  local out jid
  out=$(srun -N1 -n1 hostname)
  [ "$out" = "$(hostname)" ] || die "srun hostname gave '$out'"
  jid=$(sbatch --parsable --wait --wrap 'echo ok' -o /dev/null) || die "sbatch --wait failed"
  log "check passed (srun: $out; batch job $jid)"
}

case "${1:-start}" in
  start) start ;;
  install) install_packages ;;
  stop) stop ;;
  restart) stop; start ;;
  status) status ;;
  check) check ;;
  *) echo "usage: $0 [start|stop|restart|status|check|install]" >&2; exit 2 ;;
esac
