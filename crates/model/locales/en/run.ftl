## Run panel
run-title = Run
run-start = Run
run-continue = Continue
run-step = Step
run-pause = Pause
run-restart = Restart
run-stop = Stop
run-close = Close the Run panel
run-tab = Conversation
run-mocks-tab = Mocks
run-tests-tab = Tests ({ $count })
run-toggle-breakpoint = Breakpoint
run-not-started = Not started: Run plays the flow as it is in the editor, saved or not
run-running = Running… { $steps ->
        [one] { $steps } step
       *[other] { $steps } steps
    }
run-paused = Paused after { $steps ->
        [one] { $steps } step
       *[other] { $steps } steps
    }
run-at-breakpoint = Stopped at a breakpoint after { $steps ->
        [one] { $steps } step
       *[other] { $steps } steps
    }
run-waiting = Waiting for the caller after { $steps ->
        [one] { $steps } step
       *[other] { $steps } steps
    }
run-waiting-for-pick = Waiting for your pick after { $steps ->
        [one] { $steps } step
       *[other] { $steps } steps
    }
# $reason: end, break, hangup or budget.
run-ended = { $reason ->
        [end] The flow ended
        [break] A break step ended the flow
        [hangup] Hung up
       *[budget] Stopped: { $detail }
    } after { $steps ->
        [one] { $steps } step
       *[other] { $steps } steps
    }
run-failed = Cannot run: { $reason }
run-mocks-refused = A mock is not valid: see the field marked in Mocks
run-plays = Plays
run-says = Says
run-reported = Reports
run-no-answer = No answer (timeout)
run-hang-up = Hang up
run-close-chat = Close the chat
run-keypad = Keypad
run-send = Send
run-say-something = What the caller says
run-reply-placeholder = Reply, or a command such as /start
run-waits-for-keys = Press { $min }–{ $max } keys (try { $attempt } of { $tries }), # ends them
run-waits-for-reply = Waiting for a reply
run-waits-for-speech = Waiting for the caller to speak
run-waits-for-outcome = { $app } waits for you: what did it do?
run-outcome-values = The variables it writes, one per line: name=value
run-succeeds = It succeeds
run-fails = It fails
run-outcome-error = Error, if it fails
run-remember-outcome = Keep as this app's default
run-ask-apps = Ask me what outside apps do
run-ask-apps-hint = Member info, user info, queue agents and other apps the simulator cannot play out wait for your pick, unless "apps" below records what they do. Unticked, they succeed and write nothing.
run-steps = Steps
run-earlier-steps-hidden = { $count ->
        [one] { $count } earlier step is not shown
       *[other] { $count } earlier steps are not shown
    }
run-earlier-changes-hidden = { $count ->
        [one] { $count } earlier change is not shown
       *[other] { $count } earlier changes are not shown
    }
run-time = Time
run-app = Step
run-arguments = Arguments
run-outcome = Outcome
run-dropped = The runtime skips { $path }: { $reason }
run-variables = Variables
run-history = History
run-caller-number = Caller's number
run-dialled-number = Number dialled
run-channel-variables = Channel variables at the start
run-globals = Globals ($${"{"}name{"}"})
run-http-answers = HTTP answers
run-calendars = Calendars
run-more-mocks = Lists, cache, queue, bridge, other apps (JSON)
run-pair-hint = One per line: name=value
run-http-hint = One per line: METHOD URL=STATUS BODY (* matches anything), or URL=timeout, URL=error
run-calendar-hint = One per line: calendar=open, closed, expired or exception
run-more-hint = queue: how the caller waits and leaves; bridge: whether the call is answered
run-expected-pair = name=value
run-expected-http = METHOD URL=STATUS BODY, such as GET https://api/*=200 {"{"}"ok": true{"}"}
run-expected-calendar = calendar=open, closed, expired or exception
run-wrong-line = Line { $line }: expected { $expected }
run-wrong-json = Not valid here: { $reason }
run-save-as-test = Save as test
run-run-first = Run the flow to its end (or to a prompt) to save the run as a test.
run-test-name = Test name
run-default-test-name = Test { $number }
run-expect-steps = Expect the same steps
run-expect-variables = Expect these variables' values
run-no-tests = No saved tests yet. A test keeps a run's mocks, the caller's inputs and how it ended, with the flow.
run-all-tests = Run all
run-test = Run
run-passed = Passed
run-failed-with = Failed: { $difference }
run-not-a-test = Not a test case: { $reason }
