#!/usr/bin/env python3
"""Checks the monitoring configuration of ZViewer Cloud without running any of it.

    python3 monitoring/validate.py                  check everything; exit 1 on any problem
    python3 monitoring/validate.py --print-exprs    print every Prometheus expression of the dashboards, one a line
    python3 monitoring/validate.py --print-exprs --with-location
                                                    the same, each line prefixed with "file<TAB>panel<TAB>refId<TAB>"

What it checks:
  * every *.json and *.yml/*.yaml under monitoring/ parses (YAML needs PyYAML: `apt-get install python3-yaml`;
    without it the YAML files are reported as not checked, which is not a failure);
  * Grafana: the provisioned data sources have unique uids and names, exactly one is the default, the data source
    uids that data source settings refer to exist; the dashboard provider points at the directory the compose file
    mounts; every dashboard has a unique uid and title, a schemaVersion, unique panel ids, gridPos, unique refIds;
    every panel, target, variable and annotation refers to a data source by the uid of a provisioned one;
  * PromQL in dashboard targets: balanced brackets and quotes, only the variables $application, $instance, $route
    (each defined in that dashboard) and $__rate_interval, no Grafana variable used as anything but a regex-matcher
    value (`label=~"$var"`) or a range, every recording rule it reads (level:metric:operation) recorded in
    prometheus/rules/*.yml;
  * Prometheus: rule files have groups of rules with record or alert and expr; prometheus.yml has scrape configs
    with unique job names;
  * Loki: auth off, a tsdb/v13 schema, compactor retention with a delete request store;
  * Alloy (config.alloy): a best-effort parse of the Alloy configuration syntax (blocks, attributes, expressions,
    trailing commas in multi-line lists and objects), known block names, arguments of the components used here,
    and references to components defined in the file. Alloy itself is not run: `alloy fmt`/`alloy run` remain
    the authority.

Where the expressions are (for a test that reads the JSON itself): each monitoring/grafana/dashboards/*.json holds
one object; its array "panels" lists panels; a panel of "type": "row" may hold more panels in its own "panels"
array. Each panel has an array "targets"; a target is a Prometheus query when its "datasource" object (or, when
the target has none, the panel's) has "type": "prometheus" (uid "prometheus"); the query is the target's string
"expr". Dashboard variables are in "templating" -> "list" (not needed to run the panels: substitute $application,
$instance and $route with a regex such as .+ and $__rate_interval with a duration such as 1m).
"""
import glob
import json
import os
import re
import sys

try:
    import yaml  # PyYAML
except ImportError:  # pragma: no cover - depends on the machine
    yaml = None

ROOT = os.path.dirname(os.path.abspath(__file__))
DASHBOARD_DIR = os.path.join(ROOT, "grafana", "dashboards")
DATASOURCES = os.path.join(ROOT, "grafana", "provisioning", "datasources", "datasources.yml")
PROVIDERS = os.path.join(ROOT, "grafana", "provisioning", "dashboards", "dashboards.yml")
RULES = os.path.join(ROOT, "prometheus", "rules")
MOUNTED_DASHBOARD_PATH = "/etc/grafana/dashboards"

PROMQL_VARIABLES = {"application", "instance", "route"}
PROMQL_MACROS = {"__rate_interval"}
GRAFANA_BUILTIN_DATASOURCES = {"-- Grafana --", "-- Mixed --", "-- Dashboard --", "grafana"}

problems = []
notes = []


def problem(where, message):
    problems.append(f"{os.path.relpath(where, ROOT) if os.path.isabs(where) else where}: {message}")


# ---------------------------------------------------------------------------------------------------------------
# Parsing


def load_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        problem(path, f"not valid JSON: {e}")
        return None


def load_yaml(path):
    if yaml is None:
        return None
    try:
        with open(path, encoding="utf-8") as f:
            return yaml.safe_load(f)
    except (OSError, yaml.YAMLError) as e:
        problem(path, f"not valid YAML: {e}")
        return None


def all_files(*patterns):
    out = []
    for pattern in patterns:
        out.extend(glob.glob(os.path.join(ROOT, "**", pattern), recursive=True))
    return sorted(set(out))


# ---------------------------------------------------------------------------------------------------------------
# Grafana data sources and dashboard providers


