#!/usr/bin/env bash
# collect.sh fetches from an Octopus Server every collection that "tenantplan import octopus"
# reads, into the folder layout of package plan/octopus:
#
#   OCTOPUS_API_KEY=API-... ./collect.sh https://octopus.example.com Spaces-1 space/
#   tenantplan import octopus space/ --space Spaces-1 > model.json
#
# Arguments: the server's URL, the space Id, and the folder to write (created if missing; the
# files of an earlier run are replaced). The API key is read from OCTOPUS_API_KEY and sent in the
# X-Octopus-ApiKey header (never on the command line, where other users could see it). The key's
# user needs to view the space; a collection it may not read and that the import does not require
# (teams, user roles, ...) is skipped with a warning.
#
# Settings (environment):
#   OCTOPUS_PAGE_SIZE         items per page of the paged endpoints (default 500)
#   OCTOPUS_TENANT_VARIABLES  legacy (default): one request, GET .../tenantvariables/all;
#                             per-tenant: the newer endpoints (Octopus 2025+), two requests per
#                             tenant, into tenantvariables/<TenantId>.json (a tenant whose
#                             endpoints answer 404 is left to the legacy shape);
#                             both: the two (the import takes the newer shape of a tenant)
#   OCTOPUS_DEFECTS           1 (default): one request per release for its defects; 0: skip them
#
# Needs bash, curl and jq. Paged endpoints are fetched with ?skip=N&take=M into name.1.json,
# name.2.json, ... until the items add up to TotalResults; the /all endpoints into name.json.
set -euo pipefail

usage() {
	echo "usage: OCTOPUS_API_KEY=API-... $0 SERVER_URL SPACE_ID DIR" >&2
	exit 2
}

[[ $# -eq 3 ]] || usage
server=${1%/}
space=$2
dir=$3
[[ -n ${OCTOPUS_API_KEY:-} ]] || { echo "collect.sh: set OCTOPUS_API_KEY to an API key (Profile > My API Keys)" >&2; exit 2; }
[[ $space =~ ^Spaces-[0-9]+$ ]] || { echo "collect.sh: space id \"$space\" is not like Spaces-1" >&2; exit 2; }
take=${OCTOPUS_PAGE_SIZE:-500}
[[ $take =~ ^[1-9][0-9]*$ ]] || { echo "collect.sh: OCTOPUS_PAGE_SIZE \"$take\" is not a positive number" >&2; exit 2; }
tenant_variables=${OCTOPUS_TENANT_VARIABLES:-legacy}
case $tenant_variables in
legacy | per-tenant | both) ;;
*) echo "collect.sh: OCTOPUS_TENANT_VARIABLES \"$tenant_variables\" is not legacy, per-tenant or both" >&2; exit 2 ;;
esac
defects=${OCTOPUS_DEFECTS:-1}
max_pages=10000 # the import's default limit of pages per collection

for tool in curl jq; do
	command -v "$tool" >/dev/null || { echo "collect.sh: $tool is needed" >&2; exit 2; }
done

# The collections, in the order the import reads them: name|endpoint|paged|required. This list
# is octopus.Collections() of package plan/octopus, which a test checks.
collections=(
	"environments|/api/{space}/environments/all|false|true"
	"tagsets|/api/{space}/tagsets/all|false|true"
	"lifecycles|/api/{space}/lifecycles/all|false|true"
	"libraryvariablesets|/api/{space}/libraryvariablesets/all|false|false"
	"projects|/api/{space}/projects/all|false|true"
	"channels|/api/{space}/channels/all|false|true"
	"tenants|/api/{space}/tenants/all|false|true"
	"tenantvariables|/api/{space}/tenantvariables/all|false|false"
	"machines|/api/{space}/machines/all|false|false"
	"releases|/api/{space}/releases|true|true"
	"defects|/api/{space}/releases/{releaseId}/defects|false|false"
	"deployments|/api/{space}/deployments|true|true"
	"tasks|/api/tasks?spaces={space}|true|true"
	"deploymentfreezes|/api/deploymentfreezes|true|false"
	"teams|/api/teams?spaces={space}|true|false"
	"scopeduserroles|/api/scopeduserroles?spaces={space}|true|false"
	"userroles|/api/userroles/all|false|false"
)

mkdir -p "$dir"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# get PATH FILE: GET SERVER/PATH into FILE. Returns 0 on success, 4 when the server answers 404
# (not found) and 1 on any other failure, with a message. The key goes to curl on its standard
# input (-H @-), not in its arguments.
get() {
	local status
	status=$(printf 'X-Octopus-ApiKey: %s\nAccept: application/json\n' "$OCTOPUS_API_KEY" |
		curl --silent --show-error --location --retry 2 -H @- -o "$2" -w '%{http_code}' "$server$1") || return 1
	case $status in
	2??) return 0 ;;
	404) return 4 ;;
	esac
	echo "collect.sh: GET $server$1: HTTP $status" >&2
	return 1
}

