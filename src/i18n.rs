//! The translation layer: every text the page shows is a [`Msg`], said in the chosen language
//! by its message in the locale files (`crates/model/locales/<code>/app.ftl`). The tests fail
//! when a `Msg` has no English message, or when a language lacks one of English's.

use crate::storage::Store;
use flow_model::catalog::Object;
use flow_model::l10n::{Locale, Text};
use flow_model::templates::Template;
use flow_model::FlowType;
use leptos::prelude::*;
use std::cell::Cell;

const LANG_KEY: &str = "flow-studio.lang";

thread_local! {
    /// The chosen language, as [`I18n::load`] found it or [`I18n::set`] last set it: for code
    /// that runs outside any component, such as the API client asking for its answers in it.
    static CHOSEN: Cell<Locale> = const { Cell::new(Locale::ENGLISH) };
}

/// The page's chosen language, read from anywhere (not followed: no signal behind it).
pub fn chosen_locale() -> Locale {
    CHOSEN.get()
}

/// Everything the page says.
#[derive(Clone, PartialEq, Debug)]
pub enum Msg {
    // Shell and login
    Flow,
    SignIn,
    SignOut,
    Username,
    Password,
    Domain,
    ApiBaseUrl,
    ApiBaseHint,
    /// The server refused the username, password or domain.
    WrongSignIn,
    /// Signed in, but without the right to read flows (no `schema` scope).
    NoFlowAccess,
    /// The address answered, but not as Webitel's API does.
    NotWebitelApi,
    /// The domain field may stay empty when the username carries it.
    DomainHint,
    /// The token was refused on a page (expired, or revoked): sign in to go back there.
    SessionEnded,
    SigningIn,
    Loading,
    Language,
    /// The language's own name, as the language switch shows it.
    LanguageName,
    PageNotFound,
    GoToFlows,
    // Registry header
    Add,
    Upload,
    Refresh,
    DeleteSelected(usize),
    // Filters
    Tags,
    TagsPlaceholder,
    Search,
    SearchPlaceholder,
    FlowTypes,
    ResetFilters,
    ExpandFilters,
    CollapseFilters,
    RemoveTag(String),
    NoSuggestions,
    // Table
    SelectAll,
    SelectFlow(String),
    Name,
    Editor,
    Type,
    Created,
    Modified,
    Actions,
    Download,
    Edit,
    Delete,
    FlowType(FlowType),
    EditorKind(bool),
    SortAscending,
    SortDescending,
    NotSorted,
    // Pagination
    RowsPerPage,
    PreviousPage,
    NextPage,
    PageNumber(u32),
    // States
    NoFlowsYet,
    NoResults,
    Unreachable,
    Retry,
    // Create modal
    CreateNewFlow,
    Diagram,
    Code,
    ChooseType,
    StartFrom,
    /// A template's name; none: a blank flow.
    TemplateName(Option<Template>),
    TemplateAbout(Option<Template>),
    Create,
    Close,
    Cancel,
    // Import modal
    ImportJson,
    CreateNew,
    WillReplace(String),
    NoFlowNamed(String),
    NameTaken(String),
    CannotImport(String),
    /// No answer from the server, and why (the browser's words).
    ServerUnreachable(String),
    /// An answer the page cannot read, and what is wrong with it.
    UnexpectedAnswer(String),
    ChangedSinceOpened,
    Imported(String),
    Replaced(String),
    // Delete modal
    ConfirmDeletion,
    DeleteQuestion(Vec<String>),
    Deleted(usize),
    DeleteFailed {
        name: String,
        reason: String,
    },
    ChangedMeanwhile,
    NoPermission,
    UsedByOthers,
    /// `users`: each caller, as "name (step)".
    UsedBy {
        name: String,
        users: Vec<String>,
    },
    UsesUnknown,
    /// A deleted flow that `users` still run.
    DeletedButCalled {
        name: String,
        users: Vec<String>,
    },
    // Searching inside flows, and what they use
    SearchWhere,
    SearchNames,
    SearchInside,
    SearchInsidePlaceholder,
    TypeToSearchInside(usize),
    NothingInside,
    InsideUnavailable,
    DiagramNote,
    UsesFilter,
    UsesKind,
    UsesKeyPlaceholder,
    UsesUnavailable,
    /// How many flows use an object.
    UsedByFlows(u64),
    ObjectKind(Object),
    // A flow's connected flows
    Dependencies,
    UsedByHeading,
    RunsHeading,
    UsedByNone,
    RunsNone,
    UsedByUnknown,
    // A Run flow step's flow
    RunsFlow,
    OpenFlow,
    NoFlowWithId(i64),
    PickFlow,
    PickFlowPlaceholder,
    NothingMatches,
    // A field naming an object of Webitel's directories
    PickByName,
    PickByNamePlaceholder,
    // Code flow page
    General,
    Description,
    Debug,
    FlowSchema,
    Save,
    Saving,
    SuccessfullyUpdated,
    NewFlow,
    SchemaError(String),
    UnsavedChanges,
    UnsavedQuestion,
    DontSave,
    StaleWrite,
    Dismiss,
    // Diagram editor
    Palette,
    /// The splitter between the canvas and the side panel.
    ResizePanel,
    HidePanel,
    ShowPanel,
    FindApp,
    ZoomToFit,
    /// The zoom, in percent; a click goes back to 100 %.
    ZoomActualSize(u32),
    ShowJson,
    Problems,
    NoProblems,
    DiagramCanvas,
    DiagramNodes,
    CompiledSchema,
    Format,
    DraftFound(String),
    RestoreDraft,
    DiscardDraft,
    OpenAsDiagram,
    ConvertToDiagram,
    ConvertQuestion,
    ConvertAndSave,
    Undo,
    Redo,
    Properties,
    StepJson,
    Apply,
    // Code editor, versions and conflicts
    Versions,
    VersionNote,
    SaveBlocked {
        count: usize,
        first: String,
    },
    NoVersions,
    VersionNumber(i64),
    SavedBy {
        who: String,
        when: String,
    },
    Someone,
    CurrentText,
    RestoreVersion,
    RestoreNeedsSaved,
    RestoredNote(i64),
    UnchangedLines(usize),
    NoDifferences,
    LinesChanged {
        removed: usize,
        added: usize,
    },
    LoadMore,
    ConflictTitle,
    ConflictText {
        who: String,
        when: String,
    },
    ReloadTheirs,
    OverwriteWithMine,
    CopyMine,
    Copied,
    CannotCopy(String),
    Fullscreen,
    ExitFullscreen,
    EditorUnavailable,
    ChooseVersion,
    CurrentVersion(i64),
    Form,
    Arrange,
    ToStart,
    FindInFlow,
    FindNext,
    FindPrevious,
    MatchCount {
        at: usize,
        of: usize,
    },
    CannotPaste(String),
    SaveWithErrors,
    HasErrors(usize),
    SaveAnyway,
    SaveAs,
    CopyName(String),
    Links,
    NextStep,
    NotLinked,
    AddNote,
    Note,
    Group,
    NoteOnCanvas(String),
    GroupSteps,
    Ungroup,
    Collapse,
    Expand,
    SelectSteps,
    GroupName,
    NewGroupName(usize),
    GroupOnCanvas {
        label: String,
        steps: usize,
        collapsed: bool,
    },
    ZoomToSelection,
    AddItem,
    RemoveItem,
    ZoomIn,
    ZoomOut,
    FlowSettings,
    Done,
    CopySchema,
    NewEntryName,
    LinkedOnCanvas,
    /// The Run panel's texts.
    Run(RunText),
}

