//! The catalog's texts in the reader's language. The catalog is written in English (apps.rs,
//! form.rs); `locales/en/catalog.ftl` is made from it (`cargo xtask locales`) for translators,
//! and every other language's `catalog.ftl` gives the same ids. Ids:
//! - `app-<name>` an app's label, `.help` its description;
//! - `group-<group>` a palette group;
//! - `help-<words>` a field's or setting's help, named by its English words (a changed English
//!   text is a new id, so no translation of the old one is kept by mistake).
//!
//! Names that are code stay as written: app keys, field keys, port names (`then`, `bridged`).

use super::{form, AppSpec, Field, Group, Kind, APPS};
use crate::l10n::Locale;
use std::borrow::Cow;

/// The most words of an English text that name its id.
const ID_WORDS: usize = 8;

impl Group {
    /// The group's id in the locale files.
    fn text_id(self) -> &'static str {
        match self {
            Self::FlowControl => "group-flow-control",
            Self::LogicVariables => "group-logic-variables",
            Self::CallControl => "group-call-control",
            Self::Media => "group-media",
            Self::QueuesRouting => "group-queues-routing",
            Self::Messaging => "group-messaging",
            Self::Forms => "group-forms",
            Self::Integrations => "group-integrations",
            Self::DialerService => "group-dialer-service",
        }
    }

    pub fn label_in(self, locale: Locale) -> Cow<'static, str> {
        localized(locale, self.text_id(), None, self.label())
    }
}

impl AppSpec {
    fn text_id(&self) -> String {
        format!("app-{}", self.name)
    }

    pub fn label_in(&self, locale: Locale) -> Cow<'static, str> {
        localized(locale, &self.text_id(), None, self.label)
    }

    pub fn help_in(&self, locale: Locale) -> Cow<'static, str> {
        localized(locale, &self.text_id(), Some("help"), self.help)
    }
}

/// The help of a form's row (`english`, as the catalog has it) in `locale`: a field's, a
/// setting's, or an app's own when the row is its whole argument.
pub fn help_in(locale: Locale, english: &'static str) -> Cow<'static, str> {
    if english.is_empty() || locale.is_english() {
        return Cow::Borrowed(english);
    }
    match APPS.iter().find(|app| app.help == english) {
        Some(app) => app.help_in(locale),
        None => localized(locale, &help_id(english), None, english),
    }
}

/// `english` itself in English; else the locale's text, or English when the locale lacks it
/// (which the tests rule out).
fn localized(
    locale: Locale,
    id: &str,
    attribute: Option<&str>,
    english: &'static str,
) -> Cow<'static, str> {
    if locale.is_english() {
        return Cow::Borrowed(english);
    }
    locale
        .text(id, attribute, None)
        .map_or(Cow::Borrowed(english), Cow::Owned)
}

/// The id of a help text: `help-` and its first words, lowercased, with a short digest of the
/// whole text when it has more words than that.
fn help_id(english: &str) -> String {
    let words: Vec<String> = english
        .split(|letter: char| !letter.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let mut id = format!("help-{}", words[..words.len().min(ID_WORDS)].join("-"));
    if words.len() > ID_WORDS {
        // FNV-1a: stable across builds and platforms, unlike the standard hasher.
        let digest = english
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
                (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
            });
        id.push_str(&format!("-{:06x}", digest & 0xff_ffff));
    }
    id
}

/// Every field of `kind`, nested ones included, with its path from the argument.
fn fields_of(kind: &Kind, path: &str, found: &mut Vec<(String, &'static Field)>) {
    match kind {
        Kind::Object(fields) => {
            for field in fields.iter() {
                let at = if path.is_empty() {
                    field.name.to_owned()
                } else {
                    format!("{path}.{}", field.name)
                };
                fields_of(&field.kind, &at, found);
                found.push((at, field));
            }
        }
        Kind::List(inner) | Kind::Map(inner) => fields_of(inner, path, found),
        _ => {}
    }
}

/// Every help text of the catalog, each once, with where it is used (`app.field`, or
/// `setting`), in catalog order.
fn help_texts() -> Vec<(&'static str, Vec<String>)> {
    let mut texts: Vec<(&'static str, Vec<String>)> = Vec::new();
    let mut add = |text: &'static str, used: String| {
        if text.is_empty() {
            return;
        }
        match texts.iter_mut().find(|(known, _)| *known == text) {
            Some((_, uses)) => uses.push(used),
            None => texts.push((text, vec![used])),
        }
    };
    for app in APPS {
        let mut fields = Vec::new();
        fields_of(&app.argument, "", &mut fields);
        for (path, field) in fields {
            add(field.help, format!("{}.{path}", app.name));
        }
    }
    for (setting, help) in form::SETTING_HELP {
        add(help, format!("setting {setting}"));
    }
    texts
}

/// A text as a Fluent value: braces, which start a placeable there, written as literals.
fn fluent_value(text: &str) -> String {
    text.replace('{', "\u{0}")
        .replace('}', "{\"}\"}")
        .replace('\u{0}', "{\"{\"}")
}

/// The English of a catalog text by its id, read from the catalog itself: what a text naming
/// an app or a group says where the English catalog file is not loaded (the web app).
pub fn english(id: &str) -> Option<&'static str> {
    if let Some(name) = id.strip_prefix("app-") {
        return APPS
            .iter()
            .find(|app| app.name == name)
            .map(|app| app.label);
    }
    Group::ALL
        .into_iter()
        .find(|group| group.text_id() == id)
        .map(Group::label)
}

