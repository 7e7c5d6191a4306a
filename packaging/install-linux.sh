#!/bin/sh
# Install the In Kind app for this user: run it from the unpacked app folder (dist/inkind).
#   ./install.sh            copy the app to ~/.local/share/inkind, put `inkind` on the PATH
#                           (~/.local/bin) and In Kind in the desktop's menu
#   ./install.sh --remove   take all of that away again (saves and settings are kept;
#                           `inkind --reset` removes those)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
app=$data/inkind
bin=$HOME/.local/bin
menu=$data/applications/inkind.desktop
icon=$data/icons/hicolor/256x256/apps/inkind.png

if [ "${1:-}" = "--remove" ]; then
  rm -rf "$app"
  rm -f "$bin/inkind" "$menu" "$icon"
  echo "In Kind removed (saves and settings kept)"
  exit 0
fi
[ -x "$here/inkind" ] || { echo "run this script from the unpacked app folder (it holds inkind)" >&2; exit 1; }

if [ "$here" != "$app" ]; then
  rm -rf "$app"
  mkdir -p "$(dirname "$app")"
  cp -R "$here" "$app"
fi
mkdir -p "$bin" "$(dirname "$menu")" "$(dirname "$icon")"
ln -sf "$app/inkind" "$bin/inkind"
cp "$app/inkind.png" "$icon"
# The menu entry runs the app by its full path, so it works even where ~/.local/bin is not on PATH.
sed -e "s|^Exec=inkind|Exec=$app/inkind|" -e "s|^TryExec=inkind|TryExec=$app/inkind|" \
  "$app/inkind.desktop" > "$menu"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$(dirname "$menu")" || true
echo "In Kind installed: $app (the menu's Games, or \`inkind\` in a terminal)"
