#!/usr/bin/env python3
"""Mutation smoke test of `itembank import` (a complement to Scripts/fuzz-interop.sh, runnable where
libFuzzer cannot link): mutates the GIFT, QTI and Moodle corpora and the interop fixtures (byte flips,
cuts, GIFT / XML tokens), imports them 300 files at a time with the given binary (a debug build traps on
any out-of-bounds access), and counts runs that end other than with exit status 0, 1 or 2.
Usage: Scripts/mutate-import.py BINARY [SEED] [SECONDS] [SHARED]"""
import os, random, subprocess, sys, glob, shutil, time, tempfile
random.seed(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
shared = sys.argv[4] if len(sys.argv) > 4 else '../shared'
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
work = tempfile.mkdtemp(prefix='itembank-mutate-')
binary = sys.argv[1]
seeds = [open(f,'rb').read() for f in glob.glob(shared + '/corpora/gift/*.gift')] 
xml = [open(f,'rb').read() for f in glob.glob(shared + '/corpora/qtiworks/**/*.xml', recursive=True) + glob.glob(shared + '/corpora/qti3/**/*.xml', recursive=True) + glob.glob(shared + '/corpora/moodle/**/*.xml', recursive=True) + glob.glob(root + '/Tests/Fixtures/interop/*') if os.path.getsize(f) < 65536]
tokens = [b'{', b'}', b'~', b'=', b'#', b'\\', b'::', b'->', b'%50%', b'..', b':', b'\n\n', b'$CATEGORY:', b'[html]', b'<', b'>', b'</p>', b'<img src="data:image/png;base64,AAAA"/>', b'maxChoices="', b'&amp;', b'\x00', b'\xff', b'<![CDATA[']
def mutate(data):
    data = bytearray(data)
    for _ in range(random.randint(1, 8)):
        op = random.random()
        if not data: data = bytearray(random.choice(tokens))
        i = random.randrange(len(data))
        if op < 0.3: data[i] = random.randrange(256)
        elif op < 0.5: del data[i:i+random.randint(1, 64)]
        elif op < 0.8: data[i:i] = random.choice(tokens)
        else: data = data[:i]
    return bytes(data)
end = time.time() + float(sys.argv[3] if len(sys.argv) > 3 else 120)
runs = crashes = inputs = 0
while time.time() < end:
    d = work + '/batch'; shutil.rmtree(d, ignore_errors=True); os.makedirs(d)
    for k in range(300):
        if random.random() < 0.5: open(f'{d}/m{k}.gift','wb').write(mutate(random.choice(seeds)))
        else: open(f'{d}/m{k}.xml','wb').write(mutate(random.choice(xml)))
    out = work + '/out'; shutil.rmtree(out, ignore_errors=True)
    p = subprocess.run([binary, 'import', d, '-o', out], capture_output=True)
    runs += 1; inputs += 300
    if p.returncode not in (0, 1, 2):
        crashes += 1; shutil.copytree(d, f'{work}/crash-{crashes}'); print('CRASH', p.returncode, p.stderr[-2000:].decode(errors='replace'))
print(f'runs {runs} inputs {inputs} crashes {crashes}' + (f' (kept in {work})' if crashes else ''))
if not crashes: shutil.rmtree(work, ignore_errors=True)
sys.exit(1 if crashes else 0)
