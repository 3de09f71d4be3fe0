# The `detail` of the API's error bodies, in the language of the request's Accept-Language.
# The error `id` beside it is the stable key; these are for people.

error-field = { $field }: { $reason }
error-parameter = { $parameter }={ $value }: { $reason }
error-invalid-json = request body is not valid JSON for this call: { $reason }
error-too-deep = request body nests arrays and objects deeper than { $limit } levels (at byte { $offset })
error-too-large = request body is larger than the limit of { $limit } bytes
error-no-token = no access token: sign in first
error-unknown-token = access token is unknown or expired: sign in again
error-login-failed = username, password or domain is wrong
error-too-many-attempts-user = too many failed sign-ins for this user; try again in { $minutes } minute(s)
error-too-many-attempts-address = too many failed sign-ins from this address; try again in { $minutes } minute(s)
error-forbidden = this needs the schema permission { $permission }
error-admin-only = only a domain admin may manage users
error-flow-not-found = flow id={ $id } not found
error-name-taken = name={ $name } already exists
error-user-exists = user { $name } already exists in this domain
error-stale-write = flow id={ $id } was changed by someone else (now at updated_at={ $current }); reload it and apply your change again
error-no-route = no such API path
error-unavailable = the database is unavailable right now; try again shortly
error-storage-full = the database has no room left to write; nothing was changed. Free some space and try again
error-internal = internal failure; the request id identifies it in the server log

## The framework's own refusals

error-wrong-method = this path does not take that method
error-body-too-large = request body is larger than the limit
error-not-json = send the body as application/json
error-internal-plain = internal failure
error-unreadable-request = the request could not be read
