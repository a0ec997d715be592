"""A learner's files: the one way the course saves and reads them back.

Every file a learner saves (answers, profile, programme, handout, calendar, progress log,
habit week) goes through a :class:`WorkFolder`, the notebook's own folder by default:

- a file name is checked first: it must not be blank, must stay inside the work folder
  (no ``..``, no absolute path elsewhere, no link that points out), must not be a notebook
  (``.ipynb``), must not be in the course's data or the package, and must end as the save
  expects (``.csv``, ``.json`` ...);
- nothing is overwritten unless the caller says ``replace=True`` (the apps ask first, or
  offer a new dated name from :meth:`WorkFolder.dated_name`);
- the text goes to a temporary file in the same folder, which then takes the file's place
  in one step (:func:`write_atomic`), so a full disk or a crash never leaves half a file
  and the earlier file stays as it was.

Every refusal or failure is a :class:`SaveError` whose message is one line a learner can act
on; :class:`FileExists` also names the dated alternative.

Examples
--------
>>> import tempfile
>>> work = WorkFolder(tempfile.mkdtemp())
>>> work.save("my_log.csv", "week,left,right\\n", suffixes=(".csv",)).name
'my_log.csv'
>>> work.save("my_log.csv", "again", suffixes=(".csv",))
Traceback (most recent call last):
...
backbalance.common.files.FileExists: my_log.csv already exists in this folder.
>>> work.save("../elsewhere.csv", "x", suffixes=(".csv",))
Traceback (most recent call last):
...
backbalance.common.files.SaveError: '../elsewhere.csv' is outside this notebook's folder; type a plain file name such as my_file.csv.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from backbalance.common.read import DataError
from backbalance.course import Course

MAX_READ_BYTES = 5_000_000
"""A learner's file is small: a bigger one is refused when read (not loaded into memory)."""

NOTEBOOK_SUFFIX = ".ipynb"
NAME_BYTES = 200
"""The longest file name: file systems allow 255 bytes, less the temporary file's additions."""


class SaveError(Exception):
    """A file name that cannot be used, or a save or read that failed; ``message`` is one line."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class FileExists(SaveError):
    """The file is already there: replace it only when the learner says so.

    Attributes
    ----------
    name
        The name asked for.
    alternative
        A free dated name in the same folder, such as ``my_log-2026-12-01.csv``.
    """

    def __init__(self, name: str, alternative: str) -> None:
        super().__init__(f"{name} already exists in this folder.")
        self.name, self.alternative = name, alternative


def _reason(err: OSError) -> str:
    """What an operating-system error means for the learner, in a few words."""
    if err.errno == errno.ENOSPC or err.errno == errno.EDQUOT:
        return "the disk is full; free some space and try again"
    if err.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "this folder cannot be written to (it is read-only or not yours)"
    if err.errno == errno.ENAMETOOLONG:
        return "the name is too long; choose a shorter one"
    if err.errno == errno.ENOENT:
        return "its folder does not exist"
    return err.strerror or str(err)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename it.

    The file appears whole or not at all; an earlier file keeps its content if anything
    fails. A new file gets the usual permissions (the umask's), a replaced one keeps its own.

    Raises
    ------
    OSError
        When the folder cannot be written to, or the disk is full (the temporary file is
        removed first).
    """
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def decode_text(raw: bytes) -> str:
    """Text of a learner's file: UTF-8 (with or without a byte-order mark) or UTF-16 with one.

    Windows Notepad and spreadsheet programs add a byte-order mark, and "Unicode text"
    is UTF-16.

    >>> decode_text(b"\\xef\\xbb\\xbf{}"), decode_text("{}".encode("utf-16"))
    ('{}', '{}')

    Raises
    ------
    UnicodeDecodeError
        When the bytes are neither.
    """
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16")
    return raw.decode("utf-8-sig")


