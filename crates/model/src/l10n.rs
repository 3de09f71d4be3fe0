//! The texts people read, in their language: Fluent files under `crates/model/locales/<code>/`,
//! one folder per language, embedded (see `build.rs`): all of them, or in the web app all but
//! those only the editors read, which the editors fetch and add ([`Locale::add_texts`]).
//! English is the source; every other language must have each of its texts, with the same
//! variables, or the tests fail. Plural forms follow CLDR's rules for the language (Fluent's
//! `[one]`, `[few]`, `[many]`).

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use std::sync::{OnceLock, PoisonError, RwLock};

/// A locale file: its name, and its text unless the web app fetches it.
type LocaleFile = (&'static str, Option<&'static str>);

/// Every locale file, by language code.
static FILES: &[(&str, &[LocaleFile])] = include!(concat!(env!("OUT_DIR"), "/locales.rs"));

/// A language's texts: the bundle, and the fetched files added to it.
struct Texts {
    bundle: FluentBundle<FluentResource>,
    added: Vec<String>,
}

/// A language there are texts for.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub struct Locale(&'static str);

impl Locale {
    pub const ENGLISH: Locale = Locale("en");

    /// Every language, English first.
    pub fn all() -> impl Iterator<Item = Locale> {
        std::iter::once(Self::ENGLISH).chain(
            FILES
                .iter()
                .map(|(code, _)| Locale(code))
                .filter(|locale| *locale != Self::ENGLISH),
        )
    }

    /// The language of a code such as `ru` or `ru-RU` (any case), if there are texts for it.
    pub fn from_code(code: &str) -> Option<Locale> {
        let language = code.split(['-', '_']).next()?.trim();
        Self::all().find(|locale| locale.0.eq_ignore_ascii_case(language))
    }

    pub fn code(self) -> &'static str {
        self.0
    }

    pub fn is_english(self) -> bool {
        self == Self::ENGLISH
    }

    /// The texts of this language, parsed once.
    fn texts(self) -> &'static RwLock<Texts> {
        static TEXTS: OnceLock<Vec<(&'static str, RwLock<Texts>)>> = OnceLock::new();
        let texts = TEXTS.get_or_init(|| {
            FILES
                .iter()
                .map(|(code, files)| {
                    let texts = Texts {
                        bundle: bundle_of(code, files.iter().filter_map(|(_, text)| *text)),
                        added: Vec::new(),
                    };
                    (*code, RwLock::new(texts))
                })
                .collect()
        });
        texts
            .iter()
            .find(|(code, _)| *code == self.0)
            .map(|(_, texts)| texts)
            .expect("a locale is made only from a folder found")
    }

    /// The message `id` (with `.attribute`, when given) in this language, with `args` put in.
    /// None when the language lacks it, which the tests rule out for every text English has.
    pub fn text(
        self,
        id: &str,
        attribute: Option<&str>,
        args: Option<&FluentArgs>,
    ) -> Option<String> {
        let texts = self.texts().read().unwrap_or_else(PoisonError::into_inner);
        let bundle = &texts.bundle;
        let message = bundle.get_message(id)?;
        let pattern = match attribute {
            Some(name) => message.get_attribute(name)?.value(),
            None => message.value()?,
        };
        let mut errors = Vec::new();
        Some(
            bundle
                .format_pattern(pattern, args, &mut errors)
                .into_owned(),
        )
    }

    /// The files of this language that are not embedded and not added yet (`catalog.ftl`),
    /// for the web app to fetch from `locales/<code>/` before an editor shows.
    pub fn texts_to_fetch(self) -> Vec<&'static str> {
        let texts = self.texts().read().unwrap_or_else(PoisonError::into_inner);
        FILES
            .iter()
            .filter(|(code, _)| *code == self.0)
            .flat_map(|(_, files)| files.iter())
            .filter(|(name, text)| text.is_none() && !texts.added.iter().any(|added| added == name))
            .map(|(name, _)| *name)
            .collect()
    }

    /// Adds the fetched file `name` (`catalog.ftl`) of this language; added once. A message
    /// the language already has keeps its text.
    pub fn add_texts(self, name: &str, text: &str) {
        let mut texts = self.texts().write().unwrap_or_else(PoisonError::into_inner);
        if texts.added.iter().any(|added| added == name) {
            return;
        }
        // Duplicates are refused by the tests; the first text stays.
        let _ = texts.bundle.add_resource(resource(text));
        texts.added.push(name.to_owned());
    }
}

