#!/usr/bin/env python3
# A stand-in for IAM's token endpoint on loopback, for benchmarks only (the tests use a
# mock server in Rust): answers POST /identity/token with the documented 200 body holding the
# access token given on the command line. Prints its port on stdout, then serves until killed.
import http.server
import json
import sys
import time

TOKEN = sys.argv[1]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        body = json.dumps({
            "access_token": TOKEN,
            "refresh_token": "bench-refresh",
            "token_type": "Bearer",
            "expires_in": 3600,
            "expiration": int(time.time()) + 3600,
            "scope": "ibm openid",
        }).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
