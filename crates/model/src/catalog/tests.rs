//! The catalog against the flow-language document and the real exported flows.

use super::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::PathBuf;

// The palette lists of `flow-language.md`, as the document gives them.
const GENERAL: &[&str] = &[
    "if",
    "switch",
    "while",
    "function",
    "execute",
    "goto",
    "schema",
    "list",
    "trigger",
    "log",
    "set",
    "unSet",
    "export",
    "calendar",
    "js",
    "math",
    "string",
    "softSleep",
    "httpRequest",
    "sendEmail",
    "getEmail",
    "userInfo",
    "memberInfo",
    "patchMembers",
    "callbackQueue",
    "getQueueAgents",
    "listAdd",
    "notification",
    "openLink",
    "broadcastChatMessage",
    "monoPay",
    "classifier",
    "cache",
    "global",
    "timezone",
];
/// Of the general apps, offered in voice and chat only.
const VOICE_CHAT_ONLY: &[&str] = &["trigger"];
const VOICE: &[&str] = &[
    "ringReady",
    "preAnswer",
    "answer",
    "hangup",
    "sipRedirect",
    "ringback",
    "updateCid",
    "park",
    "conference",
    "bridge",
    "playback",
    "tts",
    "say",
    "recordFile",
    "recordSession",
    "inBandDTMF",
    "flushDtmf",
    "joinQueue",
    "joinAgent",
    "cancelQueue",
    "markIVR",
    "setGrantee",
    "setSounds",
    "scheduleHangup",
    "sleep",
    "echo",
    "generateLink",
];
const CHAT: &[&str] = &[
    "sendText",
    "sendMessage",
    "menu",
    "recvMessage",
    "sendFile",
    "sendImage",
    "sendTts",
    "stt",
    "sendAction",
    "joinQueue",
    "cancelQueue",
    "bridge",
    "chatHistory",
    "chatAi",
    "generateLink",
];
const FORMS: &[&str] = &[
    "formComponent",
    "formFile",
    "formTable",
    "generateForm",
    "attemptResult",
    "resumeAttempt",
    "makeCall",
];
const SERVICE: &[&str] = &["confirm", "cancel", "success", "abandoned", "retry"];

fn doc_palette(flow_type: FlowType) -> BTreeSet<&'static str> {
    let (own, with_triggers): (&[&str], bool) = match flow_type {
        FlowType::Voice => (VOICE, true),
        FlowType::Chat => (CHAT, true),
        FlowType::Processing => (FORMS, false),
        FlowType::Service => (SERVICE, false),
        FlowType::Default => return APPS.iter().map(|app| app.name).collect(),
    };
    GENERAL
        .iter()
        .filter(|name| with_triggers || !VOICE_CHAT_ONLY.contains(name))
        .chain(own)
        .copied()
        .collect()
}

fn spec(name: &str) -> &'static AppSpec {
    app(name).unwrap_or_else(|| panic!("`{name}` is not in the catalog"))
}

fn field_of(fields: &'static [Field], name: &str) -> &'static Field {
    fields
        .iter()
        .find(|field| field.name == name)
        .unwrap_or_else(|| panic!("no field `{name}`"))
}

fn required_names(fields: &[Field]) -> BTreeSet<&'static str> {
    fields
        .iter()
        .filter(|field| field.required)
        .map(|field| field.name)
        .collect()
}

#[test]
fn every_app_the_document_names_is_in_the_catalog() {
    let named = [GENERAL, VOICE, CHAT, FORMS, SERVICE].concat();
    let missing: Vec<_> = named.iter().filter(|name| app(name).is_none()).collect();
    assert!(missing.is_empty(), "missing: {missing:?}");
}

#[test]
fn names_are_unique() {
    let mut seen = BTreeSet::new();
    for app in APPS {
        assert!(seen.insert(app.name), "`{}` is listed twice", app.name);
    }
}

