# The flow-language catalog: palette groups, apps and the help of their fields.
# Made from crates/model/src/catalog by `cargo xtask locales`; do not edit by hand.
# Translations keep every id; code names (app keys, field keys, `${variables}`) stay
# as written.

## Palette groups

group-flow-control = Flow control
group-logic-variables = Logic & variables
group-call-control = Call control
group-media = Media
group-queues-routing = Queues & routing
group-messaging = Messaging
group-forms = Forms
group-integrations = Integrations
group-dialer-service = Dialer/service

## Apps: the label, and what the app does

app-if = If
    .help = Runs `then` when the JavaScript expression is true, `else` otherwise, then continues after the block.
app-switch = Switch
    .help = Runs the case whose key equals the variable exactly; `default` when none does.
app-while = While
    .help = Runs `do`, then repeats while the condition holds (at most maxSteps times).
app-function = Function
    .help = Defines a function that `execute` calls; it does not run where it stands.
app-execute = Execute function
    .help = Calls a function defined in this flow.
app-goto = Go to
    .help = Jumps to the step with this tag in the same scope.
app-schema = Run flow
    .help = Runs another stored flow.
app-list = In list
    .help = Runs `actions` when the number is in the list.
app-trigger = Trigger
    .help = Handlers: `disconnected` after hang-up, `commands` for chat commands.
app-set = Set variables
    .help = Sets session variables: {"{"}name: value{"}"}.
app-unSet = Unset variables
    .help = Clears the listed session variables.
app-export = Export variables
    .help = Makes the listed variables visible outside the flow (call record, agent).
app-log = Log
    .help = Writes the text to the flow log.
app-js = JavaScript
    .help = Runs a JavaScript function body and stores what it returns.
app-math = Math
    .help = Applies a Math function (random by default) to the data and stores the result.
app-string = String
    .help = Applies a string function to the data and stores the result.
app-calendar = Calendar
    .help = Stores whether the calendar is open now.
app-timezone = Time zone
    .help = Sets the time zone the flow's dates use.
app-softSleep = Soft sleep
    .help = Waits this many milliseconds without touching the call or chat.
app-classifier = Classifier
    .help = Stores the cluster whose phrases match the input.
app-cache = Cache
    .help = Stores, reads or deletes values in a shared cache.
app-global = Global variables
    .help = Sets domain-global variables ($${"{"}name{"}"}): {"{"}name: {"{"}value, encrypt{"}"}{"}"}.
app-ringReady = Ring ready
    .help = Tells the caller the call is ringing (180).
app-preAnswer = Pre-answer
    .help = Opens early media before answering (183).
app-answer = Answer
    .help = Answers the call.
app-hangup = Hang up
    .help = Ends the call with this cause, e.g. USER_BUSY (empty: normal clearing).
app-sipRedirect = SIP redirect
    .help = Redirects the call (302) to the listed SIP addresses.
app-updateCid = Update caller id
    .help = Changes the caller id name and number shown.
app-park = Park
    .help = Parks the call in a slot of the named lot.
app-conference = Conference
    .help = Joins the call to a conference room.
app-bridge = Bridge
    .help = Connects to users or gateways; `bridged` runs once connected.
app-setGrantee = Set grantee
    .help = Sets the role whose rights the call's recordings get.
app-markIVR = Mark IVR
    .help = Records an IVR menu choice on the call for reports.
app-scheduleHangup = Schedule hang-up
    .help = Hangs up the call after this many seconds.
app-sleep = Sleep
    .help = Pauses the call for this many milliseconds.
app-playback = Playback
    .help = Plays files; can collect digits or speech.
app-tts = Text to speech
    .help = Speaks the text; can collect digits or speech.
app-say = Say
    .help = Says a number, date or text with the built-in voice prompts.
app-ringback = Ringback
    .help = Sets the sounds the caller hears while ringing, on hold and on transfer.
app-setSounds = Set sounds
    .help = Sets the language and voice of built-in prompts.
app-recordFile = Record file
    .help = Records what the caller says into a file (e.g. voicemail).
app-recordSession = Record session
    .help = Starts or stops recording the whole call.
app-inBandDTMF = In-band DTMF
    .help = Starts or stops detecting DTMF tones in the audio.
app-flushDtmf = Flush DTMF
    .help = Discards digits pressed so far.
app-echo = Echo
    .help = Plays the caller's audio back to them (a line test).
app-backgroundPlayback = Background playback
    .help = Plays a file under the call's audio until stopped.
app-joinQueue = Join queue
    .help = Puts the call or chat into a queue; hooks run while it waits, is offered, bridged, reported or missed.
app-joinAgent = Join agent
    .help = Offers the call straight to one agent; `bridged` runs once connected.
app-cancelQueue = Cancel queue
    .help = Takes the call or chat out of its queue.
app-callbackQueue = Callback queue
    .help = Adds a member to a callback queue, to be called back later.
app-getQueueAgents = Queue agents
    .help = Stores the agents of a queue and their states.
app-userInfo = User info
    .help = Stores fields of a user (agent status, name, …).
