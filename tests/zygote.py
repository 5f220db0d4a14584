"""A warm start for the hostile corpus (tests/hostile.py): a process that imports trustdose
once and then, for each probe sent to it, forks a child that becomes `python -m trustdose
ARGS` with the probe's standard streams, environment, folder, umask, memory limit and
session. A child is a real process like any other run (its own pid, signals, file
descriptors, exit status); what it skips is the interpreter's start and the imports, which
were three quarters of the corpus's time. Probes whose point is the interpreter's start
(the locale, PYTHON* variables, closed standard streams) are run the cold way instead.

Run as `python zygote.py FD`: FD is a SOCK_SEQPACKET socket; each request is one JSON
message with the three standard streams attached, and the answers are {"pid": …} once the
child runs and {"status": …} (as os.waitpid gives it) once it has ended."""

from __future__ import annotations

import atexit
import gc
import importlib
import io
import json
import os
import pkgutil
import resource
import runpy
import socket
import sys
import traceback


def warm() -> None:
    """Import every module of trustdose, as the commands would one by one."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")  # as trustdose's main() does
    import trustdose
    for module in pkgutil.walk_packages(trustdose.__path__, "trustdose."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    # and what the commands import only when they first need it (a third of a warm
    # child's time went to these): the YAML parser, pydantic's plugin loader and the
    # package metadata it reads
    for name in ("yaml", "yaml.cyaml", "pydantic.plugin._loader", "importlib.metadata",
                 "importlib.resources", "email.message",
                 # the public holidays a proposed date is moved off (`engine.workdays`)
                 "holidays", "holidays.countries.denmark", "holidays.countries.norway",
                 "holidays.countries.sweden"):
        importlib.import_module(name)
    validators()


def validators() -> None:
    """Build the validators trustdose builds on first use (pydantic's, for a case, a rule
    file's sections, a row's cells): like an import, code made once per process that no
    run changes, and a fifth to a third of a warm child's time where it reads a case or
    rules. Nothing a run reads or remembers (rules, caches, memos) is made here."""
    import pydantic

    from trustdose.io import cells
    from trustdose.model import case
    from trustdose.rules import files, testfile
    for module in (case, testfile):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, pydantic.BaseModel) \
                    and value.__module__ == module.__name__:
                value.model_rebuild()  # defer_build=True: built when first validated
    for section in files.SECTIONS:
        files.adapter(section)
    cells.adapters()


def stream(fd: int, reading: bool) -> io.TextIOWrapper | None:
    """A standard stream as the interpreter makes it at its start (None for a closed fd)."""
    try:
        os.fstat(fd)
    except OSError:
        return None
    raw = io.FileIO(fd, "rb" if reading else "wb", closefd=False)
    buffered = io.BufferedReader(raw) if reading else io.BufferedWriter(raw)
    errors = "backslashreplace" if fd == 2 else sys.__stdout__.errors
    return io.TextIOWrapper(buffered, encoding=sys.__stdout__.encoding, errors=errors,
                            line_buffering=fd == 2 or raw.isatty(), write_through=fd == 2)


def become(request: dict, fds: list[int]) -> None:
    """In the child: take the probe's place and run trustdose; never returns."""
    code = 1
    try:
        os.setsid()
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
        os.closerange(3, 1024)
        if request["umask"] is not None:
            os.umask(request["umask"])
        resource.setrlimit(resource.RLIMIT_AS, (request["memory"], request["memory"]))
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        sys.stdin, sys.stdout, sys.stderr = (stream(0, True), stream(1, False),
                                             stream(2, False))
        sys.__stdin__, sys.__stdout__, sys.__stderr__ = sys.stdin, sys.stdout, sys.stderr
        sys.argv = ["trustdose", *request["args"]]
        sys.path[0] = request["cwd"]  # where `python -m` looks first, not this file's folder
        code = run()
    finally:
        os._exit(code)


def run() -> int:
    """`python -m trustdose`, ending as the interpreter ends: the exit code of SystemExit,
    a traceback and 1 for anything else, 120 when standard output cannot be flushed."""
    try:
        runpy.run_module("trustdose", run_name="__main__", alter_sys=True)
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else 0 if done.code is None else 1
        if not isinstance(done.code, (int, type(None))):
            print(done.code, file=sys.stderr)
    except BaseException:  # noqa: B036 - reported as the interpreter would, then judged
        traceback.print_exc()
        code = 1
    atexit._run_exitfuncs()
    for name in ("stdout", "stderr"):
        try:
            if getattr(sys, name) is not None:
                getattr(sys, name).flush()
        except Exception:
            code = 120 if name == "stdout" else code
    return code & 0xFF


def serve(sock: socket.socket) -> None:
    while True:
        message, fds, _flags, _address = socket.recv_fds(sock, 1 << 20, 3)
        if not message:
            return
        request = json.loads(message)
        pid = os.fork()
        if pid == 0:
            sock.close()
            become(request, fds)
        for fd in fds:
            os.close(fd)
        sock.send(json.dumps({"pid": pid}).encode())
        _, status = os.waitpid(pid, 0)
        sock.send(json.dumps({"status": status}).encode())


if __name__ == "__main__":
    warm()
    # what is warm now is never collected: a child's collector would otherwise walk (and
    # so copy, page by page) everything the zygote made (a sixth of a warm child's time)
    gc.freeze()
    serve(socket.socket(fileno=int(sys.argv[1])))
