#!/usr/bin/env bash
# Retakes docs/images/chat.png: two headless Chromiums chatting through the chat server.
#
#   scripts/screenshot-chat.sh                       against the Swift ChatDemo (build it first)
#   CHAT_SERVERS=python scripts/screenshot-chat.sh   against the Flask original (docs/python/app.py)
#
# Needs what Tests/chat-browser needs (see its README): chromium, chromium-driver and the .venv.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
python="${FLASKISH_PYTHON:-$repo_root/.venv/bin/python}"
CHAT_SERVERS="${CHAT_SERVERS:-swift}" CHAT_SCREENSHOT="$repo_root/docs/images/chat.png" \
    "$python" -m pytest Tests/chat-browser/test_chat_screenshot.py -q -p no:cacheprovider
echo "wrote docs/images/chat.png"
