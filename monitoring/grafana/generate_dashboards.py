#!/usr/bin/env python3
"""Writes the ZViewer Grafana dashboards, monitoring/grafana/dashboards/*.json, which Grafana provisions.

    python3 monitoring/grafana/generate_dashboards.py [OUTPUT_DIRECTORY]

Change a dashboard here and run this script (then monitoring/validate.py), rather than editing the JSON by hand,
so that all panels keep the same conventions: data sources by uid, PromQL with only $application, $instance, $route
and $__rate_interval, series that exist on a running system (`or ... * 0` where a series appears only after an
event), stable uids.
"""
import json
import os
import sys

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "dashboards")
PROM = {"type": "prometheus", "uid": "prometheus"}
LOKI = {"type": "loki", "uid": "loki"}


class Layout:
    def __init__(self):
        self.x = 0
        self.y = 0
        self.row_h = 0
        self.next_id = 1

    def place(self, w, h):
        if self.x + w > 24:
            self.x = 0
            self.y += self.row_h
            self.row_h = 0
        pos = {"h": h, "w": w, "x": self.x, "y": self.y}
        self.x += w
        self.row_h = max(self.row_h, h)
        return pos

    def newline(self):
        if self.x:
            self.x = 0
            self.y += self.row_h
            self.row_h = 0

    def id(self):
        i = self.next_id
        self.next_id += 1
        return i


def prom(expr, legend="", ref="A", instant=False, fmt="time_series"):
    t = {"datasource": PROM, "editorMode": "code", "expr": expr, "legendFormat": legend or "__auto",
         "range": not instant, "instant": instant, "refId": ref}
    if fmt != "time_series":
        t["format"] = fmt
    return t


def loki(expr, legend="", ref="A", query_type="range"):
    t = {"datasource": LOKI, "editorMode": "code", "expr": expr, "queryType": query_type, "refId": ref}
    if legend:
        t["legendFormat"] = legend
    return t


def thresholds(*steps):
    out = [{"color": steps[0], "value": None}]
    for value, color in zip(steps[1::2], steps[2::2]):
        out.append({"color": color, "value": value})
    return {"mode": "absolute", "steps": out}


def row(lay, title):
    lay.newline()
    p = {"type": "row", "title": title, "collapsed": False, "panels": [], "id": lay.id(),
         "gridPos": {"h": 1, "w": 24, "x": 0, "y": lay.y}}
    lay.y += 1
    return p


def timeseries(lay, title, targets, unit="short", w=12, h=8, desc="", min0=True, stack=False, bars=False,
               max1=False, ds=PROM, calcs=("lastNotNull", "max"), overrides=None):
    custom = {"drawStyle": "bars" if bars else "line", "lineWidth": 1, "fillOpacity": 80 if bars else 10,
              "gradientMode": "none", "showPoints": "never", "spanNulls": False, "axisBorderShow": False,
              "stacking": {"mode": "normal" if stack else "none", "group": "A"}}
    defaults = {"unit": unit, "color": {"mode": "palette-classic"}, "custom": custom,
                "thresholds": thresholds("green")}
    if min0:
        defaults["min"] = 0
    if max1:
        defaults["max"] = 1
    return {"type": "timeseries", "title": title, "description": desc, "id": lay.id(), "datasource": ds,
            "gridPos": lay.place(w, h), "targets": targets,
            "fieldConfig": {"defaults": defaults, "overrides": overrides or []},
            "options": {"legend": {"displayMode": "table", "placement": "bottom", "showLegend": True,
                                   "calcs": list(calcs)},
                        "tooltip": {"mode": "multi", "sort": "desc"}}}


def stat(lay, title, targets, unit="short", w=4, h=4, desc="", thr=None, mappings=None, decimals=None):
    defaults = {"unit": unit, "color": {"mode": "thresholds"}, "thresholds": thr or thresholds("blue"),
                "mappings": mappings or []}
    if decimals is not None:
        defaults["decimals"] = decimals
    return {"type": "stat", "title": title, "description": desc, "id": lay.id(), "datasource": PROM,
            "gridPos": lay.place(w, h), "targets": targets,
            "fieldConfig": {"defaults": defaults, "overrides": []},
            "options": {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False},
                        "colorMode": "background", "graphMode": "area", "textMode": "auto",
                        "orientation": "auto", "justifyMode": "auto", "wideLayout": True,
                        "showPercentChange": False}}