def datasource_uids_without_yaml(path):
    """Without PyYAML: the uids listed under `datasources:` (good enough to check the dashboards' references)."""
    uids = set()
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                m = re.match(r"^\s{2,6}uid:\s*['\"]?([A-Za-z0-9_.-]+)['\"]?\s*(#.*)?$", line)
                if m:
                    uids.add(m.group(1))
    except OSError as e:
        problem(path, str(e))
    return uids


def check_datasources():
    """Returns {uid: type} of the provisioned data sources."""
    if not os.path.exists(DATASOURCES):
        problem(DATASOURCES, "missing")
        return {}
    doc = load_yaml(DATASOURCES)
    if doc is None:
        if yaml is None:
            return {uid: None for uid in datasource_uids_without_yaml(DATASOURCES)}
        return {}
    if doc.get("apiVersion") != 1:
        problem(DATASOURCES, "apiVersion must be 1")
    sources = doc.get("datasources") or []
    by_uid, names, defaults = {}, set(), 0
    for ds in sources:
        uid, name, typ = ds.get("uid"), ds.get("name"), ds.get("type")
        where = f"{os.path.relpath(DATASOURCES, ROOT)} ({name})"
        if not uid or not name or not typ:
            problem(where, "every data source needs name, uid and type")
            continue
        if uid in by_uid:
            problem(where, f"uid {uid} used twice")
        if name in names:
            problem(where, f"name {name} used twice")
        if not re.fullmatch(r"[A-Za-z0-9_-]{1,40}", uid):
            problem(where, f"uid {uid!r} must be 1-40 letters, digits, '-' or '_'")
        if not str(ds.get("url", "")).startswith("http"):
            problem(where, "url must be an http(s) URL")
        by_uid[uid] = typ
        names.add(name)
        defaults += 1 if ds.get("isDefault") else 0
    if defaults != 1:
        problem(DATASOURCES, f"exactly one data source must be the default (found {defaults})")
    # References between data sources (derived fields, trace to logs, exemplars, Alertmanager).
    for ds in sources:
        jd = ds.get("jsonData") or {}
        refs = [f.get("datasourceUid") for f in jd.get("derivedFields") or [] if f.get("datasourceUid")]
        refs += [e.get("datasourceUid") for e in jd.get("exemplarTraceIdDestinations") or []
                 if e.get("datasourceUid")]
        for key in ("tracesToLogsV2", "tracesToMetrics", "serviceMap", "nodeGraph"):
            if isinstance(jd.get(key), dict) and jd[key].get("datasourceUid"):
                refs.append(jd[key]["datasourceUid"])
        if jd.get("alertmanagerUid"):
            refs.append(jd["alertmanagerUid"])
        for ref in refs:
            if ref not in by_uid:
                problem(f"{os.path.relpath(DATASOURCES, ROOT)} ({ds.get('name')})",
                        f"refers to data source uid {ref!r}, which is not provisioned")
        for field in jd.get("derivedFields") or []:
            regex = field.get("matcherRegex", "")
            try:
                if re.compile(regex).groups != 1:
                    problem(DATASOURCES, f"derived field {field.get('name')}: the regex needs one capture group")
            except re.error as e:
                problem(DATASOURCES, f"derived field {field.get('name')}: bad regex: {e}")
            if "${__value.raw}" in json.dumps(field) and "$${__value.raw}" not in json.dumps(field):
                problem(DATASOURCES, "write $${__value.raw}: Grafana expands ${...} from the environment")
    return by_uid


def check_providers():
    if not os.path.exists(PROVIDERS):
        problem(PROVIDERS, "missing")
        return
    doc = load_yaml(PROVIDERS)
    if doc is None:
        return
    providers = doc.get("providers") or []
    if doc.get("apiVersion") != 1 or not providers:
        problem(PROVIDERS, "needs apiVersion 1 and at least one provider")
    for p in providers:
        if p.get("type", "file") != "file":
            problem(PROVIDERS, f"provider {p.get('name')}: type must be file")
        path = (p.get("options") or {}).get("path")
        if path != MOUNTED_DASHBOARD_PATH:
            problem(PROVIDERS, f"provider {p.get('name')}: path {path!r}, but the dashboards are mounted at "
                               f"{MOUNTED_DASHBOARD_PATH}")


