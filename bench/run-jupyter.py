#!/usr/bin/env python3
"""Figures for the published Jupyter responder as Cortex runs it: binary size, wall time of a whole job on a
one-cell notebook (read the notebook through the contents API, start a kernel, run the cell over the websocket,
shut the kernel down, save the notebook, write the output), peak memory, and for comparison the time the Jupyter
server alone takes to start and stop a kernel.

    python3 bench/run-jupyter.py [jobs]     (needs Debian's jupyter-server and python3-ipykernel)
"""
import json
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def api(url, token, method="GET", body=None):
    request = urllib.request.Request(url, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": f"token {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        text = response.read()
        return json.loads(text) if text else None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    jobs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    work = tempfile.mkdtemp(prefix="bench-jupyter-")
    root = os.path.join(work, "root")
    served = os.path.join(work, "served")
    os.makedirs(served)
    server = None
    try:
        subprocess.run(["dotnet", "publish", os.path.join(ROOT, "responders", "Jupyter"), "-c", "Release", "-nologo", "-v", "quiet",
                        f"-p:CortexRoot={root}"], check=True)
        print(f"Jupyter: {os.path.getsize(os.path.join(root, 'Jupyter', 'Jupyter')) / 1e6:.1f} MB")
        token, port = secrets.token_hex(16), free_port()
        url = f"http://127.0.0.1:{port}/"
        env = {**os.environ, "JUPYTER_RUNTIME_DIR": os.path.join(work, "runtime"), "JUPYTER_CONFIG_DIR": os.path.join(work, "config")}
        server = subprocess.Popen(["/usr/bin/jupyter-server", "--allow-root", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
                                   "--port-retries=0", f"--ServerApp.token={token}", f"--ServerApp.root_dir={served}"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        for _ in range(150):
            try:
                api(url + "api/status", token)
                break
            except OSError:
                time.sleep(0.2)
        notebook = {"cells": [{"cell_type": "code", "execution_count": None, "metadata": {"tags": ["operations"]}, "outputs": [],
                               "source": "import json\nprint(json.dumps({'type': 'AddTagToCase', 'tag': thehive_input_value['title'][:20]}))"}],
                    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
                    "nbformat": 4, "nbformat_minor": 4}
        with open(os.path.join(served, "one-cell.ipynb"), "w") as f:
            json.dump(notebook, f)
        with open(os.path.join(ROOT, "tests", "fixtures", "jobs", "thehive-case.json")) as f:
            case = json.load(f)
        case["config"] = {"input_hostname": url, "input_handler_http_service_api_token": token, "input_handler_http_is_jupyterhub": False,
                          "input_handler_http_execute_remotely": True, "input_paths": ["one-cell.ipynb"], "output_hostname": url,
                          "output_handler_http_service_api_token": token, "output_handler_http_is_jupyterhub": False, "output_folder": "bench"}

        kernel = []
        for _ in range(jobs):
            before = time.perf_counter()
            kernel_id = api(url + "api/kernels", token, "POST", {"name": "python3"})["id"]
            api(url + f"api/kernels/{kernel_id}", token, "DELETE")
            kernel.append(time.perf_counter() - before)

        times, peaks = [], []
        for _ in range(jobs):
            job = tempfile.mkdtemp(dir=work)
            os.makedirs(os.path.join(job, "input"))
            os.makedirs(os.path.join(job, "output"))
            with open(os.path.join(job, "input", "input.json"), "w") as f:
                json.dump(case, f)
            before = time.perf_counter()
            process = subprocess.Popen([os.path.join(root, "Jupyter", "Jupyter"), job], cwd=root,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "REQUESTS_CA_BUNDLE": ""})
            _, status, usage = os.wait4(process.pid, 0)
            times.append(time.perf_counter() - before)
            peaks.append(usage.ru_maxrss / 1024)
            with open(os.path.join(job, "output", "output.json")) as f:
                output = json.load(f)
            if os.waitstatus_to_exitcode(status) != 0 or not output["success"]:
                raise SystemExit(f"job failed: {output}")

        def summary(values):
            ordered = sorted(values)
            return f"median {statistics.median(values) * 1000:.0f} ms, p90 {ordered[int(len(ordered) * 0.9) - 1] * 1000:.0f} ms"

        print(f"{jobs} jobs on a one-cell notebook: {summary(times)}, peak RSS {max(peaks):.0f} MB")
        print(f"the server alone, start + shut down a python3 kernel: {summary(kernel)}")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
