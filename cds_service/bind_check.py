"""The development profile serves loopback only, whatever sets the address (issue 14, docs/security.md).

`Settings.validate` refuses `LBCL_CDS_AUTH=off` with a non-loopback `LBCL_CDS_HOST`, but gunicorn also takes
its address from `--bind`, `GUNICORN_CMD_ARGS="--bind=..."`, a config file or inherited sockets. The
gunicorn hooks in gunicorn_conf.py therefore check the addresses gunicorn will bind (`on_starting`, before
any socket is opened) and the sockets it actually listens on (`when_ready`, before any worker starts):
with auth off, anything but a loopback address or a Unix socket stops the server.
"""

from __future__ import annotations

import ipaddress
import socket

from .errors import ConfigError


def is_loopback(address: object) -> bool:
    """A (host, port[, ...]) address on the loopback interface, or a Unix socket path (local only)."""
    if isinstance(address, (str, bytes)):
        return True  # AF_UNIX
    host = str(address[0]).strip("[]") if isinstance(address, tuple) and address else ""
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:
        pass
    try:  # a name: every address it resolves to must be loopback
        infos = socket.getaddrinfo(host, None)
    except (OSError, UnicodeError):
        return False
    return bool(infos) and all(ipaddress.ip_address(i[4][0].split("%", 1)[0]).is_loopback for i in infos)


def check_dev_profile(auth: str, addresses: list[object]) -> None:
    """Raise ConfigError when the development profile (auth off) would serve a non-loopback address."""
    if auth != "off":
        return
    public = [a for a in addresses if not is_loopback(a)]
    if public:
        shown = ", ".join(f"{a[0]}:{a[1]}" if isinstance(a, tuple) else str(a) for a in public)
        raise ConfigError(f"LBCL_CDS_AUTH=off (development profile) serves loopback only; refusing to bind {shown}")