def table(lay, title, targets, w=24, h=8, desc="", transformations=None, overrides=None, unit="short",
          mappings=None, thr=None, cell="auto"):
    defaults = {"unit": unit, "custom": {"align": "auto", "cellOptions": {"type": cell}},
                "mappings": mappings or [], "thresholds": thr or thresholds("green"),
                "color": {"mode": "thresholds"}}
    return {"type": "table", "title": title, "description": desc, "id": lay.id(), "datasource": PROM,
            "gridPos": lay.place(w, h), "targets": targets, "transformations": transformations or [],
            "fieldConfig": {"defaults": defaults, "overrides": overrides or []},
            "options": {"showHeader": True, "cellHeight": "sm", "footer": {"show": False, "reducer": ["sum"],
                                                                             "fields": ""}}}


def override(name, **props):
    return {"matcher": {"id": "byName", "options": name},
            "properties": [{"id": k.replace("_", "."), "value": v} for k, v in props.items()]}


UP_MAPPING = [{"type": "value", "options": {"0": {"text": "DOWN", "color": "red", "index": 0},
                                            "1": {"text": "UP", "color": "green", "index": 1}}}]


def prom_var(name, label, query, multi=True, include_all=True, all_value=".+", hide=0):
    v = {"name": name, "label": label, "type": "query", "datasource": PROM,
         "query": {"qryType": 1, "query": query, "refId": "PrometheusVariableQueryEditor-VariableQuery"},
         "definition": query, "refresh": 2, "regex": "", "sort": 1, "hide": hide,
         "multi": multi, "includeAll": include_all, "options": []}
    if include_all:
        v["allValue"] = all_value
        v["current"] = {"selected": True, "text": ["All"], "value": ["$__all"]} if multi else \
            {"selected": True, "text": "All", "value": "$__all"}
    else:
        v["current"] = {}
    return v


def loki_var(name, label, lbl, stream="", all_value=".+"):
    definition = f"label_values({stream + ', ' if stream else ''}{lbl})"
    return {"name": name, "label": label, "type": "query", "datasource": LOKI,
            "query": {"type": 1, "label": lbl, "stream": stream, "refId": "LokiVariableQueryEditor-VariableQuery"},
            "definition": definition, "refresh": 2, "regex": "", "sort": 1, "hide": 0,
            "multi": True, "includeAll": True, "allValue": all_value, "options": [],
            "current": {"selected": True, "text": ["All"], "value": ["$__all"]}}


def dashboard(uid, title, description, panels, variables=(), refresh="10s", time_from="now-1h"):
    return {
        "id": None,
        "uid": uid,
        "title": title,
        "description": description,
        "tags": ["zviewer"],
        "editable": True,
        "graphTooltip": 1,
        "fiscalYearStartMonth": 0,
        "liveNow": False,
        "refresh": refresh,
        "schemaVersion": 41,
        "version": 1,
        "time": {"from": time_from, "to": "now"},
        "timepicker": {},
        "timezone": "browser",
        "weekStart": "",
        "annotations": {"list": [{
            "builtIn": 1, "datasource": {"type": "grafana", "uid": "-- Grafana --"}, "enable": True,
            "hide": True, "iconColor": "rgba(0, 211, 255, 1)", "name": "Annotations & Alerts",
            "type": "dashboard"}]},
        "links": [{"type": "dashboards", "tags": ["zviewer"], "asDropdown": True, "title": "ZViewer dashboards",
                   "includeVars": False, "keepTime": True, "icon": "external link", "targetBlank": False,
                   "tooltip": "", "url": ""}],
        "templating": {"list": list(variables)},
        "panels": panels,
    }


def write(name, dash):
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(dash, f, indent=2)
        f.write("\n")


# Selectors reused below. Actuator calls (Prometheus scrapes, health checks) are left out like in the recording rules.
APP_INST = 'application=~"$application", instance=~"$instance"'
HTTP = f'{APP_INST}, uri!~"/actuator.*"'
RATE = "[$__rate_interval]"


