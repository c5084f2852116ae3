# Sourced by the benchmark scripts: fake_jwt CLAIMS prints an unsigned JWT-shaped token whose
# claims segment is CLAIMS (JSON), base64url without padding, as IAM's tokens are shaped.
b64url() { printf '%s' "$1" | base64 -w0 | tr '+/' '-_' | tr -d '='; }
fake_jwt() { printf '%s.%s.%s' "$(b64url '{"alg":"RS256"}')" "$(b64url "$1")" "$(b64url signature)"; }
