# What the diagram calls its own nodes.

node-start = Start
node-invalid-step = Invalid step
step-untagged = { $app }
step-tagged = { $app } ({ $tag })
group-step-count = { $count ->
    [one] { $count } step
   *[other] { $count } steps
}
step-invalid = an invalid step

## Flow types, as the problems name them

flow-type-default = No type
flow-type-voice = Voice
flow-type-chat = Chat
flow-type-processing = Forms
flow-type-service = Service

## What kind of JSON value a value is, and what a field expects

json-null = null
json-boolean = a boolean
json-number = a number
json-string = a string
json-array = an array
json-object = an object
expected-text = text
expected-boolean = true or false
expected-list = a list
expected-one-of = one of { $choices }

## How a value does not fit its field

shape-converted = should be { $expected }, got { $got } (the runtime converts it)
shape-refused = must be { $expected }, got { $got }
shape-not-a-choice = is "{ $value }", not one of { $choices }

## The jumps a problem speaks of, and why a step is never reached

jump-goto = goto
jump-limit-failover = limit failover
why-break = stops the flow (break)
why-goto = jumps away (goto)

## The problems of a diagram ($app is an app's label; $step a step as named above)

problem-start-not-connected = Start is not connected: the flow does nothing
problem-never-reached = { $step } is never reached
problem-never-reached-after = { $step } is never reached: the step before it { $why }
problem-invalid-step = not a valid step: a step is an object with exactly one app key
problem-duplicate-tag = tag "{ $tag }" is already used by { $step }
problem-unknown-app = unknown app "{ $app }": kept as it is; the runtime skips it
problem-not-offered = { $app } is not offered for { $type } flows
problem-required = { $app }: { $field } is required
problem-field-shape = { $app }: { $field } { $shape }
problem-argument-not-object = { $app }: the argument must be an object, got { $got }
problem-argument-shape = { $app }: the argument { $shape }
problem-branch-not-connected = { $app }: nothing is connected to { $branch }
problem-cross-scope-jump = { $from } jumps to { $to }, which is inside another function, trigger or hook: a goto cannot reach it
problem-goto-not-text = goto needs a tag name as text, got { $got }
problem-jump-out-of-reach = { $jump } "{ $tag }" leads to no step in reach: that tag is inside another function, trigger or hook
problem-unknown-tag = { $jump } "{ $tag }" leads nowhere: no step has that tag (was it deleted?)
problem-endless-loop = { $count } steps loop forever: nothing in the loop branches, stops or has a limit

## A flow's text that cannot be checked as a flow

diagnostic-invalid-json = invalid JSON: { $reason }
diagnostic-too-deep = nested deeper than { $limit } levels
diagnostic-schema-not-array = schema: must be a JSON array of steps, got { $got }
diagnostic-no-schema = not a flow: an object without "schema"
diagnostic-not-a-flow = not a flow: expected a schema array or a flow object, got { $got }
diagnostic-unreadable = { $reason }
schema-not-an-array = a flow schema is a JSON array of steps, got { $got }
schema-too-deep = the schema nests deeper than { $limit } levels of arrays and objects
