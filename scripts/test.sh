#!/usr/bin/env bash
# Runs every test project of the solution and prints the closing line "N passed, N failed".
# The data tests run on SQLite always, and on PostgreSQL too when HOCVUSO_TEST_PG holds a server
# connection string (.ci/run starts a private server and sets it). Browser tests use Debian's
# Chromium (/usr/bin/chromium); tests read generated PDFs back with pdftotext (poppler-utils).
# The e-mail tests send to a local SMTP server, Debian's python3-aiosmtpd. All are installed here
# when missing and running as root.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium chromium-driver)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || missing+=(python3-aiosmtpd)
if [[ ${#missing[@]} -gt 0 ]]; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
        echo "Installing for the tests (Debian packages): ${missing[*]}..."
        apt-get update -q >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "warning: missing Debian packages ${missing[*]}; the browser tests (chromium), the PDF tests (pdftotext) or the e-mail tests (python3-aiosmtpd) will fail." >&2
    fi
fi

results=".artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

status=0
dotnet test HocVuSo.slnx --configuration Release --logger "trx" --results-directory "$results" "$@" || status=$?

passed=0
failed=0
shopt -s nullglob
trx_files=("$results"/*.trx)
for trx in "${trx_files[@]}"; do
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
    f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0} + ${e:-0}))
done

if [[ ${#trx_files[@]} -eq 0 || $status -ne 0 && $failed -eq 0 ]]; then
    # The build or a test host failed before results were written: count it as a failure.
    failed=$((failed + 1))
fi

echo
if [[ -z "${HOCVUSO_TEST_PG:-}" ]]; then
    echo "PostgreSQL: not tested. HOCVUSO_TEST_PG is not set, so the data tests ran on SQLite only (.ci/run sets it)."
else
    echo "PostgreSQL: tested (HOCVUSO_TEST_PG is set)."
fi
echo "$passed passed, $failed failed"
[[ $status -eq 0 && $failed -eq 0 ]]