# ---------------------------------------------------------------------------------------------------------------
# Dashboards


def walk_panels(panels):
    for panel in panels or []:
        yield panel
        if panel.get("type") == "row":
            yield from walk_panels(panel.get("panels"))


def target_datasource(panel, target):
    ds = target.get("datasource") or panel.get("datasource")
    return ds


def prometheus_targets(dashboard):
    """(panel, target) of every Prometheus query of a dashboard."""
    for panel in walk_panels(dashboard.get("panels")):
        for target in panel.get("targets") or []:
            ds = target_datasource(panel, target)
            if isinstance(ds, dict) and ds.get("type") == "prometheus" and "expr" in target:
                yield panel, target


VAR_RE = re.compile(r"\$\{([A-Za-z0-9_]+)(?::[^}]*)?\}|\$([A-Za-z_][A-Za-z0-9_]*)|\[\[([A-Za-z0-9_]+)\]\]")


def check_balance(expr):
    """Brackets and quotes of a PromQL expression; returns an error message or None."""
    stack, i, pairs = [], 0, {")": "(", "]": "[", "}": "{"}
    while i < len(expr):
        c = expr[i]
        if c in "\"'`":
            j = i + 1
            while j < len(expr) and expr[j] != c:
                j += 2 if expr[j] == "\\" and c != "`" else 1
            if j >= len(expr):
                return f"unterminated string starting at column {i + 1}"
            i = j + 1
            continue
        if c == "#":  # comment to the end of the line
            while i < len(expr) and expr[i] != "\n":
                i += 1
            continue
        if c in "([{":
            stack.append(c)
        elif c in ")]}":
            if not stack or stack.pop() != pairs[c]:
                return f"unbalanced {c!r} at column {i + 1}"
        i += 1
    return f"unclosed {stack[-1]!r}" if stack else None


