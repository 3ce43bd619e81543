#!/bin/sh
# setup.sh - installs what ddbtui's build, tests and `make run` need on Debian 12, and only what
# is missing: the -dev libraries, tmux, awscli, boto3, clang with libFuzzer (libclang-rt-14-dev
# has libclang_rt.fuzzer, for `make fuzz`), Node.js/npm, and the pinned npm servers
# (dynalite, cognito-local) into tools/npm/node_modules from the committed lock file, and moto
# (tools/moto/requirements.txt) when python3 lacks it.
# Idempotent and quiet when nothing is missing; never reads standard input.
set -eu
cd "$(dirname "$0")/.."

PKGS="build-essential pkg-config libncurses-dev libcurl4-openssl-dev libssl-dev libcjson-dev
tmux awscli python3-boto3 python3-botocore ca-certificates valgrind procps time man-db groff-base
clang libclang-rt-14-dev"

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"

if [ -n "$missing" ]; then
	echo "setup: installing Debian packages:$missing"
	SUDO=""
	if [ "$(id -u)" != 0 ]; then
		command -v sudo >/dev/null 2>&1 || {
			echo "setup: need root (or sudo) to install:$missing" >&2
			exit 1
		}
		SUDO="sudo -n"
	fi
	export DEBIAN_FRONTEND=noninteractive
	# shellcheck disable=SC2086
	if ! $SUDO apt-get install -y -q $missing </dev/null >/tmp/ddbtui-apt.log 2>&1; then
		$SUDO apt-get update -q </dev/null >>/tmp/ddbtui-apt.log 2>&1
		# shellcheck disable=SC2086
		$SUDO apt-get install -y -q $missing </dev/null >>/tmp/ddbtui-apt.log 2>&1 || {
			tail -20 /tmp/ddbtui-apt.log >&2
			echo "setup: apt-get install failed (log: /tmp/ddbtui-apt.log)" >&2
			exit 1
		}
	fi
fi

stamp=tools/npm/node_modules/.ddbtui-installed
if [ ! -f "$stamp" ] || [ tools/npm/package-lock.json -nt "$stamp" ]; then
	echo "setup: installing pinned npm packages (dynalite, cognito-local) into tools/npm"
	npm ci --prefix tools/npm --no-audit --no-fund --loglevel=error </dev/null >/tmp/ddbtui-npm.log 2>&1 || {
		tail -20 /tmp/ddbtui-npm.log >&2
		echo "setup: npm ci failed (log: /tmp/ddbtui-npm.log)" >&2
		exit 1
	}
	touch "$stamp"
fi

# moto's server, the second engine of the tests (and `make run ENGINE=moto`): the python3 on the
# PATH if it has moto 5.x, else a virtual environment in .local/moto-venv (ignored) with the
# pinned tools/moto/requirements.txt. Without either, setup fails, and with it make test.
if ! scripts/moto-python.sh >/dev/null 2>&1; then
	venv=.local/moto-venv
	echo "setup: moto 5.x not found; installing moto[server] (tools/moto/requirements.txt) into $venv"
	ok=1
	if [ ! -x "$venv/bin/pip" ]; then
		python3 -m venv "$venv" >/tmp/ddbtui-moto.log 2>&1 || ok=0
	fi
	if [ $ok = 1 ]; then
		"$venv/bin/pip" install -q -r tools/moto/requirements.txt </dev/null \
			>>/tmp/ddbtui-moto.log 2>&1 || ok=0
	fi
	if [ $ok = 0 ]; then
		tail -5 /tmp/ddbtui-moto.log >&2
		echo "setup: could not install moto (log: /tmp/ddbtui-moto.log). Install moto[server] 5.x" \
			"for python3 (pip install -r tools/moto/requirements.txt; python3-venv and pip are" \
			"needed for .local/moto-venv), then run make test again" >&2
		exit 1
	fi
	scripts/moto-python.sh >/dev/null || exit 1
fi
