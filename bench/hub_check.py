"""``make hub-check``: a class of students through a real JupyterHub on this machine.

What it does, and what it proves:

1. makes a local git clone of the course (its committed ``HEAD``), the "GitHub" of this run;
2. starts JupyterHub (PyPI ``jupyterhub``) with configurable-http-proxy (npm), the dummy
   authenticator and the simple local-process spawner, all on 127.0.0.1, with the
   ``jupyterhub-idle-culler`` service, in a temporary folder;
3. for each of N students, at the same time, as a class clicking one link does: creates the
   user, starts their server, opens the course's nbgitpuller link (the format the instructor
   guide gives), lets nbgitpuller copy the course into their home folder, then runs the
   strength-gap and self-assessment notebooks cell by cell through the hub with a kernel
   client over the hub's proxy;
4. prints, per notebook: memory per student (server plus kernel), time from the link to the
   first chart, failures, and how many students fit in 8, 32 and 64 GB;
5. asks repo2docker (what Binder and a Zero to JupyterHub image build run) to plan the image
   from the same clone, without Docker (``--no-build``), and says what it would install;
6. stops everything it started and removes the temporary folder.

Run it with ``make hub-check`` (``STUDENTS=30 make hub-check`` for a bigger class). It is not
part of ``make test``: a 10-student class takes a few minutes on a 2-core machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode, urljoin, urlsplit

import psutil
from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

ROOT = Path(__file__).resolve().parent.parent
COURSE_FOLDER = "back-in-balance"  # the repository's name: nbgitpuller's folder in each home
NOTEBOOKS = ("strength_gap", "self_assessment")
CHART_TYPES = ("application/vnd.plotly.v1+json", "application/vnd.jupyter.widget-view+json")
MIB = 1024 * 1024
RESERVE_GIB = 1.0  # assumption: the operating system and the hub itself keep about 1 GiB


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def nbgitpuller_link(hub: str, repo: str, notebook: str, branch: str = "main") -> str:
    """The link the instructor guide tells teachers to share (``hub/user-redirect/git-pull``)."""
    urlpath = f"lab/tree/{COURSE_FOLDER}/notebooks/{notebook}.ipynb"
    query = urlencode({"repo": repo, "urlpath": urlpath, "branch": branch}, safe="/:")
    return f"{hub}/hub/user-redirect/git-pull?{query}"


HUB_CONFIG = """\
c = get_config()  # noqa: F821
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.ConfigurableHTTPProxy.pid_file = {folder!r} + "/proxy.pid"
c.JupyterHub.db_url = "sqlite:///" + {folder!r} + "/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = {folder!r} + "/cookie_secret"
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {folder!r} + "/home/{{username}}"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.args = {args!r}
c.Spawner.ip = "127.0.0.1"
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 300
c.Spawner.http_timeout = 300
c.JupyterHub.concurrent_spawn_limit = 0
c.JupyterHub.cleanup_servers = True
c.JupyterHub.services = [
    {{"name": "hub-check", "api_token": {token!r}}},
    {{"name": "idle-culler",
      "command": [{python!r}, "-m", "jupyterhub_idle_culler", "--timeout=3600"]}},
]
c.JupyterHub.load_roles = [
    {{"name": "hub-check", "services": ["hub-check"],
      "scopes": ["admin:users", "admin:servers", "tokens"]}},
    {{"name": "idle-culler", "services": ["idle-culler"],
      "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"]}},
]
"""


@dataclass
class NotebookRun:
    """One student's run of one notebook."""

    seconds_to_first_chart: float | None = None
    seconds_to_end: float | None = None
    kernel_mib: float = 0.0
    error: str | None = None


@dataclass
class StudentRun:
    """What happened to one student, from the link to the last cell."""

    name: str
    spawn_seconds: float | None = None
    pull_seconds: float | None = None
    server_mib: float = 0.0
    notebooks: dict[str, NotebookRun] = field(default_factory=dict)
    error: str | None = None


