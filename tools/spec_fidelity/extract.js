#!/usr/bin/env node
// Reads the typings of Wix's published Inbox SDK packages with the TypeScript compiler API and
// prints one normalized JSON model of their REST wire facts (no descriptions, no code):
//
//   node extract.js [--out FILE] NAME@VERSION=DIR [NAME@VERSION=DIR ...]
//
// DIR is an unpacked npm package (the `package/` folder of `npm pack`). Per package it reads
//   build/cjs/meta.d.ts          REST wire shapes and each public call's method and types,
//   build/cjs/index.typings.d.ts doc-comment limits, @requiredField, error codes and events,
//   build/cjs/index.typings.js   HTTP method and REST path of each call.
// The comparer (compare.py) checks that model against spec/openapi.yaml.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const ts = require("typescript");

// Doc tags that carry a wire fact and how they apply to a field.
const VALUE_TAGS = new Set(["format", "minLength", "maxLength", "minSize", "maxSize", "min", "max"]);
// Doc tags that are flags of a field.
const FLAG_TAGS = new Set(["readonly", "deprecated"]);
// Doc tags with no wire meaning (documentation housekeeping). Any tag in neither list is
// reported in `unknownTags`, so a new kind of limit cannot slip through unnoticed.
const IGNORED_TAGS = new Set([
  "replacedBy",
  "targetRemovalDate",
  "docsIgnore",
  "internal",
  "see",
  "example",
  "enumType",
  "oneof",
]);
// The SDK renames these REST keys in its own (non-meta) types.
const SDK_TO_REST = { _id: "id", _createdDate: "createdDate", _updatedDate: "updatedDate" };

function parse(file, kind) {
  const text = fs.readFileSync(file, "utf8");
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
}

function jsDocs(node) {
  return (node.jsDoc || []).filter((d) => d.kind === ts.SyntaxKind.JSDoc);
}

function commentText(comment) {
  if (comment === undefined) return "";
  return typeof comment === "string" ? comment : ts.getTextOfJSDocComment(comment) || "";
}

function tagsOf(node) {
  const tags = [];
  for (const doc of jsDocs(node)) {
    for (const tag of doc.tags || []) {
      tags.push({ name: tag.tagName.text, value: commentText(tag.comment).trim() });
    }
  }
  return tags;
}

function docComment(node) {
  return jsDocs(node)
    .map((d) => commentText(d.comment))
    .join("\n");
}

function numberOrString(value) {
  return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
}

// ---------------------------------------------------------------------------- declarations
function collectDeclarations(sourceFile, rename) {
  const interfaces = new Map();
  const enums = new Map();
  const aliases = new Map();
  const functions = [];
  for (const statement of sourceFile.statements) {
    if (ts.isInterfaceDeclaration(statement)) {
      interfaces.set(statement.name.text, { node: statement, rename });
    } else if (ts.isEnumDeclaration(statement)) {
      enums.set(statement.name.text, statement);
    } else if (ts.isTypeAliasDeclaration(statement)) {
      aliases.set(statement.name.text, statement);
    } else if (ts.isFunctionDeclaration(statement) && statement.name) {
      functions.push(statement);
    }
  }
  return { interfaces, enums, aliases, functions };
}

class PackageReader {
  constructor(dir) {
    const cjs = path.join(dir, "build", "cjs");
    this.meta = collectDeclarations(parse(path.join(cjs, "meta.d.ts"), ts.ScriptKind.TS), false);
    this.typings = collectDeclarations(
      parse(path.join(cjs, "index.typings.d.ts"), ts.ScriptKind.TS),
      true,
    );
    this.js = parse(path.join(cjs, "index.typings.js"), ts.ScriptKind.JS);
    this.types = {};
    this.unknownTags = [];
  }

  // A declaration by name: the REST shape from meta.d.ts, else the SDK typings' one (whose
  // keys are renamed back to REST names).
  interfaceDecl(name) {
    return this.meta.interfaces.get(name) || this.typings.interfaces.get(name);
  }
  enumDecl(name) {
    return this.meta.enums.get(name) || this.typings.enums.get(name);
  }
  aliasDecl(name) {
    return this.meta.aliases.get(name) || this.typings.aliases.get(name);
  }

