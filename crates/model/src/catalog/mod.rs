//! The flow-language catalog: every app the runtime knows, as data. For each app: the flow
//! types that offer it, its palette group, label and help, the shape of its argument (rich
//! enough to generate a property form), and where its argument holds nested step arrays
//! (its output ports). Apps not listed stay editable as raw JSON.

mod apps;
pub mod form;
#[cfg(test)]
mod tests;
pub(crate) mod texts;

use crate::api::FlowType;
use crate::l10n::Locale;
use serde_json::Value;

pub use apps::APPS;
pub use texts::{english_template, help_in};

/// Palette groups, in palette order.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, PartialOrd, Ord)]
pub enum Group {
    FlowControl,
    LogicVariables,
    CallControl,
    Media,
    QueuesRouting,
    Messaging,
    Forms,
    Integrations,
    DialerService,
}

impl Group {
    pub const ALL: [Group; 9] = [
        Self::FlowControl,
        Self::LogicVariables,
        Self::CallControl,
        Self::Media,
        Self::QueuesRouting,
        Self::Messaging,
        Self::Forms,
        Self::Integrations,
        Self::DialerService,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::FlowControl => "Flow control",
            Self::LogicVariables => "Logic & variables",
            Self::CallControl => "Call control",
            Self::Media => "Media",
            Self::QueuesRouting => "Queues & routing",
            Self::Messaging => "Messaging",
            Self::Forms => "Forms",
            Self::Integrations => "Integrations",
            Self::DialerService => "Dialer/service",
        }
    }
}

/// The flow types an app is offered in (the `default` type offers everything).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Offer(u8);

impl Offer {
    pub const VOICE: Offer = Offer(1);
    pub const CHAT: Offer = Offer(2);
    pub const FORMS: Offer = Offer(4);
    pub const SERVICE: Offer = Offer(8);
    /// The general apps of every type.
    pub const ALL: Offer = Offer(15);
    pub const VOICE_CHAT: Offer = Offer(3);
    /// Known to the runtime but on no typed palette: only `default` offers it.
    pub const NONE: Offer = Offer(0);

    pub const fn and(self, other: Offer) -> Offer {
        Offer(self.0 | other.0)
    }

    pub fn includes(self, flow_type: FlowType) -> bool {
        let bit = match flow_type {
            FlowType::Default => return true,
            FlowType::Voice => Self::VOICE,
            FlowType::Chat => Self::CHAT,
            FlowType::Processing => Self::FORMS,
            FlowType::Service => Self::SERVICE,
        };
        self.0 & bit.0 != 0
    }
}

/// What a field (or a whole argument) holds.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    /// Free text; may contain `${variables}`.
    Text,
    /// A JavaScript expression (if, while, js).
    Expression,
    /// The name of a variable to write.
    Variable,
    /// A number (the runtime also accepts numeric text: a warning, not an error).
    Number,
    /// A number written as text (`maxSteps: "1000"`).
    NumericText,
    Boolean,
    /// One of fixed values.
    Choice(&'static [&'static str]),
    /// An object with known fields (unknown fields are kept).
    Object(&'static [Field]),
    /// A list of items of one kind.
    List(&'static Kind),
    /// An object of free keys, each value of one kind (`set {var: value}`).
    Map(&'static Kind),
    /// A picked object: `{id}` or `{name}`, extra fields kept.
    Reference,
    /// A nested step array (an output port; see [`PortSpec`]).
    Steps,
    /// Any JSON.
    Json,
    /// No argument: `""` or `null` (`{"answer": ""}`).
    Empty,
}

impl Kind {
    /// The value a new step starts with: empty, with every required field present, so the
    /// user fills in rather than looks up what is needed.
    pub fn starting_value(&self) -> Value {
        match self {
            Kind::Text | Kind::Expression | Kind::Variable | Kind::NumericText | Kind::Empty => {
                Value::String(String::new())
            }
            Kind::Number => Value::from(0),
            Kind::Boolean => Value::Bool(false),
            Kind::Choice(values) => Value::from(values.first().copied().unwrap_or_default()),
            Kind::Object(fields) => Value::Object(
                fields
                    .iter()
                    .filter(|field| field.required)
                    .map(|field| (field.name.to_owned(), field.kind.starting_value()))
                    .collect(),
            ),
            Kind::List(_) | Kind::Steps => Value::Array(Vec::new()),
            Kind::Map(_) | Kind::Reference => Value::Object(Default::default()),
            Kind::Json => Value::Null,
        }
    }
}

/// One argument field.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Field {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
    /// The default as JSON text, if the form should prefill one.
    pub default: Option<&'static str>,
    pub help: &'static str,
    /// The outside object it names, if it names one (by `{id}` or `{name}`, an id, a name; a
    /// list of them; a link's host).
    pub refers: Option<Object>,
}

impl Field {
    /// This field, naming an object of `object`'s kind.
    pub const fn refers(self, object: Object) -> Field {
        Field {
            refers: Some(object),
            ..self
        }
    }
}

/// The kinds of outside objects a flow uses: other flows, the contact center's objects, the
/// domain's `$${globals}`, the hosts it calls.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, PartialOrd, Ord)]
pub enum Object {
    Flow,
    Queue,
    Calendar,
    List,
    Media,
    User,
    Gateway,
    EmailProfile,
    TtsProfile,
    ChatBot,
    Global,
    Host,
}

impl Object {
    pub const ALL: [Object; 12] = [
        Self::Flow,
        Self::Queue,
        Self::Calendar,
        Self::List,
        Self::Media,
        Self::User,
        Self::Gateway,
        Self::EmailProfile,
        Self::TtsProfile,
        Self::ChatBot,
        Self::Global,
        Self::Host,
    ];

    /// Its name in the API and the URL (`uses=queue:12`).
    pub fn key(self) -> &'static str {
        match self {
            Self::Flow => "flow",
            Self::Queue => "queue",
            Self::Calendar => "calendar",
            Self::List => "list",
            Self::Media => "media",
            Self::User => "user",
            Self::Gateway => "gateway",
            Self::EmailProfile => "email-profile",
            Self::TtsProfile => "tts-profile",
            Self::ChatBot => "chat-bot",
            Self::Global => "global",
            Self::Host => "host",
        }
    }

    pub fn from_key(key: &str) -> Option<Object> {
        Self::ALL.into_iter().find(|object| object.key() == key)
    }
}