def overview():
    lay = Layout()
    p = []
    p.append(row(lay, "Now"))
    p.append(stat(lay, "Application instances up", [prom("count(process_uptime_seconds)", instant=True)],
                  desc="JVMs that Prometheus scraped successfully: the Spring applications found in Eureka and the "
                       "discovery server."))
    p.append(stat(lay, "Scrape targets down", [prom("count(up == 0) or vector(0)", instant=True)],
                  thr=thresholds("green", 1, "red"),
                  desc="Targets whose last scrape failed (the InstanceDown alert fires after 10 s)."))
    p.append(stat(lay, "Alerts firing", [prom('count(ALERTS{alertstate="firing"}) or vector(0)', instant=True)],
                  thr=thresholds("green", 1, "red"), desc="Alerts of monitoring/prometheus/rules/alerts.yml now "
                                                             "firing; Alertmanager notifies."))
    p.append(stat(lay, "Requests / s", [prom("sum(application:http_server_requests:rate1m)", instant=True)],
                  unit="reqps", decimals=1, desc="All applications, actuator calls excluded, last minute."))
    p.append(stat(lay, "Worst error ratio", [prom("max(application:http_server_requests_errors:ratio_rate1m)",
                                                   instant=True)],
                  unit="percentunit", thr=thresholds("green", 0.01, "orange", 0.05, "red"),
                  desc="Highest share of 5xx answers of any application over the last minute."))
    p.append(stat(lay, "Worst p99", [prom("max(application:http_server_requests_seconds:p99_1m)", instant=True)],
                  unit="s", thr=thresholds("green", 0.5, "orange", 1, "red"),
                  desc="Highest 99th percentile request duration of any application over the last minute."))

    p.append(row(lay, "Applications"))
    p.append(table(lay, "Applications", [
        prom("count by (application) (process_uptime_seconds)", ref="A", instant=True, fmt="table"),
        prom("application:http_server_requests:rate1m", ref="B", instant=True, fmt="table"),
        prom("application:http_server_requests_errors:ratio_rate1m", ref="C", instant=True, fmt="table"),
        prom("application:http_server_requests_seconds:p50_1m", ref="D", instant=True, fmt="table"),
        prom("application:http_server_requests_seconds:p99_1m", ref="E", instant=True, fmt="table"),
    ], h=9, desc="One line per application: running instances, requests per second, share of 5xx answers and "
                 "latency percentiles over the last minute (recording rules).",
        transformations=[
            {"id": "merge", "options": {}},
            {"id": "organize", "options": {
                "excludeByName": {"Time": True},
                "indexByName": {"application": 0, "Value #A": 1, "Value #B": 2, "Value #C": 3, "Value #D": 4,
                                "Value #E": 5},
                "renameByName": {"application": "Application", "Value #A": "Instances", "Value #B": "Requests/s",
                                 "Value #C": "Errors", "Value #D": "p50", "Value #E": "p99"}}}],
        overrides=[
            override("Requests/s", unit="reqps", decimals=2),
            override("Errors", unit="percentunit", decimals=2, custom_cellOptions={"type": "color-text"},
                     thresholds=thresholds("green", 0.01, "orange", 0.05, "red")),
            override("p50", unit="s"),
            override("p99", unit="s", custom_cellOptions={"type": "color-text"},
                     thresholds=thresholds("green", 0.5, "orange", 1, "red")),
            override("Instances", unit="short", decimals=0),
        ]))
    p.append(timeseries(lay, "Instances up by application",
                        [prom("count by (application) (process_uptime_seconds)", "{{application}}")],
                        desc="Replicas of each application that answer Prometheus."))
    p.append(timeseries(lay, "Requests / s by application",
                        [prom("application:http_server_requests:rate1m", "{{application}}")], unit="reqps"))
    p.append(timeseries(lay, "Error ratio (5xx) by application",
                        [prom("application:http_server_requests_errors:ratio_rate1m", "{{application}}")],
                        unit="percentunit", desc="The HighErrorRatio alert fires above 5 % for 2 minutes."))
    p.append(timeseries(lay, "p99 duration by application",
                        [prom("application:http_server_requests_seconds:p99_1m", "{{application}}")], unit="s",
                        desc="The HighLatency alert fires above 1 s for 5 minutes."))

    p.append(row(lay, "Alerts and targets"))
    p.append(table(lay, "Firing alerts", [
        prom('max by (alertname, severity, job, application, instance, routeId, queue) '
             '(ALERTS{alertstate="firing"}) or on () label_replace(vector(0), "alertname", "none", "alertname", "")',
             instant=True, fmt="table")],
        w=12, h=8, desc="Alerts now firing with their labels (\"none\" while nothing fires). Details and silences: "
                        "Alerting > Alert rules / Silences (Alertmanager data source).",
        transformations=[{"id": "organize", "options": {"excludeByName": {"Time": True, "Value": True}}}]))
    p.append(table(lay, "Scrape targets", [prom("up", instant=True, fmt="table")], w=12, h=8,
                   desc="Every target Prometheus scrapes and whether its last scrape succeeded.",
                   transformations=[{"id": "organize", "options": {
                       "excludeByName": {"Time": True, "__name__": True},
                       "indexByName": {"job": 0, "instance": 1, "Value": 2},
                       "renameByName": {"Value": "State"}}}],
                   overrides=[override("State", mappings=UP_MAPPING,
                                       custom_cellOptions={"type": "color-background"})]))
    p.append(stat(lay, "PostgreSQL", [prom("max(pg_up)", instant=True)], w=8, mappings=UP_MAPPING,
                  thr=thresholds("red", 1, "green")))
    p.append(stat(lay, "Redis", [prom("max(redis_up)", instant=True)], w=8, mappings=UP_MAPPING,
                  thr=thresholds("red", 1, "green")))
    p.append(stat(lay, "RabbitMQ", [prom('max(up{job="rabbitmq"})', instant=True)], w=8, mappings=UP_MAPPING,
                  thr=thresholds("red", 1, "green")))
    return dashboard("zviewer-overview", "ZViewer / Overview",
                     "Every application at a glance: instances, traffic, errors, latency, alerts.", p)


