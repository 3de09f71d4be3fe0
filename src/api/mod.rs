//! A typed client of the routing-schema API over gloo-net: one function per endpoint, one error
//! type. It speaks only the Webitel contract, so it also works against a real Webitel engine.

mod url;

pub use url::{encode_component, join_url, DEFAULT_API_BASE};

use crate::i18n::chosen_locale;
use flow_model::catalog::Object;
use flow_model::contract::{self, Method, Operation, ACCESS_HEADER};
use flow_model::l10n::Locale;
use flow_model::lookup::{Directory, Listed};
use flow_model::userinfo::session_of_userinfo;
use flow_model::{
    AccessToken, ErrorBody, FlowType, ListResponse, LoginRequest, ReferenceUse, RoutingSchema,
    SchemaField, SchemaSearch, SchemaVersion, SchemaWrite, Session, Tag, TextMatch, TextSearch,
    UsedObject, UsedObjectSearch,
};
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use thiserror::Error;

/// What a server was found to do, learnt from its answers (ours and Webitel's engine differ).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Behaviour {
    /// It guards writes with If-Match, learnt from the ETag on its flow answers. Ours sends
    /// one and answers writes with the whole flow; Webitel's engine has neither, so there a
    /// write is checked by reading before and after it.
    GuardsWrites,
    /// It answers who uses an object and searches inside flows.
    KnowsContents,
    /// It lists Webitel's directory of this kind of object.
    ListsDirectory(Object),
}

thread_local! {
    /// Per API base URL, what each server was found to do.
    static LEARNT: RefCell<HashMap<(String, Behaviour), bool>> = RefCell::new(HashMap::new());
}

#[derive(Error, Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The token is missing, unknown or expired: sign in again.
    #[error("{0}")]
    Unauthorized(String),
    /// The server refused the request and said why.
    #[error("{}", .0.detail)]
    Refused(ErrorBody),
    #[error("cannot reach the server: {0}")]
    Network(String),
    #[error("the server answered something unexpected: {0}")]
    Unexpected(String),
    /// The flow was saved by someone else since it was read (found by reading it again just
    /// before writing, where the server has no If-Match, as Webitel's engine has none).
    #[error("someone else saved this flow since it was opened")]
    Changed,
}

impl ApiError {
    /// The name is used by another flow: 409 from this server, 400 from Webitel's engine
    /// (webitel/engine `store/sqlstore/flow_routing_scheme_store.go`).
    pub fn is_name_taken(&self) -> bool {
        match self {
            ApiError::Refused(body) => {
                body.id.ends_with(".name.exists")
                    || body.id == WEBITEL_NAME_TAKEN
                    || (body.code == 400 && body.detail.contains("already exists"))
            }
            _ => false,
        }
    }

    /// Someone else changed the flow since it was read (If-Match failed, or a read just
    /// before the write found it changed).
    pub fn is_stale(&self) -> bool {
        match self {
            ApiError::Changed => true,
            ApiError::Refused(body) => body.code == 409 && body.id.ends_with(".update.conflict"),
            _ => false,
        }
    }

    pub fn is_forbidden(&self) -> bool {
        matches!(self, ApiError::Refused(body) if body.code == 403)
    }
}

/// The error id of Webitel's engine for a name another flow has.
const WEBITEL_NAME_TAKEN: &str = "store.sql_routing_schema.save.valid.name";

/// The `Accept-Language` of every request: the page's language, so that the server's error
/// `detail` is said in it, then English, which a server that lacks it falls back to anyway.
fn accept_language(locale: Locale) -> String {
    if locale.is_english() {
        locale.code().to_owned()
    } else {
        format!("{}, en;q=0.5", locale.code())
    }
}

/// Whether a refusal says the server has no such endpoint: ours answers 404; Webitel's
/// gateway 404 or 405, 501 for a method it does not implement, or 400 where the path is
/// taken by another route's pattern (`/routing/schema/{id}` for `/routing/schema/references`).
fn lacks_endpoint(error: &ApiError) -> bool {
    matches!(error, ApiError::Refused(body) if matches!(body.code, 400 | 404 | 405 | 501))
}

