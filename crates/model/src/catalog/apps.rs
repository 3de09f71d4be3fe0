//! The apps, as data. Sources: `../shared/docs/flow-language.md` (names, palettes, the fields it
//! marks required) and Webitel's runtime, webitel/flow_manager (the argument structs each app
//! decodes, the step arrays it runs). Listed by palette group; within a group, palette order.

use super::Kind::*;
use super::Seg::{AnyIndex, AnyKey, Key};
use super::{AppSpec, Field, Group, Kind, Object as Refers, Offer, PortSpec, Scope};

const fn field(name: &'static str, kind: Kind, help: &'static str) -> Field {
    Field {
        name,
        kind,
        required: false,
        default: None,
        help,
        refers: None,
    }
}

const fn required(name: &'static str, kind: Kind, help: &'static str) -> Field {
    Field {
        name,
        kind,
        required: true,
        default: None,
        help,
        refers: None,
    }
}

const fn inline(path: &'static [super::Seg], label: &'static str) -> PortSpec {
    PortSpec {
        path,
        label,
        scope: Scope::Inline,
    }
}

const fn hook(path: &'static [super::Seg], label: &'static str) -> PortSpec {
    PortSpec {
        path,
        label,
        scope: Scope::Own,
    }
}

/// An app without output ports; apps with ports override `ports` (`AppSpec { ports, ..spec() }`).
const fn spec(
    name: &'static str,
    label: &'static str,
    group: Group,
    offered: Offer,
    help: &'static str,
    argument: Kind,
) -> AppSpec {
    AppSpec {
        name,
        label,
        group,
        offered,
        help,
        argument,
        ports: &[],
    }
}

const STEPS: Kind = Steps;
/// Free variables: `{name: value}`.
const VARIABLES: Kind = Map(&Text);
/// A list of names or texts.
const TEXTS: Kind = List(&Text);

const SET_VAR: Field = required("setVar", Variable, "Variable for the result");
/// `set {variable: field}`: which fields of the answer go to which variables.
const SET_FIELDS: Field = field(
    "set",
    VARIABLES,
    "Variables to fill: {variable: field of the result}",
);
/// Service apps hand these variables back to the dialer.
const EXPORT: Field = field("export", TEXTS, "Variables to pass back to the dialer");

const GET_DIGITS: Field = field(
    "getDigits",
    Object(&[
        field("setVar", Variable, "Variable for the digits"),
        field("min", Number, "Fewest digits"),
        field("max", Number, "Most digits"),
        field("tries", Number, "Attempts"),
        field("timeout", Number, "Milliseconds to wait"),
        field(
            "digitTimeout",
            Number,
            "Milliseconds to wait between digits",
        ),
        field("regexp", Text, "Pattern the digits must match"),
        field("terminators", Text, "Keys that end the input, e.g. #"),
        field("flushDTMF", Boolean, "Discard digits pressed before"),
    ]),
    "Collect DTMF digits",
);
const GET_SPEECH: Field = field(
    "getSpeech",
    Json,
    "Collect speech (speech-to-text settings)",
);

/// Chat buttons: rows of `{caption, text, type, url, code}`.
const BUTTONS: Kind = List(&List(&Object(&[
    field("caption", Text, "Shown on the button"),
    field("text", Text, "Sent back when pressed"),
    field("type", Text, "Button kind, e.g. reply, url, phone"),
    field("url", Text, "Link to open"),
    field("code", Text, "Code sent back when pressed"),
])));

/// A member search (memberInfo, patchMembers).
const MEMBER: Field = field(
    "member",
    Object(&[
        field("id", Number, "Member id"),
        field("name", Text, "Member name"),
        field("destination", Text, "Communication destination"),
        field("queues", List(&Reference), "Queues to search").refers(Refers::Queue),
        field("bucket", Reference, "Bucket"),
        field("today", Boolean, "Only members created today"),
        field("completed", Boolean, "Completed members"),
    ]),
    "Which member",
);

/// An endpoint of `makeCall`.
const CALL_ENDPOINT: Kind = Object(&[
    field("type", Text, "Endpoint kind, e.g. user"),
    field("id", Number, "Id"),
    field("extension", Text, "Extension"),
    field("appId", Text, "Application id"),
]);

/// The options of a form component (`wt-select`).
const OPTIONS: Kind = List(&Object(&[
    field("id", Number, "Option id"),
    field("name", Text, "Shown text"),
    field("value", Text, "Value"),
    field("initial", Boolean, "Selected at first"),
    field("final", Boolean, "Final"),
]));

// AI voice/chat bots (gemini, openai, cascadeVoice): each function and each timeout event
// runs its own step array when the bot calls it.
const BOT_PROFILE: Field =
    field("profile", Reference, "The AI bot profile").refers(Refers::ChatBot);
const BOT_FUNCTIONS: Field = field(
    "functions",
    List(&Object(&[
        required("name", Text, "The name the model calls"),
        field("description", Text, "What the function does, for the model"),
        field("parameters", Json, "JSON schema of the arguments"),
        field("behavior", Text, "How the bot waits for the result"),
        field("idempotent", Boolean, "Safe to call again"),
        field("timeoutMs", Number, "Milliseconds to wait for the result"),
        field("actions", STEPS, "Steps when the model calls it"),
    ])),
    "Functions the model may call",
);
const BOT_TIMEOUT: Field = field(
    "timeout",
    Map(&Object(&[
        field("sec", Number, "Seconds of silence"),
        field("actions", STEPS, "Steps when it fires"),
    ])),
    "Steps per timeout event",
);
const BOT_TRANSCRIBE: Field = field("transcribeVar", Variable, "Variable for the transcript");
const BOT_VARIABLES: Field = field("variables", VARIABLES, "Variables passed to the bot");
const BOT_START: Field = field("startMessage", Text, "The bot's first message");
const BOT_MODEL: Field = field("model", Text, "Model name");
const BOT_FUNCTION_PORT: PortSpec = hook(&[Key("functions"), AnyIndex, Key("actions")], "function");
const BOT_TIMEOUT_PORT: PortSpec = hook(&[Key("timeout"), AnyKey, Key("actions")], "timeout");