def service():
    lay = Layout()
    p = []
    p.append(row(lay, "Summary"))
    p.append(stat(lay, "Instances", [prom(f"count(process_uptime_seconds{{{APP_INST}}})", instant=True)],
                  w=6))
    p.append(stat(lay, "Requests / s",
                  [prom(f"sum(application_instance:http_server_requests:rate1m{{{APP_INST}}})", instant=True)],
                  unit="reqps", decimals=2, w=6))
    p.append(stat(lay, "Error ratio (5xx)", [prom(
        f'(sum(rate(http_server_requests_seconds_count{{{HTTP}, status=~"5.."}}{RATE})) '
        f'or sum(rate(http_server_requests_seconds_count{{{HTTP}}}{RATE})) * 0) '
        f'/ sum(rate(http_server_requests_seconds_count{{{HTTP}}}{RATE}))', instant=True)],
        unit="percentunit", w=6, thr=thresholds("green", 0.01, "orange", 0.05, "red")))
    p.append(stat(lay, "Slowest instance p99",
                  [prom(f"max(application_instance:http_server_requests_seconds:p99_1m{{{APP_INST}}})",
                        instant=True)], unit="s", w=6, thr=thresholds("green", 0.5, "orange", 1, "red")))

    p.append(row(lay, "By instance"))
    p.append(timeseries(lay, "Requests / s by instance",
                        [prom(f"application_instance:http_server_requests:rate1m{{{APP_INST}}}", "{{instance}}")],
                        unit="reqps", w=8))
    p.append(timeseries(lay, "Error ratio (5xx) by instance",
                        [prom(f"application_instance:http_server_requests_errors:ratio_rate1m{{{APP_INST}}}",
                              "{{instance}}")], unit="percentunit", w=8))
    p.append(timeseries(lay, "Duration p50 / p99 by instance", [
        prom(f"application_instance:http_server_requests_seconds:p50_1m{{{APP_INST}}}", "p50 {{instance}}", "A"),
        prom(f"application_instance:http_server_requests_seconds:p99_1m{{{APP_INST}}}", "p99 {{instance}}", "B"),
    ], unit="s", w=8))

    p.append(row(lay, "By endpoint"))
    p.append(timeseries(lay, "Requests / s by endpoint",
                        [prom(f"sum by (method, uri) (rate(http_server_requests_seconds_count{{{HTTP}}}{RATE}))",
                              "{{method}} {{uri}}")], unit="reqps"))
    p.append(timeseries(lay, "Requests / s by status",
                        [prom(f"sum by (status) (rate(http_server_requests_seconds_count{{{HTTP}}}{RATE}))",
                              "{{status}}")], unit="reqps", stack=True))
    p.append(timeseries(lay, "p99 duration by endpoint", [prom(
        f"histogram_quantile(0.99, sum by (method, uri, le) "
        f"(rate(http_server_requests_seconds_bucket{{{HTTP}}}{RATE})))", "{{method}} {{uri}}")], unit="s"))
    p.append(timeseries(lay, "Server errors (5xx) / s by endpoint", [prom(
        f'sum by (method, uri) (rate(http_server_requests_seconds_count{{{HTTP}, status=~"5.."}}{RATE})) '
        f"or sum by (method, uri) (rate(http_server_requests_seconds_count{{{HTTP}}}{RATE})) * 0",
        "{{method}} {{uri}}")], unit="reqps",
        desc="0 for every endpoint while there is no server error."))

    p.append(row(lay, "Logs"))
    p.append({"type": "logs", "title": "Logs of $application", "id": lay.id(), "datasource": LOKI,
              "gridPos": lay.place(24, 12),
              "description": "Every replica of the application (Loki label service = Compose service = "
                             "application name). Expand a line for its trace link.",
              "targets": [loki('{service=~"$application"}')],
              "options": {"showTime": True, "wrapLogMessage": True, "enableLogDetails": True,
                          "sortOrder": "Descending", "dedupStrategy": "none", "prettifyLogMessage": False,
                          "showLabels": False, "showCommonLabels": False, "enableInfiniteScrolling": True}})
    variables = [
        prom_var("application", "Application", "label_values(http_server_requests_seconds_count, application)",
                 multi=False, include_all=False),
        prom_var("instance", "Instance",
                 'label_values(process_uptime_seconds{application=~"$application"}, instance)'),
    ]
    return dashboard("zviewer-service", "ZViewer / Service detail",
                     "One application: traffic, errors and latency per instance and per endpoint, and its logs.",
                     p, variables)