class WorkFolder:
    """The learner's work folder: where the apps save, and read back, the learner's files.

    Parameters
    ----------
    folder
        The folder (default: the working folder, which is the notebook's folder in JupyterLab).
    protected
        Folders no save may write into; by default the course's data folder and the
        installed package.
    """

    def __init__(self, folder: Path | str = ".", protected: Iterable[Path] | None = None) -> None:
        self.folder = Path(folder)
        self.protected = tuple(protected) if protected is not None else _course_folders()

    def __repr__(self) -> str:
        return f"WorkFolder({str(self.folder)!r})"

    # ------------------------------------------------------------------ names

    def path(self, name: str, suffixes: Iterable[str] = ()) -> Path:
        """The file ``name`` inside the work folder, after every check of the module docstring.

        Parameters
        ----------
        name
            What the learner typed: a file name, or a path below the work folder.
        suffixes
            The endings this kind of file may have (``.csv`` ...); empty to allow any but
            ``.ipynb``.

        Raises
        ------
        SaveError
            With the reason and the fix, in one line.
        """
        typed = name.strip()
        allowed = tuple(suffixes)
        example = f"my_file{allowed[0] if allowed else '.txt'}"
        if not typed:
            raise SaveError(f"Type a file name first, such as {example}.")
        if "\x00" in typed or any(ord(c) < 32 for c in typed):
            raise SaveError(
                f"{typed!r} holds a control character; type a plain name such as {example}."
            )
        if any(len(part.encode("utf-8")) > NAME_BYTES for part in Path(typed).parts):
            raise SaveError(f"{typed[:40]}...: the name is too long; choose a shorter one.")
        root = self.folder.resolve()
        if not root.is_dir():
            raise SaveError(
                f"The folder {self.folder} does not exist; create it or choose another."
            )
        target = root / Path(typed).expanduser()
        resolved = target.resolve()
        if not resolved.is_relative_to(root) or resolved == root:
            raise SaveError(
                f"{typed!r} is outside this notebook's folder; type a plain file name such as {example}."
            )
        if target.is_symlink():
            raise SaveError(f"{typed} is a link to another file; choose another name.")
        if target.suffix.lower() == NOTEBOOK_SUFFIX:
            raise SaveError(
                f"{typed} is a notebook, and saving would replace it; choose a name such as {example}."
            )
        if any(resolved.is_relative_to(folder.resolve()) for folder in self.protected):
            raise SaveError(
                f"{typed} is part of the course's own files; choose a name such as {example}."
            )
        if not target.parent.is_dir():
            raise SaveError(
                f"The folder {target.parent.relative_to(root)} does not exist; save in this "
                f"notebook's folder, such as {example}."
            )
        if target.is_dir():
            raise SaveError(f"{typed} is a folder; type a file name such as {example}.")
        if allowed and target.suffix.lower() not in allowed:
            raise SaveError(f"{typed} must end in {' or '.join(allowed)}, such as {example}.")
        return target

    def exists(self, name: str) -> bool:
        """True when ``name`` is already a file in the work folder (bad names: False)."""
        try:
            return self.path(name).exists()
        except SaveError:
            return False

    def dated_name(self, name: str, today: date | None = None) -> str:
        """A free name like ``name`` with the date in it: ``my_log-2026-12-01.csv``, then ``-2``...

        >>> WorkFolder("/nonexistent").dated_name("my_log.csv", date(2026, 12, 1))
        'my_log-2026-12-01.csv'
        """
        stem, suffix = Path(name.strip()).stem, Path(name.strip()).suffix
        parent = Path(name.strip()).parent
        base = f"{stem}-{(today or date.today()).isoformat()}"
        for number in range(1, 1000):
            candidate = str(parent / f"{base}{'' if number == 1 else f'-{number}'}{suffix}")
            if not (self.folder / candidate).exists():
                return candidate
        raise SaveError(f"There are too many dated copies of {name}; tidy the folder first.")

    # ------------------------------------------------------------------ saving and reading

    def save(
        self,
        name: str,
        content: str | bytes,
        *,
        suffixes: Iterable[str] = (),
        replace: bool = False,
    ) -> Path:
        """Save ``content`` (text is written as UTF-8, line ends as given) as ``name``.

        Raises
        ------
        FileExists
            When the file is there and ``replace`` is False.
        SaveError
            For a name :meth:`path` refuses, or when the write fails (nothing changed).
        """
        target = self.path(name, suffixes)
        if target.exists() and not replace:
            raise FileExists(name.strip(), self.dated_name(name))
        data = content.encode("utf-8") if isinstance(content, str) else content
        try:
            write_atomic(target, data)
        except OSError as err:
            raise SaveError(
                f"Could not save {name.strip()}: {_reason(err)}. Nothing was changed."
            ) from None
        return target

    def read(
        self, name: str, *, suffixes: Iterable[str] = (), limit: int = MAX_READ_BYTES
    ) -> bytes:
        """The bytes of the learner's file ``name`` in the work folder.

        Raises
        ------
        SaveError
            When the name is refused, the file is missing, not a regular file, over
            ``limit`` bytes or cannot be read.
        """
        target = self.path(name, suffixes)
        typed = name.strip()
        try:
            info = target.stat()
            if not stat.S_ISREG(info.st_mode):
                raise SaveError(f"{typed} is not a regular file.")
            if info.st_size > limit:
                raise SaveError(
                    f"{typed} is {info.st_size:,} bytes, too big for this file (at most {limit:,})."
                )
            return target.read_bytes()
        except FileNotFoundError:
            raise SaveError(f"There is no file called {typed} in this folder.") from None
        except OSError as err:
            raise SaveError(f"Could not read {typed}: {_reason(err)}.") from None


def _course_folders() -> tuple[Path, ...]:
    """The course's data folder and the installed package: never a place for a learner's save."""
    package = Path(__file__).resolve().parents[1]
    try:
        data = Course.find().data
    except DataError:  # a wrong $BACKBALANCE_DATA must not block the learner's save
        return (package,)
    return (data, package)
