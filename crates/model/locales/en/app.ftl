# The web page's own texts: one message per `Msg` of src/i18n.rs, its id the variant's name
# in kebab-case. Flow types come from flow.ftl (`flow-type-*`).

## Shell and login

flow = Flow
sign-in = Sign in
sign-out = Sign out
username = Username
password = Password
domain = Domain
api-base-url = API base URL
api-base-hint = Where the API is: /api for this server, or a Webitel engine's address
# The server refused the username, password or domain.
wrong-sign-in = The username, password or domain is wrong.
# Signed in, but without the right to read flows (no `schema` scope).
no-flow-access = This account may not read flows: it has no rights on flow schemas.
# The address answered, but not as Webitel's API does.
not-webitel-api = The server at this address does not answer as Webitel's API does: check the API base URL.
# The domain field may stay empty when the username carries it.
domain-hint = Not needed when the username is written as user@domain
# The token was refused on a page (expired, or revoked): sign in to go back there.
session-ended = Your session has ended: it expired or was signed out. Sign in again to go back to the page you were on.
signing-in = Signing in…
loading = Loading…
language = Language
# This language's own name, as the language switch shows it.
language-name = English
page-not-found = This page does not exist.
go-to-flows = Go to Flow

## Registry header

add = Add
upload = Upload
refresh = Refresh
delete-selected = Delete selected ({ $count })

## Filters

tags = Tags
tags-placeholder = Type to find tags
search = Search
search-placeholder = Search by name (* is a wildcard)
flow-types = Types
reset-filters = Reset filters
expand-filters = Expand filters
collapse-filters = Collapse filters
remove-tag = Remove tag { $tag }
no-suggestions = No matching tags

## Table

select-all = Select all flows on this page
select-flow = Select { $name }
name = Name
editor = Editor
type = Type
created = Created
modified = Modified
actions = Actions
download = Download
edit = Edit
delete = Delete
sort-ascending = sorted ascending
sort-descending = sorted descending
not-sorted = not sorted

## Pagination

rows-per-page = Rows per page
previous-page = Previous page
next-page = Next page
page-number = Page { $page }

## States

no-flows-yet = There are no flows yet
no-results = No flows match the search and filters
unreachable = The server cannot be reached
retry = Retry

## Create modal

create-new-flow = Create new flow
# The editor a flow opens in: a choice when creating one, and its label elsewhere.
diagram = Diagram
code = Code
choose-type = Choose a type
start-from = Start from
blank-flow = Blank
blank-flow-about = An empty flow.
template-ivr-menu = IVR menu with business hours, queues and voicemail
template-ivr-menu-about = Answers, checks the business hours calendar; when open, a menu sends 1 to Sales and 2 to Support; closed or any other key records a voicemail.
template-callback-request = Callback request
template-callback-request-about = Offers a call back: 1 puts the caller's number in the callback queue, any other key waits in the Support queue.
template-chat-menu-bot = Chat menu bot with hand-off to an operator
template-chat-menu-bot-about = Greets, offers topics as buttons; order status is answered by the bot, anything else joins the chat support queue.
template-agent-form = Agent form
template-agent-form-about = A call-result form for the agent: a reason to choose, notes, and Save or Call back later.
template-dialer-result = Dialer result hook
template-dialer-result-about = Decides each dialer attempt's outcome by its result: success, retry later when busy or unanswered, else abandoned after 3 attempts.
create = Create
close = Close
cancel = Cancel

## Import modal

import-json = Import JSON
create-new = Create new?
will-replace = The flow «{ $name }» will be replaced by the imported one
no-flow-named = There is no flow named «{ $name }» to replace
name-taken = A flow named «{ $name }» already exists: choose another name
cannot-import = Cannot import this file: { $reason }
server-unreachable = cannot reach the server: { $reason }
unexpected-answer = the server answered something unexpected: { $reason }
changed-since-opened = someone else saved this flow since it was opened
imported = Imported «{ $name }»
replaced = Replaced «{ $name }»

## Delete modal

confirm-deletion = Confirm deletion
# $names: the flows' names, each in «», separated by commas.
delete-question = Delete { $names }? This cannot be undone.
deleted = Deleted { $count ->
        [one] { $count } flow
       *[other] { $count } flows
    }
