#!/usr/bin/env python3
"""Campaign and IRT-form figures of itembank-server (for docs/performance.md).

Starts SERVER on BANK with a fresh SQLite store (or --database URL), then:
  - a campaign over 3 competences; LEARNERS learners join it, each starts the positioning of the first
    competence and passes its first item (so the progress has sessions to read);
  - times GET /v1/campaigns/{code} (progress) and GET /v1/campaigns/{code}/results (CSV), median of 5;
  - times the first pix-campaign start (the engine and its pool are built for the release) and the
    median of 20 later starts, and the median answer round trip of a pix-campaign session.

Usage: Scripts/campaign-benchmark.py SERVER BANK [LEARNERS] [--database URL]
"""
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

TEACHER = "benchmark-teacher-token-0123"


def call(base, method, path, token=None, body=None):
    request = urllib.request.Request(base + path, method=method,
                                     data=json.dumps(body).encode() if body is not None else None)
    if token:
        request.add_header("Authorization", "Bearer " + token)
    if body is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request) as reply:
        data = reply.read()
    return json.loads(data) if reply.headers.get("Content-Type", "").startswith("application/json") else data


def timed(function, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main():
    arguments = [a for a in sys.argv[1:] if not a.startswith("--database")]
    database = next((a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--database=")), None)
    if len(arguments) not in (2, 3):
        print(__doc__)
        sys.exit(2)
    server, bank = arguments[0], arguments[1]
    learners = int(arguments[2]) if len(arguments) == 3 else 300
    folder = tempfile.mkdtemp(prefix="itembank-campaign-bench-")
    process = subprocess.Popen(
        [server, "--bank", bank, "--database", database or os.path.join(folder, "store.sqlite"), "--port", "0",
         "--watch-interval", "0", "--organiser-token", TEACHER],
        stdout=subprocess.PIPE, stderr=open(os.path.join(folder, "server.log"), "w"), text=True)
    base = re.search(r"listening on (http://[^ ]+)", process.stdout.readline()).group(1)
    try:
        code = call(base, "POST", "/v1/campaigns", TEACHER,
                    {"title": "benchmark", "competences": ["1.1", "2.1", "3.1"]})["code"]
        for index in range(learners):
            token = call(base, "POST", "/v1/learners")["token"]
            call(base, "POST", "/v1/learner/campaigns", token, {"code": code, "name": f"learner {index}"})
            session = call(base, "POST", f"/v1/learner/campaigns/{code}/sessions", token, {"competence": "1.1"})
            call(base, "POST", f"/v1/sessions/{session['session']}/answers", token,
                 {"item": session["item"]["id"], "answer": {"skipped": True}})
        progress = timed(lambda: call(base, "GET", f"/v1/campaigns/{code}", TEACHER), 5)
        results = timed(lambda: call(base, "GET", f"/v1/campaigns/{code}/results", TEACHER), 5)
        rows = len(call(base, "GET", f"/v1/campaigns/{code}/results", TEACHER).splitlines()) - 1
        token = call(base, "POST", "/v1/learners")["token"]
        first = timed(lambda: call(base, "POST", "/v1/sessions", token, {"kind": "pix-campaign"}), 1)
        later = timed(lambda: call(base, "POST", "/v1/sessions", token, {"kind": "pix-campaign"}), 20)
        session = call(base, "POST", "/v1/sessions", token, {"kind": "pix-campaign"})
        answers = []
        while session.get("item"):
            start = time.perf_counter()
            reply = call(base, "POST", f"/v1/sessions/{session['session']}/answers", token,
                         {"item": session["item"]["id"], "answer": {"skipped": True}})
            answers.append((time.perf_counter() - start) * 1000)
            session = reply["session"]
        print(f"campaign of {learners} learners × 3 competences ({rows} CSV rows): progress {progress:.1f} ms, "
              f"results CSV {results:.1f} ms (median of 5)")
        print(f"pix-campaign: first start on the release {first:.1f} ms, later starts {later:.1f} ms (median of 20), "
              f"answer round trip {statistics.median(answers):.1f} ms (median of {len(answers)})")
    finally:
        process.terminate()
        process.wait(timeout=10)


if __name__ == "__main__":
    main()
