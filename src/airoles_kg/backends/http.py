"""HTTP to SPARQL servers: one place for retries, authentication and readable errors.

Transient failures (connection refused or reset, 502, 503, 504) are retried with exponential
backoff; everything else becomes one clear :class:`~airoles_kg.errors.EndpointError`. Used by
the remote backend (queries) and by ``push`` (updates and Graph Store requests).

>>> str(http_error("http://h/sparql", 403))[:44]
'http://h/sparql: 403 forbidden: the server r'
"""

from __future__ import annotations

import base64
import email.message
import os
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from airoles_kg.errors import EndpointError, InputError

__all__ = [
    "TRANSIENT",
    "Credentials",
    "credentials",
    "error_body",
    "http_error",
    "password_from_env",
    "request",
    "unreachable_error",
    "with_retries",
]

#: HTTP statuses worth another try.
TRANSIENT = frozenset({502, 503, 504})

T = TypeVar("T")


def _first_line(body: bytes | str | None) -> str:
    if body is None:
        return ""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("<") and not line.lower().startswith("response:"):
            return line[:200]
    return ""


def password_from_env(user: str | None, password_env: str | None) -> str | None:
    """The password held by the environment variable named ``password_env`` (never a value
    typed on the command line), checked against ``user``; ``None`` when none is asked for."""
    if password_env is None:
        return None
    if user is None:
        raise InputError("--password-env needs --user")
    if password_env not in os.environ:
        raise InputError(f"--password-env {password_env}: that environment variable is not set")
    return os.environ[password_env]


def http_error(url: str, status: int | None, body: bytes | str | None = None) -> EndpointError:
    first = _first_line(body)
    detail = f": {first}" if first else ""
    if status == 401:
        return EndpointError(
            f"{url}: 401 authentication refused; give --user and --password-env "
            f"with an account allowed to do this{detail}"
        )
    if status == 403:
        return EndpointError(
            f"{url}: 403 forbidden: the server refuses this request (a read-only server, or an "
            f"account without the right; see --user and --password-env){detail}"
        )
    if status is not None and 400 <= status < 500:
        return EndpointError(f"{url}: {status} the server rejected the request{detail}")
    return EndpointError(f"{url}: {status} server error{detail}")


def unreachable_error(url: str, exc: BaseException, timeout: float) -> EndpointError:
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, TimeoutError | socket.timeout):
        return EndpointError(f"{url}: no answer within {timeout:g} s (raise --timeout)")
    return EndpointError(f"{url}: unreachable ({reason})")


def _transient(exc: BaseException) -> bool:
    if isinstance(exc, urllib.error.HTTPError):
        return exc.code in TRANSIENT
    if isinstance(exc, urllib.error.URLError):
        return isinstance(exc.reason, ConnectionRefusedError | ConnectionResetError)
    return isinstance(exc, ConnectionRefusedError | ConnectionResetError)


def with_retries(call: Callable[[], T], retries: int, backoff: float) -> T:
    """``call()``, tried again up to ``retries`` times on a transient failure, waiting
    ``backoff`` seconds, then twice as long each time (at most 8 s)."""
    attempt = 0
    while True:
        try:
            return call()
        except Exception as exc:  # noqa: BLE001 - classified below, re-raised when final
            if attempt >= retries or not _transient(exc):
                raise
            time.sleep(min(backoff * 2**attempt, 8.0))
            attempt += 1


@dataclass(frozen=True)
class Credentials:
    """A user name and password for HTTP digest or basic authentication."""

    user: str
    password: str


def credentials(user: str | None, password: str | None) -> Credentials | None:
    """The credentials to send, or ``None`` when no user is given."""
    return None if user is None else Credentials(user, password or "")


def _opener(credentials: Credentials | None, url: str) -> urllib.request.OpenerDirector:
    handlers: list[urllib.request.BaseHandler] = []
    if credentials is not None:
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, url, credentials.user, credentials.password)
        # The digest handler runs first (handler_order 490) and leaves Basic challenges alone.
        handlers += [urllib.request.HTTPDigestAuthHandler(manager),
                     urllib.request.HTTPBasicAuthHandler(manager)]
    return urllib.request.build_opener(*handlers)


def _authorization(request: urllib.request.Request, challenge: str,
                   credentials: Credentials) -> str | None:
    """The ``Authorization`` value answering ``challenge`` for ``request``, if supported."""
    scheme, _, params = challenge.partition(" ")
    if scheme.lower() == "digest":
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, request.full_url, credentials.user, credentials.password)
        handler = urllib.request.HTTPDigestAuthHandler(manager)
        fields = urllib.request.parse_keqv_list(
            [item for item in urllib.request.parse_http_list(params) if item])
        answer = handler.get_authorization(request, fields)
        return f"Digest {answer}" if answer else None
    if scheme.lower() == "basic":
        pair = f"{credentials.user}:{credentials.password}".encode()
        return "Basic " + base64.b64encode(pair).decode("ascii")
    return None


def _head(url: str, timeout: float, authorization: str | None = None) -> list[str] | None:
    """``HEAD url``: the authentication challenges of a 401, else None."""
    probe = urllib.request.Request(url, method="HEAD")
    if authorization is not None:
        probe.add_unredirected_header("Authorization", authorization)
    try:
        with urllib.request.urlopen(probe, timeout=timeout):  # noqa: S310 - http(s) checked
            return None
    except urllib.error.HTTPError as exc:
        if exc.code != 401:
            return None
        return list(exc.headers.get_all("WWW-Authenticate") or [])


def _preauthorize(request: urllib.request.Request, credentials: Credentials,
                  timeout: float) -> None:
    """Answer the server's challenge before sending a large body.

    urllib authenticates only after a 401, by sending the request again; a server that answers
    401 without reading a large body (Virtuoso) breaks the pipe first. So body-less ``HEAD``
    requests fetch the challenge and check the credentials, and the real request carries its
    answer from the start. Refused credentials raise a 401 :class:`urllib.error.HTTPError`.
    """
    challenges = _head(request.full_url, timeout)
    for challenge in challenges or []:
        check = urllib.request.Request(request.full_url, method="HEAD")
        answer = _authorization(check, challenge, credentials)
        if answer is None:
            continue
        if _head(request.full_url, timeout, answer) is not None:
            raise urllib.error.HTTPError(request.full_url, 401, "credentials refused",
                                         email.message.Message(), None)
        final = _authorization(request, challenge, credentials)
        if final is not None:
            request.add_unredirected_header("Authorization", final)
        return


def request(
    login: Credentials | None, url: str, method: str, body: bytes,
    content_type: str, timeout: float, retries: int, backoff: float,
) -> int:
    """Send one request with ``body`` (retried when transient); its HTTP status. An error
    status raises :class:`urllib.error.HTTPError`, a network failure :class:`OSError`."""
    opener = _opener(login, url)

    def once() -> int:
        outgoing = urllib.request.Request(url, data=body, method=method,
                                          headers={"Content-Type": content_type})
        if login is not None:
            _preauthorize(outgoing, login, timeout)
        with opener.open(outgoing, timeout=timeout) as response:
            response.read()
            return int(response.status)

    return with_retries(once, retries, backoff)


def error_body(exc: urllib.error.HTTPError) -> bytes:
    """The body of an HTTP error answer (empty if it cannot be read)."""
    try:
        return exc.read()
    except OSError:
        return b""
