# Why a value typed in a step's properties form, or an edit of the diagram, is refused
# (`catalog/form.rs`, the diagram editor's `editing/`). App keys, field keys and paths such
# as `case.1` or `files[0]` go in as written.

## The properties form: why a typed value is not taken

# $line and $column are 1-based; $message is the JSON parser's own words, in English.
form-invalid-json = line { $line }, column { $column }: { $message }
form-required = required
# $typed is what was typed, in quotes.
form-not-a-number = { $typed } is not a number
# $choices lists the values allowed, comma-separated.
form-choose-one = choose one of { $choices }
# $expected is form-a-list or form-an-object; $got is a kind of JSON value (flow.ftl's json-…).
form-must-be = must be { $expected }, got { $got }
form-a-list = a list [...]
form-an-object = an object {"{"}...{"}"}
form-not-typed = added and removed, not typed
form-name-first = name the new entry first
# $name is the new entry's name, in quotes.
form-already-there = { $name } is already there
form-not-a-list = { $path } is not a list
form-gone = { $path } is not there any more
form-unknown-app = { $app } is not in the catalog
form-no-field = { $app } has no field { $path }
form-on-canvas = edited on the canvas
form-nothing-to-type = nothing to type
form-at-least-one = at least 1

## The diagram editor: why a link, a pasted text or a step's JSON is refused

editing-into-start = nothing can lead into Start
editing-port-gone = that port is not there any more
editing-branches-would-move = the items after it have linked branches: unlink those on the canvas first
editing-step-not-an-object = a step is a JSON object
editing-not-a-step = only steps have properties
editing-one-app-key = a step has exactly one app key
# $app is the step's app and $other the one typed, each in quotes.
editing-app-stays = the app stays { $app } here: add a { $other } step from the palette instead
# $path is where the branch is in the step's argument, as `then` or `case.1`.
editing-branches-on-canvas = { $path }: branches are drawn on the canvas; leave this array empty here
# $got is a kind of JSON value (flow.ftl's json-…).
editing-paste-not-steps = paste steps as JSON (a step or a list of steps), not { $got }
editing-nothing-to-paste = there are no steps to paste
editing-no-step-selected = no step is selected