#[test]
fn each_palette_is_exactly_the_documents() {
    for flow_type in FlowType::ALL {
        let palette: BTreeSet<_> = palette(flow_type).iter().map(|app| app.name).collect();
        let mut expected = doc_palette(flow_type);
        // The one runtime app the document misses that real voice flows use.
        if flow_type == FlowType::Voice {
            expected.insert("backgroundPlayback");
        }
        let extra: Vec<_> = palette.difference(&expected).collect();
        let missing: Vec<_> = expected.difference(&palette).collect();
        assert!(
            extra.is_empty() && missing.is_empty(),
            "{flow_type:?}: extra {extra:?}, missing {missing:?}"
        );
    }
    assert_eq!(
        palette(FlowType::Default).len(),
        APPS.len(),
        "default offers everything"
    );
}

#[test]
fn apps_offered_in_several_types_get_the_union() {
    for name in [
        "joinQueue",
        "cancelQueue",
        "bridge",
        "generateLink",
        "trigger",
    ] {
        let app = spec(name);
        assert!(
            app.offered_for(FlowType::Voice) && app.offered_for(FlowType::Chat),
            "{name}"
        );
        assert!(
            !app.offered_for(FlowType::Processing) && !app.offered_for(FlowType::Service),
            "{name}"
        );
    }
    // Runtime apps the document does not list are only in `default`.
    for name in ["gemini", "openai", "cascadeVoice"] {
        let offered: Vec<_> = FlowType::ALL
            .into_iter()
            .filter(|&t| spec(name).offered_for(t))
            .collect();
        assert_eq!(offered, [FlowType::Default], "{name}");
    }
}

#[test]
fn palette_follows_group_order() {
    for flow_type in FlowType::ALL {
        let groups: Vec<_> = palette(flow_type).iter().map(|app| app.group).collect();
        assert!(
            groups.windows(2).all(|pair| pair[0] <= pair[1]),
            "{flow_type:?}"
        );
    }
    for (name, group) in [
        ("if", Group::FlowControl),
        ("trigger", Group::FlowControl),
        ("set", Group::LogicVariables),
        ("js", Group::LogicVariables),
        ("answer", Group::CallControl),
        ("playback", Group::Media),
        ("joinQueue", Group::QueuesRouting),
        ("sendText", Group::Messaging),
        ("formComponent", Group::Forms),
        ("httpRequest", Group::Integrations),
        ("retry", Group::DialerService),
        ("attemptResult", Group::DialerService),
    ] {
        assert_eq!(spec(name).group, group, "{name}");
    }
}

#[test]
fn labels_and_help_are_written() {
    for app in APPS {
        assert!(
            app.label.starts_with(|c: char| c.is_uppercase()),
            "{}: label {:?}",
            app.name,
            app.label
        );
        assert!(app.help.ends_with('.'), "{}: help {:?}", app.name, app.help);
        let mut names = BTreeSet::new();
        for field in app.fields() {
            assert!(
                names.insert(field.name),
                "{}: field `{}` twice",
                app.name,
                field.name
            );
            assert!(
                !field.help.is_empty(),
                "{}.{}: no help",
                app.name,
                field.name
            );
        }
    }
}

#[test]
fn required_fields_are_the_documents() {
    for (name, expected) in [
        ("playback", &["files"][..]),
        ("tts", &["text"]),
        ("bridge", &["endpoints"]),
        ("joinQueue", &["queue"]),
        ("httpRequest", &["url"]),
        ("js", &["data", "setVar"]),
        ("calendar", &["setVar"]),
        ("math", &["setVar"]),
        ("string", &["fn", "setVar"]),
        ("attemptResult", &["status"]),
        ("switch", &["case", "variable"]),
        ("while", &["condition"]),
        ("generateForm", &["id"]),
        ("recordSession", &[]),
        ("menu", &[]),
        ("cancel", &[]),
    ] {
        let expected: BTreeSet<_> = expected.iter().copied().collect();
        assert_eq!(required_names(spec(name).fields()), expected, "{name}");
    }
    let form = spec("formComponent");
    assert!(field_of(form.fields(), "id").required);
    let Kind::Object(view) = field_of(form.fields(), "view").kind else {
        panic!("formComponent.view is an object");
    };
    assert_eq!(required_names(view), BTreeSet::from(["component"]));
}

/// The field at a dotted path (`getDigits.setVar`), through objects and lists of objects.
fn field_at(app: &str, path: &str) -> Option<&'static Field> {
    let mut fields = spec(app).fields();
    let mut found = None;
    for name in path.split('.') {
        let field = fields.iter().find(|field| field.name == name)?;
        fields = match field.kind {
            Kind::Object(inner) | Kind::List(&Kind::Object(inner)) => inner,
            _ => &[],
        };
        found = Some(field);
    }
    found
}