app-memberInfo = Member info
    .help = Stores fields of a queue member.
app-patchMembers = Update members
    .help = Changes the queue members that match the search.
app-listAdd = Add to list
    .help = Adds a number to a list (e.g. a block list).
app-sendText = Send text
    .help = Sends a text message.
app-sendMessage = Send message
    .help = Sends a text or file message, optionally with buttons.
app-menu = Menu
    .help = Sends a message with buttons.
app-recvMessage = Receive message
    .help = Waits for the client's next message and stores it.
app-sendFile = Send file
    .help = Sends a stored file or a link to one.
app-sendImage = Send image
    .help = Sends an image by link.
app-sendTts = Send voice message
    .help = Speaks the text and sends it as a voice message.
app-stt = Speech to text
    .help = Transcribes a voice message and stores the text.
app-sendAction = Send action
    .help = Shows or hides the typing indicator.
app-chatHistory = Chat history
    .help = Stores the conversation's messages as text.
app-broadcastChatMessage = Broadcast message
    .help = Sends a message to chat peers outside this conversation.
app-formComponent = Form component
    .help = Declares an input or display component of the agent's form.
app-formFile = Form files
    .help = Declares a file list component of the agent's form.
app-formTable = Form table
    .help = Declares a table component; each named output runs its steps when its action is used.
app-generateForm = Generate form
    .help = Shows the agent a form made of components, with action buttons.
app-httpRequest = HTTP request
    .help = Calls a web service and stores parts of the answer.
app-sendEmail = Send email
    .help = Sends an email through a mail profile or SMTP server.
app-getEmail = Get email
    .help = Stores fields of a received email.
app-notification = Notification
    .help = Shows a notification to Webitel users.
app-openLink = Open link
    .help = Opens a link in a user's Webitel workspace.
