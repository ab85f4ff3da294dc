#!/usr/bin/env python3
"""Runs `itembank calibrate` on ../shared/bench/calib-dense and calib-cat and prints our figures beside
the reference ones (README there): wall time and peak RSS (/usr/bin/time -v), EM cycles, log-likelihood,
RMSE / correlation against the generating parameters, largest difference from R mirt item by item, mean
standard errors. Usage: Scripts/calibration-bench.py [path/to/itembank] (default .build/release/itembank)."""
import csv, math, os, re, subprocess, sys, tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
bench = os.path.join(root, "..", "shared", "bench")
binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, ".build", "release", "itembank")

def read(path, key="item"):
    with open(path, newline="") as f:
        return {row[key]: row for row in csv.DictReader(f)}

def run(name, extra):
    out = tempfile.mktemp(suffix=".csv")
    cmd = ["/usr/bin/time", "-v", binary, "calibrate", "--responses",
           os.path.join(bench, name, "responses.csv"), "-o", out] + extra
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(p.stderr)
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", p.stderr).group(1)
    parts = [float(x) for x in wall.split(":")]
    seconds = parts[-1] + 60 * parts[-2] + (3600 * parts[-3] if len(parts) > 2 else 0)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1)) / 1024
    summary = re.search(r"(\d+) EM cycles, (\S+ ?\S*), log-likelihood (\S+)", p.stderr)
    rows = read(out)
    os.unlink(out)
    return seconds, rss, summary, rows

def stats(rows, truth):
    ids = [i for i in truth if i in rows]
    def rmse(key):
        return math.sqrt(sum((float(rows[i][key]) - float(truth[i][key])) ** 2 for i in ids) / len(ids))
    def corr(key):
        x = [float(rows[i][key]) for i in ids]; y = [float(truth[i][key]) for i in ids]
        mx, my = sum(x) / len(x), sum(y) / len(y)
        sxy = sum((u - mx) * (v - my) for u, v in zip(x, y))
        return sxy / math.sqrt(sum((u - mx) ** 2 for u in x) * sum((v - my) ** 2 for v in y))
    return rmse("a"), rmse("b"), corr("a"), corr("b"), len(ids)

def mean_se(rows):
    se = [(float(r["se_a"]), float(r["se_b"])) for r in rows.values() if r["se_a"]]
    return sum(s[0] for s in se) / len(se), sum(s[1] for s in se) / len(se)

for name, label, extra in [
    ("calib-dense", "dense, no prior", ["--no-prior"]),
    ("calib-dense", "dense, no prior, no SE", ["--no-prior", "--no-standard-errors"]),
    ("calib-dense", "dense, default prior", []),
    ("calib-cat", "adaptive, default prior", []),
    ("calib-cat", "adaptive, default prior, no SE", ["--no-standard-errors"]),
    ("calib-cat", "adaptive, no prior", ["--no-prior"]),
]:
    seconds, rss, summary, rows = run(name, extra)
    truth = read(os.path.join(bench, name, "items_true.csv"))
    ra, rb, ca, cb, n = stats(rows, truth)
    line = (f"{label}: wall {seconds:.2f} s, peak RSS {rss:.0f} MB, {summary.group(1)} cycles ({summary.group(2)}), "
            f"logLik {summary.group(3)}, items {n}, RMSE a {ra:.4f} b {rb:.4f}, corr a {ca:.4f} b {cb:.4f}")
    if rows and next(iter(rows.values()))["se_a"]:
        sa, sb = mean_se(rows)
        line += f", mean SE a {sa:.4f} b {sb:.4f}"
    ref_path = os.path.join(bench, name, "reference-mirt-R-1.47.csv")
    if os.path.exists(ref_path) and "--no-prior" in extra:
        ref = read(ref_path)
        da = max(abs(float(rows[i]["a"]) - float(ref[i]["a"])) for i in ref)
        db = max(abs(float(rows[i]["b"]) - float(ref[i]["b"])) for i in ref)
        line += f", max |Δ| vs R mirt a {da:.5f} b {db:.5f}"
    print(line, flush=True)
