#!/usr/bin/env bash
# One entry point for a fresh machine: `bash dev.sh app` starts the application, `bash dev.sh test` runs every check,
# `bash dev.sh bundle` builds the one-folder application (PyInstaller) and smoke-tests the frozen program.
set -euo pipefail
cd "$(dirname "$0")"

VENV=${HANDOVER_VENV:-.venv}
# what Qt, the PDF checks and the screenshots need on a bare Debian machine
SYSTEM_PACKAGES=(poppler-utils libegl1 libgl1 libfontconfig1 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0
  libxcb-randr0 libxcb-xkb1 libzbar0 zbar-tools libreoffice-calc-nogui)

install_system_packages() {
  command -v dpkg-query >/dev/null 2>&1 || return 0
  local missing=()
  for pkg in "${SYSTEM_PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_python_packages() {
  local extras=${1:-test}
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
  local stamp="$VENV/.installed-${extras/,/-}-$(sha256sum pyproject.toml | cut -c1-16)"
  if [ ! -f "$stamp" ]; then
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -e ".[$extras]"
    touch "$stamp"
  fi
}

case "${1:-}" in
  app)
    shift
    install_system_packages
    install_python_packages
    exec "$VENV/bin/handover" "$@"
    ;;
  test)
    shift
    install_system_packages
    install_python_packages
    echo "== ruff"; "$VENV/bin/ruff" check handover ui tests benchmarks
    echo "== mypy (strict on handover/)"; "$VENV/bin/mypy"
    echo "== import-linter (the layers of docs/architecture.md)"; "$VENV/bin/lint-imports" --no-cache
    echo "== pytest"
    set +e
    QT_QPA_PLATFORM=offscreen "$VENV/bin/python" -m pytest "$@"
    status=$?
    set -e
    if [ $status -eq 5 ]; then echo "pytest collected no tests: that is a failure"; exit 1; fi
    exit $status
    ;;
  bundle)
    install_system_packages
    install_python_packages test,bundle
    echo "== PyInstaller (packaging/handover.spec)"
    rm -rf dist/handover
    "$VENV/bin/pyinstaller" --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller packaging/handover.spec
    echo "bundle: dist/handover, $(du -sh dist/handover | cut -f1) unpacked, $(find dist/handover -type f | wc -l) files"
    rm -rf dist/handover-*.whl build/lib build/bdist.*  # setuptools leaves build/lib behind: no stale module may ride along
    "$VENV/bin/python" -m pip wheel -q --no-deps -w dist .
    echo "wheel: $(ls dist/handover-*.whl) $(du -h dist/handover-*.whl | cut -f1)"
    echo "== smoke test of the frozen program"
    "$VENV/bin/python" -m tests.smoke dist/handover/handover
    ;;
  *)
    echo "usage: bash dev.sh app [handover arguments] | bash dev.sh test [pytest arguments] | bash dev.sh bundle" >&2
    exit 2
    ;;
esac
