"""Build-time reading of the editors' YAML files: line-aware parsing, schema checks, Korean errors.

Only CPython at build time imports this module (it needs PyYAML and jsonschema); the browser gets
the already-checked data as JSON.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from pathlib import Path as FsPath
from typing import Any

import jsonschema
import yaml

from .data import Path, directory_from_dict
from .errors import DataError
from .model import FLAGS, LOST_ITEMS, PHASES, Checklist, Directory
from .rules import checklist_from_dict

__all__ = [
    "CHECKLIST_SCHEMA",
    "CONTACTS_SCHEMA",
    "LoadedYaml",
    "build_bundle",
    "guide_pages",
    "guide_titles",
    "korean_holidays",
    "load_checklist",
    "load_directory",
    "load_yaml",
    "validate",
]

_ID = {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"}
_VERIFICATION = {
    "source": {"type": "string", "minLength": 1},
    "verified_on": {"type": "string", "format": "date"},
    "unverified": {"const": True},
    "check_at": _ID,
}
_TIMES = {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "minItems": 1}]}

CONTACTS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["hotline", "contacts", "channels"],
    "additionalProperties": False,
    "properties": {
        "hotline": _ID,
        "contacts": {
            "type": "object",
            "propertyNames": _ID,
            "minProperties": 1,
            "additionalProperties": {
                "type": "object",
                "required": ["name", "kind", "value", "source"],
                "additionalProperties": False,
                "properties": {
                    "name": {"type": "string", "minLength": 1},
                    "kind": {"enum": ["phone", "web", "app", "chat"]},
                    "value": {"type": ["string", "null"], "minLength": 1},
                    "domestic_only": {"type": "boolean"},
                    **_VERIFICATION,
                },
            },
        },
        "channels": {
            "type": "object",
            "propertyNames": _ID,
            "minProperties": 1,
            "additionalProperties": {
                "type": "object",
                "required": ["name", "hours", "source"],
                "additionalProperties": False,
                "properties": {
                    "name": {"type": "string", "minLength": 1},
                    "contact": {"type": ["string", "null"]},
                    "hours": {
                        "oneOf": [
                            {"enum": ["always", "unknown"]},
                            {"type": "object", "minProperties": 1, "additionalProperties": _TIMES},
                        ]
                    },
                    "hours_claim": {"const": "reported"},
                    **_VERIFICATION,
                },
            },
        },
    },
}

_TYPE_KO = {
    "string": "글자(문자열)",
    "object": "항목 묶음(키: 값)",
    "array": "목록(- 로 시작하는 줄)",
    "integer": "정수",
    "number": "숫자",
    "boolean": "true 또는 false",
    "null": "비어 있음(null)",
}


class LoadedYaml:
    """Parsed YAML plus the line of every key path, so any later check can point at a line."""

    def __init__(self, file: str, data: Any, lines: dict[Path, int]) -> None:
        self.file = file
        self.data = data
        self.lines = lines

    def locate(self, path: Path) -> tuple[str | None, int | None]:
        # Fall back to the closest ancestor that has a line (e.g. a missing key -> its parent).
        while path and path not in self.lines:
            path = path[:-1]
        return self.file, self.lines.get(path, 1)

    def error(self, path: Path, message: str) -> DataError:
        file, line = self.locate(path)
        return DataError(message, file=file, line=line)


def _build(node: yaml.Node, path: Path, lines: dict[Path, int], loader: yaml.SafeLoader, file: str) -> Any:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if isinstance(key, (dict, list)):
                raise DataError("키로 쓸 수 없는 값입니다", file=file, line=key_node.start_mark.line + 1)
            key = str(key)
            if key in out:
                raise DataError(f"'{key}' 키가 두 번 나옵니다. 하나를 지워 주세요", file=file, line=key_node.start_mark.line + 1)
            lines[path + (key,)] = key_node.start_mark.line + 1
            out[key] = _build(value_node, path + (key,), lines, loader, file)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), lines, loader, file) for i, item in enumerate(node.value)]
    try:
        value = loader.construct_object(node, deep=True)
    except ValueError:  # e.g. 2026-13-45 looks like a date but is none: let the schema say so
        value = node.value
    # Dates become ISO strings so the same data serialises to JSON for the browser.
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return value


def load_yaml(path: FsPath, display: str | None = None) -> LoadedYaml:
    """Parse a YAML file, remembering lines; syntax errors become a Korean DataError with the line."""
    file = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError("파일이 없습니다", file=file) from None
    except UnicodeDecodeError:
        raise DataError("UTF-8로 저장된 파일이 아닙니다. 편집기에서 UTF-8로 다시 저장해 주세요", file=file) from None
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise DataError(
            f"YAML 문법 오류입니다. 들여쓰기, 콜론(:) 뒤의 띄어쓰기, 따옴표 짝을 확인하세요 ({exc.problem})",
            file=file,
            line=line,
        ) from None
    finally:
        loader.dispose()
    if node is None:
        raise DataError("파일이 비어 있습니다", file=file, line=1)
    lines: dict[Path, int] = {}
    return LoadedYaml(file, _build(node, (), lines, loader, file), lines)


def _message(error: jsonschema.ValidationError) -> str:
    name = ".".join(str(p) for p in error.absolute_path) or "(파일 전체)"
    match error.validator:
        case "required":
            missing = next((k for k in error.validator_value if k not in error.instance), "?")
            return f"'{name}'에 꼭 필요한 항목 '{missing}'이(가) 없습니다"
        case "type":
            wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
            return f"'{name}'의 값은 {' 또는 '.join(_TYPE_KO.get(t, t) for t in wanted)}이어야 합니다 (지금 값: {error.instance!r})"
        case "enum" | "const":
            allowed = error.validator_value if error.validator == "enum" else [error.validator_value]
            return f"'{name}'의 값 {error.instance!r}은(는) 쓸 수 없습니다. 쓸 수 있는 값: {', '.join(map(str, allowed))}"
        case "additionalProperties":
            extra = next((k for k in error.instance if k not in error.schema.get("properties", {})), "?")
            return f"'{name}'에 알 수 없는 항목 '{extra}'이(가) 있습니다. 오타인지 확인하세요"
        case "pattern" | "propertyNames":
            return f"'{name}'의 id {error.instance!r}는 영어 소문자, 숫자, 밑줄(_)만 쓸 수 있고 소문자로 시작해야 합니다"
        case "format":
            return f"'{name}'의 날짜 {error.instance!r}는 YYYY-MM-DD 형식이어야 합니다"
        case "minLength" | "minProperties" | "minItems":
            return f"'{name}'이(가) 비어 있습니다"
        case "oneOf":
            return f"'{name}'의 형식이 맞지 않습니다 (지금 값: {error.instance!r})"
        case _:
            return f"'{name}'의 값이 맞지 않습니다: {error.message}"


def _error_path(error: jsonschema.ValidationError) -> Path:
    """Where to point: the offending key itself for an unknown key, else the value."""
    path = tuple(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        extra = [k for k in error.instance if k not in error.schema.get("properties", {})]
        if extra:
            return (*path, extra[0])
    return path


def validate(loaded: LoadedYaml, schema: Mapping[str, Any]) -> None:
    """Check against a JSON schema; report every problem, sorted by line, as one DataError."""
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(loaded.data), key=lambda e: loaded.locate(_error_path(e))[1] or 0)
    if not errors:
        return
    problems = [loaded.error(_error_path(e), _message(e)) for e in errors]
    if len(problems) == 1:
        raise problems[0]
    first = problems[0]
    details = "\n".join(f"  {p}" for p in problems)
    raise DataError(f"{len(problems)}개의 문제가 있습니다:\n{details}", file=first.file, line=first.line)


def _no_future_checks(loaded: LoadedYaml, today: _dt.date) -> None:
    """A fact cannot have been checked on a day that has not come yet (a typo in verified_on)."""
    for section in ("contacts", "channels"):
        for item_id, item in loaded.data[section].items():
            checked = item.get("verified_on")
            if checked is not None and _dt.date.fromisoformat(checked) > today:
                raise loaded.error(
                    (section, item_id, "verified_on"),
                    f"verified_on {checked}은(는) 오늘({today.isoformat()})보다 뒤입니다. 실제로 확인한 날짜를 적어 주세요",
                )


def load_directory(
    path: FsPath, display: str | None = None, today: _dt.date | None = None
) -> tuple[Directory, dict[str, Any]]:
    """contacts.yml -> (checked Directory, plain data for the browser)."""
    loaded = load_yaml(path, display)
    validate(loaded, CONTACTS_SCHEMA)
    _no_future_checks(loaded, today or _dt.date.today())
    return directory_from_dict(loaded.data, loaded.locate), loaded.data


_CONDITION = {
    "type": "object",
    "minProperties": 1,
    "additionalProperties": False,
    "properties": {
        "lost": {"type": "array", "minItems": 1, "items": {"enum": list(LOST_ITEMS)}},
        **{flag: {"const": True} for flag in FLAGS},
    },
}

# A list of conditions: every one must hold (e.g. abroad and a lost card).
_ALL_OF = {"type": "array", "minItems": 2, "items": _CONDITION}

CHECKLIST_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["rules", "steps"],
    "additionalProperties": False,
    "properties": {
        "rules": {
            "type": "object",
            "propertyNames": _ID,
            "minProperties": 1,
            "additionalProperties": {
                "type": "object",
                "required": ["description", "when"],
                "additionalProperties": False,
                "properties": {
                    "description": {"type": "string", "minLength": 1},
                    "when": {"oneOf": [{"const": "always"}, _CONDITION, _ALL_OF]},
                    "unless": {"oneOf": [_CONDITION, _ALL_OF]},
                },
            },
        },
        "steps": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["id", "title", "phase", "channel", "page", "rule"],
                "additionalProperties": False,
                "properties": {
                    "id": _ID,
                    "title": {"type": "string", "minLength": 1},
                    "phase": {"enum": list(PHASES)},
                    "channel": {"oneOf": [_ID, {"type": "null"}]},
                    "page": {"type": "string", "pattern": "^[a-z0-9-]+(/[a-z0-9-]+)*[.]md$"},
                    "rule": _ID,
                },
            },
        },
    },
}


def guide_pages(docs_dir: FsPath) -> frozenset[str]:
    """Markdown pages under docs/, as the paths checklist.yml uses ('lost/phone.md')."""
    return frozenset(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))


def guide_titles(docs_dir: FsPath, pages: Iterable[str]) -> dict[str, str]:
    """The title of each guide page ('lost/phone.md' -> '휴대폰(케이뱅크 앱)을 잃어버렸을 때').

    Front matter ``title:`` first, else the first '# ' heading, as MkDocs does; links in the plan
    say where they go with it.
    """
    titles = {}
    for page in pages:
        text = (docs_dir / page).read_text(encoding="utf-8")
        body = text
        if text.startswith("---\n"):
            meta_text, _, body = text[4:].partition("\n---\n")
            try:
                meta = yaml.safe_load(meta_text) or {}
            except yaml.YAMLError:  # the page checks report it with its line; a title is not worth failing for
                meta = {}
            if isinstance(meta, dict) and isinstance(meta.get("title"), str):
                titles[page] = meta["title"]
                continue
        heading = next((line[2:].strip() for line in body.splitlines() if line.startswith("# ")), None)
        if heading:
            titles[page] = heading
    return titles


def load_checklist(
    path: FsPath, directory: Directory, display: str | None = None, pages: frozenset[str] | None = None
) -> tuple[Checklist, dict[str, Any]]:
    """checklist.yml -> (checked Checklist, plain data for the browser)."""
    loaded = load_yaml(path, display)
    validate(loaded, CHECKLIST_SCHEMA)
    return checklist_from_dict(loaded.data, directory, loaded.locate, pages), loaded.data


def korean_holidays(years: tuple[int, ...] | list[int]) -> dict[str, Any]:
    """Korean public holidays, substitute holidays included, for the span of ``years`` (JSON-able).

    Years are passed in (not read from the clock) so builds and tests are reproducible.
    """
    import holidays  # build-time only, like yaml and jsonschema

    first, last = min(years), max(years)
    span = list(range(first, last + 1))
    calendar = holidays.country_holidays("KR", years=span, language="ko")
    return {
        "first_year": first,
        "last_year": last,
        "dates": {day.isoformat(): name for day, name in sorted(calendar.items())},
        "source": f"holidays {holidays.__version__} (KR)",
    }


def build_bundle(docs_dir: FsPath, years: tuple[int, ...] | list[int], display_root: FsPath | None = None) -> dict[str, Any]:
    """Everything the engine needs, checked, as one JSON-able dict: contacts, checklist, holidays.

    ``display_root`` makes file names in errors relative (e.g. to the repository).
    """

    def shown(path: FsPath) -> str:
        root = display_root if display_root is not None else docs_dir.parent
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            return str(path)

    contacts_path = docs_dir / "data" / "contacts.yml"
    checklist_path = docs_dir / "data" / "checklist.yml"
    directory, contacts = load_directory(contacts_path, shown(contacts_path))
    _, checklist = load_checklist(checklist_path, directory, shown(checklist_path), guide_pages(docs_dir))
    pages = guide_titles(docs_dir, dict.fromkeys(step["page"] for step in checklist["steps"]))
    return {"version": 1, "contacts": contacts, "checklist": checklist, "holidays": korean_holidays(years), "pages": pages}