delete-failed = «{ $name }» was not deleted: { $reason }
used-by-others = Flows that call what you delete will fail at that step:
used-by = «{ $name }» is used by { $users }
uses-unknown = This server does not tell which other flows call what you delete.
deleted-but-called = «{ $name }» is deleted; { $users } still run it and will fail at that step.
search-where = Search in
search-names = Names
search-inside = Inside flows
search-inside-placeholder = Text in steps, descriptions, tags or notes
type-to-search-inside = Type at least { $count } characters to search inside the flows.
nothing-inside = No step, description, tag or note of these flows holds this text
inside-unavailable = This server cannot search inside flows (Webitel's engine keeps no index of what they hold): search by name instead.
diagram-note = Note
uses-filter = Uses
uses-kind = What kind of object
uses-key-placeholder = Id or name, then Enter
uses-unavailable = This server does not tell what flows use (Webitel's engine keeps no such index).
used-by-flows = { $count ->
        [one] used by 1 flow
       *[other] used by { $count } flows
    }
object-kind-flow = Flow
object-kind-queue = Queue
object-kind-calendar = Calendar
object-kind-list = List
object-kind-media = Media file
object-kind-user = User
object-kind-gateway = Gateway
object-kind-email-profile = Email profile
object-kind-tts-profile = TTS profile
object-kind-chat-bot = Chat bot
object-kind-global = Global variable
object-kind-host = Host
dependencies = Connected flows
used-by-heading = Used by
runs-heading = Runs
used-by-none = No other flow runs this one.
runs-none = This flow runs no other flow.
used-by-unknown = This server does not tell which flows run this one (Webitel's engine keeps no such index).
runs-flow = Runs
open-flow = Open
no-flow-with-id = No flow here has id { $id }: pick one below.
pick-flow = Pick the flow by name
pick-flow-placeholder = Type the start of its name
nothing-matches = Nothing matches
pick-by-name = Pick by name
pick-by-name-placeholder = Type part of the name
# A reason for delete-failed.
changed-meanwhile = it was changed by someone else meanwhile; refresh and try again
# A reason for delete-failed.
no-permission = you have no permission for this

## Code flow page

general = General
description = Description
debug = Debug
flow-schema = Flow schema
save = Save
saving = Saving…
successfully-updated = Successfully updated
new-flow = New flow
schema-error = The schema cannot be saved: { $reason }
unsaved-changes = Unsaved changes
unsaved-question = Save your changes before leaving?
dont-save = Don't save
stale-write = Someone else saved this flow meanwhile: reload it to see their changes
dismiss = Dismiss

## Diagram editor

palette = Steps
# The splitter between the canvas and the side panel.
resize-panel = Resize the side panel
hide-panel = Hide the side panel
show-panel = Show the side panel
find-app = Find a step
zoom-to-fit = Zoom to fit
# The zoom, in percent; a click goes back to 100 %.
zoom-actual-size = Zoom { $percent }%: back to 100%
show-json = Show JSON
problems = Problems
no-problems = No problems
diagram-canvas = Diagram: drag to pan, scroll to zoom, click a step to select it, Delete removes it
diagram-nodes = Steps of the diagram
compiled-schema = The schema this diagram saves
format = Format
draft-found = Unsaved changes from { $when } were kept in this browser
restore-draft = Restore them
discard-draft = Discard them
open-as-diagram = Open as diagram
convert-to-diagram = Make it a Diagram flow?
convert-question = This is a Code flow. Saving it here makes it a Diagram flow: from then on it opens in the diagram editor and its schema is written from the diagram.
convert-and-save = Make it a Diagram flow and save
undo = Undo (Ctrl+Z)
redo = Redo (Shift+Ctrl+Z)
properties = Properties
step-json = The step as JSON
apply = Apply

## Code editor, versions and conflicts

versions = Versions
version-note = Note for this version (optional)
# $first-error: the first of the errors, as the editor writes it.
save-blocked = Not saved: { $count ->
        [one] { $count } error
       *[other] { $count } errors
    } to fix first. { $first-error }
no-versions = No earlier versions yet: every save that changes the schema keeps the one before it.
version-number = Version { $version }
saved-by = { $who }, { $when }
# Who saved a version, when the server does not say.
someone = someone
current-text = Current text (as typed)
restore-version = Restore this version
restore-needs-saved = Save or discard your changes first: restoring saves the version as the flow's new content
restored-note = Restored version { $version }
unchanged-lines = { $count ->
        [one] { $count } unchanged line
       *[other] { $count } unchanged lines
    }
no-differences = No differences from the current text
lines-changed = −{ $removed } +{ $added } lines
load-more = Load more
conflict-title = Someone else saved this flow
conflict-text = { $who } saved it at { $when }, after you opened it. Your changes are not saved yet: choose what to keep.
reload-theirs = Reload theirs
overwrite-with-mine = Overwrite with mine
copy-mine = Copy mine
copied = Your schema is on the clipboard
cannot-copy = Could not copy to the clipboard: { $reason }
fullscreen = Full screen
exit-fullscreen = Exit full screen (Esc)
editor-unavailable = The code editor could not load: editing as plain text.
choose-version = Choose a version to compare it with the current text.
current-version = Version { $version } (current)
form = Form
arrange = Arrange
to-start = To start
find-in-flow = Find a step, app or text
find-next = Next match (Enter)
find-previous = Previous match (Shift+Enter)
# $current: the match selected (0 when none is), of $total matches.
match-count = { $total ->
        [0] no matches
       *[other] { $current } of { $total }
    }
cannot-paste = Nothing pasted: { $reason }
save-with-errors = Save with errors?
has-errors = { $count ->
        [one] The flow has { $count } error: it will not run as drawn until it is fixed.
       *[other] The flow has { $count } errors: it will not run as drawn until they are fixed.
    }
save-anyway = Save anyway
save-as = Save as
# The name a copy of a flow gets.
copy-name = { $name } (copy)
links = Links
next-step = next
not-linked = — not linked
add-note = Add a note
note = Note
group = Group
note-on-canvas = Note: { $text }
group-steps = Group the selected steps (Ctrl+G)
ungroup = Ungroup
collapse = Collapse
expand = Expand
select-steps = Select its steps
group-name = Group name
new-group-name = Group { $number }
# $state: collapsed or expanded.
group-on-canvas = Group { $label }: { $steps ->
        [one] { $steps } step
       *[other] { $steps } steps
    }{ $state ->
        [collapsed] , collapsed
       *[expanded] {""}
    }
zoom-to-selection = Zoom to selection (F)
add-item = Add
remove-item = Remove
zoom-in = Zoom in (+)
zoom-out = Zoom out (−)
flow-settings = Flow settings
done = Done
copy-schema = Copy
new-entry-name = New name
linked-on-canvas = linked on the canvas