/// `locales/en/catalog.ftl`: what translators translate, made from the catalog.
pub fn english_template() -> String {
    let mut out = String::from(
        "# The flow-language catalog: palette groups, apps and the help of their fields.\n\
         # Made from crates/model/src/catalog by `cargo xtask locales`; do not edit by hand.\n\
         # Translations keep every id; code names (app keys, field keys, `${variables}`) stay\n\
         # as written.\n\n## Palette groups\n\n",
    );
    for group in Group::ALL {
        out.push_str(&format!(
            "{} = {}\n",
            group.text_id(),
            fluent_value(group.label())
        ));
    }
    out.push_str("\n## Apps: the label, and what the app does\n\n");
    for app in APPS {
        out.push_str(&format!(
            "{} = {}\n    .help = {}\n",
            app.text_id(),
            fluent_value(app.label),
            fluent_value(app.help)
        ));
    }
    out.push_str("\n## The help of fields and step settings\n\n");
    for (text, uses) in help_texts() {
        out.push_str(&format!(
            "# {}\n{} = {}\n",
            uses.join(", "),
            help_id(text),
            fluent_value(text)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// Every id of the catalog with its English text.
    fn catalog_ids() -> BTreeMap<String, &'static str> {
        let mut ids = BTreeMap::new();
        for group in Group::ALL {
            ids.insert(group.text_id().to_owned(), group.label());
        }
        for app in APPS {
            ids.insert(app.text_id(), app.label);
            ids.insert(format!("{}.help", app.text_id()), app.help);
        }
        for (text, _) in help_texts() {
            ids.insert(help_id(text), text);
        }
        ids
    }

    const TEMPLATE: &str = include_str!("../../locales/en/catalog.ftl");

    #[test]
    fn the_english_catalog_file_is_what_the_catalog_makes() {
        assert!(
            TEMPLATE == english_template(),
            "crates/model/locales/en/catalog.ftl is not what the catalog makes: run `cargo xtask locales`"
        );
    }

    #[test]
    fn different_help_texts_never_share_an_id() {
        let mut seen: BTreeMap<String, &str> = BTreeMap::new();
        for (text, _) in help_texts() {
            if let Some(other) = seen.insert(help_id(text), text) {
                panic!("{text:?} and {other:?} have the same id {}", help_id(text));
            }
        }
    }

    #[test]
    fn catalog_ids_read_in_english_from_the_catalog() {
        assert_eq!(english("app-joinQueue"), Some("Join queue"));
        assert_eq!(english("group-media"), Some(Group::Media.label()));
        assert_eq!(english("app-nope"), None);
        assert_eq!(english("no-problems"), None);
    }

    #[test]
    fn english_reads_the_catalog_itself_and_braces_survive_the_file() {
        let app = super::super::app("set").unwrap();
        assert_eq!(app.label_in(Locale::ENGLISH), app.label);
        let braces = help_texts()
            .into_iter()
            .map(|(text, _)| text)
            .find(|text| text.contains('{'))
            .expect("a help with braces");
        assert_eq!(
            Locale::ENGLISH
                .text(&help_id(braces), None, None)
                .as_deref(),
            Some(braces)
        );
    }

    /// Every language but English writes each catalog text in its own letters: an untranslated
    /// English text would pass the id check above and still be English on the screen.
    #[test]
    fn every_other_language_translates_every_catalog_text() {
        for locale in Locale::all().filter(|locale| !locale.is_english()) {
            let untranslated: Vec<_> = catalog_ids()
                .into_iter()
                .filter(|(id, english)| {
                    let (id, attribute) = match id.split_once('.') {
                        Some((id, attribute)) => (id, Some(attribute)),
                        None => (id.as_str(), None),
                    };
                    locale.text(id, attribute, None).as_deref() == Some(english)
                })
                .collect();
            assert!(
                untranslated.is_empty(),
                "{}: {} texts are still English: {untranslated:#?}",
                locale.code(),
                untranslated.len()
            );
        }
    }
}