pub static APPS: &[AppSpec] = &[
    // Flow control.
    AppSpec {
        ports: &[inline(&[Key("then")], "then"), inline(&[Key("else")], "else")],
        ..spec(
            "if",
            "If",
            Group::FlowControl,
            Offer::ALL,
            "Runs `then` when the JavaScript expression is true, `else` otherwise, then continues after the block.",
            Object(&[
                required("expression", Expression, "A JavaScript expression, e.g. ${count} > 3"),
                field("then", STEPS, "Steps when true"),
                field("else", STEPS, "Steps when false"),
            ]),
        )
    },
    AppSpec {
        ports: &[inline(&[Key("case"), AnyKey], "case")],
        ..spec(
            "switch",
            "Switch",
            Group::FlowControl,
            Offer::ALL,
            "Runs the case whose key equals the variable exactly; `default` when none does.",
            Object(&[
                required("variable", Text, "The value to match, e.g. ${digits}"),
                required("case", Map(&STEPS), "Steps per case key; `default` is the fallback"),
            ]),
        )
    },
    AppSpec {
        ports: &[inline(&[Key("do")], "do")],
        ..spec(
            "while",
            "While",
            Group::FlowControl,
            Offer::ALL,
            "Runs `do`, then repeats while the condition holds (at most maxSteps times).",
            Object(&[
                required("condition", Expression, "A JavaScript expression"),
                field("do", STEPS, "Steps to repeat"),
                Field {
                    default: Some("\"1000\""),
                    ..field("maxSteps", NumericText, "Upper bound of iterations, as text")
                },
            ]),
        )
    },
    AppSpec {
        ports: &[hook(&[Key("actions")], "actions")],
        ..spec(
            "function",
            "Function",
            Group::FlowControl,
            Offer::ALL,
            "Defines a function that `execute` calls; it does not run where it stands.",
            Object(&[
                required("name", Text, "The function's name"),
                field("actions", STEPS, "The function's steps"),
            ]),
        )
    },
    spec(
        "execute",
        "Execute function",
        Group::FlowControl,
        Offer::ALL,
        "Calls a function defined in this flow.",
        Object(&[
            required("name", Text, "The function to call"),
            field("async", Boolean, "Run without waiting for it"),
        ]),
    ),
    spec(
        "goto",
        "Go to",
        Group::FlowControl,
        Offer::ALL,
        "Jumps to the step with this tag in the same scope.",
        Text,
    ),
    spec(
        "schema",
        "Run flow",
        Group::FlowControl,
        Offer::ALL,
        "Runs another stored flow.",
        Object(&[
            required("id", Number, "The flow's id").refers(Refers::Flow),
            field("name", Text, "The flow's name (for display)").refers(Refers::Flow),
            field("async", Boolean, "Run without waiting for it"),
        ]),
    ),
    AppSpec {
        // The runtime runs these actions as a forked flow, with tags of their own.
        ports: &[hook(&[Key("actions")], "actions")],
        ..spec(
            "list",
            "In list",
            Group::FlowControl,
            Offer::ALL,
            "Runs `actions` when the number is in the list.",
            Object(&[
                required("list", Reference, "The list").refers(Refers::List),
                field("destination", Text, "The number to look up"),
                field("actions", STEPS, "Steps when the number is listed"),
            ]),
        )
    },
    AppSpec {
        ports: &[
            hook(&[Key("disconnected")], "disconnected"),
            hook(&[Key("commands"), AnyKey], "command"),
        ],
        ..spec(
            "trigger",
            "Trigger",
            Group::FlowControl,
            Offer::VOICE_CHAT,
            "Handlers: `disconnected` after hang-up, `commands` for chat commands.",
            Object(&[
                field("disconnected", STEPS, "Steps after the other side hangs up"),
                field("commands", Map(&STEPS), "Steps per chat command, e.g. /start"),
            ]),
        )
    },
    // Logic & variables.
    spec(
        "set",
        "Set variables",
        Group::LogicVariables,
        Offer::ALL,
        "Sets session variables: {name: value}.",
        VARIABLES,
    ),
    spec(
        "unSet",
        "Unset variables",
        Group::LogicVariables,
        Offer::ALL,
        "Clears the listed session variables.",
        TEXTS,
    ),
    spec(
        "export",
        "Export variables",
        Group::LogicVariables,
        Offer::ALL,
        "Makes the listed variables visible outside the flow (call record, agent).",
        TEXTS,
    ),
    spec(
        "log",
        "Log",
        Group::LogicVariables,
        Offer::ALL,
        "Writes the text to the flow log.",
        Text,
    ),
    spec(
        "js",
        "JavaScript",
        Group::LogicVariables,
        Offer::ALL,
        "Runs a JavaScript function body and stores what it returns.",
        Object(&[
            required("data", Expression, "A function body, e.g. return ${a} + 1;"),
            SET_VAR,
        ]),
    ),
    spec(
        "math",
        "Math",
        Group::LogicVariables,
        Offer::ALL,
        "Applies a Math function (random by default) to the data and stores the result.",
        Object(&[
            SET_VAR,
            field("fn", Text, "random or a Math function: round, floor, max, …"),
            field("data", Json, "The arguments, e.g. a list to pick from"),
        ]),
    ),
    spec(
        "string",
        "String",
        Group::LogicVariables,
        Offer::ALL,
        "Applies a string function to the data and stores the result.",
        Object(&[
            SET_VAR,
            required("fn", Text, "slice, replace, length, base64, MD5, SHA-256, reverse, …"),
            field("data", Text, "The input text"),
            field("args", List(&Json), "The function's arguments"),
        ]),
    ),
    spec(
        "calendar",
        "Calendar",
        Group::LogicVariables,
        Offer::ALL,
        "Stores whether the calendar is open now.",
        Object(&[
            field("name", Text, "The calendar's name").refers(Refers::Calendar),
            field("id", Number, "The calendar's id").refers(Refers::Calendar),
            SET_VAR,
            field("extended", Boolean, "Store details, not just true/false"),
        ]),
    ),
    spec(
        "timezone",
        "Time zone",
        Group::LogicVariables,
        Offer::ALL,
        "Sets the time zone the flow's dates use.",
        Object(&[
            field("name", Text, "Zone name, e.g. Europe/Kyiv"),
            field("id", Number, "Zone id"),
        ]),
    ),
    spec(
        "softSleep",
        "Soft sleep",
        Group::LogicVariables,
        Offer::ALL,
        "Waits this many milliseconds without touching the call or chat.",
        Number,
    ),
    spec(
        "classifier",
        "Classifier",
        Group::LogicVariables,
        Offer::ALL,
        "Stores the cluster whose phrases match the input.",
        Object(&[
            field("cluster", Map(&TEXTS), "Phrases per cluster name"),
            field("input", Text, "The text to classify"),
            field("set", Variable, "Variable for the cluster name"),
            field("matchType", Choice(&["full", "part"]), "Whole or partial match"),
            field("phraseSearch", Boolean, "Match phrases, not single words"),
        ]),
    ),
    spec(
        "cache",
        "Cache",
        Group::LogicVariables,
        Offer::ALL,
        "Stores, reads or deletes values in a shared cache.",
        Object(&[
            field("action", Choice(&["set", "get", "delete"]), "What to do"),
            field("type", Text, "Cache kind"),
            field(
                "set",
                Object(&[
                    field("data", VARIABLES, "Values per key"),
                    field("ttl", Text, "How long to keep them"),
                ]),
                "Values to store",
            ),
            field("get", VARIABLES, "Variables to fill: {variable: key}"),
            field("delete", Object(&[field("keys", TEXTS, "Keys to delete")]), "Keys to delete"),
        ]),
    ),
    spec(
        "global",
        "Global variables",
        Group::LogicVariables,
        Offer::ALL,
        "Sets domain-global variables ($${name}): {name: {value, encrypt}}.",
        Map(&Object(&[
            field("value", Text, "The value"),
            field("encrypt", Boolean, "Store encrypted"),
        ])),
    ),
    // Call control.
    spec(
        "ringReady",
        "Ring ready",
        Group::CallControl,
        Offer::VOICE,
        "Tells the caller the call is ringing (180).",
        Empty,
    ),
    spec(
        "preAnswer",
        "Pre-answer",
        Group::CallControl,
        Offer::VOICE,
        "Opens early media before answering (183).",
        Empty,
    ),
    spec(
        "answer",
        "Answer",
        Group::CallControl,
        Offer::VOICE,
        "Answers the call.",
        Empty,
    ),
    spec(
        "hangup",
        "Hang up",
        Group::CallControl,
        Offer::VOICE,
        "Ends the call with this cause, e.g. USER_BUSY (empty: normal clearing).",
        Text,
    ),
    spec(
        "sipRedirect",
        "SIP redirect",
        Group::CallControl,
        Offer::VOICE,
        "Redirects the call (302) to the listed SIP addresses.",
        TEXTS,
    ),
    spec(
        "updateCid",
        "Update caller id",
        Group::CallControl,
        Offer::VOICE,
        "Changes the caller id name and number shown.",
        Object(&[
            field("name", Text, "Caller id name"),
            field("number", Text, "Caller id number"),
            field("destination", Text, "Destination"),
        ]),
    ),
    spec(
        "park",
        "Park",
        Group::CallControl,
        Offer::VOICE,
        "Parks the call in a slot of the named lot.",
        Object(&[
            required("name", Text, "Parking lot name"),
            required("lot", Text, "Slot range, e.g. 1000-1010"),
            field("auto", Choice(&["in", "out"]), "Park in or pick up"),
        ]),
    ),
    spec(
        "conference",
        "Conference",
        Group::CallControl,
        Offer::VOICE,
        "Joins the call to a conference room.",
        Object(&[
            field("name", Text, "Room name"),
            field("profile", Text, "Conference profile"),
            field("pin", Text, "PIN"),
            field("tags", TEXTS, "Member flags"),
        ]),
    ),
    AppSpec {
        ports: &[hook(&[Key("bridged")], "bridged")],
        ..spec(
            "bridge",
            "Bridge",
            Group::CallControl,
            Offer::VOICE_CHAT,
            "Connects to users or gateways; `bridged` runs once connected.",
            Object(&[
                field("strategy", Choice(&["failover", "multiply"]), "Try endpoints one by one or all at once"),
                required(
                    "endpoints",
                    List(&Object(&[
                        field("type", Choice(&["user", "gateway"]), "Endpoint kind"),
                        field("id", Number, "Id").refers(Refers::User),
                        field("extension", Text, "Extension").refers(Refers::User),
                        field("name", Text, "Name"),
                        field("gateway", Reference, "Gateway").refers(Refers::Gateway),
                        field("dialString", Text, "Number to dial through the gateway"),
                        field("displayName", Text, "Caller name shown"),
                        field("idle", Boolean, "Only a user who is not busy"),
                        field("parameters", VARIABLES, "Channel variables of this leg"),
                    ])),
                    "Where to connect",
                ),
                field("codecs", TEXTS, "Allowed codecs"),
                field("sendOnAnswer", Text, "DTMF to send once answered"),
                field("parameters", VARIABLES, "Channel variables of every leg"),
                field("pickup", Text, "Pickup group"),
                field("userId", Number, "Chat: the user to connect"),
                field("timeout", Number, "Chat: seconds to wait"),
                field("bridged", STEPS, "Steps once connected"),
            ]),
        )
    },
    spec(
        "setGrantee",
        "Set grantee",
        Group::CallControl,
        Offer::VOICE,
        "Sets the role whose rights the call's recordings get.",
        Reference,
    ),
    spec(
        "markIVR",
        "Mark IVR",
        Group::CallControl,
        Offer::VOICE,
        "Records an IVR menu choice on the call for reports.",
        Object(&[field("name", Text, "Menu name"), field("value", Text, "Chosen value")]),
    ),
    spec(
        "scheduleHangup",
        "Schedule hang-up",
        Group::CallControl,
        Offer::VOICE,
        "Hangs up the call after this many seconds.",
        Object(&[
            field("seconds", Number, "Seconds from now"),
            field("cause", Text, "Hang-up cause"),
        ]),
    ),
    spec(
        "sleep",
        "Sleep",
        Group::CallControl,
        Offer::VOICE,
        "Pauses the call for this many milliseconds.",
        Number,
    ),
    // Media.
    spec(
        "playback",
        "Playback",
        Group::Media,
        Offer::VOICE,
        "Plays files; can collect digits or speech.",
        Object(&[
            required("files", List(&Reference), "Files to play: {id} or {name}, with type").refers(Refers::Media),
            field("terminator", Text, "Key that stops playing"),
            GET_DIGITS,
            GET_SPEECH,
        ]),
    ),
    spec(
        "tts",
        "Text to speech",
        Group::Media,
        Offer::VOICE,
        "Speaks the text; can collect digits or speech.",
        Object(&[
            required("text", Text, "What to say"),
            field("profile", Reference, "TTS profile").refers(Refers::TtsProfile),
            field("language", Text, "Language, e.g. en-US"),
            field("voice", Text, "Voice name"),
            field("textType", Text, "text or ssml"),
            field("terminator", Text, "Key that stops speaking"),
            GET_DIGITS,
            GET_SPEECH,
        ]),
    ),
    spec(
        "say",
        "Say",
        Group::Media,
        Offer::VOICE,
        "Says a number, date or text with the built-in voice prompts.",
        Text,
    ),
    spec(
        "ringback",
        "Ringback",
        Group::Media,
        Offer::VOICE,
        "Sets the sounds the caller hears while ringing, on hold and on transfer.",
        Object(&[
            field("call", Reference, "File while ringing").refers(Refers::Media),
            field("hold", Reference, "File on hold").refers(Refers::Media),
            field("transfer", Reference, "File on transfer").refers(Refers::Media),
            field("all", Boolean, "Also for later legs"),
        ]),
    ),
    spec(
        "setSounds",
        "Set sounds",
        Group::Media,
        Offer::VOICE,
        "Sets the language and voice of built-in prompts.",
        Object(&[field("lang", Text, "Language, e.g. en"), field("voice", Text, "Voice")]),
    ),
    spec(
        "recordFile",
        "Record file",
        Group::Media,
        Offer::VOICE,
        "Records what the caller says into a file (e.g. voicemail).",
        Object(&[
            field("name", Text, "File name"),
            field("type", Text, "Format, e.g. mp3"),
            field("maxSec", Number, "Longest recording in seconds"),
            field("terminators", Text, "Keys that stop recording"),
            field("silenceThresh", Number, "Silence level"),
            field("silenceHits", Number, "Seconds of silence that stop recording"),
            field("voiceMail", Boolean, "Store as voicemail"),
        ]),
    ),
    spec(
        "recordSession",
        "Record session",
        Group::Media,
        Offer::VOICE,
        "Starts or stops recording the whole call.",
        Object(&[
            field("action", Choice(&["start", "stop"]), "Start or stop"),
            field("name", Text, "File name"),
            field("type", Text, "Format, e.g. mp3"),
            field("stereo", Boolean, "One channel per side"),
            field("minSec", Number, "Shortest recording kept, in seconds"),
            field("bridged", Boolean, "Only once bridged"),
            field("followTransfer", Boolean, "Keep recording after a transfer"),
        ]),
    ),
    spec(
        "inBandDTMF",
        "In-band DTMF",
        Group::Media,
        Offer::VOICE,
        "Starts or stops detecting DTMF tones in the audio.",
        Choice(&["start", "stop"]),
    ),
    spec(
        "flushDtmf",
        "Flush DTMF",
        Group::Media,
        Offer::VOICE,
        "Discards digits pressed so far.",
        Empty,
    ),
    spec(
        "echo",
        "Echo",
        Group::Media,
        Offer::VOICE,
        "Plays the caller's audio back to them (a line test).",
        Empty,
    ),
    spec(
        "backgroundPlayback",
        "Background playback",
        Group::Media,
        // Not in the language document, but real voice flows use it (corpus call-001).
        Offer::VOICE,
        "Plays a file under the call's audio until stopped.",
        Object(&[
            required("file", Reference, "The file").refers(Refers::Media),
            field("name", Text, "Name, to stop it later"),
            field("volumeReduction", Number, "Decibels quieter than the call"),
        ]),
    ),
    // Queues & routing.
    AppSpec {
        ports: &[
            hook(&[Key("waiting")], "waiting"),
            hook(&[Key("offering")], "offering"),
            hook(&[Key("bridged")], "bridged"),
            hook(&[Key("reporting")], "reporting"),
            hook(&[Key("missed")], "missed"),
            hook(&[Key("timers"), AnyIndex, Key("actions")], "timer"),
        ],
        ..spec(
            "joinQueue",
            "Join queue",
            Group::QueuesRouting,
            Offer::VOICE_CHAT,
            "Puts the call or chat into a queue; hooks run while it waits, is offered, bridged, reported or missed.",
            Object(&[
                required("queue", Reference, "The queue").refers(Refers::Queue),
                field("priority", Number, "Priority in the queue"),
                field("bucket", Reference, "Bucket"),
                field("agent", Reference, "Preferred agent"),
                field("ringtone", Reference, "Ringtone file").refers(Refers::Media),
                field("name", Text, "Caller name"),
                field("number", Text, "Caller number"),
                field("stickyAgentId", Number, "Agent who served the caller before"),
                field("transferAfterBridge", Reference, "Flow to run after the agent hangs up").refers(Refers::Flow),
                field("waiting", STEPS, "Steps while waiting"),
                field("offering", STEPS, "Steps when offered to an agent"),
                field("bridged", STEPS, "Steps when connected to an agent"),
                field("reporting", STEPS, "Steps when the agent reports"),
                field("missed", STEPS, "Steps when the agent misses"),
                field(
                    "timers",
                    List(&Object(&[
                        field("interval", Number, "Seconds between runs"),
                        field("tries", Number, "How many times"),
                        field("offset", Number, "Seconds before the first run"),
                        field("actions", STEPS, "Steps to run"),
                    ])),
                    "Timed actions while waiting",
                ),
            ]),
        )
    },
    AppSpec {
        ports: &[hook(&[Key("bridged")], "bridged")],
        ..spec(
            "joinAgent",
            "Join agent",
            Group::QueuesRouting,
            Offer::VOICE,
            "Offers the call straight to one agent; `bridged` runs once connected.",
            Object(&[
                field("agent", Reference, "The agent: {id} or {extension}"),
                field("ringtone", Reference, "Ringtone file").refers(Refers::Media),
                field("timeout", Number, "Seconds to wait for the agent"),
                field("queue_name", Text, "Queue name shown to the agent"),
                field("cancel_distribute", Boolean, "Stop offering the agent other tasks"),
                field("processing", Json, "After-call processing settings"),
                field("bridged", STEPS, "Steps once connected"),
            ]),
        )
    },
    spec(
        "cancelQueue",
        "Cancel queue",
        Group::QueuesRouting,
        Offer::VOICE_CHAT,
        "Takes the call or chat out of its queue.",
        Empty,
    ),
    spec(
        "callbackQueue",
        "Callback queue",
        Group::QueuesRouting,
        Offer::ALL,
        "Adds a member to a callback queue, to be called back later.",
        Object(&[
            field("queue", Reference, "The queue").refers(Refers::Queue),
            field("queue_id", Number, "The queue's id (older form)").refers(Refers::Queue),
            field("name", Text, "Member name"),
            field(
                "communication",
                Object(&[
                    field("destination", Text, "Number or address"),
                    field("type", Reference, "Communication type"),
                    field("type_id", Number, "Communication type id (older form)"),
                    field("description", Text, "Description"),
                    field("display", Text, "Caller id to show"),
                    field("priority", Number, "Priority"),
                    field("resource_id", Number, "Resource id"),
                ]),
                "How to reach the member",
            ),
            field("holdSec", Number, "Seconds before the first attempt"),
            field("priority", Number, "Priority"),
            field("bucket", Reference, "Bucket"),
            field("agent", Reference, "Preferred agent"),
            field("timezone", Reference, "Member time zone"),
            field("expire_at", Number, "Expiry, Unix milliseconds"),
            field("variables", VARIABLES, "Member variables"),
        ]),
    ),
    spec(
        "getQueueAgents",
        "Queue agents",
        Group::QueuesRouting,
        Offer::ALL,
        "Stores the agents of a queue and their states.",
        Object(&[
            field("queue", Reference, "The queue").refers(Refers::Queue),
            field("channel", Text, "Channel, e.g. call or chat"),
            SET_FIELDS,
        ]),
    ),
    spec(
        "userInfo",
        "User info",
        Group::QueuesRouting,
        Offer::ALL,
        "Stores fields of a user (agent status, name, …).",
        Object(&[
            field(
                "user",
                Object(&[
                    field("id", Number, "User id"),
                    field("name", Text, "User name"),
                    field("extension", Text, "Extension"),
                    field("agentId", Number, "Agent id"),
                ]),
                "Which user",
            ),
            SET_FIELDS,
        ]),
    ),
    spec(
        "memberInfo",
        "Member info",
        Group::QueuesRouting,
        Offer::ALL,
        "Stores fields of a queue member.",
        Object(&[MEMBER, SET_FIELDS]),
    ),
    spec(
        "patchMembers",
        "Update members",
        Group::QueuesRouting,
        Offer::ALL,
        "Changes the queue members that match the search.",
        Object(&[
            MEMBER,
            field(
                "patch",
                Object(&[
                    field("name", Text, "New name"),
                    field("priority", Number, "New priority"),
                    field("bucket", Reference, "New bucket"),
                    field("readyAt", Number, "Next attempt, Unix milliseconds"),
                    field("stopCause", Text, "Stop with this cause"),
                    field("variables", VARIABLES, "Variables to set"),
                    field("communications", List(&Json), "Communications to change"),
                    field("queueId", Number, "Move to this queue"),
                ]),
                "What to change",
            ),
        ]),
    ),
    spec(
        "listAdd",
        "Add to list",
        Group::QueuesRouting,
        Offer::ALL,
        "Adds a number to a list (e.g. a block list).",
        Object(&[
            field("list", Reference, "The list").refers(Refers::List),
            field("destination", Text, "The number"),
            field("description", Text, "Description"),
            field("expireAt", Number, "Expiry, Unix milliseconds"),
        ]),
    ),
    // Messaging.
    spec(
        "sendText",
        "Send text",
        Group::Messaging,
        Offer::CHAT,
        "Sends a text message.",
        Text,
    ),
    spec(
        "sendMessage",
        "Send message",
        Group::Messaging,
        Offer::CHAT,
        "Sends a text or file message, optionally with buttons.",
        Object(&[
            field("type", Text, "text or file"),
            field("text", Text, "Message text"),
            field("file", Reference, "File to send").refers(Refers::Media),
            field("server", Text, "Public server address for file links"),
            field("buttons", BUTTONS, "Keyboard buttons"),
            field("inline", BUTTONS, "Inline buttons"),
            field("noInput", Boolean, "Hide the text input"),
        ]),
    ),
    spec(
        "menu",
        "Menu",
        Group::Messaging,
        Offer::CHAT,
        "Sends a message with buttons.",
        Object(&[
            Field {
                default: Some("\"buttons\""),
                ..field("type", Choice(&["buttons", "inline"]), "Keyboard or inline buttons")
            },
            field("text", Text, "Message text"),
            field("buttons", BUTTONS, "Rows of buttons"),
            field("inline", BUTTONS, "Rows of inline buttons"),
            field("noInput", Boolean, "Hide the text input"),
        ]),
    ),
    spec(
        "recvMessage",
        "Receive message",
        Group::Messaging,
        Offer::CHAT,
        "Waits for the client's next message and stores it.",
        Object(&[
            field("set", Variable, "Variable for the message"),
            field("timeout", Number, "Seconds to wait"),
            field("messageTimeout", Number, "Seconds to wait for more parts"),
            field("delimiter", Text, "Joins several messages"),
        ]),
    ),
    spec(
        "sendFile",
        "Send file",
        Group::Messaging,
        Offer::CHAT,
        "Sends a stored file or a link to one.",
        Object(&[
            field("file", Reference, "The file").refers(Refers::Media),
            field("url", Text, "Or a link"),
            field("text", Text, "Caption"),
            field("source", Text, "Storage source, e.g. media"),
            field("server", Text, "Public server address"),
            field("expire", Number, "Link lifetime in seconds"),
        ]),
    ),
    spec(
        "sendImage",
        "Send image",
        Group::Messaging,
        Offer::CHAT,
        "Sends an image by link.",
        Object(&[
            field("url", Text, "Image link"),
            field("name", Text, "File name"),
            field("text", Text, "Caption"),
        ]),
    ),
    spec(
        "sendTts",
        "Send voice message",
        Group::Messaging,
        Offer::CHAT,
        "Speaks the text and sends it as a voice message.",
        Object(&[
            field("message", Text, "What to say"),
            field("profileId", Number, "TTS profile id"),
            field("language", Text, "Language"),
            field("voice", Text, "Voice"),
            field("textType", Text, "text or ssml"),
            field("server", Text, "Public server address"),
            field("fileName", Text, "File name"),
        ]),
    ),
    spec(
        "stt",
        "Speech to text",
        Group::Messaging,
        Offer::CHAT,
        "Transcribes a voice message and stores the text.",
        Object(&[
            field("fileId", Number, "The voice message's file id"),
            field("profileId", Number, "STT profile id"),
            field("language", Text, "Language"),
            field("setVar", Variable, "Variable for the text"),
        ]),
    ),
    spec(
        "sendAction",
        "Send action",
        Group::Messaging,
        Offer::CHAT,
        "Shows or hides the typing indicator.",
        Object(&[field("action", Choice(&["typing", "cancel"]), "The action")]),
    ),
    spec(
        "chatHistory",
        "Chat history",
        Group::Messaging,
        Offer::CHAT,
        "Stores the conversation's messages as text.",
        Object(&[
            field("variable", Variable, "Variable for the history"),
            field("conversationId", Text, "Conversation (default: this one)"),
            field("format", Text, "Output format"),
            field("limit", Number, "Most messages"),
            field("timeout", Number, "Seconds to wait"),
        ]),
    ),
    spec(
        "broadcastChatMessage",
        "Broadcast message",
        Group::Messaging,
        Offer::ALL,
        "Sends a message to chat peers outside this conversation.",
        Object(&[
            field("profile", Reference, "Chat gateway profile"),
            required("peer", List(&Json), "Receivers: ids or {id, type, via}"),
            field("type", Text, "Message type"),
            field("text", Text, "Message text"),
            field("file", Reference, "File to send").refers(Refers::Media),
            field("buttons", BUTTONS, "Buttons"),
            field("variables", VARIABLES, "Variables for the receivers"),
            field("responseCode", Variable, "Variable for the first error"),
            field("failedReceivers", Variable, "Variable for the failed receivers"),
            field("timeout", Number, "Seconds to wait for delivery"),
        ]),
    ),
    // Forms.
    spec(
        "formComponent",
        "Form component",
        Group::Forms,
        Offer::FORMS,
        "Declares an input or display component of the agent's form.",
        Object(&[
            required("id", Text, "Component id; also the variable it edits"),
            required(
                "view",
                Object(&[
                    required(
                        "component",
                        Choice(&[
                            "wt-input",
                            "wt-select",
                            "form-text",
                            "wt-datetimepicker",
                            "rich-text-editor",
                            "form-i-frame",
                            "form-select-from-object",
                            "form-select-case-status",
                        ]),
                        "Component kind",
                    ),
                    field("label", Text, "Label"),
                    field("hint", Text, "Hint"),
                    field("initialValue", Text, "Initial value"),
                    field("options", OPTIONS, "Options (wt-select)"),
                    field("multiple", Boolean, "Several choices (wt-select)"),
                    field("currentTime", Boolean, "Start at now (wt-datetimepicker)"),
                    field("color", Text, "Color (form-text)"),
                    field("collapsible", Boolean, "Collapsible (form-text)"),
                    field("enableCopying", Boolean, "Copy button (form-text)"),
                    field("output", Text, "Output format (rich-text-editor)"),
                    field("height", Json, "Height (form-i-frame)"),
                    field("variable", Variable, "Variable (form-select-from-object)"),
                    field("object", Json, "Source object (form-select-from-object)"),
                    field("serviceId", Number, "Service (form-select-case-status)"),
                    field("token", Text, "Access token (form-select-case-status)"),
                ]),
                "How it looks",
            ),
        ]),
    ),
    spec(
        "formFile",
        "Form files",
        Group::Forms,
        Offer::FORMS,
        "Declares a file list component of the agent's form.",
        Object(&[
            required("id", Text, "Component id; also the variable it edits"),
            field(
                "view",
                Object(&[
                    field("label", Text, "Label"),
                    field("hint", Text, "Hint"),
                    field("component", Text, "Component kind"),
                    field("initialValue", List(&Reference), "Files shown at first"),
                    field("readonly", Boolean, "Read only"),
                    field("collapsible", Boolean, "Collapsible"),
                    field("channel", Text, "File channel"),
                    field("entityId", Text, "Owner entity id"),
                    field("uuid", Text, "Owner uuid"),
                ]),
                "How it looks",
            ),
        ]),
    ),
    AppSpec {
        ports: &[hook(&[Key("outputs"), AnyKey], "output")],
        ..spec(
            "formTable",
            "Form table",
            Group::Forms,
            Offer::FORMS,
            "Declares a table component; each named output runs its steps when its action is used.",
            Object(&[
                required("id", Text, "Component id"),
                field("view", Json, "Table settings: columns, source, actions"),
                field("outputs", Map(&STEPS), "Steps per action name"),
            ]),
        )
    },
    spec(
        "generateForm",
        "Generate form",
        Group::Forms,
        Offer::FORMS,
        "Shows the agent a form made of components, with action buttons.",
        Object(&[
            required("id", Text, "Form id"),
            field("title", Text, "Title"),
            field("body", TEXTS, "Component ids, in order"),
            field(
                "actions",
                List(&Object(&[
                    field("id", Text, "Button id, stored when pressed"),
                    field(
                        "view",
                        Object(&[field("text", Text, "Button text"), field("color", Text, "Button color")]),
                        "How it looks",
                    ),
                ])),
                "Buttons (not steps)",
            ),
        ]),
    ),
    // Integrations.
    spec(
        "httpRequest",
        "HTTP request",
        Group::Integrations,
        Offer::ALL,
        "Calls a web service and stores parts of the answer.",
        Object(&[
            required("url", Text, "Address; may contain ${variables}").refers(Refers::Host),
            Field {
                default: Some("\"POST\""),
                ..field("method", Text, "GET, POST, PUT, PATCH, DELETE, …")
            },
            field("headers", VARIABLES, "Request headers"),
            field("path", VARIABLES, "Values for :name parts of the address"),
            field("data", Json, "Request body"),
            field("timeout", Number, "Milliseconds to wait"),
            field("parser", Text, "How to read the answer, e.g. application/json"),
            field("responseCode", Variable, "Variable for the status code"),
            field("exportVariables", VARIABLES, "Variables to fill: {variable: path in the answer}"),
            field("exportCookie", Variable, "Variable for the cookie"),
            field("cacheCookie", Boolean, "Reuse the cookie"),
            field("insecureSkipVerify", Boolean, "Accept any TLS certificate"),
            field("renegotiation", Text, "TLS renegotiation"),
        ]),
    ),
    spec(
        "sendEmail",
        "Send email",
        Group::Integrations,
        Offer::ALL,
        "Sends an email through a mail profile or SMTP server.",
        Object(&[
            field("to", TEXTS, "Receivers"),
            field("cc", TEXTS, "Copies"),
            field("from", Text, "Sender"),
            field("subject", Text, "Subject"),
            field("message", Text, "Body"),
            field("type", Text, "Body type, e.g. text/html"),
            field("profile", Reference, "Mail profile").refers(Refers::EmailProfile),
            field("smtp", Json, "SMTP server settings"),
            field("replyToId", Text, "Message to reply to"),
            field("attachment", Object(&[field("files", List(&Reference), "Files")]), "Attachments"),
            field("store", Boolean, "Keep a copy"),
            field("contactIds", List(&Number), "Contacts to link"),
            field("ownerId", Number, "Owner user id"),
            field("retryCount", Number, "Retries"),
            field("async", Boolean, "Do not wait"),
            SET_FIELDS,
        ]),
    ),
    spec(
        "getEmail",
        "Get email",
        Group::Integrations,
        Offer::ALL,
        "Stores fields of a received email.",
        Object(&[
            field(
                "email",
                Object(&[field("id", Number, "Email id"), field("messageId", Text, "Message id")]),
                "Which email",
            ),
            SET_FIELDS,
        ]),
    ),
    spec(
        "notification",
        "Notification",
        Group::Integrations,
        Offer::ALL,
        "Shows a notification to Webitel users.",
        Object(&[
            field("userIds", List(&Number), "Receivers"),
            field("message", Text, "Text"),
            field("type", Text, "Kind, e.g. info"),
            field("timeout", Number, "Seconds shown"),
        ]),
    ),
    spec(
        "openLink",
        "Open link",
        Group::Integrations,
        Offer::ALL,
        "Opens a link in a user's Webitel workspace.",
        Object(&[
            field("userId", Number, "The user"),
            field("url", Text, "The link"),
            field("message", Text, "Text shown"),
        ]),
    ),
    spec(
        "generateLink",
        "Generate link",
        Group::Integrations,
        Offer::VOICE_CHAT,
        "Stores a public link to a file (default: this call's recording).",
        Object(&[
            required("set", Variable, "Variable for the link"),
            field("file", Reference, "The file"),
            field("server", Text, "Public server address"),
            field("source", Text, "Storage source, e.g. media"),
            field("expire", Number, "Lifetime in seconds"),
            field("query", VARIABLES, "Extra query parameters"),
        ]),
    ),
    spec(
        "monoPay",
        "Monobank payment",
        Group::Integrations,
        Offer::ALL,
        "Creates, checks or cancels a monobank invoice.",
        Object(&[
            required("token", Text, "Merchant token"),
            field(
                "invoice",
                Object(&[
                    field(
                        "action",
                        Choice(&["create", "status", "cancel", "remove", "payment_info"]),
                        "What to do",
                    ),
                    field("body", VARIABLES, "Parameters: amount, ccy, invoiceId, setVar, …"),
                ]),
                "The request",
            ),
        ]),
    ),
    spec(
        "chatAi",
        "Chat AI",
        Group::Integrations,
        Offer::CHAT,
        "Asks an AI model to answer the conversation and stores the answer.",
        Object(&[
            field("connection", Text, "AI service address"),
            field("model", Text, "Model"),
            field("categories", Text, "Categories to detect"),
            field("variables", VARIABLES, "Variables for the prompt"),
            field("historyLength", Number, "Recent messages sent (default 10)"),
            field("timeout", Number, "Seconds to wait"),
            field("response", Variable, "Variable for the answer"),
            field("definedCategories", Variable, "Variable for the categories found"),
        ]),
    ),
    AppSpec {
        ports: &[BOT_FUNCTION_PORT, BOT_TIMEOUT_PORT],
        ..spec(
            "gemini",
            "Gemini bot",
            Group::Integrations,
            Offer::NONE,
            "Hands the call or chat to a Gemini bot; functions and timeouts run their own steps.",
            Object(&[
                BOT_PROFILE,
                BOT_MODEL,
                field("systemInstruction", Json, "System instruction: {parts: [{text}]}"),
                field("prompt", Text, "Prompt"),
                field("voiceName", Text, "Voice"),
                field("language", Text, "Language"),
                field("temperature", Number, "Sampling temperature"),
                field("mediaResolution", Text, "Media resolution"),
                field("vad", Json, "Voice activity detection"),
                field("sessionResumption", Json, "Session resumption"),
                BOT_START,
                BOT_TRANSCRIBE,
                BOT_VARIABLES,
                BOT_FUNCTIONS,
                BOT_TIMEOUT,
            ]),
        )
    },
    AppSpec {
        ports: &[BOT_FUNCTION_PORT, BOT_TIMEOUT_PORT],
        ..spec(
            "openai",
            "OpenAI bot",
            Group::Integrations,
            Offer::NONE,
            "Hands the call or chat to an OpenAI realtime bot; functions and timeouts run their own steps.",
            Object(&[
                BOT_PROFILE,
                BOT_MODEL,
                field("instructions", List(&Object(&[field("text", Text, "Text")])), "Instructions"),
                field("voice", Text, "Voice"),
                field("language", Text, "Language"),
                field("temperature", Number, "Sampling temperature"),
                field("toolChoice", Text, "Tool choice"),
                field("maxResponseOutputTokens", Number, "Longest answer in tokens"),
                field("turnDetection", Json, "Turn detection"),
                field("inputAudioTranscription", Json, "Input transcription"),
                field("inputAudioNoiseReduction", Text, "Noise reduction"),
                BOT_START,
                BOT_TRANSCRIBE,
                BOT_VARIABLES,
                BOT_FUNCTIONS,
                BOT_TIMEOUT,
            ]),
        )
    },
    AppSpec {
        ports: &[BOT_FUNCTION_PORT],
        ..spec(
            "cascadeVoice",
            "Voice bot pipeline",
            Group::Integrations,
            Offer::NONE,
            "Hands the call to a speech-to-text, LLM and text-to-speech pipeline; functions run their own steps.",
            Object(&[
                BOT_PROFILE,
                field("stt", Json, "Speech to text: {id, language, punctuation}"),
                field("llm", Json, "Language model: {id, model}"),
                field("tts", Json, "Text to speech: {id, voice, speed}"),
                field("system", Text, "System prompt"),
                BOT_START,
                BOT_TRANSCRIBE,
                BOT_VARIABLES,
                BOT_FUNCTIONS,
            ]),
        )
    },
    // Dialer/service.
    spec(
        "attemptResult",
        "Attempt result",
        Group::DialerService,
        Offer::FORMS,
        "Sets the result of the dialer attempt being processed.",
        Object(&[
            required("status", Text, "Result status, e.g. success"),
            field("description", Text, "Description"),
            field("readyAt", Number, "Next attempt, Unix milliseconds"),
            field("expiredAt", Number, "Expiry, Unix milliseconds"),
            field("variables", VARIABLES, "Member variables"),
            field("stickyDisplay", Boolean, "Keep the caller id"),
            field("agentId", Number, "Next attempt's agent"),
            field("redial", Boolean, "Call again"),
            field("excludeCurrentCommunication", Boolean, "Do not use this number again"),
            field("waitBetweenRetries", Number, "Seconds between retries"),
            field("addCommunications", List(&Json), "Numbers to add"),
        ]),
    ),
    spec(
        "resumeAttempt",
        "Resume attempt",
        Group::DialerService,
        Offer::FORMS,
        "Resumes a paused dialer attempt (default: this one).",
        Object(&[field("id", Number, "Attempt id")]),
    ),
    spec(
        "makeCall",
        "Make call",
        Group::DialerService,
        Offer::FORMS,
        "Starts an outbound call from a user to a destination.",
        Object(&[
            required("from", CALL_ENDPOINT, "Who calls"),
            required("destination", Text, "Number to call"),
            field("to", CALL_ENDPOINT, "Callee endpoint"),
            field(
                "params",
                Object(&[
                    field("timeout", Number, "Seconds to ring"),
                    field("display", Text, "Caller id"),
                    field("variables", VARIABLES, "Call variables"),
                    field("audio", Boolean, "Audio"),
                    field("video", Boolean, "Video"),
                    field("screen", Boolean, "Screen sharing"),
                    field("record", Boolean, "Record"),
                    field("hideNumber", Boolean, "Hide the number"),
                    field("disableAutoAnswer", Boolean, "No auto-answer"),
                    field("disableStun", Boolean, "No STUN"),
                    field("cancelDistribute", Boolean, "Stop offering other tasks"),
                    field("isOnline", Boolean, "Only if online"),
                    field("contactId", Number, "Contact"),
                ]),
                "Call options",
            ),
            field("setVar", Variable, "Variable for the call id"),
        ]),
    ),
    spec(
        "confirm",
        "Confirm",
        Group::DialerService,
        Offer::SERVICE,
        "Lets the dialer make the attempt, optionally with another caller id or number.",
        Object(&[
            field("display", Text, "Caller id"),
            field("destination", Text, "Number to call"),
            EXPORT,
        ]),
    ),
    spec(
        "cancel",
        "Cancel",
        Group::DialerService,
        Offer::SERVICE,
        "Cancels the dialer attempt before it is made.",
        Object(&[
            field("description", Text, "Reason"),
            field("stop", Boolean, "Stop the member"),
            field("waitBetweenRetries", Number, "Seconds before the next attempt"),
            field("excludeCurrentCommunication", Boolean, "Do not use this number again"),
            field("minOfferingAt", Number, "Earliest next attempt, Unix milliseconds"),
            EXPORT,
        ]),
    ),
    spec(
        "success",
        "Success",
        Group::DialerService,
        Offer::SERVICE,
        "Ends the dialer attempt as a success.",
        Object(&[EXPORT]),
    ),
    spec(
        "abandoned",
        "Abandoned",
        Group::DialerService,
        Offer::SERVICE,
        "Ends the dialer attempt as abandoned, maybe to be retried.",
        Object(&[
            Field {
                default: Some("\"abandoned\""),
                ..field("status", Text, "Result status")
            },
            field("maxAttempts", Number, "Most attempts"),
            field("waitBetweenRetries", Number, "Seconds between retries"),
            field("description", Text, "Description"),
            field("redial", Boolean, "Call again"),
            field("display", Boolean, "Keep the caller id"),
            field("excludeCurrentCommunication", Boolean, "Do not use this number again"),
            field("agentId", Number, "Next attempt's agent"),
            EXPORT,
        ]),
    ),
    spec(
        "retry",
        "Retry",
        Group::DialerService,
        Offer::SERVICE,
        "Retries the dialer attempt, maybe through another resource.",
        Object(&[
            field("nextResource", Boolean, "Use the next resource"),
            field("sleep", Number, "Seconds before retrying"),
            field("resource", Reference, "Resource to use"),
            EXPORT,
        ]),
    ),
];