/// Names as a list does: each in «», separated by commas.
fn quoted_list(names: &[String]) -> String {
    names
        .iter()
        .map(|name| format!("«{name}»"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What the Run panel says.
#[derive(Clone, PartialEq, Debug)]
pub enum RunText {
    Title,
    Start,
    Continue,
    Step,
    Pause,
    Restart,
    Stop,
    Close,
    RunTab,
    MocksTab,
    TestsTab(usize),
    ToggleBreakpoint,
    NotStarted,
    Running(usize),
    Paused(usize),
    AtBreakpoint(usize),
    Waiting(usize),
    /// Waiting for the user to pick what an outside app did.
    WaitingForPick(usize),
    /// `reason`: end, break, hangup or budget; `detail` says more (the loop a budget stopped).
    Ended {
        reason: String,
        detail: String,
        steps: usize,
    },
    Failed(String),
    MocksRefused,
    Plays,
    Says,
    Reported,
    NoAnswer,
    HangUp,
    CloseChat,
    Keypad,
    Send,
    SaySomething,
    ReplyPlaceholder,
    WaitsForKeys {
        min: usize,
        max: usize,
        attempt: usize,
        tries: usize,
    },
    WaitsForReply,
    WaitsForSpeech,
    /// An outside app waits for the user to pick what it did.
    WaitsForOutcome(String),
    OutcomeValues,
    Succeeds,
    Fails,
    OutcomeError,
    RememberOutcome,
    AskApps,
    AskAppsHint,
    Steps,
    EarlierStepsHidden(usize),
    EarlierChangesHidden(usize),
    Time,
    App,
    Arguments,
    Outcome,
    Dropped {
        path: String,
        reason: String,
    },
    Variables,
    History,
    CallerNumber,
    DialledNumber,
    ChannelVariables,
    Globals,
    HttpAnswers,
    Calendars,
    MoreMocks,
    PairHint,
    HttpHint,
    CalendarHint,
    MoreHint,
    ExpectedPair,
    ExpectedHttp,
    ExpectedCalendar,
    WrongLine {
        line: usize,
        expected: Box<RunText>,
    },
    WrongJson(String),
    SaveAsTest,
    RunFirst,
    TestName,
    DefaultTestName(usize),
    ExpectSteps,
    ExpectVariables,
    NoTests,
    RunAllTests,
    RunTest,
    Passed,
    FailedWith(String),
    NotATest(String),
}

impl RunText {
    fn message(&self) -> Text {
        let plain = |id: &str| Text::new(id);
        match self {
            RunText::Title => plain("run-title"),
            RunText::Start => plain("run-start"),
            RunText::Continue => plain("run-continue"),
            RunText::Step => plain("run-step"),
            RunText::Pause => plain("run-pause"),
            RunText::Restart => plain("run-restart"),
            RunText::Stop => plain("run-stop"),
            RunText::Close => plain("run-close"),
            RunText::RunTab => plain("run-tab"),
            RunText::MocksTab => plain("run-mocks-tab"),
            RunText::TestsTab(count) => plain("run-tests-tab").with("count", *count),
            RunText::ToggleBreakpoint => plain("run-toggle-breakpoint"),
            RunText::NotStarted => plain("run-not-started"),
            RunText::Running(steps) => plain("run-running").with("steps", *steps),
            RunText::Paused(steps) => plain("run-paused").with("steps", *steps),
            RunText::AtBreakpoint(steps) => plain("run-at-breakpoint").with("steps", *steps),
            RunText::Waiting(steps) => plain("run-waiting").with("steps", *steps),
            RunText::WaitingForPick(steps) => plain("run-waiting-for-pick").with("steps", *steps),
            RunText::Ended {
                reason,
                detail,
                steps,
            } => plain("run-ended")
                .with("reason", reason.as_str())
                .with("detail", detail.as_str())
                .with("steps", *steps),
            RunText::Failed(reason) => plain("run-failed").with("reason", reason.as_str()),
            RunText::MocksRefused => plain("run-mocks-refused"),
            RunText::Plays => plain("run-plays"),
            RunText::Says => plain("run-says"),
            RunText::Reported => plain("run-reported"),
            RunText::NoAnswer => plain("run-no-answer"),
            RunText::HangUp => plain("run-hang-up"),
            RunText::CloseChat => plain("run-close-chat"),
            RunText::Keypad => plain("run-keypad"),
            RunText::Send => plain("run-send"),
            RunText::SaySomething => plain("run-say-something"),
            RunText::ReplyPlaceholder => plain("run-reply-placeholder"),
            RunText::WaitsForKeys {
                min,
                max,
                attempt,
                tries,
            } => plain("run-waits-for-keys")
                .with("min", min.to_string())
                .with("max", max.to_string())
                .with("attempt", attempt.to_string())
                .with("tries", tries.to_string()),
            RunText::WaitsForReply => plain("run-waits-for-reply"),
            RunText::WaitsForSpeech => plain("run-waits-for-speech"),
            RunText::WaitsForOutcome(app) => {
                plain("run-waits-for-outcome").with("app", app.as_str())
            }
            RunText::OutcomeValues => plain("run-outcome-values"),
            RunText::Succeeds => plain("run-succeeds"),
            RunText::Fails => plain("run-fails"),
            RunText::OutcomeError => plain("run-outcome-error"),
            RunText::RememberOutcome => plain("run-remember-outcome"),
            RunText::AskApps => plain("run-ask-apps"),
            RunText::AskAppsHint => plain("run-ask-apps-hint"),
            RunText::Steps => plain("run-steps"),
            RunText::EarlierStepsHidden(count) => {
                plain("run-earlier-steps-hidden").with("count", *count)
            }
            RunText::EarlierChangesHidden(count) => {
                plain("run-earlier-changes-hidden").with("count", *count)
            }
            RunText::Time => plain("run-time"),
            RunText::App => plain("run-app"),
            RunText::Arguments => plain("run-arguments"),
            RunText::Outcome => plain("run-outcome"),
            RunText::Dropped { path, reason } => plain("run-dropped")
                .with("path", path.as_str())
                .with("reason", reason.as_str()),
            RunText::Variables => plain("run-variables"),
            RunText::History => plain("run-history"),
            RunText::CallerNumber => plain("run-caller-number"),
            RunText::DialledNumber => plain("run-dialled-number"),
            RunText::ChannelVariables => plain("run-channel-variables"),
            RunText::Globals => plain("run-globals"),
            RunText::HttpAnswers => plain("run-http-answers"),
            RunText::Calendars => plain("run-calendars"),
            RunText::MoreMocks => plain("run-more-mocks"),
            RunText::PairHint => plain("run-pair-hint"),
            RunText::HttpHint => plain("run-http-hint"),
            RunText::CalendarHint => plain("run-calendar-hint"),
            RunText::MoreHint => plain("run-more-hint"),
            RunText::ExpectedPair => plain("run-expected-pair"),
            RunText::ExpectedHttp => plain("run-expected-http"),
            RunText::ExpectedCalendar => plain("run-expected-calendar"),
            RunText::WrongLine { line, expected } => plain("run-wrong-line")
                .with("line", line.to_string())
                .with("expected", expected.message()),
            RunText::WrongJson(reason) => plain("run-wrong-json").with("reason", reason.as_str()),
            RunText::SaveAsTest => plain("run-save-as-test"),
            RunText::RunFirst => plain("run-run-first"),
            RunText::TestName => plain("run-test-name"),
            RunText::DefaultTestName(number) => {
                plain("run-default-test-name").with("number", number.to_string())
            }
            RunText::ExpectSteps => plain("run-expect-steps"),
            RunText::ExpectVariables => plain("run-expect-variables"),
            RunText::NoTests => plain("run-no-tests"),
            RunText::RunAllTests => plain("run-all-tests"),
            RunText::RunTest => plain("run-test"),
            RunText::Passed => plain("run-passed"),
            RunText::FailedWith(difference) => {
                plain("run-failed-with").with("difference", difference.as_str())
            }
            RunText::NotATest(reason) => plain("run-not-a-test").with("reason", reason.as_str()),
        }
    }

    /// Each text once per value that chooses other words, for the tests.
    #[cfg(test)]
    fn examples() -> Vec<RunText> {
        let ended = |reason: &str| RunText::Ended {
            reason: reason.into(),
            detail: "a loop".into(),
            steps: 3,
        };
        vec![
            RunText::Title,
            RunText::Start,
            RunText::Continue,
            RunText::Step,
            RunText::Pause,
            RunText::Restart,
            RunText::Stop,
            RunText::Close,
            RunText::RunTab,
            RunText::MocksTab,
            RunText::TestsTab(0),
            RunText::TestsTab(2),
            RunText::ToggleBreakpoint,
            RunText::NotStarted,
            RunText::Running(1),
            RunText::Paused(5),
            RunText::AtBreakpoint(2),
            RunText::Waiting(3),
            RunText::WaitingForPick(3),
            ended("end"),
            ended("break"),
            ended("hangup"),
            ended("budget"),
            RunText::Failed("x".into()),
            RunText::MocksRefused,
            RunText::Plays,
            RunText::Says,
            RunText::Reported,
            RunText::NoAnswer,
            RunText::HangUp,
            RunText::CloseChat,
            RunText::Keypad,
            RunText::Send,
            RunText::SaySomething,
            RunText::ReplyPlaceholder,
            RunText::WaitsForKeys {
                min: 1,
                max: 4,
                attempt: 1,
                tries: 3,
            },
            RunText::WaitsForReply,
            RunText::WaitsForSpeech,
            RunText::WaitsForOutcome("memberInfo".into()),
            RunText::OutcomeValues,
            RunText::Succeeds,
            RunText::Fails,
            RunText::OutcomeError,
            RunText::RememberOutcome,
            RunText::AskApps,
            RunText::AskAppsHint,
            RunText::Steps,
            RunText::EarlierStepsHidden(7),
            RunText::EarlierChangesHidden(7),
            RunText::Time,
            RunText::App,
            RunText::Arguments,
            RunText::Outcome,
            RunText::Dropped {
                path: "/1".into(),
                reason: "why".into(),
            },
            RunText::Variables,
            RunText::History,
            RunText::CallerNumber,
            RunText::DialledNumber,
            RunText::ChannelVariables,
            RunText::Globals,
            RunText::HttpAnswers,
            RunText::Calendars,
            RunText::MoreMocks,
            RunText::PairHint,
            RunText::HttpHint,
            RunText::CalendarHint,
            RunText::MoreHint,
            RunText::ExpectedPair,
            RunText::ExpectedHttp,
            RunText::ExpectedCalendar,
            RunText::WrongLine {
                line: 2,
                expected: Box::new(RunText::ExpectedHttp),
            },
            RunText::WrongJson("x".into()),
            RunText::SaveAsTest,
            RunText::RunFirst,
            RunText::TestName,
            RunText::DefaultTestName(1),
            RunText::ExpectSteps,
            RunText::ExpectVariables,
            RunText::NoTests,
            RunText::RunAllTests,
            RunText::RunTest,
            RunText::Passed,
            RunText::FailedWith("x".into()),
            RunText::NotATest("x".into()),
        ]
    }
}

impl Msg {
    pub fn text(&self, locale: Locale) -> String {
        self.message().in_locale(locale)
    }

    /// The message of the locale files that says this, with what goes into it. Numbers that
    /// count nothing (a page, a percentage, a version) go in as written.
    fn message(&self) -> Text {
        match self {
            // Shell and login
            Msg::Flow => Text::new("flow"),
            Msg::SignIn => Text::new("sign-in"),
            Msg::SignOut => Text::new("sign-out"),
            Msg::Username => Text::new("username"),
            Msg::Password => Text::new("password"),
            Msg::Domain => Text::new("domain"),
            Msg::ApiBaseUrl => Text::new("api-base-url"),
            Msg::ApiBaseHint => Text::new("api-base-hint"),
            Msg::WrongSignIn => Text::new("wrong-sign-in"),
            Msg::NoFlowAccess => Text::new("no-flow-access"),
            Msg::NotWebitelApi => Text::new("not-webitel-api"),
            Msg::DomainHint => Text::new("domain-hint"),
            Msg::SessionEnded => Text::new("session-ended"),
            Msg::SigningIn => Text::new("signing-in"),
            Msg::Loading => Text::new("loading"),
            Msg::Language => Text::new("language"),
            Msg::LanguageName => Text::new("language-name"),
            Msg::PageNotFound => Text::new("page-not-found"),
            Msg::GoToFlows => Text::new("go-to-flows"),
            // Registry header
            Msg::Add => Text::new("add"),
            Msg::Upload => Text::new("upload"),
            Msg::Refresh => Text::new("refresh"),
            Msg::DeleteSelected(count) => Text::new("delete-selected").with("count", *count),
            // Filters
            Msg::Tags => Text::new("tags"),
            Msg::TagsPlaceholder => Text::new("tags-placeholder"),
            Msg::Search => Text::new("search"),
            Msg::SearchPlaceholder => Text::new("search-placeholder"),
            Msg::FlowTypes => Text::new("flow-types"),
            Msg::ResetFilters => Text::new("reset-filters"),
            Msg::ExpandFilters => Text::new("expand-filters"),
            Msg::CollapseFilters => Text::new("collapse-filters"),
            Msg::RemoveTag(tag) => Text::new("remove-tag").with("tag", tag.as_str()),
            Msg::NoSuggestions => Text::new("no-suggestions"),
            // Table
            Msg::SelectAll => Text::new("select-all"),
            Msg::SelectFlow(name) => Text::new("select-flow").with("name", name.as_str()),
            Msg::Name => Text::new("name"),
            Msg::Editor => Text::new("editor"),
            Msg::Type => Text::new("type"),
            Msg::Created => Text::new("created"),
            Msg::Modified => Text::new("modified"),
            Msg::Actions => Text::new("actions"),
            Msg::Download => Text::new("download"),
            Msg::Edit => Text::new("edit"),
            Msg::Delete => Text::new("delete"),
            // The model's names of the types (flow.ftl), which its problems use too.
            Msg::FlowType(kind) => Text::new(format!("flow-type-{kind}")),
            // The same words as the editor's choice in the create modal.
            Msg::EditorKind(true) => Msg::Diagram.message(),
            Msg::EditorKind(false) => Msg::Code.message(),
            Msg::SortAscending => Text::new("sort-ascending"),
            Msg::SortDescending => Text::new("sort-descending"),
            Msg::NotSorted => Text::new("not-sorted"),
            // Pagination
            Msg::RowsPerPage => Text::new("rows-per-page"),
            Msg::PreviousPage => Text::new("previous-page"),
            Msg::NextPage => Text::new("next-page"),
            Msg::PageNumber(page) => Text::new("page-number").with("page", page.to_string()),
            // States
            Msg::NoFlowsYet => Text::new("no-flows-yet"),
            Msg::NoResults => Text::new("no-results"),
            Msg::Unreachable => Text::new("unreachable"),
            Msg::Retry => Text::new("retry"),
            // Create modal
            Msg::CreateNewFlow => Text::new("create-new-flow"),
            Msg::Diagram => Text::new("diagram"),
            Msg::Code => Text::new("code"),
            Msg::ChooseType => Text::new("choose-type"),
            Msg::StartFrom => Text::new("start-from"),
            Msg::TemplateName(template) => {
                Text::new(template.map_or("blank-flow".to_owned(), Template::name_id))
            }
            Msg::TemplateAbout(template) => {
                Text::new(template.map_or("blank-flow-about".to_owned(), Template::about_id))
            }
            Msg::Create => Text::new("create"),
            Msg::Close => Text::new("close"),
            Msg::Cancel => Text::new("cancel"),
            // Import modal
            Msg::ImportJson => Text::new("import-json"),
            Msg::CreateNew => Text::new("create-new"),
            Msg::WillReplace(name) => Text::new("will-replace").with("name", name.as_str()),
            Msg::NoFlowNamed(name) => Text::new("no-flow-named").with("name", name.as_str()),
            Msg::NameTaken(name) => Text::new("name-taken").with("name", name.as_str()),
            Msg::CannotImport(reason) => Text::new("cannot-import").with("reason", reason.as_str()),
            Msg::ServerUnreachable(reason) => {
                Text::new("server-unreachable").with("reason", reason.as_str())
            }
            Msg::UnexpectedAnswer(reason) => {
                Text::new("unexpected-answer").with("reason", reason.as_str())
            }
            Msg::ChangedSinceOpened => Text::new("changed-since-opened"),
            Msg::Imported(name) => Text::new("imported").with("name", name.as_str()),
            Msg::Replaced(name) => Text::new("replaced").with("name", name.as_str()),
            // Delete modal
            Msg::ConfirmDeletion => Text::new("confirm-deletion"),
            Msg::DeleteQuestion(names) => {
                Text::new("delete-question").with("names", quoted_list(names))
            }
            Msg::Deleted(count) => Text::new("deleted").with("count", *count),
            Msg::DeleteFailed { name, reason } => Text::new("delete-failed")
                .with("name", name.as_str())
                .with("reason", reason.as_str()),
            Msg::ChangedMeanwhile => Text::new("changed-meanwhile"),
            Msg::NoPermission => Text::new("no-permission"),
            Msg::UsedByOthers => Text::new("used-by-others"),
            Msg::UsedBy { name, users } => Text::new("used-by")
                .with("name", name.as_str())
                .with("users", users.join(", ")),
            Msg::UsesUnknown => Text::new("uses-unknown"),
            Msg::DeletedButCalled { name, users } => Text::new("deleted-but-called")
                .with("name", name.as_str())
                .with("users", users.join(", ")),
            Msg::SearchWhere => Text::new("search-where"),
            Msg::SearchNames => Text::new("search-names"),
            Msg::SearchInside => Text::new("search-inside"),
            Msg::SearchInsidePlaceholder => Text::new("search-inside-placeholder"),
            Msg::TypeToSearchInside(count) => {
                Text::new("type-to-search-inside").with("count", *count)
            }
            Msg::NothingInside => Text::new("nothing-inside"),
            Msg::InsideUnavailable => Text::new("inside-unavailable"),
            Msg::DiagramNote => Text::new("diagram-note"),
            Msg::UsesFilter => Text::new("uses-filter"),
            Msg::UsesKind => Text::new("uses-kind"),
            Msg::UsesKeyPlaceholder => Text::new("uses-key-placeholder"),
            Msg::UsesUnavailable => Text::new("uses-unavailable"),
            Msg::UsedByFlows(count) => Text::new("used-by-flows").with("count", *count as usize),
            Msg::ObjectKind(kind) => Text::new(format!("object-kind-{}", kind.key())),
            Msg::Dependencies => Text::new("dependencies"),
            Msg::UsedByHeading => Text::new("used-by-heading"),
            Msg::RunsHeading => Text::new("runs-heading"),
            Msg::UsedByNone => Text::new("used-by-none"),
            Msg::RunsNone => Text::new("runs-none"),
            Msg::UsedByUnknown => Text::new("used-by-unknown"),
            Msg::RunsFlow => Text::new("runs-flow"),
            Msg::OpenFlow => Text::new("open-flow"),
            Msg::NoFlowWithId(id) => Text::new("no-flow-with-id").with("id", id.to_string()),
            Msg::PickFlow => Text::new("pick-flow"),
            Msg::PickFlowPlaceholder => Text::new("pick-flow-placeholder"),
            Msg::NothingMatches => Text::new("nothing-matches"),
            Msg::PickByName => Text::new("pick-by-name"),
            Msg::PickByNamePlaceholder => Text::new("pick-by-name-placeholder"),
            // Code flow page
            Msg::General => Text::new("general"),
            Msg::Description => Text::new("description"),
            Msg::Debug => Text::new("debug"),
            Msg::FlowSchema => Text::new("flow-schema"),
            Msg::Save => Text::new("save"),
            Msg::Saving => Text::new("saving"),
            Msg::SuccessfullyUpdated => Text::new("successfully-updated"),
            Msg::NewFlow => Text::new("new-flow"),
            Msg::SchemaError(reason) => Text::new("schema-error").with("reason", reason.as_str()),
            Msg::UnsavedChanges => Text::new("unsaved-changes"),
            Msg::UnsavedQuestion => Text::new("unsaved-question"),
            Msg::DontSave => Text::new("dont-save"),
            Msg::StaleWrite => Text::new("stale-write"),
            Msg::Dismiss => Text::new("dismiss"),
            // Diagram editor
            Msg::Palette => Text::new("palette"),
            Msg::ResizePanel => Text::new("resize-panel"),
            Msg::HidePanel => Text::new("hide-panel"),
            Msg::ShowPanel => Text::new("show-panel"),
            Msg::FindApp => Text::new("find-app"),
            Msg::ZoomToFit => Text::new("zoom-to-fit"),
            Msg::ZoomActualSize(percent) => {
                Text::new("zoom-actual-size").with("percent", percent.to_string())
            }
            Msg::ShowJson => Text::new("show-json"),
            Msg::Problems => Text::new("problems"),
            Msg::NoProblems => Text::new("no-problems"),
            Msg::DiagramCanvas => Text::new("diagram-canvas"),
            Msg::DiagramNodes => Text::new("diagram-nodes"),
            Msg::CompiledSchema => Text::new("compiled-schema"),
            Msg::Format => Text::new("format"),
            Msg::DraftFound(when) => Text::new("draft-found").with("when", when.as_str()),
            Msg::RestoreDraft => Text::new("restore-draft"),
            Msg::DiscardDraft => Text::new("discard-draft"),
            Msg::OpenAsDiagram => Text::new("open-as-diagram"),
            Msg::ConvertToDiagram => Text::new("convert-to-diagram"),
            Msg::ConvertQuestion => Text::new("convert-question"),
            Msg::ConvertAndSave => Text::new("convert-and-save"),
            Msg::Undo => Text::new("undo"),
            Msg::Redo => Text::new("redo"),
            Msg::Properties => Text::new("properties"),
            Msg::StepJson => Text::new("step-json"),
            Msg::Apply => Text::new("apply"),
            // Code editor, versions and conflicts
            Msg::Versions => Text::new("versions"),
            Msg::VersionNote => Text::new("version-note"),
            Msg::SaveBlocked { count, first } => Text::new("save-blocked")
                .with("count", *count)
                .with("first-error", first.as_str()),
            Msg::NoVersions => Text::new("no-versions"),
            Msg::VersionNumber(version) => {
                Text::new("version-number").with("version", version.to_string())
            }
            Msg::SavedBy { who, when } => Text::new("saved-by")
                .with("who", who.as_str())
                .with("when", when.as_str()),
            Msg::Someone => Text::new("someone"),
            Msg::CurrentText => Text::new("current-text"),
            Msg::RestoreVersion => Text::new("restore-version"),
            Msg::RestoreNeedsSaved => Text::new("restore-needs-saved"),
            Msg::RestoredNote(version) => {
                Text::new("restored-note").with("version", version.to_string())
            }
            Msg::UnchangedLines(count) => Text::new("unchanged-lines").with("count", *count),
            Msg::NoDifferences => Text::new("no-differences"),
            Msg::LinesChanged { removed, added } => Text::new("lines-changed")
                .with("removed", *removed)
                .with("added", *added),
            Msg::LoadMore => Text::new("load-more"),
            Msg::ConflictTitle => Text::new("conflict-title"),
            Msg::ConflictText { who, when } => Text::new("conflict-text")
                .with("who", who.as_str())
                .with("when", when.as_str()),
            Msg::ReloadTheirs => Text::new("reload-theirs"),
            Msg::OverwriteWithMine => Text::new("overwrite-with-mine"),
            Msg::CopyMine => Text::new("copy-mine"),
            Msg::Copied => Text::new("copied"),
            Msg::CannotCopy(reason) => Text::new("cannot-copy").with("reason", reason.as_str()),
            Msg::Fullscreen => Text::new("fullscreen"),
            Msg::ExitFullscreen => Text::new("exit-fullscreen"),
            Msg::EditorUnavailable => Text::new("editor-unavailable"),
            Msg::ChooseVersion => Text::new("choose-version"),
            Msg::CurrentVersion(version) => {
                Text::new("current-version").with("version", version.to_string())
            }
            Msg::Form => Text::new("form"),
            Msg::Arrange => Text::new("arrange"),
            Msg::ToStart => Text::new("to-start"),
            Msg::FindInFlow => Text::new("find-in-flow"),
            Msg::FindNext => Text::new("find-next"),
            Msg::FindPrevious => Text::new("find-previous"),
            Msg::MatchCount { at, of } => Text::new("match-count")
                .with("current", *at)
                .with("total", *of),
            Msg::CannotPaste(reason) => Text::new("cannot-paste").with("reason", reason.as_str()),
            Msg::SaveWithErrors => Text::new("save-with-errors"),
            Msg::HasErrors(count) => Text::new("has-errors").with("count", *count),
            Msg::SaveAnyway => Text::new("save-anyway"),
            Msg::SaveAs => Text::new("save-as"),
            Msg::CopyName(name) => Text::new("copy-name").with("name", name.as_str()),
            Msg::Links => Text::new("links"),
            Msg::NextStep => Text::new("next-step"),
            Msg::NotLinked => Text::new("not-linked"),
            Msg::AddNote => Text::new("add-note"),
            Msg::Note => Text::new("note"),
            Msg::Group => Text::new("group"),
            Msg::NoteOnCanvas(text) => Text::new("note-on-canvas").with("text", text.as_str()),
            Msg::GroupSteps => Text::new("group-steps"),
            Msg::Ungroup => Text::new("ungroup"),
            Msg::Collapse => Text::new("collapse"),
            Msg::Expand => Text::new("expand"),
            Msg::SelectSteps => Text::new("select-steps"),
            Msg::GroupName => Text::new("group-name"),
            Msg::NewGroupName(number) => Text::new("new-group-name").with("number", *number),
            Msg::GroupOnCanvas {
                label,
                steps,
                collapsed,
            } => Text::new("group-on-canvas")
                .with("label", label.as_str())
                .with("steps", *steps)
                .with("state", if *collapsed { "collapsed" } else { "expanded" }),
            Msg::ZoomToSelection => Text::new("zoom-to-selection"),
            Msg::AddItem => Text::new("add-item"),
            Msg::RemoveItem => Text::new("remove-item"),
            Msg::ZoomIn => Text::new("zoom-in"),
            Msg::ZoomOut => Text::new("zoom-out"),
            Msg::FlowSettings => Text::new("flow-settings"),
            Msg::Done => Text::new("done"),
            Msg::CopySchema => Text::new("copy-schema"),
            Msg::NewEntryName => Text::new("new-entry-name"),
            Msg::LinkedOnCanvas => Text::new("linked-on-canvas"),
            Msg::Run(text) => text.message(),
        }
    }
}

/// The chosen language, shared through context and remembered by the browser.
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Locale>,
}

impl I18n {
    /// The remembered language, else the browser's, else English.
    pub fn load() -> Self {
        let remembered = Store::Local
            .get(LANG_KEY)
            .and_then(|code| Locale::from_code(&code));
        let browser = || Locale::from_code(&web_sys::window()?.navigator().language()?);
        let locale = remembered.or_else(browser).unwrap_or(Locale::ENGLISH);
        CHOSEN.set(locale);
        Self {
            lang: RwSignal::new(locale),
        }
    }

    pub fn set(&self, locale: Locale) {
        Store::Local.set(LANG_KEY, locale.code());
        if let Some(root) = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.document_element())
        {
            let _ = root.set_attribute("lang", locale.code());
        }
        CHOSEN.set(locale);
        self.lang.set(locale);
    }

    /// The current language (reactive when read in a closure).
    pub fn locale(&self) -> Locale {
        self.lang.get()
    }

    /// The current language, not followed.
    pub fn locale_untracked(&self) -> Locale {
        self.lang.get_untracked()
    }

    /// The text of `msg` in the current language (reactive when read in a closure).
    pub fn t(&self, msg: Msg) -> String {
        msg.text(self.lang.get())
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// Fetches the texts only the editors read (the catalog's, the Run panel's) in `locale`, unless
/// they are there: the editors wait for them, so a first visit to the Flow page does not carry
/// them. A file that cannot be fetched leaves its texts in English, or their ids, and says so
/// in the console.
pub async fn fetch_editor_texts(locale: Locale) {
    for name in locale.texts_to_fetch() {
        match crate::browser::fetch_text(&format!("locales/{}/{name}", locale.code())).await {
            Ok(text) => locale.add_texts(name, &text),
            Err(error) => leptos::logging::warn!("{error}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flow_model::templates::TEMPLATES;
    use std::collections::BTreeSet;

    fn russian() -> Locale {
        Locale::from_code("ru").expect("Russian texts")
    }

    /// Every `Msg`: each variant, once per value that chooses other words (a plural form, a flag).
    fn every_msg() -> Vec<Msg> {
        let mut all = vec![
            Msg::Flow,
            Msg::SignIn,
            Msg::SignOut,
            Msg::Username,
            Msg::Password,
            Msg::Domain,
            Msg::ApiBaseUrl,
            Msg::ApiBaseHint,
            Msg::WrongSignIn,
            Msg::NoFlowAccess,
            Msg::NotWebitelApi,
            Msg::DomainHint,
            Msg::SessionEnded,
            Msg::SigningIn,
            Msg::Loading,
            Msg::Language,
            Msg::LanguageName,
            Msg::PageNotFound,
            Msg::GoToFlows,
            Msg::Add,
            Msg::Upload,
            Msg::Refresh,
            Msg::DeleteSelected(3),
            Msg::Tags,
            Msg::TagsPlaceholder,
            Msg::Search,
            Msg::SearchPlaceholder,
            Msg::FlowTypes,
            Msg::ResetFilters,
            Msg::ExpandFilters,
            Msg::CollapseFilters,
            Msg::RemoveTag("vip".into()),
            Msg::NoSuggestions,
            Msg::SelectAll,
            Msg::SelectFlow("Main".into()),
            Msg::Name,
            Msg::Editor,
            Msg::Type,
            Msg::Created,
            Msg::Modified,
            Msg::Actions,
            Msg::Download,
            Msg::Edit,
            Msg::Delete,
            Msg::EditorKind(true),
            Msg::EditorKind(false),
            Msg::SortAscending,
            Msg::SortDescending,
            Msg::NotSorted,
            Msg::RowsPerPage,
            Msg::PreviousPage,
            Msg::NextPage,
            Msg::PageNumber(2),
            Msg::NoFlowsYet,
            Msg::NoResults,
            Msg::Unreachable,
            Msg::Retry,
            Msg::CreateNewFlow,
            Msg::Diagram,
            Msg::Code,
            Msg::ChooseType,
            Msg::StartFrom,
            Msg::Create,
            Msg::Close,
            Msg::Cancel,
            Msg::ImportJson,
            Msg::CreateNew,
            Msg::WillReplace("Main".into()),
            Msg::NoFlowNamed("Main".into()),
            Msg::NameTaken("Main".into()),
            Msg::CannotImport("not JSON".into()),
            Msg::ServerUnreachable("refused".into()),
            Msg::UnexpectedAnswer("not JSON".into()),
            Msg::ChangedSinceOpened,
            Msg::Imported("Main".into()),
            Msg::Replaced("Main".into()),
            Msg::ConfirmDeletion,
            Msg::UsedByOthers,
            Msg::UsedBy {
                name: "Billing".into(),
                users: vec!["IVR main (Run flow)".into()],
            },
            Msg::UsesUnknown,
            Msg::Dependencies,
            Msg::UsedByHeading,
            Msg::RunsHeading,
            Msg::UsedByNone,
            Msg::RunsNone,
            Msg::UsedByUnknown,
            Msg::DeletedButCalled {
                name: "Billing".into(),
                users: vec!["IVR main (Run flow)".into()],
            },
            Msg::RunsFlow,
            Msg::OpenFlow,
            Msg::NoFlowWithId(7),
            Msg::PickFlow,
            Msg::PickFlowPlaceholder,
            Msg::NothingMatches,
            Msg::PickByName,
            Msg::PickByNamePlaceholder,
            Msg::SearchWhere,
            Msg::SearchNames,
            Msg::SearchInside,
            Msg::SearchInsidePlaceholder,
            Msg::TypeToSearchInside(2),
            Msg::NothingInside,
            Msg::InsideUnavailable,
            Msg::DiagramNote,
            Msg::UsesFilter,
            Msg::UsesKind,
            Msg::UsesKeyPlaceholder,
            Msg::UsesUnavailable,
            Msg::UsedByFlows(1),
            Msg::UsedByFlows(2),
            Msg::UsedByFlows(5),
            Msg::DeleteQuestion(vec!["A".into(), "B".into()]),
            Msg::Deleted(1),
            Msg::Deleted(2),
            Msg::Deleted(5),
            Msg::DeleteFailed {
                name: "Main".into(),
                reason: "gone".into(),
            },
            Msg::ChangedMeanwhile,
            Msg::NoPermission,
            Msg::General,
            Msg::Description,
            Msg::Debug,
            Msg::FlowSchema,
            Msg::Save,
            Msg::Saving,
            Msg::SuccessfullyUpdated,
            Msg::NewFlow,
            Msg::SchemaError("bad".into()),
            Msg::UnsavedChanges,
            Msg::UnsavedQuestion,
            Msg::DontSave,
            Msg::StaleWrite,
            Msg::Dismiss,
            Msg::Palette,
            Msg::ResizePanel,
            Msg::HidePanel,
            Msg::ShowPanel,
            Msg::FindApp,
            Msg::ZoomToFit,
            Msg::ZoomActualSize(150),
            Msg::ShowJson,
            Msg::Problems,
            Msg::NoProblems,
            Msg::DiagramCanvas,
            Msg::DiagramNodes,
            Msg::CompiledSchema,
            Msg::Format,
            Msg::DraftFound("today".into()),
            Msg::RestoreDraft,
            Msg::DiscardDraft,
            Msg::OpenAsDiagram,
            Msg::ConvertToDiagram,
            Msg::ConvertQuestion,
            Msg::ConvertAndSave,
            Msg::Undo,
            Msg::Redo,
            Msg::Properties,
            Msg::StepJson,
            Msg::Apply,
            Msg::Versions,
            Msg::VersionNote,
            Msg::SaveBlocked {
                count: 1,
                first: "x".into(),
            },
            Msg::SaveBlocked {
                count: 2,
                first: "x".into(),
            },
            Msg::SaveBlocked {
                count: 5,
                first: "x".into(),
            },
            Msg::NoVersions,
            Msg::VersionNumber(7),
            Msg::SavedBy {
                who: "Ann".into(),
                when: "today".into(),
            },
            Msg::Someone,
            Msg::CurrentText,
            Msg::RestoreVersion,
            Msg::RestoreNeedsSaved,
            Msg::RestoredNote(7),
            Msg::UnchangedLines(1),
            Msg::UnchangedLines(2),
            Msg::UnchangedLines(5),
            Msg::NoDifferences,
            Msg::LinesChanged {
                removed: 1,
                added: 2,
            },
            Msg::LoadMore,
            Msg::ConflictTitle,
            Msg::ConflictText {
                who: "Ann".into(),
                when: "today".into(),
            },
            Msg::ReloadTheirs,
            Msg::OverwriteWithMine,
            Msg::CopyMine,
            Msg::Copied,
            Msg::CannotCopy("denied".into()),
            Msg::Fullscreen,
            Msg::ExitFullscreen,
            Msg::EditorUnavailable,
            Msg::ChooseVersion,
            Msg::CurrentVersion(7),
            Msg::Form,
            Msg::Arrange,
            Msg::ToStart,
            Msg::FindInFlow,
            Msg::FindNext,
            Msg::FindPrevious,
            Msg::MatchCount { at: 0, of: 0 },
            Msg::MatchCount { at: 2, of: 5 },
            Msg::CannotPaste("empty".into()),
            Msg::SaveWithErrors,
            Msg::HasErrors(1),
            Msg::HasErrors(2),
            Msg::HasErrors(5),
            Msg::SaveAnyway,
            Msg::SaveAs,
            Msg::CopyName("Main".into()),
            Msg::Links,
            Msg::NextStep,
            Msg::NotLinked,
            Msg::AddNote,
            Msg::Note,
            Msg::Group,
            Msg::NoteOnCanvas("hello".into()),
            Msg::GroupSteps,
            Msg::Ungroup,
            Msg::Collapse,
            Msg::Expand,
            Msg::SelectSteps,
            Msg::GroupName,
            Msg::NewGroupName(3),
            Msg::GroupOnCanvas {
                label: "A".into(),
                steps: 1,
                collapsed: true,
            },
            Msg::GroupOnCanvas {
                label: "A".into(),
                steps: 2,
                collapsed: false,
            },
            Msg::GroupOnCanvas {
                label: "A".into(),
                steps: 5,
                collapsed: true,
            },
            Msg::ZoomToSelection,
            Msg::AddItem,
            Msg::RemoveItem,
            Msg::ZoomIn,
            Msg::ZoomOut,
            Msg::FlowSettings,
            Msg::Done,
            Msg::CopySchema,
            Msg::NewEntryName,
            Msg::LinkedOnCanvas,
        ];
        all.extend(RunText::examples().into_iter().map(Msg::Run));
        all.extend(FlowType::ALL.map(Msg::FlowType));
        all.extend(Object::ALL.map(Msg::ObjectKind));
        for template in TEMPLATES.map(Some).into_iter().chain([None]) {
            all.extend([Msg::TemplateName(template), Msg::TemplateAbout(template)]);
        }
        all
    }

    /// The ids `app.ftl` and `run.ftl` define in English.
    fn english_app_ids() -> BTreeSet<&'static str> {
        include_str!("../crates/model/locales/en/app.ftl")
            .lines()
            .chain(include_str!("../crates/model/locales/en/run.ftl").lines())
            .filter(|line| line.starts_with(|first: char| first.is_ascii_lowercase()))
            .filter_map(|line| line.split_once(" =").map(|(id, _)| id))
            .collect()
    }

    #[test]
    fn every_msg_has_its_english_message_and_gets_every_value_it_puts_in() {
        for msg in every_msg() {
            let id = msg.message().id().to_owned();
            assert!(
                Locale::ENGLISH.text(&id, None, None).is_some(),
                "{msg:?}: no English message {id}"
            );
            for locale in Locale::all() {
                let text = msg.text(locale);
                // Fluent writes a variable it was not given as `{$name}`.
                assert!(!text.contains("{$"), "{msg:?} in {locale:?}: {text}");
            }
        }
    }

    #[test]
    fn every_message_of_the_app_is_said_by_some_msg() {
        let said: BTreeSet<String> = every_msg()
            .iter()
            .map(|msg| msg.message().id().to_owned())
            .collect();
        let unsaid: Vec<_> = english_app_ids()
            .into_iter()
            .filter(|id| !said.contains(*id))
            .collect();
        assert!(unsaid.is_empty(), "no Msg says {unsaid:?}");
    }

    #[test]
    fn counted_words_agree_with_the_count() {
        let save_blocked = |count| Msg::SaveBlocked {
            count,
            first: "x".into(),
        };
        let group = |steps, collapsed| Msg::GroupOnCanvas {
            label: "A".into(),
            steps,
            collapsed,
        };
        let (en, ru) = (Locale::ENGLISH, russian());
        let cases = [
            (Msg::Deleted(1), ru, "Удалено: 1 схема"),
            (Msg::Deleted(3), ru, "Удалено: 3 схемы"),
            (Msg::Deleted(11), ru, "Удалено: 11 схем"),
            (Msg::Deleted(22), ru, "Удалено: 22 схемы"),
            (Msg::Deleted(25), ru, "Удалено: 25 схем"),
            (Msg::Deleted(1), en, "Deleted 1 flow"),
            (Msg::Deleted(3), en, "Deleted 3 flows"),
            (Msg::UnchangedLines(1), en, "1 unchanged line"),
            (Msg::UnchangedLines(0), en, "0 unchanged lines"),
            (Msg::UnchangedLines(21), ru, "21 строка без изменений"),
            (
                Msg::HasErrors(1),
                en,
                "The flow has 1 error: it will not run as drawn until it is fixed.",
            ),
            (
                Msg::HasErrors(2),
                ru,
                "В схеме 2 ошибки: до исправления она не будет работать так, как нарисована.",
            ),
            (save_blocked(1), en, "Not saved: 1 error to fix first. x"),
            (save_blocked(2), en, "Not saved: 2 errors to fix first. x"),
            (
                save_blocked(5),
                ru,
                "Не сохранено: сначала исправьте 5 ошибок. x",
            ),
            (group(1, true), en, "Group A: 1 step, collapsed"),
            (group(2, false), en, "Group A: 2 steps"),
            (group(2, true), ru, "Группа A: 2 шага, свёрнута"),
            (Msg::MatchCount { at: 0, of: 0 }, en, "no matches"),
            (Msg::MatchCount { at: 1, of: 1 }, ru, "1 из 1"),
        ];
        for (msg, locale, expected) in cases {
            assert_eq!(msg.text(locale), expected, "{msg:?} in {locale:?}");
        }
    }

    #[test]
    fn every_type_and_editor_has_a_label_in_each_language() {
        for locale in Locale::all() {
            for kind in FlowType::ALL {
                assert!(!Msg::FlowType(kind).text(locale).is_empty());
            }
            assert_ne!(
                Msg::EditorKind(true).text(locale),
                Msg::EditorKind(false).text(locale)
            );
        }
        let en = Locale::ENGLISH;
        assert_eq!(Msg::FlowType(FlowType::Processing).text(en), "Forms");
        assert_eq!(Msg::FlowType(FlowType::Default).text(en), "No type");
        assert_eq!(Msg::FlowType(FlowType::Voice).text(russian()), "Голос");
    }

    #[test]
    fn each_language_names_itself() {
        assert_eq!(Msg::LanguageName.text(Locale::ENGLISH), "English");
        assert_eq!(Msg::LanguageName.text(russian()), "Русский");
    }

    #[test]
    fn lists_quote_names() {
        let names = vec!["A".to_owned(), "B".to_owned()];
        assert_eq!(
            Msg::DeleteQuestion(names).text(Locale::ENGLISH),
            "Delete «A», «B»? This cannot be undone."
        );
    }
}