/// One segment of the path from an argument to a nested step array.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Seg {
    Key(&'static str),
    /// Every key of an object (`switch.case.<key>`, `trigger.commands.<cmd>`).
    AnyKey,
    /// Every element of an array (`joinQueue.timers[<n>]`).
    AnyIndex,
}

/// Whether `goto` inside a nested array reaches tags outside it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Scope {
    /// if/switch/while bodies: tags belong to the enclosing scope.
    Inline,
    /// function, trigger and app-hook bodies: a scope of their own.
    Own,
}

/// Where an app's argument holds step arrays, and how they run.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct PortSpec {
    pub path: &'static [Seg],
    pub label: &'static str,
    pub scope: Scope,
}

/// One app of the flow language.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct AppSpec {
    pub name: &'static str,
    pub label: &'static str,
    pub group: Group,
    pub offered: Offer,
    pub help: &'static str,
    /// The argument's shape; for objects, [`Kind::Object`] with the fields.
    pub argument: Kind,
    pub ports: &'static [PortSpec],
}

impl AppSpec {
    pub fn offered_for(&self, flow_type: FlowType) -> bool {
        self.offered.includes(flow_type)
    }

    /// The fields of an object argument (none for other shapes).
    pub fn fields(&self) -> &'static [Field] {
        match self.argument {
            Kind::Object(fields) => fields,
            _ => &[],
        }
    }

    /// Definitions (function, trigger) do not run where they stand.
    pub fn is_definition(&self) -> bool {
        is_definition(self.name)
    }

    /// The variables a step of this app with `args` writes: its variable fields' values, and
    /// the keys of a map of results (`set: {variable: field}`, `exportVariables: {variable:
    /// path}`), in the order written.
    pub fn written_variables(&self, args: &Value) -> Vec<String> {
        let mut names = Vec::new();
        written_in(self.fields(), args, &mut names);
        names
    }
}

/// The fields that map variables to the parts of an app's result they are filled from.
const RESULT_MAPS: [&str; 2] = ["set", "exportVariables"];

fn written_in(fields: &[Field], args: &Value, names: &mut Vec<String>) {
    for field in fields {
        let Some(value) = args.get(field.name) else {
            continue;
        };
        match (field.kind, value) {
            (Kind::Variable, Value::String(name)) if !name.trim().is_empty() => {
                names.push(name.trim().to_owned());
            }
            (Kind::Map(_), Value::Object(map)) if RESULT_MAPS.contains(&field.name) => {
                names.extend(map.keys().cloned());
            }
            (Kind::Object(inner), _) => written_in(inner, value, names),
            _ => {}
        }
    }
}

/// Is `app` a definition (function, trigger), which does not run where it stands?
pub fn is_definition(app: &str) -> bool {
    matches!(app, "function" | "trigger")
}

/// The app called `name`, if the catalog knows it.
pub fn app(name: &str) -> Option<&'static AppSpec> {
    // Looked up for every step of every walk: an index, built once.
    static INDEX: std::sync::OnceLock<std::collections::HashMap<&'static str, &'static AppSpec>> =
        std::sync::OnceLock::new();
    INDEX
        .get_or_init(|| APPS.iter().map(|app| (app.name, app)).collect())
        .get(name)
        .copied()
}

/// The apps a flow type offers, in palette order (group, then catalog order).
pub fn palette(flow_type: FlowType) -> Vec<&'static AppSpec> {
    let mut apps: Vec<&'static AppSpec> = APPS
        .iter()
        .filter(|app| app.offered_for(flow_type))
        .collect();
    apps.sort_by_key(|app| app.group);
    apps
}

/// The apps a flow type offers that match `query` (in their label in `locale`, their English
/// label or their name, ignoring case): exact matches first, then those starting with it, then
/// the rest, each in palette order.
pub fn find_in_palette(flow_type: FlowType, query: &str, locale: Locale) -> Vec<&'static AppSpec> {
    let wanted = query.trim().to_lowercase();
    let rank = |app: &AppSpec| {
        let names = [
            app.label_in(locale).to_lowercase(),
            app.label.to_lowercase(),
            app.name.to_lowercase(),
        ];
        if wanted.is_empty() || names.contains(&wanted) {
            Some(0)
        } else if names.iter().any(|name| name.starts_with(&wanted)) {
            Some(1)
        } else if names.iter().any(|name| name.contains(&wanted)) {
            Some(2)
        } else {
            None
        }
    };
    let mut found: Vec<(u8, &'static AppSpec)> = palette(flow_type)
        .into_iter()
        .filter_map(|app| rank(app).map(|rank| (rank, app)))
        .collect();
    found.sort_by_key(|(rank, _)| *rank);
    found.into_iter().map(|(_, app)| app).collect()
}

/// The keys a step may carry besides its one app key.
pub const META_KEYS: [&str; 7] = [
    "tag",
    "break",
    "limit",
    "trace",
    "_id",
    "async",
    "description",
];

pub fn is_meta_key(key: &str) -> bool {
    META_KEYS.contains(&key)
}