#[test]
fn fields_the_document_names_exist() {
    for (app, paths) in [
        (
            "playback",
            &[
                "files",
                "getDigits.setVar",
                "getDigits.min",
                "getDigits.max",
                "getDigits.tries",
                "getDigits.timeout",
                "getDigits.regexp",
                "getSpeech",
            ][..],
        ),
        (
            "tts",
            &["text", "profile", "language", "voice", "getDigits"],
        ),
        (
            "bridge",
            &[
                "strategy",
                "endpoints.type",
                "endpoints.id",
                "endpoints.extension",
                "endpoints.name",
                "bridged",
            ],
        ),
        (
            "joinQueue",
            &[
                "queue",
                "priority",
                "bucket",
                "agent",
                "ringtone",
                "waiting",
                "offering",
                "bridged",
                "reporting",
                "missed",
                "timers.interval",
                "timers.tries",
                "timers.actions",
            ],
        ),
        ("recordSession", &["action", "type", "stereo", "minSec"]),
        ("recordFile", &["name", "type", "maxSec", "terminators"]),
        (
            "httpRequest",
            &[
                "url",
                "method",
                "headers",
                "data",
                "timeout",
                "parser",
                "responseCode",
                "exportVariables",
            ],
        ),
        ("js", &["data", "setVar"]),
        ("calendar", &["name", "id", "setVar", "extended"]),
        ("math", &["setVar", "fn", "data"]),
        ("string", &["setVar", "fn", "data", "args"]),
        ("menu", &["type", "text", "buttons"]),
        ("recvMessage", &["set", "timeout", "messageTimeout"]),
        ("sendMessage", &["type", "text", "file", "buttons"]),
        (
            "formComponent",
            &[
                "id",
                "view.component",
                "view.label",
                "view.hint",
                "view.initialValue",
                "view.options",
            ],
        ),
        (
            "generateForm",
            &[
                "id",
                "title",
                "body",
                "actions.id",
                "actions.view.text",
                "actions.view.color",
            ],
        ),
        (
            "attemptResult",
            &["status", "description", "readyAt", "variables"],
        ),
        ("cancel", &["description", "stop"]),
        ("retry", &["nextResource", "sleep"]),
        ("abandoned", &["status", "maxAttempts"]),
        ("confirm", &["display", "destination"]),
        ("list", &["list", "destination", "actions"]),
        ("schema", &["id", "async"]),
        ("execute", &["name", "async"]),
    ] {
        for path in paths {
            assert!(field_at(app, path).is_some(), "{app}.{path} is missing");
        }
    }
    let Kind::List(Kind::List(Kind::Object(button))) = field_at("menu", "buttons").unwrap().kind
    else {
        panic!("menu.buttons is rows of buttons");
    };
    let names: Vec<_> = button.iter().map(|field| field.name).collect();
    assert_eq!(names, ["caption", "text", "type", "url", "code"]);
}

