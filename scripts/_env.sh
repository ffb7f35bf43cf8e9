# Shared by scripts/test and scripts/demo: make a virtual environment with the
# core, every plugin and example distribution, and the system libraries
# WeasyPrint needs. Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VENV=${COWORKREG_VENV:-$ROOT/.venv}
PYTHON=${PYTHON:-python3}

# WeasyPrint loads Pango and HarfBuzz with dlopen; libharfbuzz-subset0 makes
# font subsetting ~4x faster; Chromium and its driver test the published page.
SYSTEM_PACKAGES="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core chromium chromium-driver"
missing=""
for pkg in $SYSTEM_PACKAGES; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "installing system packages:$missing" >&2
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
    else
        echo "warning: missing system packages:$missing (install them with apt-get)" >&2
    fi
fi

if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
fi
# Every distribution in the tree: the core, plugins/*, and examples that are packages.
DISTS=(-e "$ROOT")
for dir in "$ROOT"/plugins/*/ "$ROOT"/examples/*/; do
    [ -f "$dir/pyproject.toml" ] && DISTS+=(-e "$dir")
done
"$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade "pip>=25.1"
"$VENV/bin/python" -m pip install -q --disable-pip-version-check "${DISTS[@]}" "$@"