/// The flows a picker or a suggestion list offers at most.
const FLOWS_SUGGESTED: u32 = 20;

/// The uses of an object asked for at most: enough to name them before a delete.
const USES_SHOWN: usize = 50;

/// How a write changes a flow: PUT or PATCH.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum WriteMode {
    Replace,
    Patch,
}

/// Where the API is and who is calling.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiClient {
    pub base: String,
    pub token: Option<String>,
}

impl ApiClient {
    pub fn new(base: impl Into<String>, token: Option<String>) -> Self {
        Self {
            base: base.into(),
            token,
        }
    }

    fn with_token(&self, request: RequestBuilder) -> RequestBuilder {
        match &self.token {
            Some(token) => request.header(ACCESS_HEADER, token),
            None => request,
        }
    }

    async fn read<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
        let status = response.status();
        if (200..300).contains(&status) {
            return response
                .json()
                .await
                .map_err(|error| ApiError::Unexpected(error.to_string()));
        }
        let body = response
            .json::<ErrorBody>()
            .await
            .unwrap_or_else(|_| ErrorBody {
                id: "app.http.error".into(),
                code: status,
                status: response.status_text(),
                detail: format!("HTTP {status} {}", response.status_text()),
                request_id: String::new(),
            });
        Err(if status == 401 {
            ApiError::Unauthorized(body.detail)
        } else {
            ApiError::Refused(body)
        })
    }

    /// Sends `operation` at `path` (its own, or the one for a flow) with the query, the token
    /// and, when given, the If-Match guard and a JSON body.
    async fn send<T: DeserializeOwned>(
        &self,
        operation: Operation,
        path: &str,
        query: &[(&str, String)],
        if_match: Option<&str>,
        body: Option<&impl Serialize>,
    ) -> Result<T, ApiError> {
        let url = join_url(&self.base, path, query);
        let request = match operation.method {
            Method::Get => Request::get(&url),
            Method::Post => Request::post(&url),
            Method::Put => Request::put(&url),
            Method::Patch => Request::patch(&url),
            Method::Delete => Request::delete(&url),
        };
        let mut request = self
            .with_token(request)
            .header("Accept-Language", &accept_language(chosen_locale()));
        if let Some(etag) = if_match {
            request = request.header("If-Match", etag);
        }
        let request = match body {
            Some(body) => request
                .json(body)
                .map_err(|error| ApiError::Unexpected(error.to_string()))?,
            None => request
                .build()
                .map_err(|error| ApiError::Unexpected(error.to_string()))?,
        };
        let response = request
            .send()
            .await
            .map_err(|error| ApiError::Network(error.to_string()))?;
        if operation == contract::READ_FLOW && response.ok() {
            self.learn(Behaviour::GuardsWrites, response.headers().has("etag"));
        }
        Self::read(response).await
    }

    /// Sends `operation`, at its own path, without a body.
    async fn request<T: DeserializeOwned>(
        &self,
        operation: Operation,
        query: &[(&str, String)],
    ) -> Result<T, ApiError> {
        self.send(operation, operation.path, query, None, None::<&()>)
            .await
    }

    /// Sends `operation`, at its own path, with `body`.
    async fn submit<B: Serialize, T: DeserializeOwned>(
        &self,
        operation: Operation,
        body: &B,
    ) -> Result<T, ApiError> {
        self.send(operation, operation.path, &[], None, Some(body))
            .await
    }

    /// Signs in: the token from the login answer, then who that is from userinfo (Webitel's
    /// login answers with the token alone).
    pub async fn sign_in(&self, request: &LoginRequest) -> Result<(String, Session), ApiError> {
        let answer: AccessToken = self.submit(contract::LOGIN, request).await?;
        let signed_in = ApiClient::new(self.base.clone(), Some(answer.access_token.clone()));
        let session = signed_in.userinfo().await?;
        Ok((answer.access_token, session))
    }

    pub async fn logout(&self) -> Result<serde_json::Value, ApiError> {
        self.submit(contract::LOGOUT, &serde_json::json!({})).await
    }

    /// Who is signed in, from either server's userinfo answer.
    pub async fn userinfo(&self) -> Result<Session, ApiError> {
        let answer: serde_json::Value = self.request(contract::USERINFO, &[]).await?;
        session_of_userinfo(answer).map_err(|error| ApiError::Unexpected(error.to_string()))
    }

    pub async fn search_flows(
        &self,
        search: &SchemaSearch,
    ) -> Result<ListResponse<RoutingSchema>, ApiError> {
        self.request(contract::SEARCH_FLOWS, &search.to_pairs())
            .await
    }

    /// The flows that use an object, and where (this server's extension: Webitel's engine
    /// has no such endpoint, and answers with an error).
    pub async fn reference_uses(
        &self,
        kind: Object,
        key: &str,
    ) -> Result<ListResponse<ReferenceUse>, ApiError> {
        self.uses_page(kind, key, USES_SHOWN).await
    }

    async fn uses_page(
        &self,
        kind: Object,
        key: &str,
        size: usize,
    ) -> Result<ListResponse<ReferenceUse>, ApiError> {
        let query = [
            ("kind", kind.key().to_owned()),
            ("key", key.to_owned()),
            ("size", size.to_string()),
        ];
        self.request(contract::REFERENCE_USES, &query).await
    }

    /// Whether the server keeps what flows use and what they say, and so answers "who uses
    /// this" and searches inside flows: this server does; Webitel's engine has no such
    /// endpoint and refuses the question. An answer is remembered per server, a refusal only
    /// when it says there is no such endpoint; a server that cannot be reached, or a session
    /// that ended, is an error.
    pub async fn knows_flow_contents(&self) -> Result<bool, ApiError> {
        let asked = self.uses_page(Object::Flow, "0", 1);
        match self.probe(Behaviour::KnowsContents, asked).await {
            Err(ApiError::Refused(_) | ApiError::Unexpected(_)) => Ok(false),
            known => known,
        }
    }

    /// Whether the server lists Webitel's directory of `directory.kind` (ours keeps none:
    /// such objects live in Webitel's other services). Asked once per server; a refusal other
    /// than "no such endpoint" (no permission, a fault) counts as no without being remembered.
    pub async fn lists_directory(&self, directory: &Directory) -> bool {
        let asked = self.lookup(directory, "");
        self.probe(Behaviour::ListsDirectory(directory.kind), asked)
            .await
            .unwrap_or(false)
    }

    /// Whether the server does `behaviour`, by what it answers to `asked` (sent only when
    /// that is not known yet): an answer says yes, a refusal saying there is no such endpoint
    /// says no, both remembered per server; any other failure is returned, not remembered.
    async fn probe<T>(
        &self,
        behaviour: Behaviour,
        asked: impl Future<Output = Result<T, ApiError>>,
    ) -> Result<bool, ApiError> {
        if let Some(known) = self.learnt(behaviour) {
            return Ok(known);
        }
        let does = match asked.await {
            Ok(_) => true,
            Err(error) if lacks_endpoint(&error) => false,
            Err(error) => return Err(error),
        };
        self.learn(behaviour, does);
        Ok(does)
    }

    /// The objects of `directory` whose names hold `typed`, for a pick by name.
    pub async fn lookup(
        &self,
        directory: &Directory,
        typed: &str,
    ) -> Result<Vec<Listed>, ApiError> {
        let page: ListResponse<Listed> = self
            .request(directory.operation, &directory.query(typed))
            .await?;
        Ok(page.items)
    }

    /// The objects of `kind` the flows use whose keys start with `typed`, with how many flows
    /// use each (this server's extension), for suggestions.
    pub async fn used_objects(
        &self,
        kind: Object,
        typed: &str,
    ) -> Result<Vec<UsedObject>, ApiError> {
        let search = UsedObjectSearch {
            kind,
            q: Some(typed.trim().to_owned()).filter(|typed| !typed.is_empty()),
            paging: flow_model::Paging {
                page: 1,
                size: FLOWS_SUGGESTED,
            },
        };
        let page: ListResponse<UsedObject> = self
            .request(contract::USED_OBJECTS, &search.to_pairs())
            .await?;
        Ok(page.items)
    }

    /// Where the flows hold a text (this server's extension).
    pub async fn search_texts(
        &self,
        search: &TextSearch,
    ) -> Result<ListResponse<TextMatch>, ApiError> {
        self.request(contract::TEXT_SEARCH, &search.to_pairs())
            .await
    }

    /// Flows whose names start with `typed` (any flow when blank), by name, with their id,
    /// name, type and editor: for pickers and suggestions.
    pub async fn flows_named_like(&self, typed: &str) -> Result<Vec<RoutingSchema>, ApiError> {
        let typed = typed.trim();
        let search = SchemaSearch {
            size: FLOWS_SUGGESTED,
            q: (!typed.is_empty()).then(|| format!("{typed}*")),
            sort: flow_model::Sort::ascending(flow_model::SortField::Name),
            fields: vec![
                SchemaField::Id,
                SchemaField::Name,
                SchemaField::Type,
                SchemaField::Editor,
            ],
            ..SchemaSearch::default()
        };
        Ok(self.search_flows(&search).await?.items)
    }

    /// The flow with id `id`, with only its id, name, type and editor; none when the domain
    /// has no such flow.
    pub async fn flow_summary(&self, id: i64) -> Result<Option<RoutingSchema>, ApiError> {
        let search = SchemaSearch {
            size: 1,
            ids: vec![id],
            fields: vec![
                SchemaField::Id,
                SchemaField::Name,
                SchemaField::Type,
                SchemaField::Editor,
            ],
            ..SchemaSearch::default()
        };
        Ok(self.search_flows(&search).await?.items.into_iter().next())
    }

    /// Tags in use, for suggestions: those starting with `typed`, of flows of `types`.
    pub async fn tags(&self, typed: &str, types: &[FlowType]) -> Result<Vec<Tag>, ApiError> {
        let mut query = vec![("page", "1".to_owned()), ("size", "10".to_owned())];
        if !typed.trim().is_empty() {
            query.push(("q", format!("{}*", typed.trim())));
        }
        query.extend(types.iter().map(|kind| ("type", kind.as_str().to_owned())));
        let page: ListResponse<Tag> = self.request(contract::SEARCH_TAGS, &query).await?;
        Ok(page.items)
    }

    pub async fn flow(&self, id: i64) -> Result<RoutingSchema, ApiError> {
        let operation = contract::READ_FLOW;
        self.send(operation, &operation.path_for(id), &[], None, None::<&()>)
            .await
    }

    /// The flow named exactly `name`, if there is one.
    pub async fn flow_named(&self, name: &str) -> Result<Option<RoutingSchema>, ApiError> {
        let search = SchemaSearch {
            name: Some(name.to_owned()),
            size: 1,
            fields: vec![
                SchemaField::Id,
                SchemaField::Name,
                SchemaField::Type,
                SchemaField::Editor,
                SchemaField::UpdatedAt,
            ],
            ..SchemaSearch::default()
        };
        Ok(self.search_flows(&search).await?.items.into_iter().next())
    }

    /// Creates a flow and reads it back (Webitel's answer leaves out its editor, tags and
    /// description).
    pub async fn create_flow(&self, body: &SchemaWrite) -> Result<RoutingSchema, ApiError> {
        let created: RoutingSchema = self.submit(contract::CREATE_FLOW, body).await?;
        match created.id {
            // Webitel's answer leaves out the editor, tags and description: read them back.
            Some(id) if !self.guards_writes() => self.flow(id).await,
            _ => Ok(created),
        }
    }

    /// Whether this server is known to guard writes with If-Match (and to answer them with
    /// the whole flow); until a flow has been read from it, it is not.
    fn guards_writes(&self) -> bool {
        self.learnt(Behaviour::GuardsWrites).unwrap_or(false)
    }

    fn learnt(&self, behaviour: Behaviour) -> Option<bool> {
        LEARNT.with_borrow(|known| known.get(&(self.base.clone(), behaviour)).copied())
    }

    fn learn(&self, behaviour: Behaviour, value: bool) {
        LEARNT.with_borrow_mut(|known| known.insert((self.base.clone(), behaviour), value));
    }

    /// Sends `operation` on the flow `stored` was read as, failing if it changed since.
    async fn send_on<T: DeserializeOwned>(
        &self,
        operation: Operation,
        stored: &RoutingSchema,
        body: Option<&impl Serialize>,
    ) -> Result<T, ApiError> {
        let path = operation.path_for(stored.id.unwrap_or_default());
        self.send(operation, &path, &[], stored.etag().as_deref(), body)
            .await
    }

    /// Writes the flow `stored` was read as, failing if it changed since: PUT replaces it,
    /// PATCH applies only the fields `body.fields` names. Answers the flow as stored now.
    pub async fn write_flow(
        &self,
        mode: WriteMode,
        stored: &RoutingSchema,
        body: &SchemaWrite,
    ) -> Result<RoutingSchema, ApiError> {
        let operation = match mode {
            WriteMode::Replace => contract::REPLACE_FLOW,
            WriteMode::Patch => contract::PATCH_FLOW,
        };
        if self.guards_writes() {
            return self.send_on(operation, stored, Some(body)).await;
        }
        self.refuse_if_changed(stored).await?;
        let written: RoutingSchema = self.send_on(operation, stored, Some(body)).await?;
        // Webitel's answer leaves out the editor: read what is stored now, but as of this
        // write, so that a save by someone else landing right after it is still noticed.
        let mut stored_now = self.flow(stored.id.unwrap_or_default()).await?;
        stored_now.updated_at = written.updated_at.or(stored_now.updated_at);
        Ok(stored_now)
    }

    /// Where the server has no If-Match (Webitel's engine; the last write would win): reads
    /// the flow just before a write and refuses when someone saved it since `stored` was read.
    /// A server that guards writes itself needs no such read.
    async fn refuse_if_changed(&self, stored: &RoutingSchema) -> Result<(), ApiError> {
        if self.guards_writes() {
            return Ok(());
        }
        let id = stored.id.unwrap_or_default();
        if self.flow(id).await?.updated_at == stored.updated_at {
            Ok(())
        } else {
            Err(ApiError::Changed)
        }
    }

    /// A page of a flow's earlier versions, newest first, and whether more exist.
    pub async fn versions(
        &self,
        id: i64,
        page: u32,
        size: u32,
    ) -> Result<ListResponse<SchemaVersion>, ApiError> {
        let operation = contract::FLOW_VERSIONS;
        // Webitel's engine has no default order: ask for the newest first.
        let query = [
            ("page", page.to_string()),
            ("size", size.to_string()),
            ("sort", "-version".to_owned()),
        ];
        self.send(
            operation,
            &operation.path_for(id),
            &query,
            None,
            None::<&()>,
        )
        .await
    }

    /// Deletes the flow `stored` was read as, failing if it changed since.
    pub async fn delete_flow(&self, stored: &RoutingSchema) -> Result<RoutingSchema, ApiError> {
        self.refuse_if_changed(stored).await?;
        self.send_on(contract::DELETE_FLOW, stored, None::<&()>)
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_server_is_asked_for_the_pages_language_then_english() {
        assert_eq!(accept_language(Locale::ENGLISH), "en");
        let russian = Locale::from_code("ru").expect("Russian texts");
        assert_eq!(accept_language(russian), "ru, en;q=0.5");
    }
}
