#!/usr/bin/env bash
# Runs the whole Cybercantal.Edge test suite on a Debian 12 machine.
#
# The tests talk to real peers (pcscd with vsmartcard-vpcd for PC/SC, socat pseudo-terminals for
# PN532, mosquitto as the hub's external MQTT broker, net-snmp's snmpd playing a copier, pamtester driving
# the PC-session PAM hook through libpam). Run as root, this script installs the missing
# Debian packages; otherwise it lists what is missing and stops. The test fixtures start and stop the services themselves, on loopback.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

# command-or-file -> Debian package providing it
declare -A needs=(
  [pcscd]=pcscd
  [/usr/lib/x86_64-linux-gnu/libpcsclite.so.1]=libpcsclite1
  [/etc/reader.conf.d/vpcd]=vsmartcard-vpcd
  [socat]=socat
  [mosquitto]=mosquitto
  [snmpd]=snmpd
  [pamtester]=pamtester
)

missing=()
for what in "${!needs[@]}"; do
  if [[ "$what" == /* ]]; then
    # The library path differs by architecture; look it up through the linker cache.
    if [[ "$what" == *libpcsclite.so.1 ]]; then
      ldconfig -p 2>/dev/null | grep -q 'libpcsclite.so.1 ' || missing+=("${needs[$what]}")
    else
      [[ -e "$what" ]] || missing+=("${needs[$what]}")
    fi
  else
    command -v "$what" >/dev/null 2>&1 || [[ -x "/usr/sbin/$what" ]] || missing+=("${needs[$what]}")
  fi
done

if ((${#missing[@]})); then
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "test: installing test peers: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=300 update -qq
    apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "test: missing Debian packages the tests need: ${missing[*]}" >&2
    echo "test: install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 3
  fi
fi

command -v dotnet >/dev/null || { echo "test: the .NET 10 SDK (dotnet) is not on PATH" >&2; exit 3; }

results="$repo/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

# Build once (in parallel), then run the test assemblies one after the other: on a 2-core machine, suites
# that time real peers (pcscd, mosquitto, the demo's accelerated clock) should not fight each other for CPU.
dotnet build "$repo/Cybercantal.Edge.sln" -c Release

status=0
dotnet test "$repo/Cybercantal.Edge.sln" -c Release --no-build -m:1 \
  --logger "trx;LogFilePrefix=results" --logger "console;verbosity=normal" \
  --results-directory "$results" "$@" || status=$?

# One plain closing line for whoever reads the log: totals over every test project.
python3 - "$results" <<'PY' || true
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    if c is None:
        continue
    passed += int(c.get("passed", 0))
    failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    skipped += int(c.get("notExecuted", 0))
print(f"Tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
