#!/usr/bin/env bash
# Install a built Integrado folder on a Linux desktop: the program folder, icons in the hicolor
# theme, launcher entries (.desktop) and an `integrado` command on PATH.
#
#   packaging/install-linux.sh [BUNDLE]              # for this user: ~/.local/opt/integrado
#   sudo packaging/install-linux.sh --system [BUNDLE] # for every user: /opt/integrado
#   packaging/install-linux.sh --uninstall [--system]
#
# BUNDLE defaults to dist/Integrado (from `make dist`). Upgrading is installing again: user data
# lives in each user's data folder, never beside the program, and migrates on first start.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
system=0 uninstall=0 bundle=""
for arg in "$@"; do
  case "$arg" in
    --system) system=1 ;;
    --uninstall) uninstall=1 ;;
    *) bundle="$arg" ;;
  esac
done
if [ "$system" = 1 ]; then
  prefix=/opt/integrado share=/usr/local/share bin=/usr/local/bin
else
  prefix="${XDG_DATA_HOME:-$HOME/.local/share}/../opt/integrado"
  prefix="$(mkdir -p "$prefix" && cd "$prefix" && pwd)"
  share="${XDG_DATA_HOME:-$HOME/.local/share}" bin="$HOME/.local/bin"
fi
desktop_ids=(integrado-callsystem integrado-taskmanager integrado-eventconsole integrado)
icon_names=(callsystem taskmanager eventconsole integrado)

if [ "$uninstall" = 1 ]; then
  rm -rf "$prefix"
  rm -f "$bin/integrado"
  for id in "${desktop_ids[@]}"; do
    rm -f "$share/applications/$id.desktop"
    rm -f "$share"/icons/hicolor/*/apps/"$id".png
  done
  echo "Integrado removed from $prefix (user data was kept)."
  exit 0
fi

bundle="${bundle:-$here/../dist/Integrado}"
[ -x "$bundle/integrado" ] || { echo "no built Integrado at $bundle: run 'make dist' first" >&2; exit 1; }
resources="$bundle/_internal/resources"

# Replace the program folder as a whole: files of the previous version must not linger.
rm -rf "$prefix.new"
cp -a "$bundle" "$prefix.new"
rm -rf "$prefix"
mv "$prefix.new" "$prefix"

for i in "${!desktop_ids[@]}"; do
  id="${desktop_ids[$i]}" icon="${icon_names[$i]}"
  for size in 16 24 32 48 64 128 256 512; do
    install -Dm644 "$resources/icons/$icon-$size.png" "$share/icons/hicolor/${size}x${size}/apps/$id.png"
  done
  mkdir -p "$share/applications"
  sed "s|@PREFIX@|$prefix|g" "$resources/desktop/$id.desktop" >"$share/applications/$id.desktop"
done
mkdir -p "$bin"
ln -sf "$prefix/integrado" "$bin/integrado"
# The bundle leaves the distribution's own libraries (X11/xcb, fontconfig, glib, OpenSSL, ...) to
# the distribution, as the .deb does through its Depends: name any this machine lacks.
missing="$(find "$prefix/_internal" -name '*.so*' -type f -print0 |
  LD_LIBRARY_PATH="$prefix/_internal" xargs -0 ldd 2>/dev/null | awk '/not found/ {print $1}' | sort -u | paste -sd' ' -)"
if [ -n "$missing" ]; then
  echo "warning: install these libraries from your distribution before starting Integrado: $missing" >&2
  echo "         (Debian/Ubuntu: for libxcb-icccm.so.4 the package is libxcb-icccm4, and so on)" >&2
fi
command -v update-desktop-database >/dev/null && update-desktop-database -q "$share/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
echo "Integrado installed in $prefix; menu entries: CallSystem, TaskManager, Event Console, Integrado."