class Browser:
    """Just enough of a browser for the hub's pages: cookies by path, and redirects followed."""

    def __init__(self, http: AsyncHTTPClient, origin: str) -> None:
        self.http = http
        self.origin = origin
        self.cookies: dict[tuple[str, str], str] = {}  # (path, name) -> value

    def cookie_header(self, path: str) -> str:
        chosen: dict[str, tuple[int, str]] = {}
        for (scope, name), value in self.cookies.items():
            if path.startswith(scope) and len(scope) >= chosen.get(name, (-1, ""))[0]:
                chosen[name] = (len(scope), value)
        return "; ".join(f"{name}={value}" for name, (_, value) in chosen.items())

    async def fetch(
        self, url: str, method: str = "GET", form: dict | None = None
    ) -> tuple[str, bytes]:
        for _ in range(12):
            path = urlsplit(url if "://" in url else self.origin + url)
            target = path.path + (f"?{path.query}" if path.query else "")
            body = None
            if form is not None:
                xsrf = next(
                    (
                        v
                        for (scope, n), v in self.cookies.items()
                        if n == "_xsrf" and target.startswith(scope)
                    ),
                    "",
                )
                body = urlencode({**form, "_xsrf": xsrf})
            response = await self.http.fetch(
                HTTPRequest(
                    self.origin + target,
                    method=method,
                    body=body,
                    headers={"Cookie": self.cookie_header(path.path)},
                    follow_redirects=False,
                    connect_timeout=300,
                    request_timeout=300,
                ),
                raise_error=False,
            )
            for header in response.headers.get_list("Set-Cookie"):
                jar = SimpleCookie()
                jar.load(header)
                for morsel in jar.values():
                    self.cookies[(morsel["path"] or "/", morsel.key)] = morsel.value
            if response.code in (301, 302, 303, 307):
                url, method, form = (
                    urljoin(self.origin + target, response.headers["Location"]),
                    "GET",
                    None,
                )
                continue
            if response.code >= 400:
                raise RuntimeError(f"{method} {target} answered {response.code}")
            return target, response.body
        raise RuntimeError(f"too many redirects from {url}")

    async def get(self, url: str) -> tuple[str, bytes]:
        return await self.fetch(url)

    async def post(self, url: str, form: dict) -> tuple[str, bytes]:
        return await self.fetch(url, "POST", form)


