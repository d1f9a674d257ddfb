"""TLS (`rediss://`) against a real redis-server with a test CA made by openssl: certificate and
host-name checking on; the wrong CA or the wrong host name fails with a clear message."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers.fault_harness import PipelineHarness
from integrado.embedded import free_port
from integrado.settings import Settings

pytestmark = pytest.mark.integration


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


def make_ca(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    # Python 3.13 verifies strictly (VERIFY_X509_STRICT): a CA must say it is one and what its
    # key may sign, as a real office CA does.
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", f"/CN={name}",
             "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
             "-keyout", "ca.key", "-out", "ca.crt", cwd=folder)  # fmt: skip
    return folder / "ca.crt"


def make_server_cert(ca_dir: Path, host: str) -> tuple[Path, Path]:
    """A server certificate for DNS name `host` only (no IP address), signed by the CA."""
    (ca_dir / "san.ext").write_text(
        f"subjectAltName=DNS:{host}\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n"
        "extendedKeyUsage=serverAuth\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid,issuer\n"
    )
    _openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", f"/CN={host}", "-keyout", "server.key",
             "-out", "server.csr", cwd=ca_dir)  # fmt: skip
    _openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
             "-days", "2", "-extfile", "san.ext", "-out", "server.crt", cwd=ca_dir)  # fmt: skip
    return ca_dir / "server.crt", ca_dir / "server.key"


@pytest.fixture
def tls_server(redis_server_factory, tmp_path):
    ca = make_ca(tmp_path / "ca", "Integrado test CA")
    cert, key = make_server_cert(tmp_path / "ca", "localhost")
    wrong_ca = make_ca(tmp_path / "other-ca", "Some other CA")
    tls_port = free_port()
    # The plain port stays open only for the fixture's readiness probe; an office server sets
    # `port 0` (docs/deployment.md).
    server = redis_server_factory(
        extra_args=["--tls-port", str(tls_port), "--tls-cert-file", str(cert), "--tls-key-file", str(key),
                    "--tls-ca-cert-file", str(ca), "--tls-auth-clients", "no"]
    )  # fmt: skip
    server.tls_port, server.ca, server.wrong_ca = tls_port, ca, wrong_ca
    return server


def _tls_settings(monkeypatch, host: str, port: int, ca: Path) -> Settings:
    monkeypatch.setenv("REDIS_URL", f"rediss://{host}:{port}/0")
    monkeypatch.setenv("INTEGRADO_REDIS_CA", str(ca))
    return Settings.load()


def _doctor(host: str, port: int, ca: Path) -> subprocess.CompletedProcess:
    env = os.environ.copy()
    env["REDIS_URL"] = f"rediss://{host}:{port}/0"
    env["INTEGRADO_REDIS_CA"] = str(ca)
    return subprocess.run(
        [sys.executable, "-m", "integrado_suite.cli", "doctor"], capture_output=True, text=True, timeout=60, env=env
    )


def test_redis_server_is_built_with_tls(tls_server):
    assert tls_server.running  # it started with --tls-port: Debian's redis-server 7.0 has TLS


def test_pipeline_over_tls_with_the_right_ca_and_host(qloop, tls_server, monkeypatch, tmp_path):
    settings = _tls_settings(monkeypatch, "localhost", tls_server.tls_port, tls_server.ca)
    h = PipelineHarness(qloop, settings, tmp_path)
    h.start_relays()
    h.start_consumer()
    try:
        qloop.run(h.produce(100, rate=500), timeout=30)
        h.wait_converged(timeout=10)
        report = h.report()
        report.print("tls: pipeline over rediss:// with a test CA")
    finally:
        h.stop()
    assert report.ok and report.stored == 100
    ok = _doctor("localhost", tls_server.tls_port, tls_server.ca)
    assert ok.returncode == 0 and "connected; server version" in ok.stdout, ok.stdout + ok.stderr


def test_wrong_ca_fails_with_a_clear_message(tls_server):
    result = _doctor("localhost", tls_server.tls_port, tls_server.wrong_ca)
    print("\n[doctor, wrong CA]\n" + result.stdout)
    assert result.returncode == 1
    assert "is not signed by the CA in" in result.stdout and str(tls_server.wrong_ca) in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_wrong_host_name_fails_with_a_clear_message(tls_server):
    # The certificate names "localhost"; 127.0.0.1 is the same server under a name it does not carry.
    result = _doctor("127.0.0.1", tls_server.tls_port, tls_server.ca)
    print("\n[doctor, wrong host name]\n" + result.stdout)
    assert result.returncode == 1
    assert "does not name the host '127.0.0.1'" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_plain_connection_to_the_tls_port_fails_clearly(tls_server):
    env = os.environ.copy()
    env["REDIS_URL"] = f"redis://localhost:{tls_server.tls_port}/0"
    result = subprocess.run(
        [sys.executable, "-m", "integrado_suite.cli", "doctor"], capture_output=True, text=True, timeout=60, env=env
    )
    print("\n[doctor, redis:// to the TLS port]\n" + result.stdout)
    assert result.returncode == 1 and "rediss://" in result.stdout


def test_example_redis_conf_starts_with_tls_acl_and_aof(tmp_path):
    """resources/redis/redis.conf.example, with only its CHANGE paths replaced, really runs:
    TLS only, the ACL users, AOF on."""
    import redis

    from helpers.security import write_acl

    ca = make_ca(tmp_path / "ca", "Integrado test CA")
    cert, key = make_server_cert(tmp_path / "ca", "localhost")
    # The office ACL gives no user INFO; this test reads the persistence section as the console.
    acl, passwords = write_acl(tmp_path, edit=lambda line: f"{line} +info" if line.split()[1] == "console" else line)
    port = free_port()
    conf = (Path(__file__).parents[3] / "resources" / "redis" / "redis.conf.example").read_text()
    for old, new in {
        "bind 127.0.0.1 192.168.0.10": "bind 127.0.0.1",
        "tls-port 6379": f"tls-port {port}",
        "/etc/redis/tls/server.crt": str(cert),
        "/etc/redis/tls/server.key": str(key),
        "/etc/redis/tls/ca.crt": str(ca),
        "/etc/redis/users.acl": str(acl),
        "/var/lib/redis": str(tmp_path),
    }.items():
        assert old in conf, old
        conf = conf.replace(old, new)
    (tmp_path / "redis.conf").write_text(conf)
    proc = subprocess.Popen(
        ["redis-server", str(tmp_path / "redis.conf")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        client = redis.Redis(host="localhost", port=port, ssl=True, ssl_ca_certs=str(ca), username="console",
                             password=passwords["console"], socket_connect_timeout=2)  # fmt: skip
        deadline = time.monotonic() + 10
        while True:
            try:
                assert client.ping()
                break
            except redis.exceptions.ConnectionError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.05)
        assert client.info("persistence")["aof_enabled"] == 1
        with pytest.raises(redis.exceptions.NoPermissionError):
            client.publish("calls_channel", "forged")
        client.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
