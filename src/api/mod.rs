//! A typed client of the routing-schema API over gloo-net: one function per endpoint, one error
//! type. It speaks only the Webitel contract, so it also works against a real Webitel engine.

mod url;

pub use url::{encode_component, join_url, DEFAULT_API_BASE};

use flow_model::{
    ErrorBody, FlowType, ListResponse, LoginRequest, LoginResponse, RoutingSchema, SchemaField,
    SchemaSearch, SchemaVersion, SchemaWrite, Session, Tag,
};
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use thiserror::Error;

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
}

impl ApiError {
    /// The name is used by another flow: 409 from this server, 400 naming it from Webitel.
    pub fn is_name_taken(&self) -> bool {
        match self {
            ApiError::Refused(body) => {
                body.id.ends_with(".name.exists")
                    || (body.code == 400 && body.detail.contains("already exists"))
            }
            _ => false,
        }
    }

    /// Someone else changed the flow since it was read (If-Match failed).
    pub fn is_stale(&self) -> bool {
        matches!(self, ApiError::Refused(body) if body.code == 409 && body.id.ends_with(".update.conflict"))
    }

    pub fn is_forbidden(&self) -> bool {
        matches!(self, ApiError::Refused(body) if body.code == 403)
    }
}

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
            Some(token) => request.header("X-Webitel-Access", token),
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

    /// Sends a request with the token and, when given, the If-Match guard and a JSON body.
    async fn send<T: DeserializeOwned>(
        &self,
        request: RequestBuilder,
        if_match: Option<&str>,
        body: Option<&impl Serialize>,
    ) -> Result<T, ApiError> {
        let mut request = self.with_token(request);
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
        Self::read(response).await
    }

    fn url(&self, path: &str, query: &[(&str, String)]) -> String {
        join_url(&self.base, path, query)
    }

    async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<T, ApiError> {
        self.send(Request::get(&self.url(path, query)), None, None::<&()>)
            .await
    }

    async fn post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        self.send(Request::post(&self.url(path, &[])), None, Some(body))
            .await
    }

    pub async fn login(&self, request: &LoginRequest) -> Result<LoginResponse, ApiError> {
        self.post("/login", request).await
    }

    pub async fn logout(&self) -> Result<serde_json::Value, ApiError> {
        self.post("/logout", &serde_json::json!({})).await
    }

    pub async fn userinfo(&self) -> Result<Session, ApiError> {
        self.get("/userinfo", &[]).await
    }

    pub async fn search_flows(
        &self,
        search: &SchemaSearch,
    ) -> Result<ListResponse<RoutingSchema>, ApiError> {
        self.get("/routing/schema", &search.to_pairs()).await
    }

    /// Tags in use, for suggestions: those starting with `typed`, of flows of `types`.
    pub async fn tags(&self, typed: &str, types: &[FlowType]) -> Result<Vec<Tag>, ApiError> {
        let mut query = vec![("page", "1".to_owned()), ("size", "10".to_owned())];
        if !typed.trim().is_empty() {
            query.push(("q", format!("{}*", typed.trim())));
        }
        query.extend(types.iter().map(|kind| ("type", kind.as_str().to_owned())));
        let page: ListResponse<Tag> = self.get("/routing/schema/tags", &query).await?;
        Ok(page.items)
    }

    pub async fn flow(&self, id: i64) -> Result<RoutingSchema, ApiError> {
        self.get(&format!("/routing/schema/{id}"), &[]).await
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

    pub async fn create_flow(&self, body: &SchemaWrite) -> Result<RoutingSchema, ApiError> {
        self.post("/routing/schema", body).await
    }

    /// The URL of a stored flow and the If-Match guard of the state it was read in.
    fn flow_target(&self, stored: &RoutingSchema) -> (String, Option<String>) {
        let id = stored.id.unwrap_or_default();
        (
            self.url(&format!("/routing/schema/{id}"), &[]),
            stored.etag(),
        )
    }

    /// Writes the flow `stored` was read as, failing if it changed since: PUT replaces it,
    /// PATCH applies only the fields `body.fields` names.
    pub async fn write_flow(
        &self,
        mode: WriteMode,
        stored: &RoutingSchema,
        body: &SchemaWrite,
    ) -> Result<RoutingSchema, ApiError> {
        let (url, etag) = self.flow_target(stored);
        let request = match mode {
            WriteMode::Replace => Request::put(&url),
            WriteMode::Patch => Request::patch(&url),
        };
        self.send(request, etag.as_deref(), Some(body)).await
    }

    /// A page of a flow's earlier versions, newest first, and whether more exist.
    pub async fn versions(
        &self,
        id: i64,
        page: u32,
        size: u32,
    ) -> Result<ListResponse<SchemaVersion>, ApiError> {
        self.get(
            &format!("/routing/schema/{id}/versions"),
            &[("page", page.to_string()), ("size", size.to_string())],
        )
        .await
    }

    /// Deletes the flow `stored` was read as, failing if it changed since.
    pub async fn delete_flow(&self, stored: &RoutingSchema) -> Result<RoutingSchema, ApiError> {
        let (url, etag) = self.flow_target(stored);
        self.send(Request::delete(&url), etag.as_deref(), None::<&()>)
            .await
    }
}
