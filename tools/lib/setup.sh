# Shared set-up of tools/precis and tools/test (sourced, not run).
# Installs missing Debian packages, configures and builds a build folder.
# Everything it prints goes to stderr, so a command's stdout stays its output.

PRECIS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

precis_log() { printf 'precis: %s\n' "$*" >&2; }

# precis_missing_packages PKG... -> prints the ones not installed.
precis_missing_packages() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || echo "$p"
  done
}

# precis_ensure_packages PKG...: installs exactly the missing ones (as root),
# or says which apt line to run.
precis_ensure_packages() {
  local missing
  missing=$(precis_missing_packages "$@" | tr '\n' ' ')
  missing=${missing% }
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    precis_log "missing Debian packages; run as root, then retry:"
    printf '  apt-get update && apt-get install -y %s\n' "$missing" >&2
    exit 1
  fi
  precis_log "installing missing packages: $missing"
  export DEBIAN_FRONTEND=noninteractive
  if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing; } >&2; then
    precis_log "apt-get install failed for: $missing"
    exit 1
  fi
}

precis_core_packages() { grep -v '^#' "$PRECIS_ROOT/tools/lib/packages.txt" | sed '/^$/d'; }
precis_python_packages() { grep -v '^#' "$PRECIS_ROOT/tools/lib/python-packages.txt" | sed '/^$/d'; }

# precis_build DIR TARGET|all [cmake -D args...]: configures DIR once (ninja
# re-runs cmake itself when a CMakeLists.txt changes) and builds TARGET;
# a no-op when nothing changed. On failure prints the build log and exits 1.
precis_build() {
  local dir="$PRECIS_ROOT/$1" target="$2"
  shift 2
  local log="$dir.log"
  if [ ! -f "$dir/build.ninja" ]; then
    precis_log "configuring $(basename "$dir")/"
    if ! cmake -S "$PRECIS_ROOT" -B "$dir" -G Ninja "$@" >"$log" 2>&1; then
      cat "$log" >&2
      precis_log "cmake configure failed (log: $log)"
      exit 1
    fi
  fi
  local args=(--build "$dir" -j "$(nproc)")
  [ "$target" != all ] && args+=(--target "$target")
  if ! cmake "${args[@]}" >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    precis_log "build failed in $(basename "$dir")/ (full log: $log)"
    exit 1
  fi
  if ! grep -q 'no work to do' "$log"; then
    precis_log "built $(basename "$dir")/ ($target)"
  fi
}