# fetch_all NAME ENDPOINT: one request, into NAME.json.
fetch_all() {
	get "$2" "$tmp/$1.json" && mv "$tmp/$1.json" "$dir/$1.json"
}

# fetch_paged NAME ENDPOINT: every page, into NAME.1.json, NAME.2.json, ...
fetch_paged() {
	local name=$1 endpoint=$2 sep='?' skip=0 n=1 count total
	[[ $endpoint == *\?* ]] && sep='&'
	rm -rf "${tmp:?}/pages" && mkdir "$tmp/pages"
	while :; do
		get "$endpoint${sep}skip=$skip&take=$take" "$tmp/pages/$name.$n.json" || return 1
		count=$(jq '(.Items // .DeploymentFreezes // []) | length' "$tmp/pages/$name.$n.json") || return 1
		total=$(jq '.TotalResults // .Count // 0' "$tmp/pages/$name.$n.json") || return 1
		skip=$((skip + count))
		if ((count == 0 || skip >= total)); then
			break
		fi
		if ((n >= max_pages)); then
			echo "collect.sh: $name: more than $max_pages pages; raise OCTOPUS_PAGE_SIZE" >&2
			return 1
		fi
		n=$((n + 1))
	done
	mv "$tmp/pages/$name".*.json "$dir/"
}

# fetch_defects: {releaseId: the release's defects} for every release fetched, into defects.json.
fetch_defects() {
	local id
	: >"$tmp/defects.stream"
	while IFS= read -r id; do
		get "/api/$space/releases/$id/defects" "$tmp/defect.json" || return 1
		jq -c --arg id "$id" '{id: $id, defects: .}' "$tmp/defect.json" >>"$tmp/defects.stream"
	done < <(jq -r '.Items[].Id' "$dir"/releases.*.json)
	jq -n '[inputs | {(.id): .defects}] | add // {}' "$tmp/defects.stream" >"$dir/defects.json"
}

# fetch_tenant_variables: the newer per-tenant shape, [projectvariables, commonvariables] per
# tenant into tenantvariables/<TenantId>.json; a tenant whose endpoints answer 404 gets no file.
fetch_tenant_variables() {
	local id rc
	mkdir -p "$dir/tenantvariables"
	while IFS= read -r id; do
		rc=0
		get "/api/$space/tenants/$id/projectvariables" "$tmp/pv.json" || rc=$?
		if ((rc == 0)); then
			get "/api/$space/tenants/$id/commonvariables" "$tmp/cv.json" || rc=$?
		fi
		case $rc in
		0) jq -s . "$tmp/pv.json" "$tmp/cv.json" >"$dir/tenantvariables/$id.json" || return 1 ;;
		4) echo "collect.sh: tenantvariables: $id: no per-tenant variables endpoint (404): skipped" >&2 ;;
		*) return 1 ;;
		esac
	done < <(jq -r '.[].Id' "$dir/tenants.json")
}

# Remove the files of an earlier run, so that no stale page is imported.
for entry in "${collections[@]}"; do
	IFS='|' read -r name _ _ _ <<<"$entry"
	rm -f "$dir/$name.json" "$dir/$name".[0-9]*.json
done
rm -rf "${dir:?}/tenantvariables"

for entry in "${collections[@]}"; do
	IFS='|' read -r name endpoint paged required <<<"$entry"
	endpoint=${endpoint//\{space\}/$space}
	ok=true
	case $name in
	defects)
		[[ $defects == 1 ]] || { echo "collect.sh: defects: skipped (OCTOPUS_DEFECTS=$defects)" >&2; continue; }
		fetch_defects || ok=false
		;;
	tenantvariables)
		case $tenant_variables in
		legacy) fetch_all "$name" "$endpoint" || ok=false ;;
		per-tenant) fetch_tenant_variables || ok=false ;;
		both) { fetch_all "$name" "$endpoint" && fetch_tenant_variables; } || ok=false ;;
		esac
		;;
	*)
		if [[ $paged == true ]]; then
			fetch_paged "$name" "$endpoint" || ok=false
		else
			fetch_all "$name" "$endpoint" || ok=false
		fi
		;;
	esac
	if [[ $ok == false ]]; then
		if [[ $required == true ]]; then
			echo "collect.sh: $name: could not fetch $server$endpoint, which the import needs" >&2
			exit 1
		fi
		echo "collect.sh: $name: could not fetch $server$endpoint: skipped (the import reports it missing)" >&2
	else
		echo "collect.sh: $name: done" >&2
	fi
done
echo "collect.sh: $dir is ready: tenantplan import octopus $dir --space $space > model.json" >&2
