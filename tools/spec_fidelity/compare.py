"""Compare spec/openapi.yaml with the wire model of Wix's published SDK typings.

``extract.js`` reads Wix's npm packages with the TypeScript compiler and prints a normalized
model (operations with method, path, request and response types, error codes, required
fields; webhook events; every type's fields with their limits, formats and enums). This module
walks that model and the spec side by side, operation by operation and field by field at every
depth, and lists every difference. Differences listed in ``spec/deviations.yaml`` (each with a
reason) are accepted; a listed deviation that no longer occurs is itself reported, so the file
cannot go stale.

    python tools/spec_fidelity/compare.py --model MODEL.json [--spec ...] [--deviations ...]
        [--upstream] [--report FILE]

Exit status: 0 when the spec matches, 1 on any difference, 2 on bad input.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import re
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "spec" / "openapi.yaml"
DEVIATIONS = ROOT / "spec" / "deviations.yaml"
# The `info` field that records which package versions the spec was checked against.
VERSIONS_FIELD = "x-wix-sdk-packages"

# Wix's doc-comment formats -> the spec's JSON Schema formats.
FORMATS = {"GUID": "uuid", "WEB_URL": "uri", "date-time": "date-time"}
# Upstream limit tag -> JSON Schema keyword.
LIMITS = {
    "minLength": "minLength",
    "maxLength": "maxLength",
    "min": "minimum",
    "max": "maximum",
    "minSize": "minItems",
    "maxSize": "maxItems",
}
MAX_DEPTH = 40

JSON = dict[str, Any]


@dataclass(frozen=True, order=True)
class Difference:
    """One way the spec and Wix's typings disagree.

    ``change`` is said from Wix's side: ``added`` (Wix has it, the spec does not), ``removed``
    (the spec has it, Wix does not) or ``changed`` (both have it, with other values).
    """

    where: str  # "listMessages request", "event wix.crm...", "operations", "packages"
    path: str  # dotted field path, `[]` for list items; "" for the whole thing
    aspect: str  # "field", "type", "enum value", "maxLength", "required", ...
    change: str
    upstream: Any = None
    spec: Any = None

    def matches(self, deviation: Mapping[str, Any]) -> bool:
        """Whether a deviation entry covers this difference (``where`` and ``path`` may be
        shell-style patterns, ``*`` matching any text including dots, or lists of them)."""
        for key in ("where", "path", "aspect", "change"):
            if key not in deviation:
                continue
            wanted = deviation[key]
            patterns = wanted if isinstance(wanted, list) else [wanted]
            if not any(fnmatch.fnmatchcase(getattr(self, key), str(p)) for p in patterns):
                return False
        if "value" in deviation:
            value = self.upstream if self.change == "added" else self.spec
            if self.change == "changed":
                return deviation["value"] in (self.upstream, self.spec)
            return bool(deviation["value"] == value)
        return True

    def __str__(self) -> str:
        place = f"{self.where}: {self.path}" if self.path else self.where
        if self.change == "added":
            detail = f"in Wix's typings, not in the spec: {_show(self.upstream)}"
        elif self.change == "removed":
            detail = f"in the spec, not in Wix's typings: {_show(self.spec)}"
        else:
            detail = f"Wix's typings say {_show(self.upstream)}, the spec says {_show(self.spec)}"
        return f"{place} [{self.aspect} {self.change}] {detail}"


def _show(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True)


# ------------------------------------------------------------------------------------ spec
class Spec:
    """The OpenAPI document with $ref resolution."""

    def __init__(self, document: JSON) -> None:
        self.doc = document

    def resolve(self, schema: JSON) -> JSON:
        """``schema`` with its ``$ref`` (if any) followed; sibling keywords win."""
        seen = 0
        while "$ref" in schema:
            ref = schema["$ref"]
            if not ref.startswith("#/"):
                raise ValueError(f"only local $refs are supported: {ref}")
            target: Any = self.doc
            for part in ref[2:].split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            siblings = {k: v for k, v in schema.items() if k != "$ref"}
            schema = {**target, **siblings}
            seen += 1
            if seen > MAX_DEPTH:
                raise ValueError(f"$ref loop at {ref}")
        return schema

    def operations(self) -> dict[str, tuple[str, str, JSON]]:
        """operationId -> (METHOD, path, operation)."""
        out = {}
        for path, item in (self.doc.get("paths") or {}).items():
            for method, op in item.items():
                if isinstance(op, dict) and "operationId" in op:
                    out[op["operationId"]] = (method.upper(), path, op)
        return out

    def versions(self) -> dict[str, str]:
        return dict(self.doc.get("info", {}).get(VERSIONS_FIELD) or {})


def _spec_types(schema: JSON) -> set[str]:
    kind = schema.get("type")
    if kind is None:
        return set()
    return set(kind) if isinstance(kind, list) else {kind}


# -------------------------------------------------------------------------------- comparer
class Comparer:
    def __init__(self, spec: Spec, model: JSON) -> None:
        self.spec = spec
        self.model = model
        self.found: list[Difference] = []

    def diff(self, where: str, path: str, aspect: str, change: str, up: Any, sp: Any) -> None:
        up = tuple(up) if isinstance(up, list) else up
        sp = tuple(sp) if isinstance(sp, list) else sp
        self.found.append(Difference(where, path, aspect, change, up, sp))

    def run(self) -> list[Difference]:
        self.compare_packages()
        self.compare_operations()
        self.compare_events()
        return sorted(set(self.found))

    # ------------------------------------------------------------------------- packages
    def compare_packages(self) -> None:
        recorded = self.spec.versions()
        published = {name: pkg["version"] for name, pkg in self.model["packages"].items()}
        for name in sorted(set(recorded) | set(published)):
            if name not in recorded:
                self.diff("packages", name, "package", "added", published[name], None)
            elif name not in published:
                self.diff("packages", name, "package", "removed", None, recorded[name])
            elif recorded[name] != published[name]:
                self.diff("packages", name, "version", "changed", published[name], recorded[name])
        for name, pkg in self.model["packages"].items():
            for tag in pkg.get("unknownTags", []):
                self.diff(name, tag, "unknown doc tag", "added", tag, None)

    # ----------------------------------------------------------------------- operations
    def compare_operations(self) -> None:
        upstream: dict[str, tuple[JSON, JSON]] = {}
        for pkg in self.model["packages"].values():
            for name, op in pkg["operations"].items():
                if not op.get("missing"):
                    upstream[name] = (op, pkg["types"])
        spec_ops = self.spec.operations()
        for name in sorted(set(upstream) - set(spec_ops)):
            op = upstream[name][0]
            http = op.get("http") or {}
            self.diff("operations", name, "operation", "added", _call(http), None)
        for name in sorted(set(spec_ops) - set(upstream)):
            method, path, _ = spec_ops[name]
            self.diff("operations", name, "operation", "removed", None, f"{method} {path}")
        for name in sorted(set(upstream) & set(spec_ops)):
            op, types = upstream[name]
            method, path, spec_op = spec_ops[name]
            self.compare_operation(name, op, types, method, path, spec_op)

    def compare_operation(
        self, name: str, op: JSON, types: JSON, method: str, path: str, spec_op: JSON
    ) -> None:
        http = op.get("http") or {}
        if http.get("method") != method or http.get("path") != path:
            self.diff(name, "", "method and path", "changed", _call(http), f"{method} {path}")
        codes_up = set(op.get("errors", []))
        codes_spec = {e["code"] for e in spec_op.get("x-wix-application-errors", [])}
        for code in sorted(codes_up - codes_spec):
            self.diff(name, "", "error code", "added", code, None)
        for code in sorted(codes_spec - codes_up):
            self.diff(name, "", "error code", "removed", None, code)

        walker = Walker(self, types)
        where = f"{name} request"
        required = set(op.get("requiredFields", [])) | set(op.get("pathParams", []))
        if http.get("transport") == "body":
            body = spec_op.get("requestBody", {}).get("content", {}).get("application/json")
            if body is None:
                self.diff(where, "", "request body", "added", "application/json", None)
            else:
                walker.compare(where, "", op["request"], body["schema"], "request", required)
        else:
            self.compare_parameters(walker, where, op, spec_op, required)

        where = f"{name} response"
        ok = spec_op.get("responses", {}).get("200", {})
        body = ok.get("content", {}).get("application/json")
        if body is None:
            self.diff(where, "", "response body", "added", "application/json", None)
        else:
            walker.compare(where, "", op["response"], body["schema"], "response", set())

    def compare_parameters(
        self, walker: Walker, where: str, op: JSON, spec_op: JSON, required: set[str]
    ) -> None:
        """A GET's request object travels as (dotted) query and path parameters."""
        leaves = dict(walker.leaves(op["request"], "", required))
        params = {
            p["name"]: p
            for p in (self.spec.resolve(p) for p in spec_op.get("parameters", []))
            if p.get("in") in ("path", "query")
        }
        for name in sorted(set(leaves) - set(params)):
            self.diff(where, name, "parameter", "added", _brief(leaves[name][0]["type"]), None)
        for name in sorted(set(params) - set(leaves)):
            self.diff(where, name, "parameter", "removed", None, params[name].get("in"))
        for name in sorted(set(leaves) & set(params)):
            field, is_required = leaves[name]
            param = params[name]
            if is_required != bool(param.get("required")):
                self.diff(
                    where, name, "required", "changed", is_required, bool(param.get("required"))
                )
            expected_in = "path" if name in op.get("pathParams", []) else "query"
            if param.get("in") != expected_in:
                self.diff(
                    where, name, "parameter location", "changed", expected_in, param.get("in")
                )
            schema = {**param.get("schema", {})}
            for flag, keyword in (("deprecated", "deprecated"),):
                if bool(field.get(flag)) != bool(param.get(keyword) or schema.get(keyword)):
                    self.diff(
                        where, name, keyword, "changed", bool(field.get(flag)), not field.get(flag)
                    )
            walker.up_paths = required
            walker.compare_type(where, name, field["type"], schema, "request", frozenset(), 0)

    # --------------------------------------------------------------------------- events
    def compare_events(self) -> None:
        webhooks = self.spec.doc.get("webhooks") or {}
        documented: dict[str, str] = {}
        for key, entry in webhooks.items():
            text = json.dumps(entry)
            for event_type in re.findall(r"wix\.[a-z0-9_]+(?:\.[a-z0-9_]+)+", text):
                documented.setdefault(event_type, key)
        upstream: dict[str, tuple[JSON, JSON]] = {}
        for pkg in self.model["packages"].values():
            for event_type, event in pkg["events"].items():
                upstream[event_type] = (event, pkg["types"])
        for event_type in sorted(set(upstream) - set(documented)):
            self.diff(
                "webhooks", event_type, "event", "added", upstream[event_type][0]["function"], None
            )
        for event_type in sorted(set(documented) - set(upstream)):
            self.diff("webhooks", event_type, "event", "removed", None, documented[event_type])
        schemas = self.spec.doc.get("components", {}).get("schemas", {})
        for event_type in sorted(set(upstream) & set(documented)):
            event, types = upstream[event_type]
            where = f"event {event_type}"
            candidates = _event_schema_names(event, types)
            name = next((c for c in candidates if c in schemas), None)
            if name is None:
                self.diff(where, "", "event schema", "added", " or ".join(candidates), None)
                continue
            walker = Walker(self, types)
            walker.compare(
                where,
                "",
                event["payload"],
                {"$ref": f"#/components/schemas/{name}"},
                "event",
                set(),
            )


