# Shared by install.sh and test.sh: Debian packages when missing, and the project's virtual environment.
# Debian's own python3 is "externally managed" (PEP 668): pip installs only into a virtual environment,
# so everything Python goes into .venv/ beside this folder, whatever python3 is.

apt_install() {
  # apt_install PACKAGE... : install the Debian packages given (as root, or with sudo).
  [ $# -gt 0 ] || return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "missing: $* (install them with your system's package manager)" >&2
    return 1
  fi
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing Debian packages: $*" >&2
  # Wait for another apt or dpkg (an unattended upgrade, a second install) instead of failing on its lock.
  local wait=(-o DPkg::Lock::Timeout=600)
  $sudo apt-get "${wait[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get "${wait[@]}" install -y -qq --no-install-recommends "$@" >/dev/null
}

has_font() {
  # has_font FAMILY : fontconfig knows a font of that family. The list is read whole before it is
  # searched: `fc-list | grep -q` under pipefail fails whenever grep stops reading early (SIGPIPE, 141).
  command -v fc-list >/dev/null 2>&1 || return 1
  local families
  families=$(fc-list : family)
  [[ "$families" == *"$1"* ]]
}

missing_for_build() {
  # The Debian packages a build needs that this machine lacks, one per line.
  python3 -c "import venv, ensurepip" >/dev/null 2>&1 || echo python3-venv
  has_font "Noto Sans CJK" || echo fonts-noto-cjk fontconfig
  # The PDF handouts (WeasyPrint): Pango and its FreeType backend, and a Latin face for the English text.
  python3 -c "import ctypes.util as u, sys; sys.exit(not u.find_library('pangoft2-1.0'))" 2>/dev/null \
    || echo libpango-1.0-0 libpangoft2-1.0-0  # (ctypes asks /sbin/ldconfig, which a short PATH may lack)
  has_font "Liberation Serif" || echo fonts-liberation
}

make_venv() {
  # make_venv [EXTRAS] : .venv/ with the project installed in it (editable), e.g. make_venv test
  [ -x .venv/bin/python ] || python3 -m venv .venv
  local target="."
  [ -z "${1:-}" ] || target=".[$1]"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$target"
}
