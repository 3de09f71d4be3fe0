# Why a field or a search parameter is not accepted: the server's error details and the
# editors' checks as a user types. $got is a kind of JSON value (flow.ftl's json-…).

## Fields of a flow

field-control-character = must not contain control characters (found one at character { $at })
field-too-long = must be at most { $limit } characters, got { $length }
field-name-required = is required and must not be blank
field-blank = must not be blank
field-too-many-tags = at most { $limit } tags per flow, got { $count }
field-schema-not-array = must be a JSON array of steps, got { $got }
field-not-string = must be a string, got { $got }
field-not-boolean = must be true or false, got { $got }
field-not-array = must be an array, got { $got }
field-tag-without-name = must have a string "name"
field-not-a-tag = must be a tag object or a string, got { $got }
field-unknown-type = unknown flow type "{ $value }"; expected one of default, voice, chat, processing, service

## Search parameters

query-unknown-sort = unknown sort field: expected name, type, editor, created_at, updated_at, created_by or updated_by with + or -
query-unknown-field = unknown field
query-whole-number-from-0 = expected a whole number from 0
query-whole-number = expected a whole number
query-unknown-type = expected one of default, voice, chat, processing, service
query-id = expected a 64-bit integer id
query-boolean = expected true or false
query-uses = expected kind:key, the kind one of flow, queue, calendar, list, media, user, gateway, email-profile, tts-profile, chat-bot, global, host
query-kind = expected one of flow, queue, calendar, list, media, user, gateway, email-profile, tts-profile, chat-bot, global, host
query-key-empty = expected the id or name of an object
query-text-too-short = expected a text of at least 2 characters to search for
query-tags-sort = tags sort only by name: expected +name or -name

## Other fields and headers

field-username = must not be blank or contain control characters
field-password-short = must be at least { $limit } characters
field-nul = must not contain the character U+0000
field-invalid-steps = { $reason }
query-if-match = expected the flow's updated_at in quotes, e.g. "1719000000000"
