#!/usr/bin/env bash
# Start the real site for the browser test on 127.0.0.1:8765 with a throwaway database.
# Works from any directory; Playwright runs it from frontend/ as `bash ../deploy_project/scripts/e2e_server.sh`.
# Details: e2e_server.py beside this file.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
python="${E2E_PYTHON:-$here/../../.venv/bin/python}"
if [ ! -x "$python" ]; then
  python="$(command -v python3)"
fi
exec "$python" "$here/e2e_server.py"