class Hub:
    """A JupyterHub process on 127.0.0.1, driven through its REST API with a service token."""

    def __init__(self, folder: Path, python: Path, proxy: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.token = secrets.token_hex(32)
        bin_dir = python.parent
        args = ["--allow-root"] if os.geteuid() == 0 else []
        config = HUB_CONFIG.format(
            port=self.port,
            hub_port=free_port(),
            proxy_api_port=free_port(),
            proxy=str(proxy),
            folder=str(folder),
            singleuser=str(bin_dir / "jupyterhub-singleuser"),
            args=args,
            token=self.token,
            python=str(python),
        )
        (folder / "jupyterhub_config.py").write_text(config, encoding="utf-8")
        (folder / "home").mkdir()
        self.log = folder / "jupyterhub.log"
        env = dict(
            os.environ, PATH=f"{bin_dir}{os.pathsep}{proxy.parent}{os.pathsep}{os.environ['PATH']}"
        )
        env.pop("BACKBALANCE_DATA", None)
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [str(bin_dir / "jupyterhub"), "-f", str(folder / "jupyterhub_config.py")],
                cwd=folder,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.http = AsyncHTTPClient(max_clients=64)
        self.user_tokens: dict[str, str] = {}

    def headers(self, name: str | None = None) -> dict[str, str]:
        """The service's token, or a student's own token (what their browser's login gives)."""
        return {"Authorization": f"token {self.user_tokens[name] if name else self.token}"}

    async def api(
        self, method: str, path: str, body: object = None, name: str | None = None, **kwargs
    ) -> dict | list | None:
        payload = None if body is None else json.dumps(body)
        if method in ("POST", "PUT", "PATCH") and payload is None:
            payload = ""
        request = HTTPRequest(
            self.url + path,
            method=method,
            headers=self.headers(name),
            body=payload,
            connect_timeout=300,
            request_timeout=300,
            allow_nonstandard_methods=True,
            **kwargs,
        )
        response = await self.http.fetch(request)
        return json.loads(response.body) if response.body else None

    async def wait_until_up(self, seconds: float = 120) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterHub stopped at start; its log: {self.log}")
            try:
                await self.api("GET", "/hub/api/")
                return
            except (HTTPClientError, OSError):
                await asyncio.sleep(0.5)
        raise RuntimeError(f"JupyterHub did not answer in {seconds:.0f} s; its log: {self.log}")

    async def start_server(self, name: str) -> None:
        await self.api("POST", f"/hub/api/users/{name}")
        token = await self.api(
            "POST", f"/hub/api/users/{name}/tokens", {"note": "hub-check student"}
        )
        self.user_tokens[name] = token["token"]
        await self.api("POST", f"/hub/api/users/{name}/server")
        while True:
            user = await self.api("GET", f"/hub/api/users/{name}")
            server = user.get("servers", {}).get("")
            if server and server.get("ready"):
                return
            if not user.get("pending") and not server:
                raise RuntimeError("the hub could not start this student's server")
            await asyncio.sleep(0.5)

    async def open_link(self, name: str, repo: str) -> None:
        """Log in, click the course's nbgitpuller link, then let nbgitpuller pull, as its page does."""
        browser = Browser(self.http, self.url)
        await browser.get("/hub/login")
        await browser.post("/hub/login", {"username": name, "password": "class"})
        link = nbgitpuller_link(self.url, repo, NOTEBOOKS[0])
        landed, page = await browser.get(link)
        if not landed.startswith(f"/user/{name}/git-pull") or b"nbgitpuller" not in page.lower():
            raise RuntimeError(f"the link went to {landed}, not the student's nbgitpuller page")
        # The page streams the pull from this endpoint (server-sent events) and then opens urlpath.
        query = urlencode({"repo": repo, "branch": "main", "targetpath": COURSE_FOLDER})
        events: list[dict] = []

        def on_chunk(chunk: bytes) -> None:
            for line in chunk.decode("utf-8", "replace").splitlines():
                if line.startswith("data:"):
                    events.append(json.loads(line[5:]))

        await self.http.fetch(
            HTTPRequest(
                f"{self.url}/user/{name}/git-pull/api?{query}",
                headers=self.headers(name),
                streaming_callback=on_chunk,
                connect_timeout=300,
                request_timeout=300,
            )
        )
        phases = [event.get("phase") for event in events]
        if "finished" not in phases:
            output = " ".join(
                str(event.get("output", event.get("message", ""))).strip() for event in events
            )
            raise RuntimeError(f"nbgitpuller did not finish: {output[-300:]}")

    async def run_notebook(self, name: str, notebook: str) -> tuple[NotebookRun, str]:
        """Open the notebook in a kernel (as JupyterLab does) and run every code cell in order."""
        run = NotebookRun()
        base = f"/user/{name}"
        path = f"{COURSE_FOLDER}/notebooks/{notebook}.ipynb"
        contents = await self.api("GET", f"{base}/api/contents/{quote(path)}?content=1", name=name)
        cells = [
            "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            for cell in contents["content"]["cells"]
            if cell["cell_type"] == "code"
        ]
        started = time.monotonic()
        session = await self.api(
            "POST",
            f"{base}/api/sessions",
            {
                "path": path,
                "type": "notebook",
                "name": f"{notebook}.ipynb",
                "kernel": {"name": "python3"},
            },
            name=name,
        )
        kernel_id = session["kernel"]["id"]
        socket_url = self.url.replace("http", "ws", 1) + f"{base}/api/kernels/{kernel_id}/channels"
        connection = await websocket_connect(HTTPRequest(socket_url, headers=self.headers(name)))
        session_id = uuid.uuid4().hex
        try:
            for code in cells:
                msg_id = uuid.uuid4().hex
                request = {
                    "header": {
                        "msg_id": msg_id,
                        "msg_type": "execute_request",
                        "session": session_id,
                        "username": name,
                        "version": "5.3",
                        "date": "",
                    },
                    "parent_header": {},
                    "metadata": {},
                    "content": {
                        "code": code,
                        "silent": False,
                        "store_history": True,
                        "allow_stdin": False,
                    },
                    "channel": "shell",
                    "buffers": [],
                }
                await connection.write_message(json.dumps(request))
                idle = False
                while not idle:
                    raw = await asyncio.wait_for(connection.read_message(), timeout=300)
                    if raw is None:
                        raise RuntimeError("the kernel connection closed")
                    if isinstance(raw, bytes):
                        continue  # binary widget buffers
                    message = json.loads(raw)
                    if message.get("parent_header", {}).get("msg_id") != msg_id:
                        continue
                    kind = message["header"]["msg_type"]
                    content = message.get("content", {})
                    if kind == "error" and run.error is None:
                        run.error = f"{content.get('ename')}: {content.get('evalue')}"[:200]
                    if (
                        kind in ("display_data", "execute_result")
                        and run.seconds_to_first_chart is None
                    ):
                        if any(mime in content.get("data", {}) for mime in CHART_TYPES):
                            run.seconds_to_first_chart = time.monotonic() - started
                    idle = kind == "status" and content.get("execution_state") == "idle"
                if run.error:
                    break
            run.seconds_to_end = time.monotonic() - started
        finally:
            connection.close()
        return run, kernel_id

    async def stop(self, names: list[str]) -> None:
        for name in names:
            try:
                await self.api("DELETE", f"/hub/api/users/{name}/server")
            except (HTTPClientError, OSError):
                pass
        self.http.close()
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


def processes_of(folder: Path) -> list[psutil.Process]:
    """Every process started for this run: their command line or environment names ``folder``."""
    found = []
    for process in psutil.process_iter(["cmdline", "environ"]):
        try:
            text = (
                " ".join(process.info["cmdline"] or [])
                + " "
                + " ".join((process.info["environ"] or {}).values())
            )
        except (psutil.Error, TypeError):
            continue
        if str(folder) in text and process.pid != os.getpid():
            found.append(process)
    return found


def user_memory(
    folder: Path, name: str, kernel_ids: dict[str, str]
) -> tuple[float, dict[str, float]]:
    """Resident memory (MiB) of one student's single-user server and of each notebook's kernel."""
    server = 0.0
    kernels = dict.fromkeys(kernel_ids, 0.0)
    for process in processes_of(folder):
        try:
            if process.environ().get("JUPYTERHUB_USER") != name:
                continue
            command = " ".join(process.cmdline())
            mib = process.memory_info().rss / MIB
        except psutil.Error:
            continue
        if "jupyterhub-singleuser" in command:
            server += mib
        for notebook, kernel_id in kernel_ids.items():
            if kernel_id in command:
                kernels[notebook] += mib
    return server, kernels


async def one_student(hub: Hub, name: str, repo: str) -> StudentRun:
    run = StudentRun(name)
    try:
        clicked = time.monotonic()
        await hub.start_server(name)
        run.spawn_seconds = time.monotonic() - clicked
        pulled = time.monotonic()
        await hub.open_link(name, repo)
        run.pull_seconds = time.monotonic() - pulled
        kernel_ids = {}
        for notebook in NOTEBOOKS:
            notebook_run, kernel_ids[notebook] = await hub.run_notebook(name, notebook)
            run.notebooks[notebook] = notebook_run
        run.server_mib, kernels = user_memory(hub.folder, name, kernel_ids)
        for notebook, mib in kernels.items():
            run.notebooks[notebook].kernel_mib = mib
    except (TimeoutError, HTTPClientError, OSError, RuntimeError, KeyError) as error:
        run.error = f"{type(error).__name__}: {error}"[:300]
    return run


def median_max(values: list[float]) -> str:
    return f"{statistics.median(values):.1f} / {max(values):.1f}" if values else "-"


def fits(per_student: list[float]) -> list[str]:
    """How many students fit in 8, 32 and 64 GB, given the largest student's memory (MiB)."""
    if not per_student:
        return ["-", "-", "-"]
    return [str(int((gib - RESERVE_GIB) * 1024 // max(per_student))) for gib in (8, 32, 64)]


def report(runs: list[StudentRun], hub_mib: float) -> None:
    students = len(runs)
    print(
        f"\n{students} students, one JupyterHub on 127.0.0.1 (hub, proxy, culler: {hub_mib:.0f} MiB)"
    )
    failed = [run for run in runs if run.error]
    for run in failed:
        print(f"  {run.name}: FAILED before the notebooks: {run.error}")
    ok = [run for run in runs if not run.error]
    print(f"  server start, s (median / max):      {median_max([r.spawn_seconds for r in ok])}")
    print(f"  nbgitpuller copy of the course, s:   {median_max([r.pull_seconds for r in ok])}")
    columns = ("notebook", "server MiB", "kernel MiB", "student MiB", "to 1st chart s", "run all s")
    columns += ("failed", "fit 8 GB", "32 GB", "64 GB")
    widths = (22, 14, 14, 14, 16, 14, 8, 9, 7, 7)
    line = "".join(
        f"{c:>{w}}" if i else f"{c:<{w}}"
        for i, (c, w) in enumerate(zip(columns, widths, strict=True))
    )
    print("\n" + line + "\n" + "-" * len(line))

    def row(label: str, cells: list[str]) -> None:
        print(
            "".join(
                f"{c:>{w}}" if i else f"{c:<{w}}"
                for i, (c, w) in enumerate(zip([label, *cells], widths, strict=True))
            )
        )

    for notebook in NOTEBOOKS:
        done = [r for r in ok if notebook in r.notebooks]
        errors = [r for r in done if r.notebooks[notebook].error]
        good = [r for r in done if not r.notebooks[notebook].error]
        server = [r.server_mib for r in good]
        kernel = [r.notebooks[notebook].kernel_mib for r in good]
        student = [s + k for s, k in zip(server, kernel, strict=True)]
        # From the click: the hub starts the server, nbgitpuller copies the course and the
        # link opens the first notebook; the second is opened later from the file browser.
        first = notebook == NOTEBOOKS[0]
        to_chart = [
            (r.spawn_seconds + r.pull_seconds if first else 0.0)
            + r.notebooks[notebook].seconds_to_first_chart
            for r in good
            if r.notebooks[notebook].seconds_to_first_chart is not None
        ]
        to_end = [r.notebooks[notebook].seconds_to_end for r in good]
        cells = [median_max(server), median_max(kernel), median_max(student), median_max(to_chart)]
        row(
            notebook,
            [*cells, median_max(to_end), f"{len(errors) + len(failed)}/{students}", *fits(student)],
        )
        for r in errors:
            print(f"    {r.name}: {r.notebooks[notebook].error}")
    both = [
        r.server_mib + sum(n.kernel_mib for n in r.notebooks.values())
        for r in ok
        if len(r.notebooks) == len(NOTEBOOKS) and not any(n.error for n in r.notebooks.values())
    ]
    row("both open", ["", "", median_max(both), "", "", "", *fits(both)])
    print(
        "\nMiB: resident memory, median / max over the students. 'student' is the server plus the "
        "notebook's kernel: the memory a hub must give each student ('both open': the server and "
        "both kernels). 'fit': students in 8, 32 and 64 GB, less "
        f"{RESERVE_GIB:g} GiB for the system (assumption), at the largest student's figure. "
        "'to 1st chart': for the linked notebook, from the click (server start, nbgitpuller copy, "
        "kernel start, cells up to the first chart or widget); for the other, from opening it. "
        "Every student starts at the same moment, so times include waiting for this machine's "
        f"{os.cpu_count()} CPU cores."
    )


def binder_check(python: Path, clone: Path) -> bool:
    """repo2docker's plan for this repository (``--no-build``: no Docker needed)."""
    result = subprocess.run(
        [str(python.parent / "repo2docker"), "--no-build", "--no-run", "--debug", str(clone)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    plan = result.stdout + result.stderr
    wanted = {
        "Python 3.11 (runtime.txt)": "python=3.11",
        "the run-time packages (requirements.txt)": 'pip install --no-cache-dir -r "requirements.txt"',
        "the course package": "pip install --no-cache-dir .",
    }
    missing = [what for what, text in wanted.items() if text not in plan]
    if result.returncode or missing:
        print(
            f"repo2docker --no-build: NOT accepted (exit {result.returncode}); missing: {missing}"
        )
        print(plan[-1500:])
        return False
    print("repo2docker --no-build accepts the repository: " + ", ".join(wanted) + ".")
    return True


async def class_run(args: argparse.Namespace, folder: Path) -> int:
    python = Path(sys.executable)
    proxy = ROOT / "bench" / "hub" / "node_modules" / ".bin" / "configurable-http-proxy"
    if not proxy.exists():
        print(
            f"configurable-http-proxy is missing at {proxy}: run `make hub-check`, which installs it"
        )
        return 1
    remote = folder / "remote" / COURSE_FOLDER
    subprocess.run(
        ["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(remote)], check=True
    )
    # nbgitpuller pulls the branch the link names, main: point it at what is checked out here.
    subprocess.run(["git", "-C", str(remote), "checkout", "--quiet", "-B", "main"], check=True)
    repo = remote.as_uri()
    head = subprocess.run(
        ["git", "-C", str(remote), "log", "-1", "--format=%h %s"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    print(f"Course clone (the repository's committed HEAD {head[:60]}): {repo}")
    hub = Hub(folder, python, proxy)
    names = [f"student{number:02d}" for number in range(1, args.students + 1)]
    try:
        await hub.wait_until_up()
        print(
            f"JupyterHub {hub.url}; the class's link: {nbgitpuller_link(hub.url, repo, NOTEBOOKS[0])}"
        )
        started = time.monotonic()
        runs = await asyncio.gather(*(one_student(hub, name, repo) for name in names))
        elapsed = time.monotonic() - started
        hub_mib = sum(
            p.memory_info().rss / MIB
            for p in processes_of(folder)
            if "JUPYTERHUB_USER" not in p.environ()
        )
        report(list(runs), hub_mib)
        print(f"\nThe whole class ran in {elapsed:.0f} s.\n")
        failures = sum(1 for r in runs if r.error or any(n.error for n in r.notebooks.values()))
        binder = binder_check(python, remote)
        return 1 if failures or not binder else 0
    finally:
        await hub.stop(names)
        for process in processes_of(folder):
            try:
                process.kill()
            except psutil.Error:
                pass
        left = processes_of(folder)
        print(
            f"Stopped the hub, the proxy and the students' servers ({len(names)}); processes left: {len(left)}."
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=int(os.environ.get("STUDENTS", 10)))
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary folder (logs) afterwards"
    )
    args = parser.parse_args()
    if not 1 <= args.students <= 200:
        parser.error("--students must be between 1 and 200")
    folder = Path(tempfile.mkdtemp(prefix="backbalance-hub-check-"))
    try:
        return asyncio.run(class_run(args, folder))
    finally:
        if args.keep:
            print(f"Logs and homes kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
