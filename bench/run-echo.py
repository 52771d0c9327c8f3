#!/usr/bin/env python3
"""Figures for a published responder as Cortex runs it: binary size, wall time per job, peak memory.

Publishes responders/Echo twice (Native AOT, and JIT single-file for comparison) and runs each on
  - a small TheHive case (the usual job), N times;
  - a 50 MB job input (echoed back whole), a few times.
Usage: python3 bench/run-echo.py [runs]   (prints the figures; changes nothing in the repository)
"""
import json, os, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 30


def publish(out, *extra):
    subprocess.run(["dotnet", "publish", os.path.join(ROOT, "responders", "Echo"), "-c", "Release", "-nologo", "-v", "quiet",
                    f"-p:CortexRoot={out}", *extra], check=True, stdout=subprocess.DEVNULL)
    return os.path.join(out, "Echo", "Echo")


def job(input_obj, work):
    folder = tempfile.mkdtemp(prefix="cortex-job-", dir=work)
    os.makedirs(os.path.join(folder, "input"))
    with open(os.path.join(folder, "input", "input.json"), "w", encoding="utf-8") as f:
        json.dump(input_obj, f, ensure_ascii=False)
    return folder


def run(command, folder):
    """Runs one job as Cortex does; returns (wall seconds, peak RSS in MB) of that process."""
    start = time.perf_counter()
    process = subprocess.Popen([command, folder], cwd=os.path.dirname(os.path.dirname(command)),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    with open(os.path.join(folder, "output", "output.json"), encoding="utf-8") as f:
        assert json.load(f)["success"] is True and process.returncode == 0, "the job failed"
    shutil.rmtree(os.path.join(folder, "output"))
    return elapsed, usage.ru_maxrss / 1024


def measure(name, command, small, big, work):
    size = os.path.getsize(command)
    small_runs = [run(command, small) for _ in range(RUNS)]
    big_runs = [run(command, big) for _ in range(3)]
    times = sorted(t for t, _ in small_runs)
    print(f"{name:<16} size {size / 1e6:5.1f} MB | small case ({RUNS} runs): median {statistics.median(times) * 1000:6.1f} ms, "
          f"p90 {times[int(len(times) * 0.9) - 1] * 1000:6.1f} ms, peak RSS {max(m for _, m in small_runs):4.0f} MB | "
          f"50 MB input (3 runs): median {statistics.median(t for t, _ in big_runs):5.2f} s, peak RSS {max(m for _, m in big_runs):4.0f} MB")


def main():
    with open(os.path.join(ROOT, "tests", "fixtures", "jobs", "thehive-case.json"), encoding="utf-8") as f:
        case = json.load(f)
    case["config"]["service"] = "echo"
    bulk = dict(case)
    bulk["data"] = dict(case["data"], bulk=[{"id": i, "text": "x" * 1000} for i in range(50_000)])
    with tempfile.TemporaryDirectory(prefix="cortex-bench-") as work:
        small, big = job(case, work), job(bulk, work)
        print(f"job inputs: small {os.path.getsize(os.path.join(small, 'input', 'input.json'))} B, "
              f"big {os.path.getsize(os.path.join(big, 'input', 'input.json')) / 1e6:.1f} MB; machine: {os.cpu_count()} cores")
        measure("Native AOT", publish(os.path.join(work, "aot")), small, big, work)
        measure("JIT single-file", publish(os.path.join(work, "jit"), "-p:PublishAot=false"), small, big, work)


if __name__ == "__main__":
    main()