def jvm():
    lay = Layout()
    p = []
    sel = APP_INST
    fallback = f"sum by (instance) (process_uptime_seconds{{{sel}}}) * 0"
    p.append(row(lay, "Memory"))
    p.append(timeseries(lay, "Heap used / committed / max", [
        prom(f'sum by (instance) (jvm_memory_used_bytes{{{sel}, area="heap"}})', "used {{instance}}", "A"),
        prom(f'sum by (instance) (jvm_memory_committed_bytes{{{sel}, area="heap"}})', "committed {{instance}}",
             "B"),
        prom(f'sum by (instance) (jvm_memory_max_bytes{{{sel}, area="heap"}} > 0)', "max {{instance}}", "C"),
    ], unit="bytes", desc="Pools whose maximum is undefined (-1) are left out of the maximum."))
    p.append(timeseries(lay, "Non-heap used / committed", [
        prom(f'sum by (instance) (jvm_memory_used_bytes{{{sel}, area="nonheap"}})', "used {{instance}}", "A"),
        prom(f'sum by (instance) (jvm_memory_committed_bytes{{{sel}, area="nonheap"}})', "committed {{instance}}",
             "B"),
    ], unit="bytes", desc="Metaspace, compressed class space and code cache."))
    p.append(timeseries(lay, "Heap use (of max)", [prom(
        f'sum by (instance) (jvm_memory_used_bytes{{{sel}, area="heap"}}) '
        f'/ sum by (instance) (jvm_memory_max_bytes{{{sel}, area="heap"}} > 0)', "{{instance}}")],
        unit="percentunit", max1=True, desc="The JvmHeapHigh alert fires above 90 % for 5 minutes."))
    p.append(timeseries(lay, "Memory by pool", [prom(
        f"sum by (instance, id) (jvm_memory_used_bytes{{{sel}}})", "{{instance}} {{id}}")], unit="bytes"))

    p.append(row(lay, "Garbage collection"))
    p.append(timeseries(lay, "GC pauses / s", [prom(
        f"sum by (instance) (rate(jvm_gc_pause_seconds_count{{{sel}}}{RATE})) or {fallback}", "{{instance}}")],
        unit="ops"))
    p.append(timeseries(lay, "Time in GC pauses (share of wall time)", [prom(
        f"sum by (instance) (rate(jvm_gc_pause_seconds_sum{{{sel}}}{RATE})) or {fallback}", "{{instance}}")],
        unit="percentunit"))

    p.append(row(lay, "CPU, threads, classes"))
    p.append(timeseries(lay, "CPU", [
        prom(f"max by (instance) (process_cpu_usage{{{sel}}})", "process {{instance}}", "A"),
        prom(f"max by (instance) (system_cpu_usage{{{sel}}})", "system {{instance}}", "B"),
    ], unit="percentunit", w=8, desc="Share of the CPUs the JVM sees (the container's limit)."))
    p.append(timeseries(lay, "Live threads", [prom(
        f"sum by (instance) (jvm_threads_live_threads{{{sel}}})", "{{instance}}")], w=8))
    p.append(timeseries(lay, "Loaded classes", [prom(
        f"sum by (instance) (jvm_classes_loaded_classes{{{sel}}})", "{{instance}}")], w=8))
    p.append(timeseries(lay, "Uptime", [prom(f"max by (instance) (process_uptime_seconds{{{sel}}})",
                                             "{{instance}}")], unit="s", w=8,
                        desc="Drops to zero when a container restarts."))
    p.append(timeseries(lay, "Log events / s by level", [prom(
        f"sum by (level) (rate(logback_events_total{{{sel}}}{RATE}))", "{{level}}")], unit="ops", w=8,
        stack=True))
    p.append(timeseries(lay, "Disk free", [prom(
        f"min by (instance) (disk_free_bytes{{{sel}}} / disk_total_bytes{{{sel}}})", "{{instance}}")],
        unit="percentunit", w=8, max1=True, desc="The DiskSpaceLow alert fires below 10 %."))

    p.append(row(lay, "Connection pools and messaging"))
    p.append(timeseries(lay, "Database connections (HikariCP)", [
        prom(f"sum by (instance) (hikaricp_connections_active{{{sel}}}) or {fallback}", "active {{instance}}",
             "A"),
        prom(f"sum by (instance) (hikaricp_connections_idle{{{sel}}}) or {fallback}", "idle {{instance}}", "B"),
        prom(f"sum by (instance) (hikaricp_connections_pending{{{sel}}}) or {fallback}", "pending {{instance}}",
             "C"),
        prom(f"sum by (instance) (hikaricp_connections_max{{{sel}}}) or {fallback}", "max {{instance}}", "D"),
    ], desc="0 for applications without a database. DatabasePoolSaturated / DatabasePoolWaiting alert on these."))
    p.append(timeseries(lay, "RabbitMQ messages / s (Spring AMQP client)", [
        prom(f"sum by (instance) (rate(rabbitmq_published_total{{{sel}}}{RATE})) or {fallback}",
             "published {{instance}}", "A"),
        prom(f"sum by (instance) (rate(rabbitmq_consumed_total{{{sel}}}{RATE})) or {fallback}",
             "consumed {{instance}}", "B"),
    ], unit="ops", desc="0 for applications without a RabbitMQ connection."))
    variables = [
        prom_var("application", "Application", "label_values(process_uptime_seconds, application)"),
        prom_var("instance", "Instance",
                 'label_values(process_uptime_seconds{application=~"$application"}, instance)'),
    ]
    return dashboard("zviewer-jvm", "ZViewer / JVM", "Memory, GC, CPU, threads and classes of every JVM, per "
                                                      "instance.", p, variables)