def _event_schema_names(event: JSON, types: JSON) -> list[str]:
    """Names the spec may give an event's decoded schema: `<Envelope minus Envelope>Event`
    (MessageSentToBusinessEnvelope -> MessageSentToBusinessEvent) or `<payload type>Event`
    (ConversationConversationsMergedEnvelope carries ConversationsMerged ->
    ConversationsMergedEvent)."""
    names = []
    envelope = event.get("envelope") or ""
    names.append(re.sub(r"Envelope$", "", envelope) + "Event")
    data = (types.get(envelope) or {}).get("fields", {}).get("data", {}).get("type", {})
    if data.get("kind") == "ref":
        names.append(data["name"] + "Event")
    return list(dict.fromkeys(names))


def _call(http: JSON) -> str:
    return f"{http.get('method')} {http.get('path')}"


def _brief(upstream_type: JSON) -> str:
    kind = str(upstream_type.get("kind"))
    if kind == "ref":
        return str(upstream_type["name"])
    if kind == "array":
        return f"list of {_brief(upstream_type['items'])}"
    return kind


class Walker:
    """Walks one upstream type and one spec schema side by side."""

    def __init__(self, comparer: Comparer, types: JSON) -> None:
        self.c = comparer
        self.types = types
        self.spec = comparer.spec
        self.up_paths: set[str] = set()

    def deref(self, up: JSON) -> JSON:
        if up.get("kind") == "ref":
            target = self.types.get(up["name"])
            if target is None:
                return {"kind": "unsupported", "text": f"undefined type {up['name']}"}
            return dict(target)
        return up

    def leaves(
        self, up: JSON, prefix: str, required: set[str]
    ) -> Iterator[tuple[str, tuple[JSON, bool]]]:
        """(dotted name, (field, required)) of every non-object field under ``up``."""
        obj = self.deref(up)
        for name, field in obj.get("fields", {}).items():
            path = f"{prefix}{name}"
            is_required = (
                not field.get("optional") or bool(field.get("docRequired")) or path in required
            )
            inner = self.deref(field["type"])
            if inner.get("kind") == "object":
                yield from self.leaves(inner, f"{path}.", required if is_required else set())
            else:
                yield path, (field, is_required)

    def compare(
        self, where: str, path: str, up: JSON, schema: JSON, context: str, required: set[str]
    ) -> None:
        """Compare ``up`` with ``schema``; ``required`` holds the paths the call's own docs
        require (Wix's @requiredField and path parameters)."""
        self.up_paths = set(required)
        self.compare_type(where, path, up, schema, context, frozenset(), 0)

    def compare_type(
        self,
        where: str,
        path: str,
        up: JSON,
        schema: JSON,
        context: str,
        spec_paths: frozenset[str],
        depth: int,
    ) -> None:
        """``spec_paths``: the paths an enclosing schema's x-wix-required-paths requires."""
        diff = self.c.diff
        if depth > MAX_DEPTH:
            diff(where, path, "depth", "changed", f"deeper than {MAX_DEPTH}", None)
            return
        up = self.deref(up)
        schema = self.spec.resolve(schema)
        kind = up.get("kind")
        spec_types = _spec_types(schema)
        nullable_spec = "null" in spec_types
        spec_types.discard("null")

        if kind in ("string", "number", "boolean") and bool(up.get("nullable")) != nullable_spec:
            diff(where, path, "nullable", "changed", bool(up.get("nullable")), nullable_spec)

        if kind == "enum":
            if "enum" not in schema:
                diff(where, path, "type", "changed", "enum", _spec_kind(schema))
                return
            values_up = list(up.get("values", []))
            values_spec = [v for v in schema["enum"] if v is not None]
            for value in values_up:
                if value not in values_spec:
                    diff(where, path, "enum value", "added", value, None)
            for value in values_spec:
                if value not in values_up:
                    diff(where, path, "enum value", "removed", None, value)
            return
        if kind == "string":
            if spec_types != {"string"} or "enum" in schema:
                diff(where, path, "type", "changed", "string", _spec_kind(schema))
                return
            self.compare_format(where, path, up, schema)
            self.compare_limits(where, path, up, schema, ("minLength", "maxLength"))
            return
        if kind == "number":
            if not spec_types or not spec_types <= {"integer", "number"}:
                diff(where, path, "type", "changed", "number", _spec_kind(schema))
                return
            self.compare_limits(where, path, up, schema, ("min", "max"))
            return
        if kind == "boolean":
            if spec_types != {"boolean"}:
                diff(where, path, "type", "changed", "boolean", _spec_kind(schema))
            return
        if kind == "any":
            return
        if kind == "map":
            if (
                spec_types != {"object"}
                or schema.get("properties")
                or schema.get("additionalProperties") is False
            ):
                diff(where, path, "type", "changed", "map", _spec_kind(schema))
            return
        if kind == "array":
            if spec_types != {"array"}:
                diff(where, path, "type", "changed", "array", _spec_kind(schema))
                return
            self.compare_limits(where, path, up, schema, ("minSize", "maxSize"))
            items = schema.get("items", {})
            self.compare_type(
                where, f"{path}[]", up["items"], items, context, frozenset(), depth + 1
            )
            return
        if kind == "object":
            if spec_types != {"object"}:
                diff(where, path, "type", "changed", "object", _spec_kind(schema))
                return
            self.compare_object(where, path, up, schema, context, spec_paths, depth)
            return
        diff(where, path, "type", "changed", up.get("text") or kind, _spec_kind(schema))

    def compare_format(self, where: str, path: str, up: JSON, schema: JSON) -> None:
        fmt_up = up.get("format")
        expected = FORMATS.get(fmt_up, fmt_up) if fmt_up is not None else None
        if expected != schema.get("format"):
            self.c.diff(where, path, "format", "changed", fmt_up, schema.get("format"))

    def compare_limits(
        self, where: str, path: str, up: JSON, schema: JSON, tags: tuple[str, str]
    ) -> None:
        for tag in tags:
            keyword = LIMITS[tag]
            if up.get(tag) != schema.get(keyword):
                self.c.diff(where, path, keyword, "changed", up.get(tag), schema.get(keyword))

    def compare_object(
        self,
        where: str,
        path: str,
        up: JSON,
        schema: JSON,
        context: str,
        spec_paths: frozenset[str],
        depth: int,
    ) -> None:
        diff = self.c.diff
        fields: JSON = up.get("fields", {})
        props: JSON = schema.get("properties", {})
        prefix = f"{path}." if path else ""
        for name in sorted(set(fields) - set(props)):
            diff(where, prefix + name, "field", "added", _brief(fields[name]["type"]), None)
        for name in sorted(set(props) - set(fields)):
            spec_kind = _spec_kind(self.spec.resolve(props[name]))
            diff(where, prefix + name, "field", "removed", None, spec_kind)

        groups_up = {tuple(sorted(g)) for g in up.get("oneOf", [])}
        one_of = schema.get("x-wix-one-of")
        groups_spec = {tuple(sorted(one_of))} if one_of else set()
        for group in sorted(groups_up - groups_spec):
            diff(where, path, "one-of group", "added", list(group), None)
        for group in sorted(groups_spec - groups_up):
            diff(where, path, "one-of group", "removed", None, list(group))

        # Required: Wix's typings mark a field required by leaving out `?`; in a request also
        # by @requiredField on the call or "__Required.__" in the field's docs. The spec says
        # so with `required`, and in a request also with x-wix-required-paths.
        if context == "request":
            extra = {f"{prefix}{p}" for p in schema.get("x-wix-required-paths", [])}
            spec_paths = spec_paths | extra
        spec_required = set(schema.get("required", []))
        for name in sorted(set(fields) & set(props)):
            field = fields[name]
            field_path = prefix + name
            prop = props[name]
            resolved = self.spec.resolve(prop)
            up_required = not field.get("optional")
            sp_required = name in spec_required
            if context == "request":
                up_required = (
                    up_required or bool(field.get("docRequired")) or field_path in self.up_paths
                )
                sp_required = sp_required or field_path in spec_paths
            if up_required != sp_required:
                diff(where, field_path, "required", "changed", up_required, sp_required)
            for flag, keyword in (("readonly", "readOnly"), ("deprecated", "deprecated")):
                spec_flag = bool(prop.get(keyword, resolved.get(keyword)))
                if bool(field.get(flag)) != spec_flag:
                    diff(where, field_path, keyword, "changed", bool(field.get(flag)), spec_flag)
            self.compare_type(
                where, field_path, field["type"], prop, context, spec_paths, depth + 1
            )


