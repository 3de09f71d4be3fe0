//! The API contract (`../shared/docs/api-contract.md`) written once: the header that carries the
//! access token, where a server serves the API, and each operation's method and path. The server
//! registers its routes with these paths, and every client (the web app, `flows`, the tests,
//! benchmarks and load runs) builds its requests from them.

use std::fmt;

/// The header every request carries its access token in (Webitel's name for it).
pub const ACCESS_HEADER: &str = "X-Webitel-Access";

macro_rules! api_base {
    () => {
        "/api"
    };
}

/// Where a server serves the API: every [`Operation::path`] is relative to it.
pub const API_BASE: &str = api_base!();

macro_rules! id_parameter {
    () => {
        "{id}"
    };
}

/// What stands for a flow's id in an operation's path.
pub const ID_PARAMETER: &str = id_parameter!();

/// The flows: search and create; under it, the tags and one flow.
macro_rules! flows {
    () => {
        "/routing/schema"
    };
}

/// One flow: read, replace, patch and delete; under it, its versions.
macro_rules! one_flow {
    () => {
        concat!(flows!(), "/", id_parameter!())
    };
}

/// The HTTP methods of the API.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    /// The method's name in a request line, `GET` and so on.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Patch => "PATCH",
            Self::Delete => "DELETE",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One operation of the API: its method and its path, where [`ID_PARAMETER`] stands for the
/// id of the flow it works on.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Operation {
    pub method: Method,
    /// Relative to [`API_BASE`]: the server's route template and the OpenAPI document's path.
    pub path: &'static str,
    /// The same path under [`API_BASE`], as a server serves it.
    pub served_path: &'static str,
}

impl Operation {
    /// [`Operation::path`] for the flow `id`.
    pub fn path_for(&self, id: impl fmt::Display) -> String {
        self.path.replace(ID_PARAMETER, &id.to_string())
    }

    /// [`Operation::served_path`] for the flow `id`.
    pub fn served_path_for(&self, id: impl fmt::Display) -> String {
        self.served_path.replace(ID_PARAMETER, &id.to_string())
    }
}

/// Declares each operation once, and the list of them all.
macro_rules! operation_constants {
    ($($(#[$doc:meta])* $name:ident: $method:ident $path:expr;)*) => {
        $(
            $(#[$doc])*
            pub const $name: Operation = Operation {
                method: Method::$method,
                path: $path,
                served_path: concat!(api_base!(), $path),
            };
        )*
    };
}

macro_rules! operations {
    ($($(#[$doc:meta])* $name:ident: $method:ident $path:expr;)*) => {
        operation_constants! { $($(#[$doc])* $name: $method $path;)* }

        /// Every operation of the API.
        pub const OPERATIONS: &[Operation] = &[$($name),*];
    };
}

operations! {
    /// Signs in: `LoginRequest` in, `LoginResponse` (with the access token) out.
    LOGIN: Post "/login";
    /// Signs out: revokes the token the request carries (`?everywhere=true`: all the user's).
    LOGOUT: Post "/logout";
    /// Who is signed in, in which domain, with which rights on flows: `Userinfo`.
    USERINFO: Get "/userinfo";
    /// The same, asked with POST, as Webitel's engine also answers it (webitel-sdk's
    /// `AuthApi.userInfo` sends a POST).
    USERINFO_BY_POST: Post "/userinfo";
    /// Adds a user to the caller's domain (domain admins only).
    CREATE_USER: Post "/users";
    /// Liveness: 200 while the database answers.
    HEALTH: Get "/health";
    /// The API's OpenAPI 3 document.
    OPENAPI_DOCUMENT: Get "/openapi.json";
    /// Searches the flows: `SchemaSearch` as the query, a `ListResponse<RoutingSchema>` out.
    SEARCH_FLOWS: Get flows!();
    /// Creates a flow from a `SchemaWrite`.
    CREATE_FLOW: Post flows!();
    /// Lists the tags in use: `TagSearch` as the query, a `ListResponse<Tag>` out.
    SEARCH_TAGS: Get concat!(flows!(), "/tags");
    /// Reads one flow, whole.
    READ_FLOW: Get one_flow!();
    /// Replaces a flow's content (PUT).
    REPLACE_FLOW: Put one_flow!();
    /// Changes the fields a `SchemaWrite`'s `fields` names (PATCH).
    PATCH_FLOW: Patch one_flow!();
    /// Deletes a flow; answers it as it was.
    DELETE_FLOW: Delete one_flow!();
    /// A flow's earlier versions, newest first: `page` and `size` as the query.
    FLOW_VERSIONS: Get concat!(one_flow!(), "/versions");
    /// What a flow uses outside itself: a `ListResponse<FlowReference>` (this server's
    /// extension; not on Webitel's engine).
    FLOW_REFERENCES: Get concat!(one_flow!(), "/references");
    /// The flows that use an object: `ReferenceSearch` as the query, a
    /// `ListResponse<ReferenceUse>` out (this server's extension; not on Webitel's engine).
    REFERENCE_USES: Get concat!(flows!(), "/references");
    /// Where the flows hold a text: `TextSearch` as the query, a `ListResponse<TextMatch>` out
    /// (this server's extension; not on Webitel's engine).
    TEXT_SEARCH: Get concat!(flows!(), "/texts");
    /// The objects of one kind the flows use, with how many flows use each: `UsedObjectSearch`
    /// as the query, a `ListResponse<UsedObject>` out (this server's extension).
    USED_OBJECTS: Get concat!(flows!(), "/references/objects");
}

// Webitel's directories of the objects steps name, which live in Webitel's other services:
// not this server's API (`crate::lookup` says how they are read). Each takes `page`, `size`,
// `q` and `fields` and answers `{items, next}`.
operation_constants! {
    /// Queues (webitel/protos `engine/queue.proto`, `SearchQueue`).
    QUEUE_DIRECTORY: Get "/call_center/queues";
    /// Calendars (webitel/protos `engine/calendar.proto`, `SearchCalendar`).
    CALENDAR_DIRECTORY: Get "/calendars";
    /// Lists of numbers (webitel/protos `engine/list.proto`, `SearchList`).
    LIST_DIRECTORY: Get "/call_center/list";
    /// Media files (webitel/protos `storage/media.proto`, `SearchMediaFile`).
    MEDIA_DIRECTORY: Get "/storage/media";
    /// Mail profiles (webitel/protos `engine/email_profile.proto`, `SearchEmailProfile`).
    EMAIL_PROFILE_DIRECTORY: Get "/email/profile";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_the_contracts() {
        assert_eq!(SEARCH_FLOWS.path, "/routing/schema");
        assert_eq!(SEARCH_FLOWS.served_path, "/api/routing/schema");
        assert_eq!(READ_FLOW.path_for(42), "/routing/schema/42");
        assert_eq!(
            FLOW_VERSIONS.served_path_for("7"),
            "/api/routing/schema/7/versions"
        );
        assert_eq!(LOGIN.path_for(1), "/login");
        assert_eq!(PATCH_FLOW.method.to_string(), "PATCH");
    }

    #[test]
    fn each_method_and_path_is_one_operation() {
        for (index, operation) in OPERATIONS.iter().enumerate() {
            assert!(operation.path.starts_with('/'), "{operation:?}");
            assert_eq!(
                operation.served_path,
                format!("{API_BASE}{}", operation.path)
            );
            assert!(
                !OPERATIONS[..index]
                    .iter()
                    .any(|earlier| earlier.method == operation.method
                        && earlier.path == operation.path),
                "{operation:?} twice"
            );
        }
    }
}
