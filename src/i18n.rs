//! The translation layer: every text the page shows is a [`Msg`], rendered in the chosen
//! language. Adding a message without both translations does not compile.

use crate::storage::Store;
use flow_model::l10n::Locale;
use flow_model::FlowType;
use leptos::prelude::*;

const LANG_KEY: &str = "flow-studio.lang";

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Lang {
    En,
    Ru,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ru];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| lang.code() == code)
    }

    /// The model's texts (catalog, problems) in this language.
    pub fn locale(self) -> Locale {
        Locale::from_code(self.code()).unwrap_or(Locale::ENGLISH)
    }

    /// The language's own name, as a switcher shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ru => "Русский",
        }
    }
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
}

fn en_plural(count: usize, one: &str, many: &str) -> String {
    let word = if count == 1 { one } else { many };
    format!("{count} {word}")
}

fn ru_plural(count: usize, one: &str, few: &str, many: &str) -> String {
    let word = match (count % 10, count % 100) {
        (1, hundred) if hundred != 11 => one,
        (2..=4, hundred) if !(12..=14).contains(&hundred) => few,
        _ => many,
    };
    format!("{count} {word}")
}

fn quoted_list(names: &[String]) -> String {
    names
        .iter()
        .map(|name| format!("«{name}»"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Msg {
    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.en(),
            Lang::Ru => self.ru(),
        }
    }

    fn en(&self) -> String {
        match self {
            Msg::Flow => "Flow".into(),
            Msg::SignIn => "Sign in".into(),
            Msg::SignOut => "Sign out".into(),
            Msg::Username => "Username".into(),
            Msg::Password => "Password".into(),
            Msg::Domain => "Domain".into(),
            Msg::ApiBaseUrl => "API base URL".into(),
            Msg::ApiBaseHint => {
                "Where the API is: /api for this server, or a Webitel engine's address".into()
            }
            Msg::WrongSignIn => "The username, password or domain is wrong.".into(),
            Msg::NoFlowAccess => {
                "This account may not read flows: it has no rights on flow schemas.".into()
            }
            Msg::NotWebitelApi => {
                "The server at this address does not answer as Webitel's API does: check the API base URL."
                    .into()
            }
            Msg::DomainHint => "Not needed when the username is written as user@domain".into(),
            Msg::SessionEnded => {
                "Your session has ended: it expired or was signed out. Sign in again to go back to the page you were on."
                    .into()
            }
            Msg::SigningIn => "Signing in…".into(),
            Msg::Loading => "Loading…".into(),
            Msg::Language => "Language".into(),
            Msg::PageNotFound => "This page does not exist.".into(),
            Msg::GoToFlows => "Go to Flow".into(),
            Msg::Add => "Add".into(),
            Msg::Upload => "Upload".into(),
            Msg::Refresh => "Refresh".into(),
            Msg::DeleteSelected(count) => format!("Delete selected ({count})"),
            Msg::Tags => "Tags".into(),
            Msg::TagsPlaceholder => "Type to find tags".into(),
            Msg::Search => "Search".into(),
            Msg::SearchPlaceholder => "Search by name (* is a wildcard)".into(),
            Msg::FlowTypes => "Types".into(),
            Msg::ResetFilters => "Reset filters".into(),
            Msg::ExpandFilters => "Expand filters".into(),
            Msg::CollapseFilters => "Collapse filters".into(),
            Msg::RemoveTag(tag) => format!("Remove tag {tag}"),
            Msg::NoSuggestions => "No matching tags".into(),
            Msg::SelectAll => "Select all flows on this page".into(),
            Msg::SelectFlow(name) => format!("Select {name}"),
            Msg::Name => "Name".into(),
            Msg::Editor => "Editor".into(),
            Msg::Type => "Type".into(),
            Msg::Created => "Created".into(),
            Msg::Modified => "Modified".into(),
            Msg::Actions => "Actions".into(),
            Msg::Download => "Download".into(),
            Msg::Edit => "Edit".into(),
            Msg::Delete => "Delete".into(),
            Msg::FlowType(kind) => kind.label().into(),
            Msg::EditorKind(true) => "Diagram".into(),
            Msg::EditorKind(false) => "Code".into(),
            Msg::SortAscending => "sorted ascending".into(),
            Msg::SortDescending => "sorted descending".into(),
            Msg::NotSorted => "not sorted".into(),
            Msg::RowsPerPage => "Rows per page".into(),
            Msg::PreviousPage => "Previous page".into(),
            Msg::NextPage => "Next page".into(),
            Msg::PageNumber(page) => format!("Page {page}"),
            Msg::NoFlowsYet => "There are no flows yet".into(),
            Msg::NoResults => "No flows match the search and filters".into(),
            Msg::Unreachable => "The server cannot be reached".into(),
            Msg::Retry => "Retry".into(),
            Msg::CreateNewFlow => "Create new flow".into(),
            Msg::Diagram => "Diagram".into(),
            Msg::Code => "Code".into(),
            Msg::ChooseType => "Choose a type".into(),
            Msg::Create => "Create".into(),
            Msg::Close => "Close".into(),
            Msg::Cancel => "Cancel".into(),
            Msg::ImportJson => "Import JSON".into(),
            Msg::CreateNew => "Create new?".into(),
            Msg::WillReplace(name) => {
                format!("The flow «{name}» will be replaced by the imported one")
            }
            Msg::NoFlowNamed(name) => format!("There is no flow named «{name}» to replace"),
            Msg::NameTaken(name) => {
                format!("A flow named «{name}» already exists: choose another name")
            }
            Msg::CannotImport(reason) => format!("Cannot import this file: {reason}"),
            Msg::Imported(name) => format!("Imported «{name}»"),
            Msg::Replaced(name) => format!("Replaced «{name}»"),
            Msg::ConfirmDeletion => "Confirm deletion".into(),
            Msg::DeleteQuestion(names) => {
                format!("Delete {}? This cannot be undone.", quoted_list(names))
            }
            Msg::Deleted(count) => format!("Deleted {}", en_plural(*count, "flow", "flows")),
            Msg::DeleteFailed { name, reason } => format!("«{name}» was not deleted: {reason}"),
            Msg::ChangedMeanwhile => {
                "it was changed by someone else meanwhile; refresh and try again".into()
            }
            Msg::NoPermission => "you have no permission for this".into(),
            Msg::General => "General".into(),
            Msg::Description => "Description".into(),
            Msg::Debug => "Debug".into(),
            Msg::FlowSchema => "Flow schema".into(),
            Msg::Save => "Save".into(),
            Msg::Saving => "Saving…".into(),
            Msg::SuccessfullyUpdated => "Successfully updated".into(),
            Msg::NewFlow => "New flow".into(),
            Msg::SchemaError(reason) => format!("The schema cannot be saved: {reason}"),
            Msg::UnsavedChanges => "Unsaved changes".into(),
            Msg::UnsavedQuestion => "Save your changes before leaving?".into(),
            Msg::DontSave => "Don't save".into(),
            Msg::StaleWrite => {
                "Someone else saved this flow meanwhile: reload it to see their changes".into()
            }
            Msg::Dismiss => "Dismiss".into(),
            Msg::Palette => "Steps".into(),
            Msg::ResizePanel => "Resize the side panel".into(),
            Msg::HidePanel => "Hide the side panel".into(),
            Msg::ShowPanel => "Show the side panel".into(),
            Msg::FindApp => "Find a step".into(),
            Msg::ZoomToFit => "Zoom to fit".into(),
            Msg::ZoomActualSize(percent) => format!("Zoom {percent}%: back to 100%"),
            Msg::ShowJson => "Show JSON".into(),
            Msg::Problems => "Problems".into(),
            Msg::NoProblems => "No problems".into(),
            Msg::DiagramCanvas => {
                "Diagram: drag to pan, scroll to zoom, click a step to select it, Delete removes it"
                    .into()
            }
            Msg::DiagramNodes => "Steps of the diagram".into(),
            Msg::CompiledSchema => "The schema this diagram saves".into(),
            Msg::Format => "Format".into(),
            Msg::DraftFound(when) => {
                format!("Unsaved changes from {when} were kept in this browser")
            }
            Msg::RestoreDraft => "Restore them".into(),
            Msg::DiscardDraft => "Discard them".into(),
            Msg::OpenAsDiagram => "Open as diagram".into(),
            Msg::ConvertToDiagram => "Make it a Diagram flow?".into(),
            Msg::ConvertQuestion => "This is a Code flow. Saving it here makes it a Diagram flow: from then on it opens in the diagram editor and its schema is written from the diagram.".into(),
            Msg::ConvertAndSave => "Make it a Diagram flow and save".into(),
            Msg::Undo => "Undo (Ctrl+Z)".into(),
            Msg::Redo => "Redo (Shift+Ctrl+Z)".into(),
            Msg::Properties => "Properties".into(),
            Msg::StepJson => "The step as JSON".into(),
            Msg::Apply => "Apply".into(),
            Msg::Versions => "Versions".into(),
            Msg::VersionNote => "Note for this version (optional)".into(),
            Msg::SaveBlocked { count, first } => format!(
                "Not saved: {} to fix first. {first}",
                en_plural(*count, "error", "errors")
            ),
            Msg::NoVersions => {
                "No earlier versions yet: every save that changes the schema keeps the one before it."
                    .into()
            }
            Msg::VersionNumber(number) => format!("Version {number}"),
            Msg::SavedBy { who, when } => format!("{who}, {when}"),
            Msg::Someone => "someone".into(),
            Msg::CurrentText => "Current text (as typed)".into(),
            Msg::RestoreVersion => "Restore this version".into(),
            Msg::RestoreNeedsSaved => {
                "Save or discard your changes first: restoring saves the version as the flow's new content"
                    .into()
            }
            Msg::RestoredNote(number) => format!("Restored version {number}"),
            Msg::UnchangedLines(count) => en_plural(*count, "unchanged line", "unchanged lines"),
            Msg::NoDifferences => "No differences from the current text".into(),
            Msg::LinesChanged { removed, added } => format!("−{removed} +{added} lines"),
            Msg::LoadMore => "Load more".into(),
            Msg::ConflictTitle => "Someone else saved this flow".into(),
            Msg::ConflictText { who, when } => format!(
                "{who} saved it at {when}, after you opened it. Your changes are not saved yet: choose what to keep."
            ),
            Msg::ReloadTheirs => "Reload theirs".into(),
            Msg::OverwriteWithMine => "Overwrite with mine".into(),
            Msg::CopyMine => "Copy mine".into(),
            Msg::Copied => "Your schema is on the clipboard".into(),
            Msg::CannotCopy(reason) => format!("Could not copy to the clipboard: {reason}"),
            Msg::Fullscreen => "Full screen".into(),
            Msg::ExitFullscreen => "Exit full screen (Esc)".into(),
            Msg::EditorUnavailable => {
                "The code editor could not load: editing as plain text.".into()
            }
            Msg::ChooseVersion => "Choose a version to compare it with the current text.".into(),
            Msg::CurrentVersion(number) => format!("Version {number} (current)"),
            Msg::Form => "Form".into(),
            Msg::CannotPaste(reason) => format!("Nothing pasted: {reason}"),
            Msg::SaveWithErrors => "Save with errors?".into(),
            Msg::HasErrors(count) => match count {
                1 => "The flow has 1 error: it will not run as drawn until it is fixed.".into(),
                _ => format!(
                    "The flow has {count} errors: it will not run as drawn until they are fixed."
                ),
            },
            Msg::SaveAnyway => "Save anyway".into(),
            Msg::SaveAs => "Save as".into(),
            Msg::Links => "Links".into(),
            Msg::NextStep => "next".into(),
            Msg::NotLinked => "— not linked".into(),
            Msg::CopyName(name) => format!("{name} (copy)"),
            Msg::Arrange => "Arrange".into(),
            Msg::ToStart => "To start".into(),
            Msg::FindInFlow => "Find a step, app or text".into(),
            Msg::FindNext => "Next match (Enter)".into(),
            Msg::FindPrevious => "Previous match (Shift+Enter)".into(),
            Msg::MatchCount { at, of } => match of {
                0 => "no matches".into(),
                _ => format!("{at} of {of}"),
            },
            Msg::AddNote => "Add a note".into(),
            Msg::Note => "Note".into(),
            Msg::Group => "Group".into(),
            Msg::NoteOnCanvas(text) => format!("Note: {text}"),
            Msg::GroupSteps => "Group the selected steps (Ctrl+G)".into(),
            Msg::Ungroup => "Ungroup".into(),
            Msg::Collapse => "Collapse".into(),
            Msg::Expand => "Expand".into(),
            Msg::SelectSteps => "Select its steps".into(),
            Msg::GroupName => "Group name".into(),
            Msg::NewGroupName(n) => format!("Group {n}"),
            Msg::GroupOnCanvas {
                label,
                steps,
                collapsed,
            } => format!(
                "Group {label}: {}{}",
                en_plural(*steps, "step", "steps"),
                if *collapsed { ", collapsed" } else { "" }
            ),
            Msg::ZoomToSelection => "Zoom to selection (F)".into(),
            Msg::AddItem => "Add".into(),
            Msg::ZoomIn => "Zoom in (+)".into(),
            Msg::FlowSettings => "Flow settings".into(),
            Msg::Done => "Done".into(),
            Msg::CopySchema => "Copy".into(),
            Msg::ZoomOut => "Zoom out (−)".into(),
            Msg::RemoveItem => "Remove".into(),
            Msg::NewEntryName => "New name".into(),
            Msg::LinkedOnCanvas => "linked on the canvas".into(),
        }
    }

    fn ru(&self) -> String {
        match self {
            Msg::Flow => "Схемы".into(),
            Msg::SignIn => "Войти".into(),
            Msg::SignOut => "Выйти".into(),
            Msg::Username => "Имя пользователя".into(),
            Msg::Password => "Пароль".into(),
            Msg::Domain => "Домен".into(),
            Msg::ApiBaseUrl => "Адрес API".into(),
            Msg::ApiBaseHint => {
                "Где находится API: /api для этого сервера или адрес движка Webitel".into()
            }
            Msg::WrongSignIn => "Неверное имя пользователя, пароль или домен.".into(),
            Msg::NoFlowAccess => {
                "У этой учётной записи нет прав на чтение схем.".into()
            }
            Msg::NotWebitelApi => {
                "Сервер по этому адресу отвечает не так, как API Webitel: проверьте адрес API."
                    .into()
            }
            Msg::DomainHint => "Не нужен, если имя пользователя записано как user@domain".into(),
            Msg::SessionEnded => {
                "Сеанс завершён: истёк его срок или был выполнен выход. Войдите снова, чтобы вернуться на открытую страницу."
                    .into()
            }
            Msg::SigningIn => "Вход…".into(),
            Msg::Loading => "Загрузка…".into(),
            Msg::Language => "Язык".into(),
            Msg::PageNotFound => "Такой страницы нет.".into(),
            Msg::GoToFlows => "К схемам".into(),
            Msg::Add => "Добавить".into(),
            Msg::Upload => "Загрузить".into(),
            Msg::Refresh => "Обновить".into(),
            Msg::DeleteSelected(count) => format!("Удалить выбранные ({count})"),
            Msg::Tags => "Теги".into(),
            Msg::TagsPlaceholder => "Начните вводить тег".into(),
            Msg::Search => "Поиск".into(),
            Msg::SearchPlaceholder => "Поиск по имени (* — любые символы)".into(),
            Msg::FlowTypes => "Типы".into(),
            Msg::ResetFilters => "Сбросить фильтры".into(),
            Msg::ExpandFilters => "Развернуть фильтры".into(),
            Msg::CollapseFilters => "Свернуть фильтры".into(),
            Msg::RemoveTag(tag) => format!("Убрать тег {tag}"),
            Msg::NoSuggestions => "Подходящих тегов нет".into(),
            Msg::SelectAll => "Выбрать все схемы на странице".into(),
            Msg::SelectFlow(name) => format!("Выбрать {name}"),
            Msg::Name => "Имя".into(),
            Msg::Editor => "Редактор".into(),
            Msg::Type => "Тип".into(),
            Msg::Created => "Создана".into(),
            Msg::Modified => "Изменена".into(),
            Msg::Actions => "Действия".into(),
            Msg::Download => "Скачать".into(),
            Msg::Edit => "Изменить".into(),
            Msg::Delete => "Удалить".into(),
            Msg::FlowType(kind) => match kind {
                FlowType::Default => "Без типа",
                FlowType::Voice => "Голос",
                FlowType::Chat => "Чат",
                FlowType::Processing => "Формы",
                FlowType::Service => "Сервис",
            }
            .into(),
            Msg::EditorKind(true) => "Диаграмма".into(),
            Msg::EditorKind(false) => "Код".into(),
            Msg::SortAscending => "по возрастанию".into(),
            Msg::SortDescending => "по убыванию".into(),
            Msg::NotSorted => "без сортировки".into(),
            Msg::RowsPerPage => "Строк на странице".into(),
            Msg::PreviousPage => "Предыдущая страница".into(),
            Msg::NextPage => "Следующая страница".into(),
            Msg::PageNumber(page) => format!("Страница {page}"),
            Msg::NoFlowsYet => "Схем пока нет".into(),
            Msg::NoResults => "Нет схем, подходящих под поиск и фильтры".into(),
            Msg::Unreachable => "Сервер недоступен".into(),
            Msg::Retry => "Повторить".into(),
            Msg::CreateNewFlow => "Создать новую схему".into(),
            Msg::Diagram => "Диаграмма".into(),
            Msg::Code => "Код".into(),
            Msg::ChooseType => "Выберите тип".into(),
            Msg::Create => "Создать".into(),
            Msg::Close => "Закрыть".into(),
            Msg::Cancel => "Отмена".into(),
            Msg::ImportJson => "Импорт JSON".into(),
            Msg::CreateNew => "Создать новую схему?".into(),
            Msg::WillReplace(name) => format!("Схема «{name}» будет заменена импортируемой"),
            Msg::NoFlowNamed(name) => format!("Схемы с именем «{name}» нет — заменять нечего"),
            Msg::NameTaken(name) => format!("Схема «{name}» уже существует: выберите другое имя"),
            Msg::CannotImport(reason) => format!("Этот файл нельзя импортировать: {reason}"),
            Msg::Imported(name) => format!("Схема «{name}» импортирована"),
            Msg::Replaced(name) => format!("Схема «{name}» заменена"),
            Msg::ConfirmDeletion => "Подтвердите удаление".into(),
            Msg::DeleteQuestion(names) => format!(
                "Удалить {}? Это действие нельзя отменить.",
                quoted_list(names)
            ),
            Msg::Deleted(count) => format!(
                "Удалено: {}",
                ru_plural(*count, "схема", "схемы", "схем")
            ),
            Msg::DeleteFailed { name, reason } => format!("«{name}» не удалена: {reason}"),
            Msg::ChangedMeanwhile => {
                "её только что изменил кто-то другой; обновите и повторите".into()
            }
            Msg::NoPermission => "у вас нет на это прав".into(),
            Msg::General => "Общее".into(),
            Msg::Description => "Описание".into(),
            Msg::Debug => "Отладка".into(),
            Msg::FlowSchema => "JSON схемы".into(),
            Msg::Save => "Сохранить".into(),
            Msg::Saving => "Сохранение…".into(),
            Msg::SuccessfullyUpdated => "Успешно обновлено".into(),
            Msg::NewFlow => "Новая схема".into(),
            Msg::SchemaError(reason) => format!("Схему нельзя сохранить: {reason}"),
            Msg::UnsavedChanges => "Несохранённые изменения".into(),
            Msg::UnsavedQuestion => "Сохранить изменения перед уходом?".into(),
            Msg::DontSave => "Не сохранять".into(),
            Msg::StaleWrite => {
                "Кто-то другой уже сохранил эту схему: перезагрузите её, чтобы увидеть изменения"
                    .into()
            }
            Msg::Dismiss => "Закрыть уведомление".into(),
            Msg::Palette => "Шаги".into(),
            Msg::ResizePanel => "Изменить ширину боковой панели".into(),
            Msg::HidePanel => "Скрыть боковую панель".into(),
            Msg::ShowPanel => "Показать боковую панель".into(),
            Msg::FindApp => "Найти шаг".into(),
            Msg::ZoomToFit => "Показать всё".into(),
            Msg::ZoomActualSize(percent) => format!("Масштаб {percent}%: вернуть 100%"),
            Msg::ShowJson => "Показать JSON".into(),
            Msg::Problems => "Проблемы".into(),
            Msg::NoProblems => "Проблем нет".into(),
            Msg::DiagramCanvas => "Диаграмма: перетаскивание сдвигает, колесо масштабирует, щелчок выбирает шаг, Delete удаляет его".into(),
            Msg::DiagramNodes => "Шаги диаграммы".into(),
            Msg::CompiledSchema => "Схема, которую сохраняет диаграмма".into(),
            Msg::Format => "Форматировать".into(),
            Msg::DraftFound(when) => format!("В браузере сохранены несохранённые изменения от {when}"),
            Msg::RestoreDraft => "Восстановить".into(),
            Msg::DiscardDraft => "Отбросить".into(),
            Msg::OpenAsDiagram => "Открыть как диаграмму".into(),
            Msg::ConvertToDiagram => "Сделать схему диаграммой?".into(),
            Msg::ConvertQuestion => "Это схема с редактором «Код». Сохранение здесь сделает её диаграммой: она будет открываться в редакторе диаграмм, а её содержимое будет собираться из диаграммы.".into(),
            Msg::ConvertAndSave => "Сделать диаграммой и сохранить".into(),
            Msg::Undo => "Отменить (Ctrl+Z)".into(),
            Msg::Redo => "Повторить (Shift+Ctrl+Z)".into(),
            Msg::Properties => "Свойства".into(),
            Msg::StepJson => "Шаг в виде JSON".into(),
            Msg::Apply => "Применить".into(),
            Msg::Versions => "Версии".into(),
            Msg::VersionNote => "Заметка к версии (необязательно)".into(),
            Msg::SaveBlocked { count, first } => format!(
                "Не сохранено: сначала исправьте {}. {first}",
                ru_plural(*count, "ошибку", "ошибки", "ошибок")
            ),
            Msg::NoVersions => {
                "Прежних версий пока нет: каждое сохранение, меняющее схему, сохраняет предыдущую."
                    .into()
            }
            Msg::VersionNumber(number) => format!("Версия {number}"),
            Msg::SavedBy { who, when } => format!("{who}, {when}"),
            Msg::Someone => "кто-то".into(),
            Msg::CurrentText => "Текущий текст (как введён)".into(),
            Msg::RestoreVersion => "Восстановить эту версию".into(),
            Msg::RestoreNeedsSaved => {
                "Сначала сохраните или отмените изменения: восстановление сохраняет версию как новое содержимое схемы"
                    .into()
            }
            Msg::RestoredNote(number) => format!("Восстановлена версия {number}"),
            Msg::UnchangedLines(count) => {
                format!("{} без изменений", ru_plural(*count, "строка", "строки", "строк"))
            }
            Msg::NoDifferences => "Нет отличий от текущего текста".into(),
            Msg::LinesChanged { removed, added } => format!("−{removed} +{added} строк"),
            Msg::LoadMore => "Показать ещё".into(),
            Msg::ConflictTitle => "Схему сохранил кто-то другой".into(),
            Msg::ConflictText { who, when } => format!(
                "{who} сохранил(а) её {when}, после того как вы её открыли. Ваши изменения ещё не сохранены: выберите, что оставить."
            ),
            Msg::ReloadTheirs => "Загрузить их версию".into(),
            Msg::OverwriteWithMine => "Перезаписать моей".into(),
            Msg::CopyMine => "Скопировать мою".into(),
            Msg::Copied => "Ваша схема скопирована в буфер обмена".into(),
            Msg::CannotCopy(reason) => format!("Не удалось скопировать в буфер обмена: {reason}"),
            Msg::Fullscreen => "Во весь экран".into(),
            Msg::ExitFullscreen => "Выйти из полноэкранного режима (Esc)".into(),
            Msg::EditorUnavailable => {
                "Редактор кода не загрузился: редактирование как обычного текста.".into()
            }
            Msg::ChooseVersion => "Выберите версию, чтобы сравнить её с текущим текстом.".into(),
            Msg::CurrentVersion(number) => format!("Версия {number} (текущая)"),
            Msg::Form => "Форма".into(),
            Msg::CannotPaste(reason) => format!("Ничего не вставлено: {reason}"),
            Msg::SaveWithErrors => "Сохранить с ошибками?".into(),
            Msg::HasErrors(count) => format!(
                "В схеме {}: до исправления она не будет работать так, как нарисована.",
                ru_plural(*count, "ошибка", "ошибки", "ошибок")
            ),
            Msg::SaveAnyway => "Всё равно сохранить".into(),
            Msg::SaveAs => "Сохранить как".into(),
            Msg::Links => "Связи".into(),
            Msg::NextStep => "далее".into(),
            Msg::NotLinked => "— не связано".into(),
            Msg::CopyName(name) => format!("{name} (копия)"),
            Msg::Arrange => "Упорядочить".into(),
            Msg::ToStart => "К началу".into(),
            Msg::FindInFlow => "Найти шаг, приложение или текст".into(),
            Msg::FindNext => "Следующее совпадение (Enter)".into(),
            Msg::FindPrevious => "Предыдущее совпадение (Shift+Enter)".into(),
            Msg::MatchCount { at, of } => match of {
                0 => "нет совпадений".into(),
                _ => format!("{at} из {of}"),
            },
            Msg::AddNote => "Добавить заметку".into(),
            Msg::Note => "Заметка".into(),
            Msg::Group => "Группа".into(),
            Msg::NoteOnCanvas(text) => format!("Заметка: {text}"),
            Msg::GroupSteps => "Сгруппировать выбранные шаги (Ctrl+G)".into(),
            Msg::Ungroup => "Разгруппировать".into(),
            Msg::Collapse => "Свернуть".into(),
            Msg::Expand => "Развернуть".into(),
            Msg::SelectSteps => "Выбрать её шаги".into(),
            Msg::GroupName => "Название группы".into(),
            Msg::NewGroupName(n) => format!("Группа {n}"),
            Msg::GroupOnCanvas {
                label,
                steps,
                collapsed,
            } => format!(
                "Группа {label}: {}{}",
                ru_plural(*steps, "шаг", "шага", "шагов"),
                if *collapsed { ", свёрнута" } else { "" }
            ),
            Msg::ZoomToSelection => "Показать выбранное (F)".into(),
            Msg::AddItem => "Добавить".into(),
            Msg::ZoomIn => "Приблизить (+)".into(),
            Msg::FlowSettings => "Настройки схемы".into(),
            Msg::Done => "Готово".into(),
            Msg::CopySchema => "Скопировать".into(),
            Msg::ZoomOut => "Отдалить (−)".into(),
            Msg::RemoveItem => "Удалить".into(),
            Msg::NewEntryName => "Новое имя".into(),
            Msg::LinkedOnCanvas => "связывается на холсте".into(),
        }
    }
}

/// The chosen language, shared through context and remembered by the browser.
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

impl I18n {
    /// The remembered language, else the browser's, else English.
    pub fn load() -> Self {
        let remembered = Store::Local
            .get(LANG_KEY)
            .and_then(|code| Lang::from_code(&code));
        let browser = || {
            let language = web_sys::window()?.navigator().language()?;
            Lang::from_code(language.split('-').next()?)
        };
        Self {
            lang: RwSignal::new(remembered.or_else(browser).unwrap_or(Lang::En)),
        }
    }

    pub fn set(&self, lang: Lang) {
        Store::Local.set(LANG_KEY, lang.code());
        if let Some(root) = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.document_element())
        {
            let _ = root.set_attribute("lang", lang.code());
        }
        self.lang.set(lang);
    }

    /// The current language of the model's texts (reactive when read in a closure).
    pub fn locale(&self) -> Locale {
        self.lang.get().locale()
    }

    /// The current language of the model's texts, not followed.
    pub fn locale_untracked(&self) -> Locale {
        self.lang.get_untracked().locale()
    }

    /// The text of `msg` in the current language (reactive when read in a closure).
    pub fn t(&self, msg: Msg) -> String {
        msg.text(self.lang.get())
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let cases = [
            (Msg::Deleted(1), Lang::Ru, "Удалено: 1 схема"),
            (Msg::Deleted(3), Lang::Ru, "Удалено: 3 схемы"),
            (Msg::Deleted(11), Lang::Ru, "Удалено: 11 схем"),
            (Msg::Deleted(22), Lang::Ru, "Удалено: 22 схемы"),
            (Msg::Deleted(25), Lang::Ru, "Удалено: 25 схем"),
            (Msg::Deleted(1), Lang::En, "Deleted 1 flow"),
            (Msg::Deleted(3), Lang::En, "Deleted 3 flows"),
            (Msg::UnchangedLines(1), Lang::En, "1 unchanged line"),
            (Msg::UnchangedLines(0), Lang::En, "0 unchanged lines"),
            (
                save_blocked(1),
                Lang::En,
                "Not saved: 1 error to fix first. x",
            ),
            (
                save_blocked(2),
                Lang::En,
                "Not saved: 2 errors to fix first. x",
            ),
            (group(1, true), Lang::En, "Group A: 1 step, collapsed"),
            (group(2, false), Lang::En, "Group A: 2 steps"),
        ];
        for (msg, lang, expected) in cases {
            assert_eq!(msg.text(lang), expected, "{msg:?} in {lang:?}");
        }
    }

    #[test]
    fn every_type_and_editor_has_a_label_in_each_language() {
        for lang in Lang::ALL {
            for kind in FlowType::ALL {
                assert!(!Msg::FlowType(kind).text(lang).is_empty());
            }
            assert_ne!(
                Msg::EditorKind(true).text(lang),
                Msg::EditorKind(false).text(lang)
            );
        }
        assert_eq!(Msg::FlowType(FlowType::Processing).text(Lang::En), "Forms");
        assert_eq!(Msg::FlowType(FlowType::Default).text(Lang::En), "No type");
    }

    #[test]
    fn languages_have_codes() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("de"), None);
    }

    #[test]
    fn lists_quote_names() {
        let names = vec!["A".to_owned(), "B".to_owned()];
        assert_eq!(
            Msg::DeleteQuestion(names).text(Lang::En),
            "Delete «A», «B»? This cannot be undone."
        );
    }
}