#[test]
fn argument_shapes() {
    for name in [
        "answer",
        "ringReady",
        "preAnswer",
        "flushDtmf",
        "cancelQueue",
        "echo",
    ] {
        assert_eq!(spec(name).argument, Kind::Empty, "{name}");
    }
    for name in ["hangup", "log", "sendText", "goto", "say"] {
        assert_eq!(spec(name).argument, Kind::Text, "{name}");
    }
    assert_eq!(spec("sleep").argument, Kind::Number);
    assert_eq!(spec("softSleep").argument, Kind::Number);
    assert_eq!(spec("unSet").argument, Kind::List(&Kind::Text));
    assert_eq!(spec("export").argument, Kind::List(&Kind::Text));
    assert_eq!(spec("set").argument, Kind::Map(&Kind::Text));

    let choice = |app: &str, field: &str| match field_of(spec(app).fields(), field).kind {
        Kind::Choice(values) => values,
        other => panic!("{app}.{field}: {other:?}"),
    };
    assert_eq!(choice("recordSession", "action"), ["start", "stop"]);
    assert_eq!(choice("bridge", "strategy"), ["failover", "multiply"]);
    assert_eq!(choice("menu", "type"), ["buttons", "inline"]);
    let Kind::Object(view) = field_of(spec("formComponent").fields(), "view").kind else {
        panic!("formComponent.view is an object");
    };
    let Kind::Choice(components) = field_of(view, "component").kind else {
        panic!("view.component is a choice");
    };
    assert_eq!(
        components,
        [
            "wt-input",
            "wt-select",
            "form-text",
            "wt-datetimepicker",
            "rich-text-editor",
            "form-i-frame",
            "form-select-from-object",
            "form-select-case-status"
        ]
    );
    assert_eq!(
        field_of(spec("while").fields(), "maxSteps").kind,
        Kind::NumericText
    );
    assert_eq!(
        field_of(spec("joinQueue").fields(), "queue").kind,
        Kind::Reference
    );
    // generateForm's actions are buttons, not steps.
    assert!(spec("generateForm").ports.is_empty());
    let Kind::List(Kind::Object(action)) = field_of(spec("generateForm").fields(), "actions").kind
    else {
        panic!("generateForm.actions is a list of objects");
    };
    assert!(action.iter().all(|field| field.kind != Kind::Steps));
}

/// The paths from an argument to every `Steps` inside its shape.
fn steps_paths(kind: &Kind, prefix: &mut Vec<Seg>, found: &mut Vec<Vec<Seg>>) {
    match kind {
        Kind::Steps => found.push(prefix.clone()),
        Kind::Object(fields) => {
            for field in *fields {
                prefix.push(Seg::Key(field.name));
                steps_paths(&field.kind, prefix, found);
                prefix.pop();
            }
        }
        Kind::List(item) => {
            prefix.push(Seg::AnyIndex);
            steps_paths(item, prefix, found);
            prefix.pop();
        }
        Kind::Map(value) => {
            prefix.push(Seg::AnyKey);
            steps_paths(value, prefix, found);
            prefix.pop();
        }
        _ => {}
    }
}

#[test]
fn ports_match_the_steps_fields() {
    for app in APPS {
        let mut found = Vec::new();
        steps_paths(&app.argument, &mut Vec::new(), &mut found);
        let ports: Vec<Vec<Seg>> = app.ports.iter().map(|port| port.path.to_vec()).collect();
        for port in app.ports {
            assert!(!port.path.is_empty(), "{}: empty port path", app.name);
            assert!(!port.label.is_empty(), "{}: port without label", app.name);
        }
        assert_eq!(found, ports, "{}: Steps fields and ports differ", app.name);
    }
}

#[test]
fn port_scopes() {
    for app in APPS {
        // `list` runs its actions as a forked flow: a scope of their own.
        let inline = matches!(app.name, "if" | "switch" | "while");
        for port in app.ports {
            let expected = if inline { Scope::Inline } else { Scope::Own };
            assert_eq!(port.scope, expected, "{}: {:?}", app.name, port.path);
        }
    }
    let paths =
        |name: &str| -> Vec<&[Seg]> { spec(name).ports.iter().map(|port| port.path).collect() };
    assert_eq!(
        paths("formTable"),
        [&[Seg::Key("outputs"), Seg::AnyKey][..]]
    );
    assert_eq!(paths("joinAgent"), [&[Seg::Key("bridged")][..]]);
    assert_eq!(paths("bridge"), [&[Seg::Key("bridged")][..]]);
    assert_eq!(paths("joinQueue").len(), 6);
    for bot in ["gemini", "openai"] {
        assert_eq!(
            paths(bot),
            [
                &[Seg::Key("functions"), Seg::AnyIndex, Seg::Key("actions")][..],
                &[Seg::Key("timeout"), Seg::AnyKey, Seg::Key("actions")],
            ],
            "{bot}"
        );
    }
}

#[test]
fn lookups() {
    assert_eq!(app("playback").map(|app| app.name), Some("playback"));
    assert!(app("nope").is_none());
    assert!(app("break1").is_none(), "unknown apps stay raw JSON");
    assert!(app("function").unwrap().is_definition() && app("trigger").unwrap().is_definition());
    assert!(!app("if").unwrap().is_definition());
}

