#!/usr/bin/env bash
# Every name libqcity exports starts with qc_ (STYLE.md §2): file-local
# helpers are static, shared internals carry qc_ too. Fails listing any
# other defined global symbol. Usage: check_exports.sh LIBRARY
set -eu
lib=$1
syms=$(nm -g --defined-only "$lib" | awk 'NF >= 3 { print $3 }' | sort -u)
if ! grep -q '^qc_' <<<"$syms"; then
	echo "check_exports: no qc_ symbols in $lib: is it the library?" >&2
	exit 1
fi
# AddressSanitizer adds __odr_asan.NAME beside each global NAME; those
# follow the same rule through their NAME.
bad=$(grep -v -E '^(qc_|__odr_asan\.qc_)' <<<"$syms" || true)
if [ -n "$bad" ]; then
	echo "check_exports: $lib exports names without the qc_ prefix" \
	     "(make them static, or prefix them):" >&2
	echo "$bad" >&2
	exit 1
fi
echo "check_exports: $(wc -l <<<"$syms") exported names, all qc_"
