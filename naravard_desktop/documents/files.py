"""Writing export files safely: never a half-written file under the final name."""

from __future__ import annotations

import errno
from pathlib import Path

from naravard_desktop.atomic_files import replace_file
from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _


def write_atomically(path: Path, data: bytes) -> Path:
    """Write `data` to a temporary file beside `path`, flush it to disk, then rename it into
    place; on any error the previous file (if any) is untouched and the temporary file gone.
    An export is meant to be handed out: it gets the permissions the user's umask gives any
    new file (normally 0644, so colleagues can read it in a shared folder), also when it
    replaces an older owner-only copy. The database, its backups, logs and drafts are not
    written here and stay owner-only."""
    target = path.expanduser().resolve()
    if target.is_dir():
        raise DomainError(_("{path} is a folder: give a file name.").format(path=target))
    if not target.parent.is_dir():
        raise DomainError(
            _("The folder {folder} does not exist. Choose another folder.").format(
                folder=target.parent
            )
        )
    try:
        replace_file(target, data, mode=0o666)  # & ~umask
    except OSError as error:
        raise DomainError(describe_write_error(target, error)) from error
    return target


def describe_write_error(path: Path, error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return _("The disk is full: {path} was not written. Free some space and try again.").format(
            path=path
        )
    if error.errno == errno.EIO:
        return _(
            "The disk reported an error: {path} was not written. Check the disk or memory "
            "stick and try again."
        ).format(path=path)
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return _("You may not write to {path}. Choose another folder.").format(path=path)
    return _("Cannot write {path}: {reason}. Choose another folder or file name.").format(
        path=path, reason=error.strerror or error
    )