def gateway():
    lay = Layout()
    p = []
    r = 'routeId=~"$route"'
    gw = f"spring_cloud_gateway_requests_seconds_count{{{r}}}"
    p.append(row(lay, "Routes"))
    p.append(stat(lay, "Gateway instances", [prom('count(process_uptime_seconds{application="api-gateway"})',
                                                   instant=True)], w=6))
    p.append(stat(lay, "Routed requests / s", [prom(f"sum(route:spring_cloud_gateway_requests:rate1m{{{r}}})",
                                                     instant=True)], unit="reqps", decimals=2, w=6))
    p.append(stat(lay, "Worst route error ratio", [prom(
        f"max(route:spring_cloud_gateway_requests_errors:ratio_rate1m{{{r}}})", instant=True)],
        unit="percentunit", w=6, thr=thresholds("green", 0.01, "orange", 0.05, "red")))
    p.append(stat(lay, "Worst route p99", [prom(f"max(route:spring_cloud_gateway_requests_seconds:p99_1m{{{r}}})",
                                                 instant=True)], unit="s", w=6,
                  thr=thresholds("green", 0.5, "orange", 1, "red")))
    p.append(timeseries(lay, "Requests / s by route", [prom(
        f"route:spring_cloud_gateway_requests:rate1m{{{r}}}", "{{routeId}}")], unit="reqps"))
    p.append(timeseries(lay, "Error ratio (5xx) by route", [prom(
        f"route:spring_cloud_gateway_requests_errors:ratio_rate1m{{{r}}}", "{{routeId}}")], unit="percentunit",
        desc="The GatewayRouteErrorRatio alert fires above 5 % for 2 minutes."))
    p.append(timeseries(lay, "p50 duration by route", [prom(
        f"route:spring_cloud_gateway_requests_seconds:p50_1m{{{r}}}", "{{routeId}}")], unit="s"))
    p.append(timeseries(lay, "p99 duration by route", [prom(
        f"route:spring_cloud_gateway_requests_seconds:p99_1m{{{r}}}", "{{routeId}}")], unit="s"))
    p.append(timeseries(lay, "Requests / s by route and status", [prom(
        f"sum by (routeId, httpStatusCode) (rate({gw}{RATE}))", "{{routeId}} {{httpStatusCode}}")],
        unit="reqps"))
    p.append(timeseries(lay, "Requests / s by route and outcome", [prom(
        f"sum by (routeId, outcome) (rate({gw}{RATE}))", "{{routeId}} {{outcome}}")], unit="reqps"))

    p.append(row(lay, "Token revocation"))
    p.append(timeseries(lay, "Revocation checks / s by outcome", [prom(
        "sum by (outcome) (rate(zviewer_gateway_revocation_checks_total[$__rate_interval])) "
        'or on () label_replace(vector(0), "outcome", "none yet", "outcome", "")', "{{outcome}}")],
        unit="ops", w=24, stack=True,
        desc="Each authenticated request through the gateway asks Redis whether its token was revoked "
             "(\"none yet\" until the first check)."))
    variables = [prom_var("route", "Route", "label_values(spring_cloud_gateway_requests_seconds_count, routeId)")]
    return dashboard("zviewer-gateway", "ZViewer / Gateway routes",
                     "Spring Cloud Gateway: traffic, errors and latency per route, revocation checks.", p,
                     variables)