  enumValues(decl) {
    return decl.members.map((m) =>
      m.initializer && ts.isStringLiteral(m.initializer) ? m.initializer.text : m.name.getText(),
    );
  }

  // Converts a type node to the normalized form; interfaces become {"kind": "ref"}.
  typeOf(node, where) {
    switch (node.kind) {
      case ts.SyntaxKind.StringKeyword:
        return { kind: "string" };
      case ts.SyntaxKind.NumberKeyword:
        return { kind: "number" };
      case ts.SyntaxKind.BooleanKeyword:
        return { kind: "boolean" };
      case ts.SyntaxKind.AnyKeyword:
      case ts.SyntaxKind.UnknownKeyword:
        return { kind: "any" };
      default:
        break;
    }
    if (ts.isParenthesizedTypeNode(node)) return this.typeOf(node.type, where);
    if (ts.isArrayTypeNode(node)) return { kind: "array", items: this.typeOf(node.elementType, where) };
    if (ts.isLiteralTypeNode(node)) {
      if (node.literal.kind === ts.SyntaxKind.NullKeyword) return { kind: "null" };
      if (ts.isStringLiteral(node.literal)) return { kind: "enum", values: [node.literal.text] };
      return { kind: "unsupported", text: node.getText() };
    }
    if (ts.isUnionTypeNode(node)) return this.unionOf(node, where);
    if (ts.isTypeLiteralNode(node)) return this.objectOf(node.members, [], where, false);
    if (ts.isTypeReferenceNode(node)) return this.referenceOf(node, where);
    return { kind: "unsupported", text: node.getText() };
  }

  unionOf(node, where) {
    const parts = node.types
      .map((t) => this.typeOf(t, where))
      .filter((t) => t.kind !== "undefined");
    const nullable = parts.some((t) => t.kind === "null");
    const rest = parts.filter((t) => t.kind !== "null");
    let result;
    if (rest.length === 1) {
      result = { ...rest[0] };
    } else if (rest.length > 1 && rest.every((t) => t.kind === "enum")) {
      // `Enum | 'A' | 'B'` (the SDK's WithLiterals aliases): one enum, its values once.
      const named = rest.find((t) => t.name);
      const values = [];
      for (const t of rest) for (const v of t.values) if (!values.includes(v)) values.push(v);
      result = { kind: "enum", values };
      if (named) result.name = named.name;
    } else {
      result = { kind: "union", options: rest };
    }
    if (nullable) result.nullable = true;
    return result;
  }

  referenceOf(node, where) {
    const name = node.typeName.getText();
    const args = node.typeArguments || [];
    if (name === "Date") return { kind: "string", format: "date-time" };
    if (name === "Record" && args.length === 2) {
      return { kind: "map", values: this.typeOf(args[1], where) };
    }
    const enumDecl = this.enumDecl(name);
    if (enumDecl) return { kind: "enum", name, values: this.enumValues(enumDecl) };
    const alias = this.aliasDecl(name);
    if (alias) return this.typeOf(alias.type, where);
    if (this.interfaceDecl(name)) {
      this.define(name);
      return { kind: "ref", name };
    }
    return { kind: "unsupported", text: node.getText() };
  }

  // Fields of an interface (its bases first, so a redeclared field overrides) and one-of groups.
  define(name) {
    if (name in this.types) return;
    this.types[name] = null; // placeholder against cycles
    const entry = this.interfaceDecl(name);
    const oneOf = [];
    const baseMembers = [];
    for (const clause of entry.node.heritageClauses || []) {
      for (const base of clause.types) {
        const baseName = base.expression.getText();
        const baseEntry = this.interfaceDecl(baseName);
        if (!baseEntry) continue;
        const isOneOf = tagsOf(baseEntry.node).some((t) => t.name === "oneof");
        if (isOneOf) {
          oneOf.push(baseEntry.node.members.map((m) => this.fieldName(m, baseEntry.rename)));
        } else {
          baseMembers.push({ members: baseEntry.node.members, rename: baseEntry.rename });
        }
      }
    }
    const type = { kind: "object", fields: {} };
    for (const base of baseMembers) {
      Object.assign(type.fields, this.objectOf(base.members, [], name, base.rename).fields);
    }
    Object.assign(type.fields, this.objectOf(entry.node.members, [], name, entry.rename).fields);
    if (oneOf.length) type.oneOf = oneOf.map((group) => group.slice().sort());
    this.types[name] = type;
  }

