#!/usr/bin/env bash
# Smoke tests of a cross-built cr-ext run the way a user runs it, under an emulator: Wine for
# x86_64-pc-windows-gnu, qemu-aarch64 for aarch64-unknown-linux-gnu. Called by
# scripts/cross.sh smoke TARGET with BIN (the directory of the built cr-ext), RUNNER (the
# emulator command) and EXE (".exe" or ""); FAKE_EXE is the Windows stand-in built from
# fake.c. Only ibmcloud and the container client are stand-ins; each check prints one line
# and the first failure stops the run with exit 1.
#
# Checked: --version; regions; login --dry-run; the credential helper's get (from the CLI
# session's cached token), list, store and erase on stdin/stdout; a login that pipes the token
# into the client's stdin (no trailing newline, never in its arguments); and a hung ibmcloud
# with a grandchild, stopped with its whole tree on --timeout.
set -euo pipefail
: "${BIN:?} ${RUNNER:?}" "${EXE=}"
read -r -a runner <<<"$RUNNER"
work=$(mktemp -d)
home=$work/home bin=$work/bin log=$work/log
if [ -n "$EXE" ]; then
  # Wine sets the profile variables itself (USERPROFILE, HOMEDRIVE, HOMEPATH, APPDATA): the
  # CLI's home is the prefix's own profile directory, found as cr-ext finds it there.
  home=$(winepath -u "$(wine cmd /c 'echo %HOMEDRIVE%%HOMEPATH%' | tr -d '\r')")
  [ ! -e "$home/.bluemix" ] || rm -rf "$home/.bluemix"
fi
trap 'rm -rf "$work" "$home/.bluemix"' EXIT
mkdir -p "$home/.bluemix" "$bin" "$log"

fail() { echo "smoke: FAILED: $*" >&2; exit 1; }
ok() { echo "smoke: ok: $*"; }

# A JWT whose only claims that matter are exp (an hour from now) and the identity.
b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
token="$(printf '{"alg":"none"}' | b64url).$(printf '{"exp":%d,"iam_id":"IBMid-smoke","sub":"smoke@example.com","account":{"bss":"acct"}}' "$(($(date +%s) + 3600))" | b64url).c21va2Utc2lnbmF0dXJl"
printf '{"IAMToken": "Bearer %s", "Region": "us-south"}' "$token" >"$home/.bluemix/config.json"
# What the stand-in `ibmcloud iam oauth-tokens` prints: another token, so each check can tell
# which source answered (the session's cached token first, as on every platform).
cli_token="${token%.*}.b3RoZXItc2lnbmF0dXJl"
mkdir -p "$work/empty"

cp "$BIN/cr-ext$EXE" "$bin/cr-ext$EXE"
if [ -n "$EXE" ]; then
  # Windows: the helper is a copy (what `configure` makes there); the stand-ins are one .exe;
  # Rust's std needs the ProcessPrng shim beside each Rust executable under Wine 8.
  cp "$BIN/cr-ext$EXE" "$bin/docker-credential-cr-ext$EXE"
  cp "$FAKE_EXE" "$bin/docker.exe"
  cp "$FAKE_EXE" "$bin/ibmcloud.exe"
  cp "$SHIM_DLL" "$bin/"
  win() { printf 'Z:%s' "${1//\//\\}"; }
  export WINEPATH FAKE_LOG
  WINEPATH=$(win "$bin") FAKE_LOG=$(win "$log")
else
  ln -s cr-ext "$bin/docker-credential-cr-ext"
  cat >"$bin/docker" <<SH
#!/bin/sh
{ for a in "\$@"; do printf '%s\n' "\$a"; done; echo --stdin--; cat; } >>"$log/docker.log"
echo 'Login Succeeded'
SH
  cat >"$bin/ibmcloud" <<SH
#!/bin/sh
{ for a in "\$@"; do printf '%s\n' "\$a"; done; echo --stdin--; } >>"$log/ibmcloud.log"
if [ -n "\${FAKE_HANG:-}" ]; then /bin/sleep 3001 & exec /bin/sleep 3002; fi
printf '{\n  "iam_token": "Bearer %s",\n  "uaa_token": ""\n}\n' "\$FAKE_TOKEN"
SH
  chmod +x "$bin/docker" "$bin/ibmcloud"
  export HOME=$home PATH="$bin:/usr/bin:/bin" FAKE_LOG=$log
fi
export FAKE_TOKEN=$cli_token
# The CLI's home, given as IBMCLOUD_HOME (honoured everywhere): one with no session.
if [ -n "$EXE" ]; then no_session=$(win "$work/empty"); else no_session=$work/empty; fi

# Runs cr-ext (or the helper, by name) under the emulator; stdin from the caller.
cr() { "${runner[@]}" "$bin/cr-ext$EXE" "$@"; }
helper() { "${runner[@]}" "$bin/docker-credential-cr-ext$EXE" "$@"; }