def backing():
    lay = Layout()
    p = []
    p.append(row(lay, "PostgreSQL"))
    p.append(stat(lay, "PostgreSQL", [prom("max(pg_up)", instant=True)], mappings=UP_MAPPING,
                  thr=thresholds("red", 1, "green")))
    p.append(stat(lay, "Connections in use", [prom(
        "sum(pg_stat_activity_count) / max(pg_settings_max_connections)", instant=True)], unit="percentunit",
        thr=thresholds("green", 0.6, "orange", 0.8, "red"),
        desc="Share of max_connections; the PostgresConnectionsHigh alert fires above 80 %."))
    p.append(stat(lay, "Database size", [prom("sum(pg_database_size_bytes)", instant=True)], unit="bytes"))
    p.append(stat(lay, "Commits / s", [prom(f"sum(rate(pg_stat_database_xact_commit{RATE}))", instant=True)],
                  unit="ops", decimals=1))
    p.append(stat(lay, "Rollbacks / s", [prom(f"sum(rate(pg_stat_database_xact_rollback{RATE}))", instant=True)],
                  unit="ops", decimals=1))
    p.append(stat(lay, "Max connections", [prom("max(pg_settings_max_connections)", instant=True)]))
    p.append(timeseries(lay, "Connections by database and state", [prom(
        "sum by (datname, state) (pg_stat_activity_count)", "{{datname}} {{state}}")], w=8))
    p.append(timeseries(lay, "Transactions / s by database", [
        prom(f"sum by (datname) (rate(pg_stat_database_xact_commit{RATE}))", "commit {{datname}}", "A"),
        prom(f"sum by (datname) (rate(pg_stat_database_xact_rollback{RATE}))", "rollback {{datname}}", "B"),
    ], unit="ops", w=8))
    p.append(timeseries(lay, "Rows / s", [
        prom(f"sum(rate(pg_stat_database_tup_fetched{RATE}))", "fetched", "A"),
        prom(f"sum(rate(pg_stat_database_tup_inserted{RATE}))", "inserted", "B"),
        prom(f"sum(rate(pg_stat_database_tup_updated{RATE}))", "updated", "C"),
        prom(f"sum(rate(pg_stat_database_tup_deleted{RATE}))", "deleted", "D"),
    ], unit="ops", w=8))
    p.append(timeseries(lay, "Cache hit ratio", [prom(
        f"sum(rate(pg_stat_database_blks_hit{RATE})) / (sum(rate(pg_stat_database_blks_hit{RATE})) "
        f"+ sum(rate(pg_stat_database_blks_read{RATE})))", "hit ratio")], unit="percentunit", w=8, max1=True,
        desc="Blocks found in shared buffers; empty while the database reads no block at all."))
    p.append(timeseries(lay, "Database size", [prom("sum by (datname) (pg_database_size_bytes)", "{{datname}}")],
                        unit="bytes", w=8))
    p.append(timeseries(lay, "Deadlocks and conflicts / s", [
        prom(f"sum(rate(pg_stat_database_deadlocks{RATE}))", "deadlocks", "A"),
        prom(f"sum(rate(pg_stat_database_conflicts{RATE}))", "conflicts", "B"),
    ], unit="ops", w=8))

    p.append(row(lay, "Redis"))
    p.append(stat(lay, "Redis", [prom("max(redis_up)", instant=True)], mappings=UP_MAPPING,
                  thr=thresholds("red", 1, "green")))
    p.append(stat(lay, "Clients", [prom("sum(redis_connected_clients)", instant=True)]))
    p.append(stat(lay, "Memory used", [prom("sum(redis_memory_used_bytes)", instant=True)], unit="bytes"))
    p.append(stat(lay, "Commands / s", [prom(f"sum(rate(redis_commands_processed_total{RATE}))", instant=True)],
                  unit="ops", decimals=1))
    p.append(stat(lay, "Keys", [prom("sum(redis_db_keys) or vector(0)", instant=True)]))
    p.append(stat(lay, "Keyspace hit ratio", [prom(
        f"sum(rate(redis_keyspace_hits_total{RATE})) / (sum(rate(redis_keyspace_hits_total{RATE})) "
        f"+ sum(rate(redis_keyspace_misses_total{RATE})))", instant=True)], unit="percentunit",
        desc="Share of key lookups that found the key (a revocation check that finds nothing is a miss)."))
    p.append(timeseries(lay, "Commands / s", [prom(f"sum(rate(redis_commands_processed_total{RATE}))",
                                                   "commands")], unit="ops", w=8))
    p.append(timeseries(lay, "Keyspace hits and misses / s", [
        prom(f"sum(rate(redis_keyspace_hits_total{RATE}))", "hits", "A"),
        prom(f"sum(rate(redis_keyspace_misses_total{RATE}))", "misses", "B"),
    ], unit="ops", w=8))
    p.append(timeseries(lay, "Memory used and clients", [
        prom("sum(redis_memory_used_bytes)", "memory used", "A"),
        prom("sum(redis_connected_clients)", "clients", "B"),
    ], unit="bytes", w=8, overrides=[override("clients", unit="short", custom_axisPlacement="right")]))

    p.append(row(lay, "RabbitMQ"))
    p.append(stat(lay, "RabbitMQ", [prom('max(up{job="rabbitmq"})', instant=True)], mappings=UP_MAPPING,
                  thr=thresholds("red", 1, "green")))
    p.append(stat(lay, "Connections", [prom("sum(rabbitmq_connections{job=\"rabbitmq\"})", instant=True)]))
    p.append(stat(lay, "Channels", [prom("sum(rabbitmq_channels{job=\"rabbitmq\"})", instant=True)]))
    p.append(stat(lay, "Messages ready", [prom("sum(rabbitmq_queue_messages_ready)", instant=True)],
                  thr=thresholds("green", 100, "orange", 1000, "red")))
    p.append(stat(lay, "Messages unacked", [prom("sum(rabbitmq_queue_messages_unacked)", instant=True)]))
    p.append(stat(lay, "Consumers", [prom("sum(rabbitmq_queue_consumers)", instant=True)]))
    p.append(timeseries(lay, "Messages ready by queue", [prom(
        "sum by (queue) (rabbitmq_queue_messages_ready)", "{{queue}}")], w=8,
        desc="The RabbitMQMessagesPiling alert fires above 1000 for 5 minutes."))
    p.append(timeseries(lay, "Messages unacked by queue", [prom(
        "sum by (queue) (rabbitmq_queue_messages_unacked)", "{{queue}}")], w=8))
    p.append(timeseries(lay, "Consumers by queue", [prom(
        "sum by (queue) (rabbitmq_queue_consumers)", "{{queue}}")], w=8))
    p.append(timeseries(lay, "Messages / s (broker)", [
        prom(f"sum(rate(rabbitmq_global_messages_received_total{RATE}))", "received", "A"),
        prom(f"sum(rate(rabbitmq_global_messages_delivered_total{RATE}))", "delivered", "B"),
    ], unit="ops"))
    p.append(timeseries(lay, "Connections and channels (broker)", [
        prom("sum(rabbitmq_connections{job=\"rabbitmq\"})", "connections", "A"),
        prom("sum(rabbitmq_channels{job=\"rabbitmq\"})", "channels", "B"),
    ], desc="The broker's view (job rabbitmq): the applications' AMQP clients export metrics of the same names."))
    return dashboard("zviewer-backing-services", "ZViewer / PostgreSQL, Redis, RabbitMQ",
                     "The backing services through their exporters.", p)


