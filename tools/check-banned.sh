#!/bin/sh
# Fails when our C sources call functions the house style bans (see docs/architecture.md).
set -eu
cd "$(dirname "$0")/.."
pattern='\b(sprintf|vsprintf|strcpy|strcat|strtok|atoi|atol|atof|gets|system|popen)[[:space:]]*\('
if git ls-files '*.c' '*.h' | xargs grep -nE "$pattern" | grep -v 'check-banned: allow'; then
	echo "check-banned: banned functions found (use GLib: g_strdup_printf, GString, g_ascii_strtoll, GSubprocess)" >&2
	exit 1
fi
echo "check-banned: 0 banned calls"
