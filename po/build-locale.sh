#!/bin/sh
# build-locale.sh MSGFMT DIR STAMP PO...: compile each PO into
# DIR/<lang>/LC_MESSAGES/qcity.mo (the layout bindtextdomain reads).
set -e
msgfmt=$1 dir=$2 stamp=$3
shift 3
for po in "$@"; do
	lang=$(basename "$po" .po)
	mkdir -p "$dir/$lang/LC_MESSAGES"
	"$msgfmt" -c -o "$dir/$lang/LC_MESSAGES/qcity.mo.tmp" "$po"
	mv "$dir/$lang/LC_MESSAGES/qcity.mo.tmp" "$dir/$lang/LC_MESSAGES/qcity.mo"
done
: > "$stamp"
