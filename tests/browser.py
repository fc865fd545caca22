"""Headless Chromium driven over the DevTools protocol on a pipe (no port is opened):
open a page at a given width, record what it logs and what it fetches, ask it questions,
take a screenshot. Only the standard library: the protocol is JSON messages ended by NUL
bytes, written to the browser's fd 3 and read from its fd 4.

Host names resolve to nothing and background services are off, so a page that tried to
fetch anything would fail to, and the attempt is still seen as a request.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

TIMEOUT = 30.0  # seconds for any one answer from the browser

FLAGS = (
    "--headless", "--no-sandbox",  # CI runs as root, where the sandbox cannot start
    "--disable-gpu", "--hide-scrollbars", "--mute-audio", "--no-first-run",
    "--no-default-browser-check", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-extensions",
    "--host-resolver-rules=MAP * ~NOTFOUND", "--remote-debugging-pipe",
)


def find_chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass
class Visit:
    """What one page did while it loaded."""

    url: str
    errors: list[str] = field(default_factory=list)  # console errors, exceptions, CSP
    requests: list[str] = field(default_factory=list)  # every URL it asked for but itself


class Browser:
    def __init__(self, executable: str) -> None:
        self.profile = tempfile.mkdtemp(prefix="posdiff-chromium-")
        reading, self._to_browser = os.pipe()
        self._from_browser, writing = os.pipe()
        # The browser reads commands on fd 3 and answers on fd 4; bash puts the two pipes
        # there (dash takes one-digit fds only). Moved to 10 and above first, neither can
        # be 3 or 4 already, where the first redirection would close the other.
        to_browser = fcntl.fcntl(reading, fcntl.F_DUPFD, 10)
        from_browser = fcntl.fcntl(writing, fcntl.F_DUPFD, 10)
        os.close(reading)
        os.close(writing)
        command = ["bash", "-c", f'exec "$0" "$@" 3<&{to_browser} 4>&{from_browser}',
                   executable, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"]
        self.process = subprocess.Popen(command, pass_fds=(to_browser, from_browser),
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        with contextlib.suppress(OSError, TimeoutError, EOFError):
            self.call("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for fd in (self._to_browser, self._from_browser):
            with contextlib.suppress(OSError):
                os.close(fd)
        shutil.rmtree(self.profile, ignore_errors=True)

    def call(self, method: str, params: dict[str, Any] | None = None,
             session: str | None = None) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method,
                                   "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._read()
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer.get("result", {})
                return result
            self.events.append(answer)

    def wait_for(self, method: str, session: str) -> None:
        """Until the browser reports ``method`` for ``session`` (kept events count)."""
        while not any(e.get("method") == method and e.get("sessionId") == session
                      for e in self.events):
            self.events.append(self._read())

    def _read(self) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser], [], [], left)[0]:
                raise TimeoutError("the browser did not answer")
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise EOFError("the browser closed the pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        decoded: dict[str, Any] = json.loads(message)
        return decoded

    def open(self, path: Path, width: int, height: int = 900) -> Page:
        """A new tab ``width`` CSS pixels wide (a phone's when narrow) showing ``path``."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget",
                            {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Runtime", "Log", "Network", "Page"):
            self.call(f"{domain}.enable", session=session)
        self.call("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1,
            "mobile": width < 600}, session=session)
        url = path.resolve().as_uri()
        first = len(self.events)
        self.call("Page.navigate", {"url": url}, session=session)
        self.wait_for("Page.loadEventFired", session)
        return Page(self, target, session, url, first)


class Page:
    def __init__(self, browser: Browser, target: str, session: str, url: str,
                 first_event: int) -> None:
        self.browser, self.target, self.session, self.url = browser, target, session, url
        self.first_event = first_event

    def visit(self) -> Visit:
        """What the page logged and fetched since it was opened."""
        found = Visit(self.url)
        for event in self.browser.events[self.first_event:]:
            if event.get("sessionId") != self.session:
                continue
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.errors.append(str(params["exceptionDetails"]))
            elif method == "Runtime.consoleAPICalled" and params.get("type") in (
                    "error", "assert", "warning"):
                found.errors.append(str(params.get("args")))
            elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
                found.errors.append(params["entry"]["text"])
            elif method == "Network.requestWillBeSent" and params["request"]["url"] != self.url:
                found.requests.append(params["request"]["url"])
        return found

    def evaluate(self, expression: str) -> Any:
        answer = self.browser.call("Runtime.evaluate", {
            "expression": expression, "returnByValue": True}, session=self.session)
        if "exceptionDetails" in answer:
            raise RuntimeError(f"{expression}: {answer['exceptionDetails']}")
        return answer["result"].get("value")

    def screenshot(self, path: Path, top: float = 0, height: float | None = None) -> None:
        """The page from ``top`` down, ``height`` CSS pixels of it (all of it by
        default), as a PNG."""
        size = self.browser.call("Page.getLayoutMetrics", session=self.session)
        content = size["cssContentSize"]
        tall = content["height"] - top if height is None else height
        shot = self.browser.call("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": top, "width": content["width"],
                     "height": tall, "scale": 1}}, session=self.session)
        path.write_bytes(base64.b64decode(shot["data"]))

    def close(self) -> None:
        self.browser.call("Target.closeTarget", {"targetId": self.target})