def strip_strings(expr):
    return re.sub(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|`[^`]*`', '""', expr)


def check_promql(where, expr, defined_variables, recorded):
    if not isinstance(expr, str) or not expr.strip():
        problem(where, "empty Prometheus expression")
        return
    error = check_balance(expr)
    if error:
        problem(where, f"{error}: {expr}")
    for m in VAR_RE.finditer(expr):
        name = m.group(1) or m.group(2) or m.group(3)
        if m.group(3):
            problem(where, f"[[{name}]] is deprecated syntax; write ${name}")
        if name in PROMQL_MACROS:
            before = expr[:m.start()].rstrip()
            if not before.endswith("["):
                problem(where, f"${name} must be a range, as in [${name}]")
            continue
        if name not in PROMQL_VARIABLES:
            problem(where, f"${name} is not allowed in PromQL (only $application, $instance, $route and "
                           f"$__rate_interval)")
        elif name not in defined_variables:
            problem(where, f"${name} is used but the dashboard defines no variable {name}")
        elif not re.search(r'=~\s*"[^"]*$', expr[:m.start()]):
            problem(where, f"${name} must be the value of a regex matcher, as in label=~\"${name}\"")
    for m in re.finditer(r'(?<![A-Za-z0-9_:])([a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z0-9_:]*[a-zA-Z0-9_])(?![A-Za-z0-9_:])',
                         strip_strings(expr)):
        if recorded is not None and m.group(1) not in recorded:
            problem(where, f"recording rule {m.group(1)} is not in prometheus/rules")


def check_dashboards(datasources, recorded):
    files = sorted(glob.glob(os.path.join(DASHBOARD_DIR, "*.json")))
    if not files:
        problem(DASHBOARD_DIR, "no dashboards")
    uids, titles = {}, {}
    for path in files:
        d = load_json(path)
        if not isinstance(d, dict):
            continue
        rel = os.path.relpath(path, ROOT)
        uid, title = d.get("uid"), d.get("title")
        if not uid or not re.fullmatch(r"[A-Za-z0-9_-]{1,40}", str(uid)):
            problem(path, f"needs a stable uid of 1-40 letters, digits, '-' or '_' (has {uid!r})")
        elif uid in uids:
            problem(path, f"uid {uid} also used by {uids[uid]}")
        else:
            uids[uid] = rel
        if not title:
            problem(path, "needs a title")
        elif title in titles:
            problem(path, f"title {title!r} also used by {titles[title]}")
        else:
            titles[title] = rel
        if not isinstance(d.get("schemaVersion"), int) or d["schemaVersion"] < 39:
            problem(path, "schemaVersion must be a number >= 39 (Grafana 11/12)")
        if d.get("id") not in (None,):
            problem(path, "id must be null in a provisioned dashboard (Grafana assigns it)")

        variables = {}
        for v in (d.get("templating") or {}).get("list") or []:
            name = v.get("name")
            if not name or name in variables:
                problem(path, f"variable {name!r} missing or defined twice")
            variables[name] = v
            check_ref(path, f"variable {name}", v.get("datasource"), datasources, required=v.get("type") == "query")
            if v.get("type") == "query" and (v.get("datasource") or {}).get("type") == "prometheus":
                q = v.get("query")
                q = q.get("query") if isinstance(q, dict) else q
                for m in VAR_RE.finditer(q or ""):
                    name2 = m.group(1) or m.group(2) or m.group(3)
                    if name2 not in PROMQL_VARIABLES:
                        problem(path, f"variable {name}: ${name2} is not allowed in PromQL")
        for a in (d.get("annotations") or {}).get("list") or []:
            check_ref(path, f"annotation {a.get('name')}", a.get("datasource"), datasources, required=False)

        ids = set()
        for panel in walk_panels(d.get("panels")):
            pid, ptitle = panel.get("id"), panel.get("title", "")
            where = f"{rel} panel {pid} {ptitle!r}"
            if not isinstance(pid, int) or pid in ids:
                problem(where, "panel id missing or not unique")
            ids.add(pid)
            if not isinstance(panel.get("gridPos"), dict):
                problem(where, "gridPos missing")
            if panel.get("type") == "row":
                continue
            targets = panel.get("targets") or []
            if panel.get("type") not in ("text", "dashlist", "news", "alertlist") and not targets:
                problem(where, "has no query")
            check_ref(where, "panel", panel.get("datasource"), datasources, required=bool(targets))
            ref_ids = set()
            for target in targets:
                ref = target.get("refId")
                if not ref or ref in ref_ids:
                    problem(where, f"refId {ref!r} missing or not unique")
                ref_ids.add(ref)
                check_ref(where, f"target {ref}", target.get("datasource"), datasources, required=False)
                ds = target_datasource(panel, target) or {}
                if ds.get("type") == "prometheus":
                    check_promql(f"{where} target {ref}", target.get("expr"), variables, recorded)
                elif ds.get("type") == "loki":
                    expr = target.get("expr", "")
                    error = check_balance(expr)
                    if error or not expr.strip():
                        problem(f"{where} target {ref}", f"LogQL: {error or 'empty'}: {expr}")
                    if re.search(r'\{\s*\}', expr):
                        problem(f"{where} target {ref}", "LogQL stream selector needs a matcher")
    return files


def check_ref(where, what, ref, datasources, required):
    if ref is None:
        if required:
            problem(where, f"{what}: no data source (refer to one by uid)")
        return
    if isinstance(ref, str):
        if ref not in GRAFANA_BUILTIN_DATASOURCES:
            problem(where, f"{what}: data source given by name {ref!r}; refer to it as {{\"type\", \"uid\"}}")
        return
    uid = ref.get("uid")
    if uid in GRAFANA_BUILTIN_DATASOURCES or ref.get("type") in ("grafana", "datasource"):
        return
    if uid not in datasources:
        problem(where, f"{what}: data source uid {uid!r} is not provisioned")
    elif datasources[uid] and ref.get("type") and ref.get("type") != datasources[uid]:
        problem(where, f"{what}: data source {uid} has type {datasources[uid]}, not {ref.get('type')}")


def print_exprs(with_location):
    for path in sorted(glob.glob(os.path.join(DASHBOARD_DIR, "*.json"))):
        with open(path, encoding="utf-8") as f:
            d = json.load(f)
        for panel, target in prometheus_targets(d):
            expr = " ".join(str(target["expr"]).split())
            if with_location:
                print(f"{os.path.basename(path)}\t{panel.get('title', '')}\t{target.get('refId', '')}\t{expr}")
            else:
                print(expr)


# ---------------------------------------------------------------------------------------------------------------
# Prometheus, Alertmanager, Loki


def check_prometheus():
    """Returns the names of the recording rules, or None without PyYAML."""
    config = os.path.join(ROOT, "prometheus", "prometheus.yml")
    if os.path.exists(config):
        doc = load_yaml(config)
        if isinstance(doc, dict):
            jobs = [s.get("job_name") for s in doc.get("scrape_configs") or []]
            if not jobs or len(jobs) != len(set(jobs)) or None in jobs:
                problem(config, f"scrape_configs need unique job names (found {jobs})")
    recorded = set() if yaml is not None else None
    for path in sorted(glob.glob(os.path.join(RULES, "*.yml")) + glob.glob(os.path.join(RULES, "*.yaml"))):
        doc = load_yaml(path)
        if doc is None:
            continue
        groups = doc.get("groups") if isinstance(doc, dict) else None
        if not groups:
            problem(path, "no rule groups")
            continue
        for g in groups:
            for r in g.get("rules") or []:
                if not r.get("expr") or bool(r.get("record")) == bool(r.get("alert")):
                    problem(path, f"group {g.get('name')}: a rule needs expr and one of record/alert: {r}")
                if r.get("record"):
                    recorded.add(r["record"])
                error = check_balance(str(r.get("expr", "")))
                if error:
                    problem(path, f"{r.get('record') or r.get('alert')}: {error}")
    return recorded


def check_loki():
    path = os.path.join(ROOT, "loki", "loki.yml")
    if not os.path.exists(path):
        problem(path, "missing")
        return
    doc = load_yaml(path)
    if not isinstance(doc, dict):
        return
    if doc.get("auth_enabled") is not False:
        problem(path, "auth_enabled must be false (single tenant)")
    schemas = (doc.get("schema_config") or {}).get("configs") or []
    if not any(s.get("store") == "tsdb" and s.get("schema") == "v13" for s in schemas):
        problem(path, "needs a tsdb schema v13 (structured metadata)")
    compactor = doc.get("compactor") or {}
    if compactor.get("retention_enabled"):
        if not compactor.get("delete_request_store"):
            problem(path, "compactor.retention_enabled needs compactor.delete_request_store")
        if not (doc.get("limits_config") or {}).get("retention_period"):
            problem(path, "retention is enabled but limits_config.retention_period is not set")
    if str((doc.get("server") or {}).get("http_listen_port", 3100)) != "3100":
        problem(path, "Alloy and Grafana expect Loki on port 3100")


# ---------------------------------------------------------------------------------------------------------------
# Alloy: a parser for the Alloy configuration syntax (a subset sufficient for this project's file)


class AlloyError(Exception):
    pass


ALLOY_TOKEN = re.compile(r"""
    (?P<ws>[ \t\r]+)
  | (?P<nl>\n)
  | (?P<comment>//[^\n]*|/\*.*?\*/)
  | (?P<string>"(?:[^"\\\n]|\\.)*")
  | (?P<raw>`[^`]*`)
  | (?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
  | (?P<ident>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>==|!=|<=|>=|&&|\|\||[-+*/%^<>!=.,{}\[\]()])
""", re.X | re.S)

ALLOY_STDLIB = {"sys", "env", "coalesce", "concat", "constants", "convert", "encoding", "file", "json_decode",
                "json_path", "nonsensitive", "string", "array", "map", "targets", "format", "join", "replace",
                "split", "to_lower", "to_upper", "trim", "trim_prefix", "trim_space", "trim_suffix",
                "yaml_decode", "base64_decode", "path_join", "true", "false", "null"}
# Component namespaces (a reference starting with one of these must name a component defined in the file).
ALLOY_NAMESPACES = {"discovery", "loki", "prometheus", "otelcol", "local", "remote", "pyroscope", "faro", "mimir",
                    "beyla", "database_observability", "import", "declare"}
ALLOY_CONFIG_BLOCKS = {"logging", "tracing", "http", "livedebugging", "remotecfg", "argument", "export"}
# Arguments and blocks of the components this project uses (from the Alloy 1.x reference); others are only
# checked for a known namespace.
ALLOY_COMPONENTS = {
    "discovery.docker": ({"host", "bearer_token_file", "bearer_token", "enable_http2", "follow_redirects",
                          "http_headers", "host_networking_host", "match_first_network", "no_proxy", "port",
                          "proxy_connect_header", "proxy_from_environment", "proxy_url", "refresh_interval"},
                         {"filter", "authorization", "basic_auth", "oauth2", "tls_config"}, {"host"}),
    "discovery.relabel": ({"targets"}, {"rule"}, {"targets"}),
    "loki.source.docker": ({"forward_to", "host", "labels", "targets", "refresh_interval", "relabel_rules"},
                           {"client"}, {"forward_to", "host", "targets"}),
    "loki.process": ({"forward_to"}, None, {"forward_to"}),
    "loki.write": ({"external_labels", "max_streams"}, {"endpoint", "wal"}, set()),
    "loki.relabel": ({"forward_to", "max_cache_size"}, {"rule"}, {"forward_to"}),
}
ALLOY_NESTED = {
    "filter": ({"name", "values"}, set()),
    "rule": ({"source_labels", "separator", "regex", "modulus", "target_label", "replacement", "action"}, set()),
    "endpoint": ({"url", "name", "headers", "batch_size", "batch_wait", "remote_timeout", "min_backoff_period",
                  "max_backoff_period", "max_backoff_retries", "retry_on_http_429", "tenant_id", "bearer_token",
                  "bearer_token_file", "proxy_url", "follow_redirects", "enable_http2"},
                 {"basic_auth", "authorization", "oauth2", "tls_config", "queue_config"}),
}
ALLOY_STAGES = {
    "stage.json": {"expressions", "source", "drop_malformed"},
    "stage.labels": {"values"},
    "stage.structured_metadata": {"values"},
    "stage.match": {"selector", "action", "drop_counter_reason", "pipeline_name"},
    "stage.static_labels": {"values"},
    "stage.label_drop": {"values"},
    "stage.label_keep": {"values"},
    "stage.drop": {"drop_counter_reason", "expression", "longer_than", "older_than", "separator", "source",
                   "value"},
    "stage.timestamp": {"format", "source", "action_on_failure", "fallback_formats", "location"},
    "stage.output": {"source"},
    "stage.template": {"source", "template"},
    "stage.regex": {"expression", "source", "labels_from_groups"},
    "stage.replace": {"expression", "source", "replace"},
    "stage.multiline": {"firstline", "max_lines", "max_wait_time"},
    "stage.docker": set(), "stage.cri": {"max_partial_lines", "max_partial_line_size",
                                         "max_partial_line_size_truncate"},
    "stage.decolorize": set(), "stage.logfmt": {"mapping", "source"},
}


class AlloyParser:
    """Recursive descent over the Alloy syntax: body = (attribute | block)*; expressions with literals, lists,
    objects, references, calls, indexing and binary/unary operators."""

    def __init__(self, text):
        self.toks = []
        pos, line = 0, 1
        while pos < len(text):
            m = ALLOY_TOKEN.match(text, pos)
            if not m:
                raise AlloyError(f"line {line}: unexpected character {text[pos]!r}")
            kind, value = m.lastgroup, m.group()
            if kind == "nl" or (kind == "comment" and "\n" in value):
                self.toks.append(("nl", "\n", line))
            elif kind not in ("ws", "comment"):
                self.toks.append((kind, value, line))
            line += value.count("\n")
            pos = m.end()
        self.toks.append(("eof", "", line))
        self.i = 0
        self.refs = []

    def peek(self, skip_nl=False):
        j = self.i
        while skip_nl and self.toks[j][0] == "nl":
            j += 1
        return self.toks[j]

    def next(self, skip_nl=False):
        while skip_nl and self.toks[self.i][0] == "nl":
            self.i += 1
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def expect(self, value, skip_nl=False):
        tok = self.next(skip_nl)
        if tok[1] != value:
            raise AlloyError(f"line {tok[2]}: expected {value!r}, found {tok[1]!r}")
        return tok

    def body(self, closing):
        items = []
        while True:
            tok = self.next(skip_nl=True)
            if tok[1] == closing and tok[0] in ("op", "eof"):
                return items
            if tok[0] != "ident":
                raise AlloyError(f"line {tok[2]}: expected an attribute or a block, found {tok[1]!r}")
            name = [tok[1]]
            while self.peek()[1] == ".":
                self.next()
                part = self.next()
                if part[0] != "ident":
                    raise AlloyError(f"line {part[2]}: bad block name")
                name.append(part[1])
            name = ".".join(name)
            nxt = self.peek()
            if nxt[1] == "=" and "." not in name:
                self.next()
                self.expr()
                end = self.peek()
                if end[0] not in ("nl", "eof") and end[1] != "}":
                    raise AlloyError(f"line {end[2]}: an attribute must end at the end of its line, found "
                                     f"{end[1]!r}")
                items.append(("attr", name, tok[2], None, None))
            else:
                label = None
                if nxt[0] == "string":
                    label = self.next()[1][1:-1]
                    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", label):
                        raise AlloyError(f"line {tok[2]}: block label {label!r} must be an identifier")
                self.expect("{")
                children = self.body("}")
                items.append(("block", name, tok[2], label, children))

    def expr(self, level=0):
        ops = [["||"], ["&&"], ["==", "!=", "<", ">", "<=", ">="], ["+", "-"], ["*", "/", "%"], ["^"]]
        if level == len(ops):
            return self.unary()
        self.expr(level + 1)
        while self.peek()[0] == "op" and self.peek()[1] in ops[level]:
            self.next()
            self.expr(level + 1)

    def unary(self):
        if self.peek()[1] in ("!", "-"):
            self.next()
        self.postfix()

    def postfix(self):
        tok = self.next(skip_nl=True)
        chain = None
        if tok[0] in ("string", "raw", "number"):
            pass
        elif tok[0] == "ident":
            chain = [tok[1]]
        elif tok[1] == "(":
            self.expr()
            self.expect(")", skip_nl=True)
        elif tok[1] == "[":
            self.sequence("]", self.expr)
        elif tok[1] == "{":
            self.sequence("}", self.object_item)
        else:
            raise AlloyError(f"line {tok[2]}: expected an expression, found {tok[1]!r}")
        while True:
            nxt = self.peek()
            if nxt[1] == "." and chain is not None:
                self.next()
                part = self.next()
                if part[0] != "ident":
                    raise AlloyError(f"line {part[2]}: expected a name after '.'")
                chain.append(part[1])
            elif nxt[1] == "(":
                self.next()
                self.sequence(")", self.expr)
                chain = None if chain is None else chain + ["()"]
            elif nxt[1] == "[":
                self.next()
                self.expr()
                self.expect("]", skip_nl=True)
            else:
                break
        if chain is not None:
            self.refs.append((chain, tok[2]))

    def object_item(self):
        key = self.next(skip_nl=True)
        if key[0] not in ("ident", "string"):
            raise AlloyError(f"line {key[2]}: expected an object key, found {key[1]!r}")
        self.expect("=")
        self.expr()

    def sequence(self, closing, item):
        """Elements separated by commas; a newline before the closing bracket needs a trailing comma."""
        if self.peek(skip_nl=True)[1] == closing:
            self.next(skip_nl=True)
            return
        while True:
            item()
            tok = self.next()
            if tok[1] == closing:
                return
            if tok[1] == ",":
                if self.peek(skip_nl=True)[1] == closing:
                    self.next(skip_nl=True)
                    return
                continue
            if tok[0] == "nl":
                raise AlloyError(f"line {tok[2]}: missing ',' before the newline (Alloy needs a trailing comma in "
                                 f"multi-line lists, objects and calls)")
            raise AlloyError(f"line {tok[2]}: expected ',' or {closing!r}, found {tok[1]!r}")


def check_alloy():
    path = os.path.join(ROOT, "alloy", "config.alloy")
    if not os.path.exists(path):
        problem(path, "missing")
        return
    with open(path, encoding="utf-8") as f:
        text = f.read()
    parser = AlloyParser(text)
    try:
        items = parser.body("")
    except AlloyError as e:
        problem(path, f"syntax: {e}")
        return
    defined = set()
    for kind, name, line, label, children in items:
        where = f"{os.path.relpath(path, ROOT)}:{line}"
        if kind == "attr":
            problem(where, f"attribute {name} at the top level")
            continue
        if name in ALLOY_CONFIG_BLOCKS:
            continue
        if name.split(".")[0] not in ALLOY_NAMESPACES or name.count(".") < 1:
            problem(where, f"unknown block {name}")
            continue
        if label is None:
            problem(where, f"component {name} needs a label, as in {name} \"default\" {{ ... }}")
            continue
        if (name, label) in defined:
            problem(where, f"{name} \"{label}\" defined twice")
        defined.add((name, label))
        if name in ALLOY_COMPONENTS:
            check_alloy_block(where, name, children, *ALLOY_COMPONENTS[name])
    for chain, line in parser.refs:
        where = f"{os.path.relpath(path, ROOT)}:{line}"
        if chain[0] in ALLOY_STDLIB:
            continue
        if chain[0] not in ALLOY_NAMESPACES:
            problem(where, f"unknown name {'.'.join(chain)}")
            continue
        if not any((".".join(chain[:k]), chain[k]) in defined for k in range(2, len(chain) - 1)):
            problem(where, f"{'.'.join(chain)} refers to no component defined in the file")


def check_alloy_block(where, name, children, args, blocks, required):
    seen = set()
    for kind, child, line, label, grandchildren in children:
        seen.add(child)
        if kind == "attr":
            if child not in args:
                problem(where, f"{name}: unknown argument {child}")
        elif name == "loki.process" or name == "stage.match":
            if child not in ALLOY_STAGES:
                problem(where, f"{name}: unknown block {child}")
                continue
            stage_args = {c[1] for c in grandchildren if c[0] == "attr"}
            for extra in stage_args - ALLOY_STAGES[child]:
                problem(where, f"{child}: unknown argument {extra}")
            if child == "stage.match":
                if "selector" not in stage_args:
                    problem(where, "stage.match needs a selector")
                check_alloy_block(where, "stage.match", [c for c in grandchildren if c[0] == "block"], set(),
                                  None, set())
        elif blocks is not None and child not in blocks:
            problem(where, f"{name}: unknown block {child}")
        elif child in ALLOY_NESTED:
            nested_args, _ = ALLOY_NESTED[child]
            for c in grandchildren:
                if c[0] == "attr" and c[1] not in nested_args:
                    problem(where, f"{name} > {child}: unknown argument {c[1]}")
            if child == "endpoint" and "url" not in {c[1] for c in grandchildren}:
                problem(where, "loki.write endpoint needs a url")
    for r in required - seen:
        problem(where, f"{name}: missing required argument {r}")
    if name == "loki.write" and "endpoint" not in seen:
        problem(where, "loki.write needs an endpoint block")


# ---------------------------------------------------------------------------------------------------------------


def main(argv):
    if "--print-exprs" in argv:
        print_exprs("--with-location" in argv)
        return 0
    unknown = [a for a in argv if a not in ("--print-exprs", "--with-location")]
    if unknown:
        print(__doc__, file=sys.stderr)
        return 2

    parsed = 0
    for path in all_files("*.json"):
        parsed += load_json(path) is not None
    yaml_files = all_files("*.yml", "*.yaml")
    if yaml is None:
        notes.append(f"PyYAML missing: {len(yaml_files)} YAML files not parsed (apt-get install python3-yaml)")
    else:
        for path in yaml_files:
            parsed += load_yaml(path) is not None or os.path.getsize(path) == 0

    datasources = check_datasources()
    check_providers()
    recorded = check_prometheus()
    dashboards = check_dashboards(datasources, recorded)
    check_loki()
    check_alloy()

    exprs = sum(1 for p in dashboards for _ in prometheus_targets(json.load(open(p, encoding="utf-8"))))
    for note in notes:
        print(f"note: {note}")
    for p in problems:
        print(f"PROBLEM {p}")
    print(f"{parsed} files parsed, {len(dashboards)} dashboards, {exprs} Prometheus expressions, "
          f"{len(datasources)} data sources: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BrokenPipeError:  # output piped into head and the like
        sys.stderr.close()
        sys.exit(0)
