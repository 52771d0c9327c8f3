#!/usr/bin/env python3
"""Figures for the published Mailer as Cortex runs it: binary sizes, wall time of a whole job (start,
read input, SMTP session with a real aiosmtpd server on loopback, write output), peak memory.

    python3 bench/run-mailer.py [jobs]     (needs Debian's python3-aiosmtpd; publishes with `dotnet publish responders`)
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PEER = os.path.join(ROOT, "tests", "Cortex.Responders.TestSupport", "Peers", "smtp_server.py")


def main():
    jobs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    work = tempfile.mkdtemp(prefix="bench-mailer-")
    root = os.path.join(work, "root")
    try:
        subprocess.run(["dotnet", "publish", os.path.join(ROOT, "responders"), "-c", "Release", "-nologo", "-v", "quiet",
                        f"-p:CortexRoot={root}"], check=True)
        for name in ("Echo", "Mailer", "PhishFeedback"):
            print(f"{name}: {os.path.getsize(os.path.join(root, name, name)) / 1e6:.1f} MB")
        peer = subprocess.Popen(["/usr/bin/python3", PEER], stdout=subprocess.PIPE, text=True)
        try:
            port = json.loads(peer.stdout.readline())["port"]
            with open(os.path.join(ROOT, "tests", "fixtures", "jobs", "thehive-case.json")) as f:
                case = json.load(f)
            case["config"]["smtp_port"] = port
            times = []
            peaks = []
            for _ in range(jobs):
                job = tempfile.mkdtemp(dir=work)
                os.makedirs(os.path.join(job, "input"))
                os.makedirs(os.path.join(job, "output"))
                with open(os.path.join(job, "input", "input.json"), "w") as f:
                    json.dump(case, f)
                before = time.perf_counter()
                process = subprocess.Popen([os.path.join(root, "Mailer", "Mailer"), job], cwd=root,
                                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                           env={**os.environ, "REQUESTS_CA_BUNDLE": ""})
                _, status, usage = os.wait4(process.pid, 0)
                times.append(time.perf_counter() - before)
                process.returncode = os.waitstatus_to_exitcode(status)
                if process.returncode != 0:
                    sys.exit(f"Mailer failed: exit {process.returncode}")
                peaks.append(usage.ru_maxrss / 1024)
                peer.stdout.readline()  # the delivery
            times.sort()
            rss = max(peaks)
            print(f"Mailer, case to SMTP on loopback, {jobs} jobs: median {statistics.median(times) * 1000:.1f} ms, "
                  f"p90 {times[int(len(times) * 0.9) - 1] * 1000:.1f} ms, peak RSS {rss:.0f} MB")
        finally:
            peer.kill()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
