#!/usr/bin/env python3
"""Latency benchmark of `itembank lsp` on a generated bank.

Usage: Scripts/lsp-benchmark.py ITEMBANK_BINARY BANK_FOLDER [EDITS]

Starts the language server with the bank as its root folder, sends `initialized` (the server then
reads and indexes the whole bank) and opens one item: the "initial index" time is from `initialized`
sent to the item's publishDiagnostics received. Then it
sends EDITS (default 200) didChange notifications of that item, alternately planting and removing a
typography error, each waiting for the publishDiagnostics of the edited item; prints the median, p95
and maximum time from didChange sent to publishDiagnostics received, in milliseconds, and the
server's CPU time per edit (Linux), which a busy machine does not inflate as much.
"""
import json
import os
import subprocess
import sys
import time


class Client:
    def __init__(self, binary):
        self.process = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.next_id = 1

    def send(self, message):
        message["jsonrpc"] = "2.0"
        content = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(content) + content)
        self.process.stdin.flush()

    def receive(self):
        length = None
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError("the server closed its output")
            if line == b"\r\n":
                break
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value.strip())
        return json.loads(self.process.stdout.read(length))

    def request(self, method, params):
        request_id = self.next_id
        self.next_id += 1
        self.send({"id": request_id, "method": method, "params": params})
        while True:
            message = self.receive()
            if message.get("id") == request_id and "method" not in message:
                return message

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    def diagnostics(self, uri):
        while True:
            message = self.receive()
            if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
                return message["params"]["diagnostics"]


def cpu_seconds(pid):
    """User + system CPU time of a process (Linux /proc), nil elsewhere."""
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return None


def main():
    binary, bank = sys.argv[1], os.path.realpath(sys.argv[2])
    edits = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    items = []
    for folder, _, files in os.walk(os.path.join(bank, "items")):
        items += [os.path.join(folder, name) for name in files if name.endswith(".xml")]
    items.sort()
    path = items[len(items) // 2]
    uri = "file://" + path
    text = open(path, encoding="utf-8").read()
    client = Client(binary)
    client.request("initialize", {"processId": None, "rootUri": "file://" + bank, "capabilities": {}})
    start = time.perf_counter()
    client.notify("initialized", {})
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "xml", "version": 1, "text": text}})
    first = client.diagnostics(uri)
    index_time = time.perf_counter() - start
    planted = text.replace("<stem>", "<stem>Est-ce  l'exemple ? ", 1)
    latencies = []
    cpu_before = cpu_seconds(client.process.pid)
    for version in range(2, edits + 2):
        new_text = planted if version % 2 == 0 else text
        start = time.perf_counter()
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                 "contentChanges": [{"text": new_text}]})
        found = client.diagnostics(uri)
        latencies.append((time.perf_counter() - start) * 1000)
        if version % 2 == 0 and not any(d["code"].startswith("typo.") for d in found):
            raise RuntimeError("the planted typography error was not reported")
    cpu_after = cpu_seconds(client.process.pid)
    client.request("shutdown", None)
    client.notify("exit", None)
    client.process.wait()
    latencies.sort()
    p95 = latencies[min(len(latencies) - 1, int(round(0.95 * len(latencies))) - 1)]
    print(f"items: {len(items)}  edited: {os.path.relpath(path, bank)}  diagnostics at open: {len(first)}")
    print(f"initial index (initialized + didOpen -> publishDiagnostics): {index_time * 1000:.0f} ms")
    print(f"didChange -> publishDiagnostics over {edits} edits: median {latencies[len(latencies) // 2]:.1f} ms, "
          f"p95 {p95:.1f} ms, max {latencies[-1]:.1f} ms")
    if cpu_before is not None and cpu_after is not None:
        print(f"server CPU time per edit (user + system): {(cpu_after - cpu_before) * 1000 / edits:.1f} ms "
              f"(the latencies include waiting for a core on a busy machine)")


if __name__ == "__main__":
    main()
