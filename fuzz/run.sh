#!/usr/bin/env bash
# Runs an AFL++ campaign against one RegionCodec fuzz target (see fuzz/README.md).
#   fuzz/run.sh TARGET MINUTES [OUTDIR]
# TARGET: decode | split | container | mask | coefficients | alpha | imagesharp. OUTDIR defaults to
# /tmp/afl-TARGET; an existing OUTDIR is resumed (afl-fuzz -i -). Needs root (or sudo) only to
# apt-get install afl++ when it is missing.
set -euo pipefail
target=${1:?usage: fuzz/run.sh TARGET MINUTES [OUTDIR]}
minutes=${2:?usage: fuzz/run.sh TARGET MINUTES [OUTDIR]}
fuzz=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$fuzz")
out=${3:-/tmp/afl-$target}
build=${FUZZ_BUILD_DIR:-/tmp/rsg-fuzz-build-$target}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# 1. AFL++ from Debian.
if ! command -v afl-fuzz >/dev/null; then
  sudo_cmd=""; [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
  $sudo_cmd apt-get update && $sudo_cmd apt-get install -y afl++
fi

# 2. SharpFuzz.CommandLine, pinned in fuzz/dotnet-tools.json.
(cd "$fuzz" && dotnet tool restore >/dev/null)

# 3. Publish the harness into a private folder and instrument the codec in place. Only the
#    RegionCodec assemblies are instrumented: coverage of the BCL, Pipelines or Hashing would only add
#    noise (the plugin assembly is added when the imagesharp target exists).
rm -rf "$build"
dotnet publish "$fuzz/Codec.Fuzz/Codec.Fuzz.csproj" -c Release -o "$build" >/dev/null
for dll in "$build"/RegionCodec.dll "$build"/RegionCodec.ImageSharp.dll; do
  [[ -f $dll ]] && (cd "$fuzz" && dotnet tool run sharpfuzz "$dll")
done

# 4. Seeds from the conformance files (valid and invalid), shaped for the target.
seeds="$build/seeds"
dotnet "$build/RegionCodec.Fuzz.dll" seed "$target" "$seeds" "$root/spec/conformance/valid" "$root/spec/conformance/invalid"

# 5. AFL++. .NET is not afl-instrumented itself (SKIP_BIN_CHECK); SharpFuzz talks the fork-server
#    protocol from inside the harness, in one persistent process: when afl-fuzz kills an execution
#    that runs over -t, the whole campaign stops with "Unable to communicate with fork server" and
#    OUTDIR/default/.cur_input holds the slow input. The fuzzing limits keep an execution under about
#    1 s even on a loaded machine, so -t is 10 s (as in SharpFuzz's own scripts): anything slower is a
#    real hang. -m none: the harness checks allocations itself.
input=(-i "$seeds")
[[ -d $out/default/queue ]] && input=(-i -)
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export AFL_FORKSRV_INIT_TMOUT=${AFL_FORKSRV_INIT_TMOUT:-30000}
exec afl-fuzz "${input[@]}" -o "$out" -x "$fuzz/rsg.dict" -t "${AFL_TIMEOUT_MS:-10000}" -m none \
  -V $((minutes * 60)) -- /usr/bin/dotnet "$build/RegionCodec.Fuzz.dll" "$target"
