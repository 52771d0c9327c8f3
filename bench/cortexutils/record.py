#!/usr/bin/env python3
"""Records what Python cortexutils itself answers, for the C# port's differential tests.

Usage (from the repository root):
    CORTEXUTILS_SRC=<folder holding the cortexutils package> python3 bench/cortexutils/record.py

With CORTEXUTILS_SRC unset, cortexutils must be importable (pip install cortexutils). PyPI is not
reachable where these files were first recorded, so they were recorded from the source of
github.com/TheHive-Project/cortexutils at commit 838b2fe42d9e3e42329a72e2863a956eb27e9b4d (2.2.1),
exported with `git archive HEAD cortexutils | tar -x -C <folder>`. The script writes the commit or
version it ran with into each file.

It writes:
  tests/Cortex.Responders.Tests/Artifacts/Recorded/extractor.json
      every string of EXTRACTOR_CASES with cortexutils' Extractor().check_string answer;
  tests/Echo.Analyzer.Tests/Recorded/<job>.json
      for each job of ECHO_JOBS: the job input (and its input file), and the summary, artifacts and
      full report that cortexutils' Analyzer gives for the Echo analyzer below, run as Cortex runs it
      (a job folder with input/input.json, read back from output/output.json).
Nothing in these files is written by hand: rerun the script after changing the cases.
"""
import json
import os
import subprocess
import sys
import tempfile

if os.environ.get("CORTEXUTILS_SRC"):
    sys.path.insert(0, os.environ["CORTEXUTILS_SRC"])

from cortexutils.analyzer import Analyzer  # noqa: E402
from cortexutils.extractor import Extractor  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def source_of_cortexutils():
    src = os.environ.get("CORTEXUTILS_SRC")
    if src:
        return "source of TheHive-Project/cortexutils exported into " + os.path.basename(src.rstrip("/")) + \
            " (commit 838b2fe42d9e3e42329a72e2863a956eb27e9b4d unless stated otherwise)"
    try:
        from importlib.metadata import version
        return "cortexutils " + version("cortexutils") + " from pip"
    except Exception:
        return "cortexutils (version unknown)"


EXTRACTOR_CASES = [
    # cortexutils' own test suite
    "www.google.de", "google.de", "https://google.de", "10.0.0.1",
    "2001:0db8:85a3:08d3:1319:8a2e:0370:7344", "b373bd6b144e7846f45a1e47ced380b8",
    "94d4d48ba9a79304617f8291982bf69a8ce16fb0",
    "7ef8b3dc5bf40268f66721a89b95f4c5f0cc08e34836f8c3a007ceed193654d4",
    "Mozilla/5.0 (Windows NT 10.0; WOW64; rv:52.0) Gecko/20100101 Firefox/52.0",
    "VeryImportant@mail.org",
    "HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Run",
    "0.001234", "0.1234.5678",
    # re.match: anchored at the start only
    "10.0.0.1 and more", "see 10.0.0.1", "999.999.999.999", "1.2.3.4.5",
    "https://", "http://example.org/a b", "see https://example.org", "HTTPS://example.org",
    "ftp://example.org/file", "://nothing", "file:///etc/passwd",
    "mail me at x@example.org", "x@example.org and more", "first.last@sub.example.co.uk",
    "a@b.c", "a@b", "@example.org",
    # IPv6 shapes
    "::1", "::", "fe80::1%eth0", "::ffff:192.0.2.1", "2001:db8::", "2001:db8::1:2", "1::2:3:4:5:6:7",
    "2001:db8:0:0:0:0:2:1", "12345::", "gggg::1",
    # hashes: exact lengths only
    "B373BD6B144E7846F45A1E47CED380B8", "b373bd6b144e7846f45a1e47ced380b", "b373bd6b144e7846f45a1e47ced380b8a",
    "b373bd6b144e7846f45a1e47ced380b8\n",
    # domains and FQDNs
    "example.com", "exa-mple.com", "example.c0m", "example.com.", "a.b.c.d.example.org", "sub.example.com\n",
    "münchen.de", "www.münchen.de", "例え.テスト", "x_y.com", "under_score.example.org",
    # user agents
    "AppleWebKit/537.36 (KHTML, like Gecko)", "Chrome/91.0.4472.124 Safari/537.36", "Safari/537.36 x",
    "Mozilla/4.0 (compatible; MSIE 6.0)", "Mozilla/5.0", "Mozilla/5.0 (X11)\nsecond line",
    # registry
    "HKLM\\Software\\Run", "HKCU", "HKCU\\", "HKEY_CURRENT_USER\\Software\\My App", "HKEY_USERS\\S-1-5",
    # Python's \w
    "x\u00b2@mail.org", "ab\u0301c@mail.org", "a\u203fb@mail.org", "\u216b@mail.org", "caf\u00e9.fr", "na\u0308ive.de",
    # neither
    "", " ", "hello", "12345", "1.2", "true", "C:\\Windows\\System32",
]