def _spec_kind(schema: JSON) -> str:
    if "enum" in schema:
        return "enum"
    types = sorted(_spec_types(schema) - {"null"})
    return "/".join(types) if types else "untyped"


# ------------------------------------------------------------------------------ deviations
def load_deviations(path: Path) -> list[dict[str, Any]]:
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    entries = document.get("deviations") or []
    for entry in entries:
        if not str(entry.get("reason", "")).strip():
            raise ValueError(f"{path}: a deviation without a reason: {entry}")
    return list(entries)


def apply_deviations(
    found: list[Difference], deviations: list[dict[str, Any]]
) -> tuple[list[Difference], list[Difference], list[dict[str, Any]]]:
    """(unexpected differences, accepted differences, deviations that matched nothing)."""
    used = [False] * len(deviations)
    unexpected, accepted = [], []
    for difference in found:
        for i, deviation in enumerate(deviations):
            if difference.matches(deviation):
                used[i] = True
                accepted.append(difference)
                break
        else:
            unexpected.append(difference)
    stale = [d for d, u in zip(deviations, used, strict=True) if not u]
    return unexpected, accepted, stale


def compare(spec: JSON, model: JSON) -> list[Difference]:
    """Every difference between the spec and the model (deviations not applied)."""
    return Comparer(Spec(spec), model).run()


