#!/usr/bin/env python3
"""RSS of a running itembank-server across many identical requests: a leak shows as steady growth.

Registers one learner, then sends ROUNDS × 4,000 `GET /v1/learner` (the token's learner and profile: two
store reads) on one keep-alive connection, printing the server's RSS after each 4,000; then 3 × 4,000
`GET /healthz` (no store) for comparison. Reads /proc/PID/status, so run it on the server's machine.

Usage: Scripts/load/memory-per-request.py PID PORT [ROUNDS]
"""
import http.client
import json
import sys

pid, port = sys.argv[1], int(sys.argv[2])
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 6


def rss():
    with open(f"/proc/{pid}/status") as status:
        return int(next(line for line in status if line.startswith("VmRSS")).split()[1])


connection = http.client.HTTPConnection("127.0.0.1", port)


def call(method, path, token=None):
    headers = {"Authorization": "Bearer " + token} if token else {}
    connection.request(method, path, headers=headers)
    reply = connection.getresponse()
    body = reply.read()
    if reply.status >= 300:
        sys.exit(f"{method} {path}: {reply.status} {body[:200]!r}")
    return json.loads(body)


token = call("POST", "/v1/learners")["token"]
for _ in range(1000):
    call("GET", "/v1/learner", token)
start = rss()
profile = []
for _ in range(rounds):
    for _ in range(4000):
        call("GET", "/v1/learner", token)
    profile.append(rss())
healthz = []
for _ in range(3):
    for _ in range(4000):
        call("GET", "/healthz")
    healthz.append(rss())
growth = (profile[-1] - start) * 1024 / (rounds * 4000)
print(f"RSS kB after 1,000 warm-up reads: {start}; after each 4,000 GET /v1/learner: {profile}")
print(f"then after each 4,000 GET /healthz: {healthz}")
print(f"growth: {growth:.0f} bytes per GET /v1/learner")