out=$(cr --version </dev/null) && [[ $out == "cr-ext "* ]] || fail "--version printed '$out'"
ok "--version: $out"
out=$(cr regions </dev/null) && grep -q 'us-south .* us.icr.io' <<<"$out" || fail "regions: $out"
ok "regions lists us-south as us.icr.io"
out=$(cr login --dry-run --client docker --region us-south </dev/null 2>&1) || fail "login --dry-run: $out"
grep -qF "docker login -u iambearer --password-stdin us.icr.io" <<<"$out" || fail "login --dry-run: $out"
[ ! -e "$log/docker.log" ] || fail "login --dry-run ran docker"
ok "login --dry-run shows the docker command and runs nothing"

out=$(printf 'us.icr.io' | helper get) || fail "helper get: $out"
[ "$out" = "{\"ServerURL\":\"us.icr.io\",\"Username\":\"iambearer\",\"Secret\":\"$token\"}" ] ||
  fail "helper get answered something else (length ${#out})"
ok "helper get answers the session's cached token for us.icr.io (the CLI's home found by the platform's rule)"
out=$(helper list </dev/null) && grep -qF '"us.icr.io":"iambearer"' <<<"$out" || fail "helper list: $out"
ok "helper list names the ICR hosts"
out=$(printf '{"ServerURL":"us.icr.io","Username":"iambearer","Secret":"x"}' | helper store 2>&1) ||
  fail "helper store: $out"
out=$(printf 'us.icr.io' | helper erase 2>&1) || fail "helper erase: $out"
ok "helper store and erase accept the protocol's stdin"
if printf 'evil.example.com' | helper get >/dev/null 2>&1; then fail "helper get answered a non-ICR host"; fi
ok "helper get refuses a host that is not ICR"

cr login --client docker --region us-south </dev/null >/dev/null 2>"$work/err" || fail "login: $(cat "$work/err")"
want=$(printf 'login\n-u\niambearer\n--password-stdin\nus.icr.io\n--stdin--\n%s' "$token")
[ "$(cat "$log/docker.log")" = "$want" ] || fail "docker got: $(tr -c '[:print:]\n' '?' <"$log/docker.log")"
[ "$(tail -c 1 "$log/docker.log" | od -An -c | tr -d ' ')" != '\n' ] || fail "the token ended in a newline"
grep -qF "$token" "$work/err" && fail "the token reached stderr"
ok "login pipes the session token into docker's stdin, no newline, never in its arguments"
rm -f "$log/docker.log"
IBMCLOUD_HOME=$no_session cr login --client docker --region us-south </dev/null >/dev/null 2>"$work/err" ||
  fail "login with no cached session: $(cat "$work/err")"
[ "$(head -n 3 "$log/ibmcloud.log")" = "$(printf 'iam\noauth-tokens\n--output')" ] ||
  fail "ibmcloud was not asked for tokens: $(cat "$log/ibmcloud.log")"
[ "$(tail -n 1 "$log/docker.log")" = "$cli_token" ] || fail "docker did not get the token ibmcloud printed"
ok "with no cached session, login runs ibmcloud iam oauth-tokens (found on PATH) and pipes its token"

start=$SECONDS
if FAKE_HANG=1 IBMCLOUD_HOME=$no_session cr token --timeout 3 </dev/null >/dev/null 2>"$work/err"; then fail "a hung ibmcloud did not fail"; fi
grep -q "timed out\|did not finish" "$work/err" || fail "hung ibmcloud: $(cat "$work/err")"
left=1
for _ in $(seq 50); do
  if ! pgrep -f 'ibmcloud.exe|sleep 300[12]' >/dev/null; then left=0; break; fi
  sleep 0.2
done
[ "$left" = 0 ] || fail "the hung ibmcloud or its grandchild outlived cr-ext: $(pgrep -af 'ibmcloud.exe|sleep 300[12]')"
ok "a hung ibmcloud and its grandchild are stopped on --timeout ($((SECONDS - start)) s)"

# Ctrl-C: SIGINT to the emulated cr-ext (Wine turns it into a console control event). The
# children stop, and cr-ext ends as a program ends on Ctrl-C there: STATUS_CONTROL_C_EXIT
# (0xC000013A, 58 in an exit status's 8 bits) on Windows, death by SIGINT (130) on Linux.
FAKE_HANG=1 IBMCLOUD_HOME=$no_session cr token --timeout 60 </dev/null >/dev/null 2>"$work/err" &
job=$!
for _ in $(seq 100); do pgrep -f 'ibmcloud.exe grandchild|sleep 3002' >/dev/null && break; sleep 0.1; done
pid=$(pgrep -n -f "cr-ext$EXE token --timeout 60") || fail "cr-ext did not start"
kill -INT "$pid"
rc=0
wait "$job" || rc=$?
want=130
[ -n "$EXE" ] && want=58
[ "$rc" = "$want" ] || fail "after Ctrl-C cr-ext exited $rc, not $want: $(cat "$work/err")"
grep -q "interrupted" "$work/err" || fail "after Ctrl-C: $(cat "$work/err")"
for _ in $(seq 50); do pgrep -f 'ibmcloud.exe|sleep 300[12]' >/dev/null || break; sleep 0.2; done
if pgrep -af 'ibmcloud.exe|sleep 300[12]'; then fail "a child outlived Ctrl-C"; fi
ok "Ctrl-C stops the hung ibmcloud and its grandchild; cr-ext exits $rc"
