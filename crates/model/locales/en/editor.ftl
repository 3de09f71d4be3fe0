# The code editor's completions and hovers: what a value's kind is, and the keys every step
# may have.

assist-not-offered = not offered for { $type } flows
assist-required = { $kind }, required
assist-argument = Argument: { $kind }
assist-step = step
assist-tag = tag

## Kinds of values

kind-text = text
kind-expression = expression
kind-variable = variable name
kind-number = number
kind-numeric-text = number as text
kind-boolean = true or false
kind-object = object
kind-list = list of { $item }
kind-map = map of { $item }
kind-reference = {"{"}id{"}"} or {"{"}name{"}"}
kind-steps = steps
kind-json = any JSON
kind-empty = empty

## The keys every step may have

assist-step-tag = A label for goto to jump to (unique in its scope).
assist-step-break = Stop the flow after this step.
assist-step-limit = Run this step at most `max` times; then go to the `failover` tag.
assist-step-trace = Log this step's execution.
assist-step-async = Run without waiting for the step to finish.
assist-step-description = A note for people reading the flow.
assist-step-id = The diagram node this step belongs to.

## A reference's and a limit's keys

assist-reference-id = The referenced object's id
assist-reference-name = The referenced object's name
assist-limit-max = How many times the step may run
assist-limit-failover = Where to go once the limit is reached