app-generateLink = Generate link
    .help = Stores a public link to a file (default: this call's recording).
app-monoPay = Monobank payment
    .help = Creates, checks or cancels a monobank invoice.
app-chatAi = Chat AI
    .help = Asks an AI model to answer the conversation and stores the answer.
app-gemini = Gemini bot
    .help = Hands the call or chat to a Gemini bot; functions and timeouts run their own steps.
app-openai = OpenAI bot
    .help = Hands the call or chat to an OpenAI realtime bot; functions and timeouts run their own steps.
app-cascadeVoice = Voice bot pipeline
    .help = Hands the call to a speech-to-text, LLM and text-to-speech pipeline; functions run their own steps.
app-attemptResult = Attempt result
    .help = Sets the result of the dialer attempt being processed.
app-resumeAttempt = Resume attempt
    .help = Resumes a paused dialer attempt (default: this one).
app-makeCall = Make call
    .help = Starts an outbound call from a user to a destination.
app-confirm = Confirm
    .help = Lets the dialer make the attempt, optionally with another caller id or number.
app-cancel = Cancel
    .help = Cancels the dialer attempt before it is made.
app-success = Success
    .help = Ends the dialer attempt as a success.
app-abandoned = Abandoned
    .help = Ends the dialer attempt as abandoned, maybe to be retried.
app-retry = Retry
    .help = Retries the dialer attempt, maybe through another resource.

## The help of fields and step settings

# if.expression
help-a-javascript-expression-e-g-count-3 = A JavaScript expression, e.g. ${"{"}count{"}"} > 3
# if.then
help-steps-when-true = Steps when true
# if.else
help-steps-when-false = Steps when false
# switch.variable
help-the-value-to-match-e-g-digits = The value to match, e.g. ${"{"}digits{"}"}
# switch.case
help-steps-per-case-key-default-is-the-fallback = Steps per case key; `default` is the fallback
# while.condition
help-a-javascript-expression = A JavaScript expression
# while.do
help-steps-to-repeat = Steps to repeat
# while.maxSteps
help-upper-bound-of-iterations-as-text = Upper bound of iterations, as text
# function.name
help-the-function-s-name = The function's name
# function.actions
help-the-function-s-steps = The function's steps
# execute.name
help-the-function-to-call = The function to call
# execute.async, schema.async
help-run-without-waiting-for-it = Run without waiting for it
# schema.id
help-the-flow-s-id = The flow's id
# schema.name
help-the-flow-s-name-for-display = The flow's name (for display)
# list.list, listAdd.list
help-the-list = The list
# list.destination
help-the-number-to-look-up = The number to look up
# list.actions
help-steps-when-the-number-is-listed = Steps when the number is listed
# trigger.disconnected
help-steps-after-the-other-side-hangs-up = Steps after the other side hangs up
# trigger.commands
help-steps-per-chat-command-e-g-start = Steps per chat command, e.g. /start
# js.data
help-a-function-body-e-g-return-a-1 = A function body, e.g. return ${"{"}a{"}"} + 1;
# js.setVar, math.setVar, string.setVar, calendar.setVar
help-variable-for-the-result = Variable for the result
# math.fn
help-random-or-a-math-function-round-floor-max = random or a Math function: round, floor, max, …
# math.data
help-the-arguments-e-g-a-list-to-pick-a0d963 = The arguments, e.g. a list to pick from
# string.fn
help-slice-replace-length-base64-md5-sha-256-reverse = slice, replace, length, base64, MD5, SHA-256, reverse, …
# string.data
help-the-input-text = The input text
# string.args
help-the-function-s-arguments = The function's arguments
# calendar.name
help-the-calendar-s-name = The calendar's name
# calendar.id
help-the-calendar-s-id = The calendar's id
# calendar.extended
help-store-details-not-just-true-false = Store details, not just true/false
# timezone.name
help-zone-name-e-g-europe-kyiv = Zone name, e.g. Europe/Kyiv
# timezone.id
help-zone-id = Zone id
# classifier.cluster
help-phrases-per-cluster-name = Phrases per cluster name
# classifier.input
help-the-text-to-classify = The text to classify
# classifier.set
help-variable-for-the-cluster-name = Variable for the cluster name
# classifier.matchType
help-whole-or-partial-match = Whole or partial match
# classifier.phraseSearch
help-match-phrases-not-single-words = Match phrases, not single words
# cache.action, monoPay.invoice.action
help-what-to-do = What to do
# cache.type
help-cache-kind = Cache kind
# cache.set.data
help-values-per-key = Values per key
# cache.set.ttl
help-how-long-to-keep-them = How long to keep them
# cache.set
help-values-to-store = Values to store
# cache.get
help-variables-to-fill-variable-key = Variables to fill: {"{"}variable: key{"}"}
# cache.delete.keys, cache.delete
help-keys-to-delete = Keys to delete
# global.value
help-the-value = The value
# global.encrypt
help-store-encrypted = Store encrypted
# updateCid.name
help-caller-id-name = Caller id name
# updateCid.number
help-caller-id-number = Caller id number
# updateCid.destination
help-destination = Destination
# park.name
help-parking-lot-name = Parking lot name
# park.lot
help-slot-range-e-g-1000-1010 = Slot range, e.g. 1000-1010
# park.auto
help-park-in-or-pick-up = Park in or pick up
# conference.name
help-room-name = Room name
# conference.profile
help-conference-profile = Conference profile
# conference.pin
help-pin = PIN
# conference.tags
help-member-flags = Member flags
# bridge.strategy
help-try-endpoints-one-by-one-or-all-at-dd077f = Try endpoints one by one or all at once
# bridge.endpoints.type
help-endpoint-kind = Endpoint kind
# bridge.endpoints.id, makeCall.from.id, makeCall.to.id
help-id = Id
# bridge.endpoints.extension, userInfo.user.extension, makeCall.from.extension, makeCall.to.extension
help-extension = Extension
# bridge.endpoints.name
help-name = Name
# bridge.endpoints.gateway
help-gateway = Gateway
# bridge.endpoints.dialString
help-number-to-dial-through-the-gateway = Number to dial through the gateway
# bridge.endpoints.displayName
help-caller-name-shown = Caller name shown
# bridge.endpoints.idle
help-only-a-user-who-is-not-busy = Only a user who is not busy
# bridge.endpoints.parameters
help-channel-variables-of-this-leg = Channel variables of this leg
# bridge.endpoints
help-where-to-connect = Where to connect
# bridge.codecs
help-allowed-codecs = Allowed codecs
# bridge.sendOnAnswer
help-dtmf-to-send-once-answered = DTMF to send once answered
# bridge.parameters
help-channel-variables-of-every-leg = Channel variables of every leg
# bridge.pickup
help-pickup-group = Pickup group
# bridge.userId
help-chat-the-user-to-connect = Chat: the user to connect
# bridge.timeout
help-chat-seconds-to-wait = Chat: seconds to wait
# bridge.bridged, joinAgent.bridged
help-steps-once-connected = Steps once connected
# markIVR.name
help-menu-name = Menu name
# markIVR.value
help-chosen-value = Chosen value
# scheduleHangup.seconds
help-seconds-from-now = Seconds from now
# scheduleHangup.cause
help-hang-up-cause = Hang-up cause
# playback.files
help-files-to-play-id-or-name-with-type = Files to play: {"{"}id{"}"} or {"{"}name{"}"}, with type
# playback.terminator
help-key-that-stops-playing = Key that stops playing
# playback.getDigits.setVar, tts.getDigits.setVar
help-variable-for-the-digits = Variable for the digits
# playback.getDigits.min, tts.getDigits.min
help-fewest-digits = Fewest digits
# playback.getDigits.max, tts.getDigits.max
help-most-digits = Most digits
# playback.getDigits.tries, tts.getDigits.tries
help-attempts = Attempts
# playback.getDigits.timeout, tts.getDigits.timeout, httpRequest.timeout
help-milliseconds-to-wait = Milliseconds to wait
# playback.getDigits.digitTimeout, tts.getDigits.digitTimeout
help-milliseconds-to-wait-between-digits = Milliseconds to wait between digits
# playback.getDigits.regexp, tts.getDigits.regexp
help-pattern-the-digits-must-match = Pattern the digits must match
# playback.getDigits.terminators, tts.getDigits.terminators
help-keys-that-end-the-input-e-g = Keys that end the input, e.g. #
# playback.getDigits.flushDTMF, tts.getDigits.flushDTMF
help-discard-digits-pressed-before = Discard digits pressed before
# playback.getDigits, tts.getDigits
help-collect-dtmf-digits = Collect DTMF digits
# playback.getSpeech, tts.getSpeech
help-collect-speech-speech-to-text-settings = Collect speech (speech-to-text settings)
# tts.text, sendTts.message
help-what-to-say = What to say
# tts.profile
help-tts-profile = TTS profile
# tts.language
help-language-e-g-en-us = Language, e.g. en-US
# tts.voice
help-voice-name = Voice name
# tts.textType, sendTts.textType
help-text-or-ssml = text or ssml
# tts.terminator
help-key-that-stops-speaking = Key that stops speaking
# ringback.call
help-file-while-ringing = File while ringing
# ringback.hold
help-file-on-hold = File on hold
# ringback.transfer
help-file-on-transfer = File on transfer
# ringback.all
help-also-for-later-legs = Also for later legs
# setSounds.lang
help-language-e-g-en = Language, e.g. en
# setSounds.voice, sendTts.voice, gemini.voiceName, openai.voice
help-voice = Voice
# recordFile.name, recordSession.name, sendImage.name, sendTts.fileName
help-file-name = File name
# recordFile.type, recordSession.type
help-format-e-g-mp3 = Format, e.g. mp3
# recordFile.maxSec
help-longest-recording-in-seconds = Longest recording in seconds
# recordFile.terminators
help-keys-that-stop-recording = Keys that stop recording
# recordFile.silenceThresh
help-silence-level = Silence level
# recordFile.silenceHits
help-seconds-of-silence-that-stop-recording = Seconds of silence that stop recording
# recordFile.voiceMail
help-store-as-voicemail = Store as voicemail
# recordSession.action
help-start-or-stop = Start or stop
# recordSession.stereo
help-one-channel-per-side = One channel per side
# recordSession.minSec
help-shortest-recording-kept-in-seconds = Shortest recording kept, in seconds
# recordSession.bridged
help-only-once-bridged = Only once bridged
# recordSession.followTransfer
help-keep-recording-after-a-transfer = Keep recording after a transfer
# backgroundPlayback.file, sendFile.file, generateLink.file
help-the-file = The file
# backgroundPlayback.name
help-name-to-stop-it-later = Name, to stop it later
# backgroundPlayback.volumeReduction
help-decibels-quieter-than-the-call = Decibels quieter than the call
# joinQueue.queue, callbackQueue.queue, getQueueAgents.queue
help-the-queue = The queue
# joinQueue.priority
help-priority-in-the-queue = Priority in the queue
# joinQueue.bucket, callbackQueue.bucket, memberInfo.member.bucket, patchMembers.member.bucket
help-bucket = Bucket
# joinQueue.agent, callbackQueue.agent
help-preferred-agent = Preferred agent
# joinQueue.ringtone, joinAgent.ringtone
help-ringtone-file = Ringtone file
# joinQueue.name
help-caller-name = Caller name
# joinQueue.number
help-caller-number = Caller number
# joinQueue.stickyAgentId
help-agent-who-served-the-caller-before = Agent who served the caller before
# joinQueue.transferAfterBridge
help-flow-to-run-after-the-agent-hangs-up = Flow to run after the agent hangs up
# joinQueue.waiting
help-steps-while-waiting = Steps while waiting
# joinQueue.offering
help-steps-when-offered-to-an-agent = Steps when offered to an agent
# joinQueue.bridged
help-steps-when-connected-to-an-agent = Steps when connected to an agent
# joinQueue.reporting
help-steps-when-the-agent-reports = Steps when the agent reports
# joinQueue.missed
help-steps-when-the-agent-misses = Steps when the agent misses
# joinQueue.timers.interval
help-seconds-between-runs = Seconds between runs
# joinQueue.timers.tries
help-how-many-times = How many times
# joinQueue.timers.offset
help-seconds-before-the-first-run = Seconds before the first run
# joinQueue.timers.actions
help-steps-to-run = Steps to run
# joinQueue.timers
help-timed-actions-while-waiting = Timed actions while waiting
# joinAgent.agent
help-the-agent-id-or-extension = The agent: {"{"}id{"}"} or {"{"}extension{"}"}
# joinAgent.timeout
help-seconds-to-wait-for-the-agent = Seconds to wait for the agent
# joinAgent.queue_name
help-queue-name-shown-to-the-agent = Queue name shown to the agent
# joinAgent.cancel_distribute
help-stop-offering-the-agent-other-tasks = Stop offering the agent other tasks
# joinAgent.processing
help-after-call-processing-settings = After-call processing settings
# callbackQueue.queue_id
help-the-queue-s-id-older-form = The queue's id (older form)
# callbackQueue.name, memberInfo.member.name, patchMembers.member.name
help-member-name = Member name
# callbackQueue.communication.destination
help-number-or-address = Number or address
# callbackQueue.communication.type
help-communication-type = Communication type
# callbackQueue.communication.type_id
help-communication-type-id-older-form = Communication type id (older form)
# callbackQueue.communication.description, listAdd.description, attemptResult.description, abandoned.description
help-description = Description
# callbackQueue.communication.display
help-caller-id-to-show = Caller id to show
# callbackQueue.communication.priority, callbackQueue.priority
help-priority = Priority
# callbackQueue.communication.resource_id
help-resource-id = Resource id
# callbackQueue.communication
help-how-to-reach-the-member = How to reach the member
# callbackQueue.holdSec
help-seconds-before-the-first-attempt = Seconds before the first attempt
# callbackQueue.timezone
help-member-time-zone = Member time zone
# callbackQueue.expire_at, listAdd.expireAt, attemptResult.expiredAt
help-expiry-unix-milliseconds = Expiry, Unix milliseconds
# callbackQueue.variables, attemptResult.variables
help-member-variables = Member variables
# getQueueAgents.channel
help-channel-e-g-call-or-chat = Channel, e.g. call or chat
# getQueueAgents.set, userInfo.set, memberInfo.set, sendEmail.set, getEmail.set
help-variables-to-fill-variable-field-of-the-result = Variables to fill: {"{"}variable: field of the result{"}"}
# userInfo.user.id
help-user-id = User id
# userInfo.user.name
help-user-name = User name
# userInfo.user.agentId
help-agent-id = Agent id
# userInfo.user
help-which-user = Which user
# memberInfo.member.id, patchMembers.member.id
help-member-id = Member id
# memberInfo.member.destination, patchMembers.member.destination
help-communication-destination = Communication destination
# memberInfo.member.queues, patchMembers.member.queues
help-queues-to-search = Queues to search
# memberInfo.member.today, patchMembers.member.today
help-only-members-created-today = Only members created today
# memberInfo.member.completed, patchMembers.member.completed
help-completed-members = Completed members
# memberInfo.member, patchMembers.member
help-which-member = Which member
# patchMembers.patch.name
help-new-name = New name
# patchMembers.patch.priority
help-new-priority = New priority
# patchMembers.patch.bucket
help-new-bucket = New bucket
# patchMembers.patch.readyAt, attemptResult.readyAt
help-next-attempt-unix-milliseconds = Next attempt, Unix milliseconds
# patchMembers.patch.stopCause
help-stop-with-this-cause = Stop with this cause
# patchMembers.patch.variables
help-variables-to-set = Variables to set
# patchMembers.patch.communications
help-communications-to-change = Communications to change
# patchMembers.patch.queueId
help-move-to-this-queue = Move to this queue
# patchMembers.patch
help-what-to-change = What to change
# listAdd.destination
help-the-number = The number
# sendMessage.type
help-text-or-file = text or file
# sendMessage.text, menu.text, broadcastChatMessage.text
help-message-text = Message text
# sendMessage.file, broadcastChatMessage.file
help-file-to-send = File to send
# sendMessage.server
help-public-server-address-for-file-links = Public server address for file links
# sendMessage.buttons.caption, sendMessage.inline.caption, menu.buttons.caption, menu.inline.caption, broadcastChatMessage.buttons.caption
help-shown-on-the-button = Shown on the button
# sendMessage.buttons.text, sendMessage.inline.text, menu.buttons.text, menu.inline.text, broadcastChatMessage.buttons.text
help-sent-back-when-pressed = Sent back when pressed
# sendMessage.buttons.type, sendMessage.inline.type, menu.buttons.type, menu.inline.type, broadcastChatMessage.buttons.type
help-button-kind-e-g-reply-url-phone = Button kind, e.g. reply, url, phone
# sendMessage.buttons.url, sendMessage.inline.url, menu.buttons.url, menu.inline.url, broadcastChatMessage.buttons.url
help-link-to-open = Link to open
# sendMessage.buttons.code, sendMessage.inline.code, menu.buttons.code, menu.inline.code, broadcastChatMessage.buttons.code
help-code-sent-back-when-pressed = Code sent back when pressed
# sendMessage.buttons
help-keyboard-buttons = Keyboard buttons
# sendMessage.inline
help-inline-buttons = Inline buttons
# sendMessage.noInput, menu.noInput
help-hide-the-text-input = Hide the text input
# menu.type
help-keyboard-or-inline-buttons = Keyboard or inline buttons
# menu.buttons
help-rows-of-buttons = Rows of buttons
# menu.inline
help-rows-of-inline-buttons = Rows of inline buttons
# recvMessage.set
help-variable-for-the-message = Variable for the message
# recvMessage.timeout, chatHistory.timeout, chatAi.timeout
help-seconds-to-wait = Seconds to wait
# recvMessage.messageTimeout
help-seconds-to-wait-for-more-parts = Seconds to wait for more parts
# recvMessage.delimiter
help-joins-several-messages = Joins several messages
# sendFile.url
help-or-a-link = Or a link
# sendFile.text, sendImage.text
help-caption = Caption
# sendFile.source, generateLink.source
help-storage-source-e-g-media = Storage source, e.g. media
# sendFile.server, sendTts.server, generateLink.server
help-public-server-address = Public server address
# sendFile.expire
help-link-lifetime-in-seconds = Link lifetime in seconds
# sendImage.url
help-image-link = Image link
# sendTts.profileId
help-tts-profile-id = TTS profile id
# sendTts.language, stt.language, gemini.language, openai.language
help-language = Language
# stt.fileId
help-the-voice-message-s-file-id = The voice message's file id
# stt.profileId
help-stt-profile-id = STT profile id
# stt.setVar
help-variable-for-the-text = Variable for the text
# sendAction.action
help-the-action = The action
# chatHistory.variable
help-variable-for-the-history = Variable for the history
# chatHistory.conversationId
help-conversation-default-this-one = Conversation (default: this one)
# chatHistory.format
help-output-format = Output format
# chatHistory.limit
help-most-messages = Most messages
# broadcastChatMessage.profile
help-chat-gateway-profile = Chat gateway profile
# broadcastChatMessage.peer
help-receivers-ids-or-id-type-via = Receivers: ids or {"{"}id, type, via{"}"}
# broadcastChatMessage.type
help-message-type = Message type
# broadcastChatMessage.buttons
help-buttons = Buttons
# broadcastChatMessage.variables
help-variables-for-the-receivers = Variables for the receivers
# broadcastChatMessage.responseCode
help-variable-for-the-first-error = Variable for the first error
# broadcastChatMessage.failedReceivers
help-variable-for-the-failed-receivers = Variable for the failed receivers
# broadcastChatMessage.timeout
help-seconds-to-wait-for-delivery = Seconds to wait for delivery
# formComponent.id, formFile.id
help-component-id-also-the-variable-it-edits = Component id; also the variable it edits
# formComponent.view.component, formFile.view.component
help-component-kind = Component kind
# formComponent.view.label, formFile.view.label
help-label = Label
# formComponent.view.hint, formFile.view.hint
help-hint = Hint
# formComponent.view.initialValue
help-initial-value = Initial value
# formComponent.view.options.id
help-option-id = Option id
# formComponent.view.options.name
help-shown-text = Shown text
# formComponent.view.options.value
help-value = Value
# formComponent.view.options.initial
help-selected-at-first = Selected at first
# formComponent.view.options.final
help-final = Final
# formComponent.view.options
help-options-wt-select = Options (wt-select)
# formComponent.view.multiple
help-several-choices-wt-select = Several choices (wt-select)
# formComponent.view.currentTime
help-start-at-now-wt-datetimepicker = Start at now (wt-datetimepicker)
# formComponent.view.color
help-color-form-text = Color (form-text)
# formComponent.view.collapsible
help-collapsible-form-text = Collapsible (form-text)
# formComponent.view.enableCopying
help-copy-button-form-text = Copy button (form-text)
# formComponent.view.output
help-output-format-rich-text-editor = Output format (rich-text-editor)
# formComponent.view.height
help-height-form-i-frame = Height (form-i-frame)
# formComponent.view.variable
help-variable-form-select-from-object = Variable (form-select-from-object)
# formComponent.view.object
help-source-object-form-select-from-object = Source object (form-select-from-object)
# formComponent.view.serviceId
help-service-form-select-case-status = Service (form-select-case-status)
# formComponent.view.token
help-access-token-form-select-case-status = Access token (form-select-case-status)
# formComponent.view, formFile.view, generateForm.actions.view
help-how-it-looks = How it looks
# formFile.view.initialValue
help-files-shown-at-first = Files shown at first
# formFile.view.readonly
help-read-only = Read only
# formFile.view.collapsible
help-collapsible = Collapsible
# formFile.view.channel
help-file-channel = File channel
# formFile.view.entityId
help-owner-entity-id = Owner entity id
# formFile.view.uuid
help-owner-uuid = Owner uuid
# formTable.id
help-component-id = Component id
# formTable.view
help-table-settings-columns-source-actions = Table settings: columns, source, actions
# formTable.outputs
help-steps-per-action-name = Steps per action name
# generateForm.id
help-form-id = Form id
# generateForm.title
help-title = Title
# generateForm.body
help-component-ids-in-order = Component ids, in order
# generateForm.actions.id
help-button-id-stored-when-pressed = Button id, stored when pressed
# generateForm.actions.view.text
help-button-text = Button text
# generateForm.actions.view.color
help-button-color = Button color
# generateForm.actions
help-buttons-not-steps = Buttons (not steps)
# httpRequest.url
help-address-may-contain-variables = Address; may contain ${"{"}variables{"}"}
# httpRequest.method
help-get-post-put-patch-delete = GET, POST, PUT, PATCH, DELETE, …
# httpRequest.headers
help-request-headers = Request headers
# httpRequest.path
help-values-for-name-parts-of-the-address = Values for :name parts of the address
# httpRequest.data
help-request-body = Request body
# httpRequest.parser
help-how-to-read-the-answer-e-g-application-df76b0 = How to read the answer, e.g. application/json
# httpRequest.responseCode
help-variable-for-the-status-code = Variable for the status code
# httpRequest.exportVariables
help-variables-to-fill-variable-path-in-the-answer = Variables to fill: {"{"}variable: path in the answer{"}"}
# httpRequest.exportCookie
help-variable-for-the-cookie = Variable for the cookie
# httpRequest.cacheCookie
help-reuse-the-cookie = Reuse the cookie
# httpRequest.insecureSkipVerify
help-accept-any-tls-certificate = Accept any TLS certificate
# httpRequest.renegotiation
help-tls-renegotiation = TLS renegotiation
# sendEmail.to, notification.userIds
help-receivers = Receivers
# sendEmail.cc
help-copies = Copies
# sendEmail.from
help-sender = Sender
# sendEmail.subject
help-subject = Subject
# sendEmail.message
help-body = Body
# sendEmail.type
help-body-type-e-g-text-html = Body type, e.g. text/html
# sendEmail.profile
help-mail-profile = Mail profile
# sendEmail.smtp
help-smtp-server-settings = SMTP server settings
# sendEmail.replyToId
help-message-to-reply-to = Message to reply to
# sendEmail.attachment.files
help-files = Files
# sendEmail.attachment
help-attachments = Attachments
# sendEmail.store
help-keep-a-copy = Keep a copy
# sendEmail.contactIds
help-contacts-to-link = Contacts to link
# sendEmail.ownerId
help-owner-user-id = Owner user id
# sendEmail.retryCount
help-retries = Retries
# sendEmail.async
help-do-not-wait = Do not wait
# getEmail.email.id
help-email-id = Email id
# getEmail.email.messageId
help-message-id = Message id
# getEmail.email
help-which-email = Which email
# notification.message, openai.instructions.text
help-text = Text
# notification.type
help-kind-e-g-info = Kind, e.g. info
# notification.timeout
help-seconds-shown = Seconds shown
# openLink.userId
help-the-user = The user
# openLink.url
help-the-link = The link
# openLink.message
help-text-shown = Text shown
# generateLink.set
help-variable-for-the-link = Variable for the link
# generateLink.expire
help-lifetime-in-seconds = Lifetime in seconds
# generateLink.query
help-extra-query-parameters = Extra query parameters
# monoPay.token
help-merchant-token = Merchant token
# monoPay.invoice.body
help-parameters-amount-ccy-invoiceid-setvar = Parameters: amount, ccy, invoiceId, setVar, …
# monoPay.invoice
help-the-request = The request
# chatAi.connection
help-ai-service-address = AI service address
# chatAi.model
help-model = Model
# chatAi.categories
help-categories-to-detect = Categories to detect
# chatAi.variables
help-variables-for-the-prompt = Variables for the prompt
# chatAi.historyLength
help-recent-messages-sent-default-10 = Recent messages sent (default 10)
# chatAi.response
help-variable-for-the-answer = Variable for the answer
# chatAi.definedCategories
help-variable-for-the-categories-found = Variable for the categories found
# gemini.profile, openai.profile, cascadeVoice.profile
help-the-ai-bot-profile = The AI bot profile
# gemini.model, openai.model
help-model-name = Model name
# gemini.systemInstruction
help-system-instruction-parts-text = System instruction: {"{"}parts: [{"{"}text{"}"}]{"}"}
# gemini.prompt
help-prompt = Prompt
# gemini.temperature, openai.temperature
help-sampling-temperature = Sampling temperature
# gemini.mediaResolution
help-media-resolution = Media resolution
# gemini.vad
help-voice-activity-detection = Voice activity detection
# gemini.sessionResumption
help-session-resumption = Session resumption
# gemini.startMessage, openai.startMessage, cascadeVoice.startMessage
help-the-bot-s-first-message = The bot's first message
# gemini.transcribeVar, openai.transcribeVar, cascadeVoice.transcribeVar
help-variable-for-the-transcript = Variable for the transcript
# gemini.variables, openai.variables, cascadeVoice.variables
help-variables-passed-to-the-bot = Variables passed to the bot
# gemini.functions.name, openai.functions.name, cascadeVoice.functions.name
help-the-name-the-model-calls = The name the model calls
# gemini.functions.description, openai.functions.description, cascadeVoice.functions.description
help-what-the-function-does-for-the-model = What the function does, for the model
# gemini.functions.parameters, openai.functions.parameters, cascadeVoice.functions.parameters
help-json-schema-of-the-arguments = JSON schema of the arguments
# gemini.functions.behavior, openai.functions.behavior, cascadeVoice.functions.behavior
help-how-the-bot-waits-for-the-result = How the bot waits for the result
# gemini.functions.idempotent, openai.functions.idempotent, cascadeVoice.functions.idempotent
help-safe-to-call-again = Safe to call again
# gemini.functions.timeoutMs, openai.functions.timeoutMs, cascadeVoice.functions.timeoutMs
help-milliseconds-to-wait-for-the-result = Milliseconds to wait for the result
# gemini.functions.actions, openai.functions.actions, cascadeVoice.functions.actions
help-steps-when-the-model-calls-it = Steps when the model calls it
# gemini.functions, openai.functions, cascadeVoice.functions
help-functions-the-model-may-call = Functions the model may call
# gemini.timeout.sec, openai.timeout.sec
help-seconds-of-silence = Seconds of silence
# gemini.timeout.actions, openai.timeout.actions
help-steps-when-it-fires = Steps when it fires
# gemini.timeout, openai.timeout
help-steps-per-timeout-event = Steps per timeout event
# openai.instructions
help-instructions = Instructions
# openai.toolChoice
help-tool-choice = Tool choice
# openai.maxResponseOutputTokens
help-longest-answer-in-tokens = Longest answer in tokens
# openai.turnDetection
help-turn-detection = Turn detection
# openai.inputAudioTranscription
help-input-transcription = Input transcription
# openai.inputAudioNoiseReduction
help-noise-reduction = Noise reduction
# cascadeVoice.stt
help-speech-to-text-id-language-punctuation = Speech to text: {"{"}id, language, punctuation{"}"}
# cascadeVoice.llm
help-language-model-id-model = Language model: {"{"}id, model{"}"}
# cascadeVoice.tts
help-text-to-speech-id-voice-speed = Text to speech: {"{"}id, voice, speed{"}"}
# cascadeVoice.system
help-system-prompt = System prompt
# attemptResult.status
help-result-status-e-g-success = Result status, e.g. success
# attemptResult.stickyDisplay, abandoned.display
help-keep-the-caller-id = Keep the caller id
# attemptResult.agentId, abandoned.agentId
help-next-attempt-s-agent = Next attempt's agent
# attemptResult.redial, abandoned.redial
help-call-again = Call again
# attemptResult.excludeCurrentCommunication, cancel.excludeCurrentCommunication, abandoned.excludeCurrentCommunication
help-do-not-use-this-number-again = Do not use this number again
# attemptResult.waitBetweenRetries, abandoned.waitBetweenRetries
help-seconds-between-retries = Seconds between retries
# attemptResult.addCommunications
help-numbers-to-add = Numbers to add
# resumeAttempt.id
help-attempt-id = Attempt id
# makeCall.from.type, makeCall.to.type
help-endpoint-kind-e-g-user = Endpoint kind, e.g. user
# makeCall.from.appId, makeCall.to.appId
help-application-id = Application id
# makeCall.from
help-who-calls = Who calls
# makeCall.destination, confirm.destination
help-number-to-call = Number to call
# makeCall.to
help-callee-endpoint = Callee endpoint
# makeCall.params.timeout
help-seconds-to-ring = Seconds to ring
# makeCall.params.display, confirm.display
help-caller-id = Caller id
# makeCall.params.variables
help-call-variables = Call variables
# makeCall.params.audio
help-audio = Audio
# makeCall.params.video
help-video = Video
# makeCall.params.screen
help-screen-sharing = Screen sharing
# makeCall.params.record
help-record = Record
# makeCall.params.hideNumber
help-hide-the-number = Hide the number
# makeCall.params.disableAutoAnswer
help-no-auto-answer = No auto-answer
# makeCall.params.disableStun
help-no-stun = No STUN
# makeCall.params.cancelDistribute
help-stop-offering-other-tasks = Stop offering other tasks
# makeCall.params.isOnline
help-only-if-online = Only if online
# makeCall.params.contactId
help-contact = Contact
# makeCall.params
help-call-options = Call options
# makeCall.setVar
help-variable-for-the-call-id = Variable for the call id
# confirm.export, cancel.export, success.export, abandoned.export, retry.export
help-variables-to-pass-back-to-the-dialer = Variables to pass back to the dialer
# cancel.description
help-reason = Reason
# cancel.stop
help-stop-the-member = Stop the member
# cancel.waitBetweenRetries
help-seconds-before-the-next-attempt = Seconds before the next attempt
# cancel.minOfferingAt
help-earliest-next-attempt-unix-milliseconds = Earliest next attempt, Unix milliseconds
# abandoned.status
help-result-status = Result status
# abandoned.maxAttempts
help-most-attempts = Most attempts
# retry.nextResource
help-use-the-next-resource = Use the next resource
# retry.sleep
help-seconds-before-retrying = Seconds before retrying
# retry.resource
help-resource-to-use = Resource to use
# setting tag
help-a-label-gotos-jump-to-unique-in-its-6c25a4 = A label gotos jump to (unique in its scope)
# setting break
help-stop-the-flow-after-this-step = Stop the flow after this step
# setting limit
help-run-this-step-at-most-this-many-times-752286 = Run this step at most this many times; then its failover (drawn as an edge)
# setting description
help-a-note-for-people-reading-the-flow = A note for people reading the flow
