"""The live picture's event stream (issue 20, "Live" and "Bad input") against `amisim serve`:

- 100 clients hold GET /_amisim/events open as text/event-stream at once; a RunInstances through
  boto3 reaches every one of them as an event naming the call, and the server keeps answering;
- a client that opens the stream and never reads is closed once the news waiting for it pass
  the server's bound, with a line in `--log`, while the calls that made the news all succeed and
  the server keeps answering; the other streams are unaffected.

usage: test_event_stream.py AMISIM_BINARY
"""
import http.client
import json
import socket
import sys
import tempfile
import time
import urllib.request

from amisim_server import AmisimServer, boto3_client, catalogue_image_id

AL2023 = catalogue_image_id("al2023-x86_64", "us-east-1")
STREAM_REQUEST = (b"GET /_amisim/events HTTP/1.1\r\nHost: amisim\r\n"
                  b"Accept: text/event-stream\r\n\r\n")


def host_port(endpoint):
    host, port = endpoint.removeprefix("http://").split(":")
    return host, int(port)


def open_stream(endpoint, receive_buffer=None):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if receive_buffer:  # before connecting, so the window offered stays small
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
    s.settimeout(10)
    s.connect(host_port(endpoint))
    s.sendall(STREAM_REQUEST)
    return s


def read_until(s, needle, received, limit_s=10):
    """Reads from `s` into `received` (a bytearray) until it holds `needle`; True if it did."""
    deadline = time.monotonic() + limit_s
    while needle not in received:
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        s.settimeout(left)
        try:
            chunk = s.recv(65536)
        except socket.timeout:
            return False
        if not chunk:
            return False
        received += chunk
    return True


def health(endpoint):
    with urllib.request.urlopen(endpoint + "/_amisim/health", timeout=10) as r:
        return json.loads(r.read())["status"]


def hundred_streams(binary):
    with AmisimServer(binary) as server:
        streams = [open_stream(server.endpoint) for _ in range(100)]
        received = [bytearray() for _ in streams]
        for s, got in zip(streams, received):
            assert read_until(s, b"data: ", got), "every stream opens with the news now"
            assert got.startswith(b"HTTP/1.1 200 OK\r\n"), got[:80]
            assert b"Content-Type: text/event-stream" in got
        ec2 = boto3_client("ec2", server.endpoint)
        instance = ec2.run_instances(ImageId=AL2023, InstanceType="t3.micro", MinCount=1,
                                     MaxCount=1)["Instances"][0]["InstanceId"]
        assert health(server.endpoint) == "running"
        told = sum(read_until(s, instance.encode(), got) for s, got in zip(streams, received))
        assert told == 100, f"{told} of 100 streams got the RunInstances event"
        for got in received:
            assert b'"action":"RunInstances"' in got
        for s in streams:
            s.close()
        assert health(server.endpoint) == "running"


def never_reading_client(binary):
    with tempfile.TemporaryFile("w+") as log:
        with AmisimServer(binary, "--log", stderr=log) as server:
            stuck = open_stream(server.endpoint, receive_buffer=4096)  # and never read again
            stuck_name = "%s:%d" % stuck.getsockname()
            reader = open_stream(server.endpoint)
            read = bytearray()
            conn = http.client.HTTPConnection(*host_port(server.endpoint), timeout=30)
            body = f"Action=DescribeImages&Version=2016-11-15&ImageId.1={AL2023}"
            headers = {"Content-Type": "application/x-www-form-urlencoded"}
            dropped = f"{stuck_name} closed: its event stream client is not reading"
            calls, deadline = 0, time.monotonic() + 120
            while time.monotonic() < deadline:
                for _ in range(500):  # every call is news for both streams
                    conn.request("POST", "/", body, headers)
                    response = conn.getresponse()
                    response.read()
                    assert response.status == 200, response.status
                    calls += 1
                reader.settimeout(0.001)  # the good reader keeps up
                try:
                    while chunk := reader.recv(1 << 20):
                        read += chunk[-1000:]
                        del read[:-2000]
                except (socket.timeout, BlockingIOError):
                    pass
                log.seek(0)
                if dropped in log.read():
                    break
            log.seek(0)
            text = log.read()
            assert dropped in text, f"no drop after {calls} calls; log:\n{text[-2000:]}"
            print(f"the stuck stream was dropped after {calls} calls")
            assert health(server.endpoint) == "running"
            # The good reader still gets news: one more call shows up on its stream.
            ec2 = boto3_client("ec2", server.endpoint)
            volume = ec2.create_volume(AvailabilityZone="us-east-1a", Size=8)["VolumeId"]
            got = bytearray()
            assert read_until(reader, volume.encode(), got, limit_s=30), \
                "the reading stream carries on after the stuck one is dropped"
            stuck.close()
            reader.close()
            conn.close()


def main():
    binary = sys.argv[1]
    hundred_streams(binary)
    print("ok: 100 streams each got the RunInstances event")
    never_reading_client(binary)
    print("ok: a client that never reads is dropped with a log line; the server carries on")


if __name__ == "__main__":
    main()