impl Locale {
    /// The message `id` with `args` put in: in this language, else in English (the tests rule
    /// that out for every message English has), else the id itself.
    pub fn say(self, id: &str, args: Option<&FluentArgs>) -> String {
        self.text(id, None, args)
            .or_else(|| Self::ENGLISH.text(id, None, args))
            // The web app leaves out the English catalog file: the catalog holds its English.
            .or_else(|| crate::catalog::texts::english(id).map(str::to_owned))
            .unwrap_or_else(|| id.to_owned())
    }
}

/// A text in no language yet: a message id of the locale files and what goes into it, put
/// into words in any language by [`Text::in_locale`]. The model says what it finds this way
/// (problems, diagnostics), so each reader reads it in their own language.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Text {
    id: String,
    args: Vec<(&'static str, Arg)>,
}

/// What goes into a text.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Arg {
    /// As it is: a name, a tag, a value someone wrote.
    Plain(String),
    /// A count, which chooses the plural form.
    Count(usize),
    /// Another text, in the same language.
    Text(Text),
}

impl From<&str> for Arg {
    fn from(plain: &str) -> Self {
        Self::Plain(plain.to_owned())
    }
}

impl From<String> for Arg {
    fn from(plain: String) -> Self {
        Self::Plain(plain)
    }
}

impl From<usize> for Arg {
    fn from(count: usize) -> Self {
        Self::Count(count)
    }
}

impl From<Text> for Arg {
    fn from(text: Text) -> Self {
        Self::Text(text)
    }
}

impl Text {
    pub fn new(id: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            args: Vec::new(),
        }
    }

    /// This text with `value` as its variable `name`.
    pub fn with(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    /// The text in `locale`'s words.
    pub fn in_locale(&self, locale: Locale) -> String {
        if self.args.is_empty() {
            return locale.say(&self.id, None);
        }
        let mut args = FluentArgs::new();
        for (name, value) in &self.args {
            match value {
                Arg::Plain(plain) => args.set(*name, plain.as_str()),
                Arg::Count(count) => args.set(*name, *count),
                Arg::Text(text) => args.set(*name, text.in_locale(locale)),
            }
        }
        locale.say(&self.id, Some(&args))
    }
}

/// In English: how logs, the command line and `to_string` say it.
impl std::fmt::Display for Text {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(&self.in_locale(Locale::ENGLISH))
    }
}

/// One language's files as a bundle.
fn bundle_of<'a>(code: &str, files: impl Iterator<Item = &'a str>) -> FluentBundle<FluentResource> {
    let language = code
        .parse()
        .expect("a locale folder is named by a language code");
    let mut bundle = FluentBundle::new_concurrent(vec![language]);
    // No Unicode isolation marks around put-in values: the texts go into plain text and
    // canvases, where the marks would show or count.
    bundle.set_use_isolating(false);
    for text in files {
        // A message defined twice keeps its first text; the tests refuse that too.
        let _ = bundle.add_resource(resource(text));
    }
    bundle
}

/// A file's texts. A file that does not parse keeps what did (the tests refuse such a file).
fn resource(text: &str) -> FluentResource {
    FluentResource::try_new(text.to_owned()).unwrap_or_else(|(partial, _)| partial)
}

/// What a locale's files define: each message id, and each of its attributes as
/// `id.attribute`, with the variables each one uses; and what is wrong in the files.
#[cfg(test)]
pub(crate) fn inventory(
    locale: Locale,
) -> (std::collections::BTreeMap<String, Vec<String>>, Vec<String>) {
    use fluent_syntax::ast;
    let mut found = std::collections::BTreeMap::new();
    let mut wrong = Vec::new();
    let files = FILES
        .iter()
        .find(|(code, _)| *code == locale.0)
        .map(|(_, files)| *files)
        .unwrap_or_default();
    for (name, text) in files
        .iter()
        .filter_map(|(name, text)| Some((name, (*text)?)))
    {
        let resource = match fluent_syntax::parser::parse(text) {
            Ok(resource) => resource,
            Err((resource, errors)) => {
                wrong.extend(
                    errors
                        .iter()
                        .map(|error| format!("{}/{name}: {error:?}", locale.0)),
                );
                resource
            }
        };
        for entry in resource.body {
            let ast::Entry::Message(message) = entry else {
                continue;
            };
            let id = message.id.name.to_owned();
            let mut add = |key: String, pattern: Option<&ast::Pattern<&str>>| {
                let variables = pattern.map(variables_of).unwrap_or_default();
                if found.insert(key.clone(), variables).is_some() {
                    wrong.push(format!("{}/{name}: {key} is defined twice", locale.0));
                }
            };
            add(id.clone(), message.value.as_ref());
            for attribute in &message.attributes {
                add(
                    format!("{id}.{}", attribute.id.name),
                    Some(&attribute.value),
                );
            }
        }
    }
    (found, wrong)
}

