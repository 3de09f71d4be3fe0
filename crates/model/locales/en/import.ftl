# Why a file (or a schema typed in the code editor) cannot be imported: `transfer.rs`'s
# ImportError. $line and $column are 1-based; $got is a kind of JSON value (flow.ftl's json-…).

import-empty = the file is empty
import-not-utf8 = not UTF-8 text: the byte at line { $line }, column { $column } is not (save the file as UTF-8)
import-too-big = the file is { $size } bytes; at most { $limit } bytes can be imported
# $message is the JSON parser's own words, in English.
import-invalid-json = not valid JSON at line { $line }, column { $column }: { $message }
import-too-deep = nested deeper than { $limit } levels at line { $line }, column { $column }
import-not-a-flow = not a flow: expected an exported flow (an object with "schema") or a schema array, got { $got }
import-no-schema = not a flow: an object without "schema": expected an exported flow or a schema array
import-field = { $field }: { $reason }
# $path is where the step is, as `schema[3].if.then[0]`; $reason is one of import-step-….
import-invalid-step = invalid step at { $path }: { $reason }

## Why an item of a step array is not a step

import-step-not-an-object = a step is an object with one app key, got { $got }
import-step-no-app = the step has no app key
# $apps lists the keys found, comma-separated; there are always at least two.
import-step-many-apps = the step has { $count } app keys ({ $apps }); a step runs exactly one app
