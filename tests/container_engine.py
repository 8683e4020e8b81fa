"""A Docker engine for tests/test_container_image.py: find one, or start Debian's `dockerd` (no network of
its own: `--bridge=none --iptables=false`; every build and container uses `--network host`), build the
local base image (docker/build-local-base.sh), and pass this machine's pip configuration into the build.

`Engine.start()` returns an engine or raises `NoEngine` with the reason (the test skips with it, or fails
under CI). A `dockerd` started here is stopped by its PID when the session ends."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE_SCRIPT = ROOT / "docker" / "build-local-base.sh"
PIP_KEYS = ("index-url", "extra-index-url", "trusted-host", "cert", "timeout", "default-timeout", "retries")


class NoEngine(Exception):
    pass


def _run(argv: list[str], timeout: float, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(argv, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL, **kw)


class Engine:
    def __init__(self, cli: str, proc: subprocess.Popen | None = None, log: Path | None = None):
        self.cli, self.proc, self.log = cli, proc, log

    @classmethod
    def start(cls, wait_s: float = 60.0) -> Engine:
        cli = shutil.which("docker")
        if not cli:
            raise NoEngine("no docker command (Debian: apt-get install docker.io)")
        if _run([cli, "info"], 30).returncode == 0:
            return cls(cli)
        dockerd = shutil.which("dockerd")
        if not dockerd:
            raise NoEngine("no Docker engine answers and there is no dockerd to start")
        if os.geteuid() != 0:
            raise NoEngine("no Docker engine answers and starting dockerd needs root")
        log = Path(tempfile.mkstemp(prefix="lbcl-dockerd-", suffix=".log")[1])
        with log.open("wb") as out:
            proc = subprocess.Popen([dockerd, "--bridge=none", "--iptables=false"], stdout=out, stderr=out,
                                    stdin=subprocess.DEVNULL, start_new_session=True)
        engine = cls(cli, proc, log)
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                break
            if _run([cli, "info"], 10).returncode == 0:
                return engine
            time.sleep(0.5)
        tail = log.read_text(errors="replace")[-800:]
        engine.stop()
        raise NoEngine(f"dockerd did not start: {tail}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        if self.log is not None:
            self.log.unlink(missing_ok=True)

    def docker(self, *args: str, timeout: float = 120, check: bool = True) -> subprocess.CompletedProcess:
        env = {**os.environ, "DOCKER_BUILDKIT": "0"}  # Debian's engine has no buildx: the classic builder
        res = _run([self.cli, *args], timeout, env=env)
        if check and res.returncode != 0:
            raise AssertionError(f"docker {args[0]} failed ({res.returncode}): {res.stderr[-3000:]}")
        return res

    def local_base(self, timeout: float = 600) -> str:
        """The content-tagged base image built from Debian packages (cached: a re-run returns at once)."""
        if shutil.which("debootstrap") is None:
            raise NoEngine("no debootstrap to build the local base image (apt-get install debootstrap)")
        if os.geteuid() != 0:
            raise NoEngine("building the local base image (debootstrap) needs root")
        res = _run(["bash", str(BASE_SCRIPT)], timeout, env={**os.environ, "DOCKER": self.cli})
        if res.returncode != 0:
            raise AssertionError(f"docker/build-local-base.sh failed: {res.stderr[-3000:]}")
        return res.stdout.strip().splitlines()[-1]


def host_pip_conf() -> str:
    """This machine's pip settings that say how it reaches the package index (index URLs, trusted hosts,
    CA bundle, timeouts), as pip.conf text for the image build's `PIP_CONF` argument. Local folders
    (file:// indexes, find-links) are left out: they are not inside the build."""
    import sys

    res = _run([sys.executable, "-m", "pip", "config", "list"], 60)
    values: dict[str, str] = {}
    for line in res.stdout.splitlines():
        key, _, value = line.partition("=")
        name = key.rsplit(".", 1)[-1]
        if name not in PIP_KEYS:
            continue
        value = value.strip().strip("'\"")
        if name in ("index-url", "extra-index-url"):
            value = " ".join(u for u in value.split() if u.startswith(("http://", "https://")))
        if name == "cert" and not value.startswith("/etc/ssl/"):
            continue  # the local base image carries the host's CA bundle at /etc/ssl/certs
        if value:
            values["timeout" if name == "default-timeout" else name] = value  # env settings come last: win
    return "[global]\n" + "".join(f"{k} = {v}\n" for k, v in sorted(values.items())) if values else ""


def proxy_build_args() -> list[str]:
    """The host's proxy variables, if any (Docker's predefined build arguments)."""
    out = []
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy"):
        if os.environ.get(name):
            out += ["--build-arg", f"{name}={os.environ[name]}"]
    return out
