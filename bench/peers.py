"""The peers bench/run starts for the webhook and DNS-RPZ rows: an HTTP server that answers 200 with JSON, and a
real BIND 9 (Debian's bind9) with a generated TSIG key and a response policy zone, both on loopback."""
import base64
import http.server
import json
import os
import select
import shutil
import socket
import subprocess
import threading

NAMED = "/usr/sbin/named"
KEY_NAME = "cortex-bench."
ZONE = "rpz."


class Answer200(http.server.BaseHTTPRequestHandler):
    """Reads the body, answers 200 with a small JSON object, as Shuffle's execute API and an n8n webhook do."""

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        body = json.dumps({"success": True, "execution_id": "bench", "message": "Workflow was started"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class WebhookServer:
    def __init__(self):
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Answer200)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class BindServer:
    """named -g on a free loopback port; None from start() when bind9 is not installed."""

    def __init__(self, folder):
        self.folder = folder
        self.secret = base64.b64encode(os.urandom(64)).decode()
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        with open(os.path.join(folder, "named.conf"), "w") as f:
            f.write(f"""key "{KEY_NAME}" {{ algorithm hmac-sha512; secret "{self.secret}"; }};
options {{ directory "{folder}"; pid-file "{folder}/named.pid"; session-keyfile "{folder}/session.key";
  managed-keys-directory "{folder}"; listen-on port {self.port} {{ 127.0.0.1; }}; listen-on-v6 {{ none; }};
  recursion no; dnssec-validation no; notify no; }};
controls {{ }};
zone "{ZONE}" {{ type primary; file "rpz.db"; update-policy {{ grant {KEY_NAME} zonesub ANY; }}; }};
""")
        with open(os.path.join(folder, "rpz.db"), "w") as f:
            f.write(f"$TTL 60\n@ IN SOA ns.{ZONE} hostmaster.{ZONE} 1 3600 600 86400 60\n@ IN NS ns.{ZONE}\nns.{ZONE} IN A 127.0.0.1\n")
        self.process = subprocess.Popen([NAMED, "-g", "-n", "1", "-c", os.path.join(folder, "named.conf")],
                                        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
        for _ in range(200):  # bounded: named says "running" once its zones are loaded
            ready, _, _ = select.select([self.process.stderr], [], [], 30)
            line = self.process.stderr.readline() if ready else ""
            if not line:
                self.close()
                raise RuntimeError("named ended or said nothing within 30 s")
            if line.rstrip().endswith(" running"):
                break
        threading.Thread(target=self.process.stderr.read, daemon=True).start()  # keep its pipe drained

    @staticmethod
    def start(folder):
        if not os.path.exists(NAMED):
            return None, "skipped: /usr/sbin/named is not installed (Debian's bind9)"
        os.makedirs(folder, exist_ok=True)
        return BindServer(folder), None

    def config(self):
        return {"bind_server": f"127.0.0.1:{self.port}", "tsig_keyname": KEY_NAME, "tsig_keyval": self.secret,
                "tsig_hashalg": "HMAC-SHA512", "rpz_zonename": ZONE, "remediation_ip": "192.0.2.66"}

    def close(self):
        self.process.kill()
        self.process.wait(10)
        shutil.rmtree(self.folder, ignore_errors=True)