/// The variables a pattern puts in (`{ $name }`), sorted, each once.
#[cfg(test)]
fn variables_of(pattern: &fluent_syntax::ast::Pattern<&str>) -> Vec<String> {
    use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
    fn inline(expression: &InlineExpression<&str>, found: &mut Vec<String>) {
        if let InlineExpression::VariableReference { id } = expression {
            found.push(id.name.to_owned());
        }
    }
    fn walk(expression: &Expression<&str>, found: &mut Vec<String>) {
        match expression {
            Expression::Inline(inner) => inline(inner, found),
            Expression::Select { selector, variants } => {
                inline(selector, found);
                for variant in variants {
                    for element in &variant.value.elements {
                        if let PatternElement::Placeable { expression: inner } = element {
                            walk(inner, found);
                        }
                    }
                }
            }
        }
    }
    let mut found = Vec::new();
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression: inner } = element {
            walk(inner, &mut found);
        }
    }
    found.sort();
    found.dedup();
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn fetched_texts_are_added_once_and_say_what_they_hold() {
        // This build embeds every file: nothing is left to fetch.
        assert!(Locale::ENGLISH.texts_to_fetch().is_empty());
        let russian = Locale::from_code("ru").unwrap();
        russian.add_texts("extra.ftl", "only-fetched = Загружено\nrun-title = Другое");
        assert_eq!(
            russian.text("only-fetched", None, None).as_deref(),
            Some("Загружено")
        );
        assert_eq!(
            russian.text("run-title", None, None).as_deref(),
            Some("Запуск"),
            "a text the language has keeps it"
        );
        russian.add_texts("extra.ftl", "only-fetched-twice = no");
        assert_eq!(
            russian.text("only-fetched-twice", None, None),
            None,
            "added once"
        );
    }

    #[test]
    fn every_language_has_every_english_text_with_the_same_variables_and_no_other() {
        let (english, wrong) = inventory(Locale::ENGLISH);
        assert!(wrong.is_empty(), "{wrong:#?}");
        assert!(!english.is_empty());
        for locale in Locale::all().filter(|locale| !locale.is_english()) {
            let (texts, wrong) = inventory(locale);
            assert!(wrong.is_empty(), "{wrong:#?}");
            let only_in = |these: &BTreeMap<String, Vec<String>>,
                           others: &BTreeMap<String, Vec<String>>| {
                these
                    .keys()
                    .filter(|id| !others.contains_key(*id))
                    .cloned()
                    .collect::<Vec<_>>()
            };
            let missing = only_in(&english, &texts);
            assert!(
                missing.is_empty(),
                "{} lacks {} texts: {missing:#?}",
                locale.0,
                missing.len()
            );
            let extra = only_in(&texts, &english);
            assert!(
                extra.is_empty(),
                "{} has texts English has not: {extra:#?}",
                locale.0
            );
            for (id, variables) in &english {
                assert_eq!(&texts[id], variables, "{}: the variables of {id}", locale.0);
            }
        }
    }

    #[test]
    fn a_language_is_found_by_its_code_in_any_case_and_region() {
        assert_eq!(Locale::from_code("en"), Some(Locale::ENGLISH));
        assert_eq!(Locale::from_code("EN-us"), Some(Locale::ENGLISH));
        assert_eq!(Locale::from_code("ru_RU").map(Locale::code), Some("ru"));
        assert_eq!(Locale::from_code("xx"), None);
        assert_eq!(Locale::all().next(), Some(Locale::ENGLISH));
    }
}
