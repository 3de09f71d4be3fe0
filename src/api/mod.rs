//! A typed client of the routing-schema API over gloo-net: one function per endpoint, one error
//! type. It speaks only the Webitel contract, so it also works against a real Webitel engine.

mod url;

pub use url::{encode_component, join_url, DEFAULT_API_BASE};

use flow_model::{
    ErrorBody, ListResponse, LoginRequest, LoginResponse, RoutingSchema, SchemaSearch, Session,
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

    async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<T, ApiError> {
        let request = self.with_token(Request::get(&join_url(&self.base, path, query)));
        let response = request
            .send()
            .await
            .map_err(|error| ApiError::Network(error.to_string()))?;
        Self::read(response).await
    }

    async fn post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        let request = self
            .with_token(Request::post(&join_url(&self.base, path, &[])))
            .json(body)
            .map_err(|error| ApiError::Unexpected(error.to_string()))?;
        let response = request
            .send()
            .await
            .map_err(|error| ApiError::Network(error.to_string()))?;
        Self::read(response).await
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
}
