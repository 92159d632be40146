#!/usr/bin/env bash
# Runs once, when the PostgreSQL volume is new: the role the metrics exporter logs in with (monitoring/), allowed to
# read statistics (pg_monitor) and nothing of the services' data. Its password comes from MONITORING_DB_PASSWORD.
set -euo pipefail

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
	--set password="${MONITORING_DB_PASSWORD:?MONITORING_DB_PASSWORD must be set}" <<-'SQL'
	CREATE ROLE monitoring LOGIN PASSWORD :'password' IN ROLE pg_monitor;
SQL
