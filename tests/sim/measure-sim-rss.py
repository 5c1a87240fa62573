#!/usr/bin/env python3
"""Memory of a flowdesk-sim process under hostile load: prints its RSS at start, after four 50 MB
uploads, after 2,000 concurrent signed requests and with 2,000 idle connections open.

    python3 tests/sim/measure-sim-rss.py build/release/bin/flowdesk-sim

Numbers only, no pass/fail: the limits themselves are asserted by tst_simhttpserver_hostile;
the figures go to app/sim/README.md. Requests are signed with botocore (Debian's awscli, in
./dev's DEB_PACKAGES), a signer independent of Flowdesk's.
"""
import resource
import socket
import subprocess
import sys
import time

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

ACCESS_KEY = "AKIASIMRSSMEASURE001"
SECRET = "measure/rss/secret/0123456789abcdefghijkl"


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        fields = dict(line.split(":", 1) for line in status if ":" in line)
    return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])


def signed(port, path, body, extra=None):
    request = AWSRequest(method="POST", url=f"http://127.0.0.1:{port}{path}", data=body,
                         headers={"Content-Type": "application/json", **(extra or {})})
    SigV4Auth(Credentials(ACCESS_KEY, SECRET), "appflow", "us-east-1").add_auth(request)
    head = f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
    for name, value in request.headers.items():
        head += f"{name}: {value}\r\n"
    return head.encode(), body


def status_of(data):
    return int(data[9:12]) if data.startswith(b"HTTP/1.1 ") and len(data) >= 12 else 0


def read_response(sock, timeout=30):
    sock.settimeout(timeout)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        rest += chunk
    return data


def one_request(port):
    head, body = signed(port, "/list-flows", b"{}")
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(head + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        return status_of(read_response(sock))


def upload(port, head, chunked, total=50_000_000):
    block = b"[" * (1 << 20)
    piece = (b"%x\r\n" % len(block)) + block + b"\r\n" if chunked else block
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(head)
        sent = 0
        sock.settimeout(5)
        try:
            while sent < total:
                sent += sock.send(piece)
        except OSError:
            pass   # the server answered and closed its side, or reset after lingering
        try:
            return status_of(read_response(sock))
        except OSError:
            return 0


def main():
    binary = sys.argv[1]
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 8192), hard))
    sim = subprocess.Popen([binary, "--access-key-id", ACCESS_KEY, "--secret-access-key", SECRET],
                           stdout=subprocess.PIPE, text=True)
    try:
        port = int(sim.stdout.readline().strip().rsplit(":", 1)[1])
        assert one_request(port) == 200
        print(f"start (after one request): RSS {rss_kib(sim.pid)[0]} KiB")

        fifty = b"50000000"
        unsigned_head = b"POST /list-flows HTTP/1.1\r\nHost: x\r\n"
        signed_head, _ = signed(port, "/list-flows", b"")
        statuses = [
            upload(port, unsigned_head + b"Content-Length: " + fifty + b"\r\n\r\n", False),
            upload(port, unsigned_head + b"Transfer-Encoding: chunked\r\n\r\n", True),
            upload(port, signed_head + b"Content-Length: " + fifty + b"\r\n\r\n", False),
            upload(port, signed_head + b"Transfer-Encoding: chunked\r\n\r\n", True),
        ]
        print(f"after four 50 MB uploads (answers {statuses}): RSS {rss_kib(sim.pid)[0]} KiB")

        started = time.monotonic()
        head, body = signed(port, "/list-flows", b"{}")
        wire = head + f"Content-Length: {len(body)}\r\n\r\n".encode() + body
        pending = list(range(2000))
        answered, retries = 0, 0
        while pending:
            sockets = []
            for _ in pending:
                sock = socket.socket()
                sock.connect(("127.0.0.1", port))
                sockets.append(sock)
            for sock in sockets:
                try:
                    sock.sendall(wire)
                except OSError:
                    pass
            still = []
            for index, sock in zip(pending, sockets):
                try:
                    ok = status_of(read_response(sock)) == 200
                except OSError:
                    ok = False
                sock.close()
                if ok:
                    answered += 1
                else:
                    still.append(index)
            retries += len(still)
            pending = still
        print(f"after 2,000 concurrent signed requests ({answered} answered 200, {retries} "
              f"retried after being closed at the cap, {time.monotonic() - started:.1f} s): "
              f"RSS {rss_kib(sim.pid)[0]} KiB")

        idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(2000)]
        time.sleep(1)
        rss_idle = rss_kib(sim.pid)[0]
        fds = len(__import__("os").listdir(f"/proc/{sim.pid}/fd"))
        status = one_request(port)
        print(f"with 2,000 idle connections open ({fds} descriptors in the simulator; a signed "
              f"request then: {status}): RSS {rss_idle} KiB")
        for sock in idle:
            sock.close()
        print(f"peak (VmHWM): {rss_kib(sim.pid)[1]} KiB")
    finally:
        sim.terminate()
        sim.wait()


if __name__ == "__main__":
    main()
