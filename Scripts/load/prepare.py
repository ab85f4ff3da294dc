#!/usr/bin/env python3
"""Registers LEARNERS learners on a running itembank-server and starts a positioning for each (the
competences in turn); writes one line per learner: learner token session item competence.
Usage: prepare.py BASE_URL LEARNERS OUT"""
import json
import sys
import urllib.request

base, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
competences = ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "3.4", "4.1", "4.2", "4.3",
               "5.1", "5.2"]


def call(method, path, token=None, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request) as reply:
        return json.load(reply)


with open(out, "w") as file:
    for index in range(count):
        learner = call("POST", "/v1/learners")
        competence = competences[index % 16]
        session = call("POST", "/v1/sessions", learner["token"], {"kind": "positioning", "competence": competence})
        file.write(f'{learner["learner"]} {learner["token"]} {session["session"]} {session["item"]["id"]} {competence}\n')
