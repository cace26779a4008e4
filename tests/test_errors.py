"""The one error tree: every PilotageError subclass lives in pilotage.errors, is drawn in its
docstring with the HTTP status and exit code it carries."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pilotage
from pilotage import errors


def _every_subclass(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub, *_every_subclass(sub)}
    return found


def _import_everything() -> None:
    for module in pkgutil.walk_packages(pilotage.__path__, "pilotage."):
        if ".migrations" in module.name or module.name.endswith(("__main__", "wsgi", "settings")):
            continue
        if module.name.startswith("pilotage.web"):
            continue  # Django's apps need the settings; their errors are checked below
        importlib.import_module(module.name)


def test_every_pilotage_error_is_defined_in_errors() -> None:
    _import_everything()
    import pilotage.web.progress.views  # noqa: F401  (once held BadQuery)

    outside = {
        f"{c.__module__}.{c.__qualname__}"
        for c in _every_subclass(errors.PilotageError)
        if c.__module__ != "pilotage.errors"
    }
    assert outside == set()


def test_the_docstring_draws_every_class_with_its_status_and_exit_code() -> None:
    doc = errors.__doc__ or ""
    drawn = {}
    for line in doc.splitlines():
        m = re.match(r"^\s*[│├└─ ]*(\w+Error|\w+Query|PilotageError)\b.*?(\d{3})\s+(\d)\s*$", line)
        if m:
            drawn[m.group(1)] = (int(m.group(2)), int(m.group(3)))
    classes = {
        name: obj
        for name, obj in vars(errors).items()
        if isinstance(obj, type) and issubclass(obj, errors.PilotageError)
    }
    assert set(drawn) == set(classes)
    assert set(errors.__all__) == set(classes)
    for name, cls in classes.items():
        assert drawn[name] == (cls.http_status, cls.exit_code), name


def test_a_status_is_an_error_status() -> None:
    for name in errors.__all__:
        cls = getattr(errors, name)
        assert 400 <= cls.http_status < 600
        assert cls.exit_code >= 1