  fieldName(member, rename) {
    const raw = member.name.getText().replace(/^['"]|['"]$/g, "");
    return rename && raw in SDK_TO_REST ? SDK_TO_REST[raw] : raw;
  }

  objectOf(members, _oneOf, where, rename) {
    const fields = {};
    for (const member of members) {
      if (!ts.isPropertySignature(member) || !member.type) continue;
      const name = this.fieldName(member, rename);
      fields[name] = this.fieldOf(member, `${where}.${name}`);
    }
    return { kind: "object", fields };
  }

  fieldOf(member, where) {
    let type = this.typeOf(member.type, where);
    const field = { optional: Boolean(member.questionToken) };
    const limits = {};
    for (const tag of tagsOf(member)) {
      if (VALUE_TAGS.has(tag.name)) limits[tag.name] = numberOrString(tag.value.split(/\s+/)[0]);
      else if (FLAG_TAGS.has(tag.name)) field[tag.name] = true;
      else if (!IGNORED_TAGS.has(tag.name)) this.unknownTags.push(`${where}: @${tag.name}`);
    }
    if (/__Required\.__/.test(docComment(member))) field.docRequired = true;
    // On a list, sizes limit the list and the other tags each item.
    if (type.kind === "array") {
      type = { ...type, items: { ...type.items } };
      for (const [tag, value] of Object.entries(limits)) {
        if (tag === "minSize" || tag === "maxSize") type[tag] = value;
        else type.items[tag] = value;
      }
    } else {
      Object.assign(type, limits);
    }
    field.type = type;
    return field;
  }

  // --------------------------------------------------------------------------- operations
  operations() {
    const ops = {};
    for (const fn of this.meta.functions) {
      const ret = fn.type;
      if (!ret || !ts.isTypeReferenceNode(ret) || ret.typeName.getText() !== "__PublicMethodMetaInfo") {
        continue;
      }
      const [method, pathParams, , request, , response] = ret.typeArguments;
      const name = fn.name.text;
      ops[name] = {
        method: ts.isLiteralTypeNode(method) ? method.literal.text : method.getText(),
        pathParams: ts.isTypeLiteralNode(pathParams)
          ? pathParams.members.map((m) => m.name.getText()).sort()
          : [],
        request: this.typeOf(request, `${name}.request`),
        response: this.typeOf(response, `${name}.response`),
        requiredFields: [],
        errors: [],
      };
    }
    // @requiredField of the SDK's public functions (index.typings.d.ts).
    for (const fn of this.typings.functions) {
      const op = ops[fn.name.text];
      if (!op) continue;
      op.requiredFields = tagsOf(fn)
        .filter((t) => t.name === "requiredField")
        .map((t) => t.value.split(/\s+/)[0])
        .sort();
    }
    // Application error codes: `<Operation>ApplicationErrors` unions.
    for (const [aliasName, alias] of this.typings.aliases) {
      const match = /^(\w+)ApplicationErrors$/.exec(aliasName);
      if (!match) continue;
      const opName = match[1][0].toLowerCase() + match[1].slice(1);
      const codes = [];
      const visit = (node) => {
        if (ts.isPropertySignature(node) && node.name.getText() === "code" && node.type) {
          const t = this.typeOf(node.type, aliasName);
          if (t.kind === "enum") codes.push(...t.values);
        }
        ts.forEachChild(node, visit);
      };
      visit(alias.type);
      if (ops[opName]) ops[opName].errors = [...new Set(codes)].sort();
      else ops[opName] = { missing: true, errors: [...new Set(codes)].sort() };
    }
    this.addHttp(ops);
    return ops;
  }

  // Method and REST path of each call from index.typings.js: the request builders' object
  // literals ({method, methodFqn, url: resolve...Url({protoPath})}) and the public host's
  // srcPath/destPath mapping.
  addHttp(ops) {
    const mappings = [];
    const builders = {};
    const literalText = (node) =>
      node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
    const props = (obj) => {
      const out = {};
      for (const p of obj.properties) {
        if (ts.isPropertyAssignment(p)) out[p.name.getText().replace(/^['"]|['"]$/g, "")] = p.initializer;
        else if (ts.isShorthandPropertyAssignment(p)) out[p.name.text] = p.name;
      }
      return out;
    };
    const visit = (node, fnName) => {
      // The builder `listMessages(payload)` returns an inner `__listMessages({host})`.
      if (ts.isFunctionDeclaration(node) && node.name) fnName = node.name.text.replace(/^__/, "");
      if (ts.isObjectLiteralExpression(node)) {
        const p = props(node);
        if (p["www.wixapis.com"] && ts.isArrayLiteralExpression(p["www.wixapis.com"])) {
          for (const el of p["www.wixapis.com"].elements) {
            if (!ts.isObjectLiteralExpression(el)) continue;
            const m = props(el);
            mappings.push({ src: literalText(m.srcPath), dest: literalText(m.destPath) });
          }
        }
        if (p.method && p.methodFqn && p.url && fnName) {
          let protoPath;
          const findProto = (n) => {
            if (ts.isObjectLiteralExpression(n)) {
              const q = props(n);
              if (q.protoPath) protoPath = literalText(q.protoPath);
            }
            ts.forEachChild(n, findProto);
          };
          findProto(p.url);
          builders[fnName] = {
            method: literalText(p.method),
            fqn: literalText(p.methodFqn),
            protoPath,
            transport: p.data ? "body" : "query",
          };
        }
      }
      ts.forEachChild(node, (child) => visit(child, fnName));
    };
    visit(this.js, undefined);
    for (const [name, b] of Object.entries(builders)) {
      let restPath = null;
      for (const m of mappings) {
        if (b.protoPath && (b.protoPath === m.dest || b.protoPath.startsWith(`${m.dest}/`))) {
          restPath = m.src + b.protoPath.slice(m.dest.length);
          break;
        }
      }
      const http = { method: b.method, path: restPath, fqn: b.fqn, transport: b.transport };
      if (ops[name]) ops[name].http = http;
      else ops[name] = { missing: true, http };
    }
  }

  // ------------------------------------------------------------------------------ events
  events() {
    const events = {};
    for (const fn of this.typings.functions) {
      const tags = tagsOf(fn);
      if (!tags.some((t) => t.name === "webhook")) continue;
      const get = (n) => (tags.find((t) => t.name === n) || {}).value;
      const handler = fn.parameters[0] && fn.parameters[0].type;
      let envelope;
      if (handler && ts.isFunctionTypeNode(handler) && handler.parameters[0]) {
        envelope = handler.parameters[0].type.getText();
      }
      const eventType = get("eventType");
      events[eventType] = {
        function: fn.name.text,
        slug: get("slug"),
        envelope,
        payload: envelope ? this.typeOf(handler.parameters[0].type, eventType) : null,
      };
    }
    return events;
  }
}

function main(argv) {
  let out;
  if (argv[0] === "--out") {
    out = argv[1];
    argv = argv.slice(2);
  }
  if (!argv.length) {
    process.stderr.write("usage: node extract.js [--out FILE] NAME@VERSION=DIR [...]\n");
    return 2;
  }
  const model = { typescript: ts.version, packages: {} };
  for (const arg of argv) {
    const eq = arg.lastIndexOf("=");
    const spec = arg.slice(0, eq);
    const dir = arg.slice(eq + 1);
    const at = spec.lastIndexOf("@");
    const name = spec.slice(0, at);
    const version = spec.slice(at + 1);
    const reader = new PackageReader(dir);
    const operations = reader.operations();
    const events = reader.events();
    const types = {};
    for (const key of Object.keys(reader.types).sort()) types[key] = reader.types[key];
    model.packages[name] = {
      version,
      operations,
      events,
      types,
      unknownTags: [...new Set(reader.unknownTags)].sort(),
    };
  }
  const text = `${JSON.stringify(model, null, 1)}\n`;
  if (out) fs.writeFileSync(out, text);
  else process.stdout.write(text);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