# ---------------------------------------------------------------------------------- report
def report(
    unexpected: list[Difference],
    accepted: list[Difference],
    stale: list[dict[str, Any]],
    spec_versions: Mapping[str, str],
    model: JSON,
    upstream: bool,
) -> str:
    lines = []
    title = "Drift report: spec/openapi.yaml vs the newest" if upstream else "Spec fidelity:"
    lines.append(f"{title} Wix SDK packages (read with TypeScript {model.get('typescript')})")
    for name, pkg in sorted(model["packages"].items()):
        recorded = spec_versions.get(name, "not recorded")
        note = "" if recorded == pkg["version"] else "   <- NEW VERSION"
        lines.append(f"  {name}: spec records {recorded}, checked {pkg['version']}{note}")
    if not unexpected and not stale:
        lines.append(
            "No drift: every operation, field, limit, enum, required flag and event matches "
            f"({len(accepted)} difference(s) accepted as listed in spec/deviations.yaml)."
        )
        return "\n".join(lines) + "\n"
    for change, heading in (
        ("added", "Added by Wix (in the typings, not in the spec)"),
        ("removed", "Removed by Wix (in the spec, not in the typings)"),
        ("changed", "Changed"),
    ):
        group = [d for d in unexpected if d.change == change]
        if group:
            lines.append(f"{heading}: {len(group)}")
            lines.extend(f"  - {d}" for d in group)
    if stale:
        lines.append(f"Deviations in spec/deviations.yaml that no longer occur: {len(stale)}")
        lines.extend(f"  - {json.dumps(d, sort_keys=True)}" for d in stale)
    lines.append(
        f"{len(unexpected)} difference(s), {len(stale)} stale deviation(s), "
        f"{len(accepted)} accepted deviation(s)."
    )
    lines.append(
        "What to do (README, 'Regenerating the client'): fix the spec, or list a deliberate "
        "deviation with its reason in spec/deviations.yaml; record the new versions in "
        "info.x-wix-sdk-packages; run `nox -s spec_fidelity -- --update-fixture`, "
        "`nox -s generate` and `nox`; commit."
    )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Compare spec/openapi.yaml with Wix's typings.")
    parser.add_argument("--model", type=Path, help="JSON printed by extract.js")
    parser.add_argument(
        "--print-versions",
        action="store_true",
        help="print the spec's recorded package versions as JSON and exit",
    )
    parser.add_argument("--spec", type=Path, default=SPEC)
    parser.add_argument("--deviations", type=Path, default=DEVIATIONS)
    parser.add_argument(
        "--upstream", action="store_true", help="title the output as a drift report"
    )
    parser.add_argument("--report", type=Path, help="also write the report to this file")
    args = parser.parse_args(argv)
    if args.print_versions:
        spec_doc = yaml.safe_load(args.spec.read_text(encoding="utf-8"))
        print(json.dumps(Spec(spec_doc).versions()))
        return 0
    if args.model is None:
        parser.error("--model is required")
    try:
        spec = yaml.safe_load(args.spec.read_text(encoding="utf-8"))
        model = json.loads(args.model.read_text(encoding="utf-8"))
        deviations = load_deviations(args.deviations)
    except (OSError, ValueError, yaml.YAMLError) as exc:
        print(f"spec_fidelity: {exc}", file=sys.stderr)
        return 2
    found = compare(spec, model)
    unexpected, accepted, stale = apply_deviations(found, deviations)
    text = report(unexpected, accepted, stale, Spec(spec).versions(), model, args.upstream)
    sys.stdout.write(text)
    if args.report:
        args.report.write_text(text, encoding="utf-8")
    return 1 if unexpected or stale else 0


if __name__ == "__main__":
    sys.exit(main())