def logs():
    lay = Layout()
    p = []
    sel = '{service=~"$service", instance=~"$instance", level=~"$level"}'
    p.append(timeseries(lay, "Log lines by level", [loki(
        f"sum by (level, detected_level) (count_over_time({sel} |~ `(?i)$search` [$__auto]))",
        "{{level}}{{detected_level}}")], w=12, h=7, stack=True, bars=True, ds=LOKI, calcs=("sum",),
        desc="Spring applications label each line with its level; for the others Loki guesses one "
             "(detected_level)."))
    p.append(timeseries(lay, "Warnings and errors by service", [loki(
        f'sum by (service, level) (count_over_time({{service=~"$service", instance=~"$instance", '
        f'level=~"(?i)warn|error"}} |~ `(?i)$search` [$__auto]))', "{{service}} {{level}}")],
        w=12, h=7, stack=True, bars=True, ds=LOKI, calcs=("sum",)))
    p.append({"type": "logs", "title": "Logs", "id": lay.id(), "datasource": LOKI, "gridPos": lay.place(24, 20),
              "description": "Newest first. Expand a line for its labels, its trace id and the link to the trace "
                             "in Zipkin.",
              "targets": [loki(f"{sel} |~ `(?i)$search`")],
              "options": {"showTime": True, "wrapLogMessage": True, "enableLogDetails": True,
                          "sortOrder": "Descending", "dedupStrategy": "none", "prettifyLogMessage": False,
                          "showLabels": False, "showCommonLabels": False, "enableInfiniteScrolling": True}})
    variables = [
        loki_var("service", "Service", "service"),
        loki_var("instance", "Container", "instance", stream='{service=~"$service"}'),
        loki_var("level", "Level", "level", all_value=".*"),
        {"name": "search", "label": "Line matches (regex)", "type": "textbox", "query": "", "hide": 0,
         "current": {"selected": False, "text": "", "value": ""}, "options": []},
    ]
    return dashboard("zviewer-logs", "ZViewer / Logs",
                     "Every container of the Compose project (Loki, shipped by Alloy), filtered by service, "
                     "container and level.", p, variables, refresh="30s", time_from="now-30m")


os.makedirs(OUT, exist_ok=True)
write("overview.json", overview())
write("service.json", service())
write("jvm.json", jvm())
write("gateway.json", gateway())
write("backing-services.json", backing())
write("logs.json", logs())