/// Every step of a step array, following the catalog's ports into nested arrays.
fn walk_steps(steps: &Value, apps: &mut Vec<String>, tagged: &mut usize) {
    let Some(steps) = steps.as_array() else {
        return;
    };
    for step in steps {
        let Some(object) = step.as_object() else {
            continue;
        };
        if object.get("tag").is_some_and(Value::is_string) {
            *tagged += 1;
        }
        let mut keys = object.keys().filter(|key| !is_meta_key(key));
        let (Some(name), None) = (keys.next(), keys.next()) else {
            continue;
        };
        apps.push(name.clone());
        if let Some(spec) = app(name) {
            for port in spec.ports {
                nested(&object[name], port.path, apps, tagged);
            }
        }
    }
}

fn nested(value: &Value, path: &[Seg], apps: &mut Vec<String>, tagged: &mut usize) {
    let Some((first, rest)) = path.split_first() else {
        return walk_steps(value, apps, tagged);
    };
    match (first, value) {
        (Seg::Key(key), Value::Object(map)) => {
            if let Some(child) = map.get(*key) {
                nested(child, rest, apps, tagged);
            }
        }
        (Seg::AnyKey, Value::Object(map)) => map
            .values()
            .for_each(|child| nested(child, rest, apps, tagged)),
        (Seg::AnyIndex, Value::Array(items)) => items
            .iter()
            .for_each(|child| nested(child, rest, apps, tagged)),
        _ => {}
    }
}

/// Objects with a string `tag` anywhere in the JSON: Webitel's editor tags its steps.
fn count_tagged(value: &Value) -> usize {
    match value {
        Value::Object(map) => {
            usize::from(map.get("tag").is_some_and(Value::is_string))
                + map.values().map(count_tagged).sum::<usize>()
        }
        Value::Array(items) => items.iter().map(count_tagged).sum(),
        _ => 0,
    }
}

#[test]
fn every_app_of_the_corpus_is_known() {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/webitel");
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .unwrap_or_else(|error| panic!("{}: {error}", folder.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no corpus in {}", folder.display());
    let mut unknown = BTreeSet::new();
    let mut used = BTreeSet::new();
    for path in files {
        let schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let (mut apps, mut tagged) = (Vec::new(), 0);
        walk_steps(&schema, &mut apps, &mut tagged);
        // Following the ports reached every tagged step, however deep.
        assert_eq!(
            tagged,
            count_tagged(&schema),
            "{}: steps the ports missed",
            path.display()
        );
        for name in apps {
            if app(&name).is_none() {
                unknown.insert(name.clone());
            }
            used.insert(name);
        }
    }
    assert_eq!(
        unknown,
        BTreeSet::from(["break1".to_owned()]),
        "unknown apps in the corpus"
    );
    // The walk went into nested arrays: these apps appear only inside blocks and hooks.
    for nested_only in ["export", "string", "playback", "joinQueue", "menu"] {
        assert!(used.contains(nested_only), "{nested_only} not reached");
    }
}

#[test]
fn palette_search_puts_exact_then_prefix_matches_first() {
    let names = |query: &str| -> Vec<&str> {
        find_in_palette(FlowType::Voice, query, Locale::ENGLISH)
            .into_iter()
            .map(|app| app.name)
            .collect()
    };
    let answer = names("answer");
    assert_eq!(answer[0], "answer", "{answer:?}");
    assert!(answer.contains(&"preAnswer"));
    assert_eq!(names("HANG")[0], "hangup");
    assert!(names("no such step").is_empty());
    assert_eq!(names("").len(), palette(FlowType::Voice).len());
}

#[test]
fn a_step_names_the_variables_it_writes() {
    use serde_json::json;
    let member = app("memberInfo").unwrap();
    assert_eq!(
        member.written_variables(&json!({"set": {"member_name": "name", "tries": "attempts"}})),
        ["member_name", "tries"]
    );
    let http = app("httpRequest").unwrap();
    assert_eq!(
        http.written_variables(&json!({"url": "https://crm", "responseCode": "status", "exportCookie": "", "exportVariables": {"id": "$.id"}})),
        ["status", "id"]
    );
    assert!(app("log")
        .unwrap()
        .written_variables(&json!("hello"))
        .is_empty());
}