ECHO_JOBS = {
    "ip": {"dataType": "ip", "data": "198.51.100.7", "tlp": 2, "pap": 2, "message": "seen in a phishing mail",
           "parameters": {"user": "analyst"}, "config": {}},
    "ip-in-message": {"dataType": "ip", "data": "198.51.100.7", "message": "198.51.100.7 also talks to 203.0.113.9",
                      "parameters": {"relay": "203.0.113.9", "self": "198.51.100.7"}, "config": {}},
    "mail": {"dataType": "mail", "data": "victim@example.org", "message": "reported by victim@example.org",
             "parameters": {"from": "attacker@evil.example", "urls": ["https://evil.example/login", "evil.example",
                                                                       "https://evil.example/login"],
                            "nested": {"hash": "b373bd6b144e7846f45a1e47ced380b8", "n": 3, "ok": True, "none": None}},
             "config": {}},
    "url": {"dataType": "url", "data": "https://evil.example/login", "message": "",
            "parameters": {"host": "evil.example", "path": "https://evil.example/login?x=1"}, "config": {}},
    "no-extract": {"dataType": "domain", "data": "evil.example", "message": "198.51.100.7",
                   "parameters": {"ip": "203.0.113.9"}, "config": {"auto_extract": False}},
    "no-extract-legacy": {"dataType": "domain", "data": "evil.example", "message": "198.51.100.7",
                          "parameters": {}, "config": {"auto_extract_artifacts": False}},
    "no-message": {"dataType": "hash", "data": "94d4d48ba9a79304617f8291982bf69a8ce16fb0", "config": {}},
    "unicode": {"dataType": "other", "data": "caf\u00e9", "message": "\u00e9t\u00e9 \u2014 www.m\u00fcnchen.de",
                "parameters": {"mail": "x\u00b2@mail.org"}, "config": {}},
    "file": {"dataType": "file", "file": "attachment", "filename": "report.txt", "contentType": "text/plain",
             "message": "report.txt came from 198.51.100.7", "parameters": {"seen": "report.txt.example.org"},
             "config": {},
             "_file": "contacted 203.0.113.9 and https://evil.example/\n"},
}


class EchoAnalyzer(Analyzer):
    """The Echo analyzer of analyzers/Echo, written with cortexutils."""

    def summary(self, raw):
        return {"taxonomies": [self.build_taxonomy("info", "Echo", "dataType", self.data_type)]}

    def run(self):
        self.report({
            "data": self.get_data(),
            "message": self.get_param("message"),
            "parameters": self.get_param("parameters"),
        })


def run_echo(job_folder):
    """Runs EchoAnalyzer as Cortex runs a worker: a process with the job folder as its argument."""
    code = (
        "import sys\n"
        "sys.path[:0] = " + repr(sys.path[:1] + ([os.environ["CORTEX_SRC"]] if os.environ.get("CORTEX_SRC") else [])) + "\n"
        "from record import EchoAnalyzer\n"
        "EchoAnalyzer().run()\n"
    )
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in [os.path.dirname(os.path.abspath(__file__)),
                                                     os.environ.get("CORTEXUTILS_SRC", "")] if p)
    subprocess.run([sys.executable, "-c", code, job_folder], check=False, env=env, timeout=60)
    with open(os.path.join(job_folder, "output", "output.json"), encoding="utf-8") as f:
        return json.load(f)


def write(path, value):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(value, f, ensure_ascii=False, indent=2)
        f.write("\n")


def main():
    recorded_with = source_of_cortexutils()
    extractor = Extractor()
    write(os.path.join(ROOT, "tests", "Cortex.Responders.Tests", "Artifacts", "Recorded", "extractor.json"), {
        "recordedWith": recorded_with,
        "cases": [{"value": v, "dataType": extractor.check_string(v)} for v in EXTRACTOR_CASES],
    })

    for name, job in ECHO_JOBS.items():
        job = dict(job)
        content = job.pop("_file", None)
        with tempfile.TemporaryDirectory() as folder:
            os.makedirs(os.path.join(folder, "input"))
            os.makedirs(os.path.join(folder, "output"))
            with open(os.path.join(folder, "input", "input.json"), "w", encoding="utf-8") as f:
                json.dump(job, f, ensure_ascii=False)
            if content is not None:
                with open(os.path.join(folder, "input", job["file"]), "w", encoding="utf-8") as f:
                    f.write(content)
            output = run_echo(folder)
        write(os.path.join(ROOT, "tests", "Echo.Analyzer.Tests", "Recorded", name + ".json"), {
            "recordedWith": recorded_with,
            "input": job,
            "inputFile": content,
            "output": output,
        })


if __name__ == "__main__":
    main()
