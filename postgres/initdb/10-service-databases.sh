#!/usr/bin/env bash
# Runs once, when the PostgreSQL volume is new: one database per business service, owned by a role of the same name
# whose password comes from <NAME>_DB_PASSWORD. No service can read another's data.
set -euo pipefail

for name in auth media comments payments admin; do
	password_variable="${name^^}_DB_PASSWORD"
	password="${!password_variable:?$password_variable must be set}"
	psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
		--set name="$name" --set password="$password" <<-'SQL'
		CREATE ROLE :"name" LOGIN PASSWORD :'password';
		CREATE DATABASE :"name" OWNER :"name";
		REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
	SQL
done
