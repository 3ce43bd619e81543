#!/bin/sh
# moto-python.sh - prints the Python that has moto's server: the project's virtual environment
# (.local/moto-venv, made by scripts/setup.sh) if there is one, else the python3 on the PATH if
# it imports moto.server. Exits 1 with a message naming what to install when neither has it.
root=$(cd "$(dirname "$0")/.." && pwd)
for py in "$root/.local/moto-venv/bin/python3" "$(command -v python3 2>/dev/null)"; do
	if [ -z "$py" ] || [ ! -x "$py" ]; then
		continue
	fi
	if "$py" -c 'import moto, moto.server, sys; sys.exit(0 if moto.__version__.startswith("5.") else 1)' \
		>/dev/null 2>&1; then
		# the interpreter itself, not a pyenv shim (a shim costs a second at each start)
		"$py" -c 'import sys; print(sys.executable)'
		exit 0
	fi
done
echo "moto 5.x not found: install moto[server] (pip install -r tools/moto/requirements.txt," \
	"or run scripts/setup.sh, which puts it in .local/moto-venv)" >&2
exit 1
