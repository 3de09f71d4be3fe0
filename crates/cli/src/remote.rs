//! The commands that talk to a server (ours or a Webitel engine) over the routing-schema API:
//! login, export, import.
//!
//! Both wires are read: Webitel's engine signs in with a token only (who and what rights come
//! from userinfo), leaves zero values out of its answers, answers a write without some of the
//! flow's fields, sends no `ETag` and takes no `If-Match`. So every write is checked by reading
//! the flow back, and a replace or delete first reads the flow again to see it is unchanged.

use crate::error::CliError;
use flow_model::contract::{self, Operation, ACCESS_HEADER, API_BASE};
use flow_model::transfer::{export_file_name, export_text, name_from_file, parse_import};
use flow_model::userinfo::session_of_userinfo;
use flow_model::{
    AccessToken, ListResponse, LoginRequest, PatchField, RoutingSchema, SchemaField, SchemaSearch,
    SchemaWrite, SortField,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// The API base for what the user typed: a bare host gets [`API_BASE`].
pub fn api_base(server: &str) -> String {
    let server = server.trim_end_matches('/');
    let path = server
        .split_once("://")
        .map_or(server, |(_, rest)| rest)
        .split_once('/')
        .map_or("", |(_, path)| path);
    if path.is_empty() {
        format!("{server}{API_BASE}")
    } else {
        server.to_owned()
    }
}

/// Where sign-ins are kept: `FLOWS_CONFIG`, else the user's config folder.
fn credentials_path() -> PathBuf {
    if let Some(path) = std::env::var_os("FLOWS_CONFIG") {
        return PathBuf::from(path);
    }
    let config = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".config")))
        .unwrap_or_else(|| PathBuf::from("."));
    config.join("flow-studio").join("credentials.json")
}

fn saved_tokens() -> BTreeMap<String, String> {
    std::fs::read_to_string(credentials_path())
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

fn save_token(base: &str, token: &str) -> Result<PathBuf, CliError> {
    let path = credentials_path();
    let mut tokens = saved_tokens();
    tokens.insert(base.to_owned(), token.to_owned());
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).map_err(|error| CliError::file(folder, error))?;
    }
    let text = serde_json::to_string_pretty(&tokens).expect("serializes");
    std::fs::write(&path, text).map_err(|error| CliError::file(&path, error))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600));
    }
    Ok(path)
}

/// Refusal ids of a name another flow of the domain has: ours (409), and the engine's (400:
/// webitel/engine `store/sqlstore/flow_routing_scheme_store.go`, a unique violation).
const NAME_TAKEN: [&str; 2] = [
    "app.routing_schema.name.exists",
    "store.sql_routing_schema.save.valid.name",
];
/// Our refusal of a write whose `If-Match` is out of date (the engine has no such check).
const STALE: &str = "app.routing_schema.update.conflict";

/// A successful answer: its body, and the `ETag` that guards the next write of the flow when
/// the server sends one (ours does; Webitel's engine does not).
struct Answer<T> {
    body: T,
    etag: Option<String>,
}

/// A refused request: the HTTP status and what the error body says. The body is read leniently:
/// the engine leaves a zero `code` out, and a server that is not the API sends no such body.
struct Refusal {
    status: u16,
    /// The body was an API error (`{id, detail, …}`), not a web page or nothing.
    from_the_api: bool,
    id: String,
    detail: String,
    /// The body's `code`: the engine answers a missing flow with HTTP 500 and `code` 404.
    code: u16,
}

impl Refusal {
    fn read(status: u16, body: &[u8]) -> Self {
        let body: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
        let text = |key: &str| body.get(key).and_then(Value::as_str).map(str::to_owned);
        let id = text("id");
        let code = body
            .get("code")
            .and_then(Value::as_u64)
            .and_then(|code| u16::try_from(code).ok());
        Self {
            status,
            from_the_api: id.is_some(),
            detail: text("detail").unwrap_or_else(|| {
                reqwest::StatusCode::from_u16(status)
                    .ok()
                    .and_then(|status| status.canonical_reason())
                    .unwrap_or_default()
                    .to_owned()
            }),
            id: id.unwrap_or_default(),
            code: code.unwrap_or(status),
        }
    }

    /// The flow is not there: our 404, or the engine's 500 whose body says 404.
    fn is_missing(&self) -> bool {
        self.status == 404 || self.code == 404
    }

    fn into_error(self, server: &str, what: &str) -> CliError {
        CliError::Refused {
            server: server.to_owned(),
            what: what.to_owned(),
            id: self.id,
            code: self.status,
            detail: self.detail,
        }
    }
}

/// A signed-in connection to one server.
pub struct Remote {
    base: String,
    token: Option<String>,
    http: reqwest::blocking::Client,
}

impl Remote {
    /// The server at `server`, with `token` or the one `flows login` saved for it.
    pub fn connect(server: &str, token: Option<String>) -> Result<Self, CliError> {
        let base = api_base(server);
        let token = token.or_else(|| saved_tokens().remove(&base));
        if token.is_none() {
            return Err(CliError::NotSignedIn(base));
        }
        Ok(Self::new(base, token))
    }

    fn new(base: String, token: Option<String>) -> Self {
        Self {
            base,
            token,
            http: reqwest::blocking::Client::new(),
        }
    }

    /// Sends `operation` at `path` (its own, or the one for a flow); a refusal is given back
    /// for the caller to read.
    fn send<T: DeserializeOwned>(
        &self,
        what: &str,
        operation: Operation,
        path: &str,
        query: &[(&str, String)],
        if_match: Option<&str>,
        body: Option<&impl Serialize>,
    ) -> Result<Result<Answer<T>, Refusal>, CliError> {
        let method = reqwest::Method::from_bytes(operation.method.as_str().as_bytes())
            .expect("the contract's methods are HTTP methods");
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base))
            .query(query);
        if let Some(token) = &self.token {
            request = request.header(ACCESS_HEADER, token);
        }
        if let Some(etag) = if_match {
            request = request.header(reqwest::header::IF_MATCH, etag);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        let unreachable = |error: reqwest::Error| CliError::Unreachable {
            server: self.base.clone(),
            reason: error.to_string(),
        };
        let reply = request.send().map_err(unreachable)?;
        let status = reply.status();
        let etag = reply
            .headers()
            .get(reqwest::header::ETAG)
            .and_then(|etag| etag.to_str().ok())
            .map(str::to_owned);
        let bytes = reply.bytes().map_err(unreachable)?;
        if !status.is_success() {
            return Ok(Err(Refusal::read(status.as_u16(), &bytes)));
        }
        match serde_json::from_slice(&bytes) {
            Ok(body) => Ok(Ok(Answer { body, etag })),
            Err(error) => Err(CliError::NotTheApi {
                server: self.base.clone(),
                what: what.to_owned(),
                reason: format!("HTTP {status} with an answer that does not read: {error}"),
            }),
        }
    }

    /// [`Remote::send`], a refusal being an error.
    fn call<T: DeserializeOwned>(
        &self,
        what: &str,
        operation: Operation,
        path: &str,
        query: &[(&str, String)],
        if_match: Option<&str>,
        body: Option<&impl Serialize>,
    ) -> Result<Answer<T>, CliError> {
        self.send(what, operation, path, query, if_match, body)?
            .map_err(|refusal| refusal.into_error(&self.base, what))
    }

    /// Every flow of the domain with all its fields (but `description` on Webitel's engine,
    /// whose search never gives it).
    fn all_flows(&self) -> Result<Vec<RoutingSchema>, CliError> {
        let mut flows = Vec::new();
        let mut search = SchemaSearch {
            page: 1,
            size: 100,
            sort: flow_model::Sort::ascending(SortField::Name),
            fields: SchemaField::ALL.to_vec(),
            ..SchemaSearch::default()
        };
        loop {
            let page: ListResponse<RoutingSchema> = self
                .call(
                    "the flow list",
                    contract::SEARCH_FLOWS,
                    contract::SEARCH_FLOWS.path,
                    &search.to_pairs(),
                    None,
                    None::<&()>,
                )?
                .body;
            flows.extend(page.items);
            if !page.next {
                return Ok(flows);
            }
            search.page += 1;
        }
    }

    /// A refusal of a change to the flow `name`, in the words of an import.
    fn import_error(&self, name: &str, what: &str, refusal: Refusal) -> CliError {
        let changed = |detail: String| CliError::Changed {
            server: self.base.clone(),
            name: name.to_owned(),
            detail,
        };
        if NAME_TAKEN.contains(&refusal.id.as_str()) {
            CliError::NameTaken {
                server: self.base.clone(),
                name: name.to_owned(),
            }
        } else if refusal.is_missing() {
            changed("it was deleted".to_owned())
        } else if refusal.id == STALE {
            changed(refusal.detail)
        } else {
            refusal.into_error(&self.base, what)
        }
    }

    /// Sends one change of the flow `name`, its refusal in the words of an import.
    fn change<T: DeserializeOwned>(
        &self,
        name: &str,
        (what, operation, path): (&str, Operation, &str),
        if_match: Option<&str>,
        body: Option<&impl Serialize>,
    ) -> Result<Answer<T>, CliError> {
        self.send(what, operation, path, &[], if_match, body)?
            .map_err(|refusal| self.import_error(name, what, refusal))
    }

    /// The flow `name` as stored now.
    fn read_flow(&self, name: &str, id: i64) -> Result<Answer<RoutingSchema>, CliError> {
        let path = contract::READ_FLOW.path_for(id);
        let what = format!("to read {name:?}");
        self.change(name, (&what, contract::READ_FLOW, &path), None, None::<&()>)
    }

    /// Reads the flow `name` again just before it is written: if it changed since the import
    /// read it, nothing is written. This is the only guard the engine allows (it takes no
    /// `If-Match`); where the server sends an `ETag`, it is given back to send as `If-Match`,
    /// which closes the gap between this read and the write.
    fn unchanged(
        &self,
        name: &str,
        id: i64,
        seen: Option<i64>,
    ) -> Result<Option<String>, CliError> {
        let now = self.read_flow(name, id)?;
        if now.body.updated_at != seen {
            let by = now
                .body
                .updated_by
                .map(|user| user.name)
                .filter(|user| !user.is_empty())
                .map_or_else(String::new, |user| format!(" by {user}"));
            return Err(CliError::Changed {
                server: self.base.clone(),
                name: name.to_owned(),
                detail: format!("it was saved again{by}"),
            });
        }
        Ok(now.etag)
    }

    /// Checks that the flow `name` read back holds what `write` sent: the engine answers a
    /// write without some of the flow's fields (create: editor, tags, description; update:
    /// editor), so its answer proves nothing.
    fn check_kept(
        &self,
        name: &str,
        write: &SchemaWrite,
        stored: &RoutingSchema,
    ) -> Result<(), CliError> {
        match differences(write, stored).as_slice() {
            [] => Ok(()),
            fields => Err(CliError::NotKept {
                server: self.base.clone(),
                name: name.to_owned(),
                fields: fields.join(", "),
            }),
        }
    }

    /// Makes one change, then reads the flow back to check it was kept.
    fn apply(&self, name: &str, change: &Change) -> Result<(), CliError> {
        let what = format!("to {} {name:?}", change.verb());
        match change {
            Change::Create(write) => {
                let create = (
                    what.as_str(),
                    contract::CREATE_FLOW,
                    contract::CREATE_FLOW.path,
                );
                let created: RoutingSchema = self.change(name, create, None, Some(write))?.body;
                let id = created.id.ok_or_else(|| CliError::NotTheApi {
                    server: self.base.clone(),
                    what: what.clone(),
                    reason: "the created flow has no id".to_owned(),
                })?;
                let stored = self.read_flow(name, id)?;
                self.describe(name, id, write, &stored)?;
                self.check_kept(name, write, &stored.body)
            }
            Change::Replace { id, seen, write } => {
                let guard = self.unchanged(name, *id, *seen)?;
                let path = contract::PATCH_FLOW.path_for(id);
                let patch = (what.as_str(), contract::PATCH_FLOW, path.as_str());
                self.change::<Value>(name, patch, guard.as_deref(), Some(write))?;
                self.check_kept(name, write, &self.read_flow(name, *id)?.body)
            }
            Change::Delete { id, seen } => {
                let guard = self.unchanged(name, *id, *seen)?;
                let path = contract::DELETE_FLOW.path_for(id);
                let delete = (what.as_str(), contract::DELETE_FLOW, path.as_str());
                self.change::<Value>(name, delete, guard.as_deref(), None::<&()>)?;
                Ok(())
            }
        }
    }

    /// Gives a created flow its description where the create did not keep it: the engine's
    /// create stores none (webitel/engine `store/sqlstore/flow_routing_scheme_store.go`,
    /// `Create`) and no read gives one back, so a created flow read back without one gets it
    /// by a PATCH of its own.
    fn describe(
        &self,
        name: &str,
        id: i64,
        write: &SchemaWrite,
        stored: &Answer<RoutingSchema>,
    ) -> Result<(), CliError> {
        let wanted = write.description.as_deref().unwrap_or_default();
        if stored.body.description.is_some() || wanted.is_empty() {
            return Ok(());
        }
        let body = SchemaWrite {
            description: Some(wanted.to_owned()),
            fields: Some(vec![PatchField::Field(SchemaField::Description)]),
            ..SchemaWrite::default()
        };
        let path = contract::PATCH_FLOW.path_for(id);
        let what = format!("to describe {name:?}");
        let patch = (what.as_str(), contract::PATCH_FLOW, path.as_str());
        self.change::<Value>(name, patch, stored.etag.as_deref(), Some(&body))?;
        Ok(())
    }
}

/// The user and domain to sign in as: `user@domain` (as Webitel's sign-in page takes it), or
/// the username and `--domain`.
fn account(username: &str, domain: Option<&str>) -> Result<(String, String), CliError> {
    let (user, domain) = match (username.split_once('@'), domain) {
        (Some((_, named)), Some(domain)) if named != domain => {
            return Err(CliError::Usage(format!(
                "the username says domain {named:?} and --domain says {domain:?}: give one"
            )))
        }
        (Some((user, domain)), _) => (user, domain),
        (None, Some(domain)) => (username, domain),
        (None, None) => ("", ""),
    };
    if user.is_empty() || domain.is_empty() {
        return Err(CliError::Usage(
            "sign in as --username user@domain (or --username user --domain domain)".to_owned(),
        ));
    }
    Ok((user.to_owned(), domain.to_owned()))
}

fn read_password(prompt: &str) -> Result<String, CliError> {
    if let Ok(password) = std::env::var("FLOWS_PASSWORD") {
        return Ok(password);
    }
    if std::io::stdin().is_terminal() {
        eprint!("password for {prompt}: ");
        let _ = std::io::stderr().flush();
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|error| CliError::Usage(format!("cannot read the password: {error}")))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

/// `login`: signs in, learns from userinfo who that is and what they may do with flows, and
/// keeps the token for this server. The sign-in answer is read for its token alone, since
/// Webitel's has nothing else.
pub fn login(server: &str, username: &str, domain: Option<&str>) -> Result<String, CliError> {
    let (user, domain) = account(username, domain)?;
    let account = format!("{user} @ {domain}");
    let password = read_password(&account)?;
    let base = api_base(server);
    let what = "the sign-in";
    let request = LoginRequest {
        username: user,
        password,
        domain,
    };
    let signed_in = Remote::new(base.clone(), None).send::<AccessToken>(
        what,
        contract::LOGIN,
        contract::LOGIN.path,
        &[],
        None,
        Some(&request),
    )?;
    let token = match signed_in {
        Ok(answer) => answer.body.access_token,
        Err(refusal) if !refusal.from_the_api || matches!(refusal.status, 404 | 405) => {
            return Err(CliError::NotTheApi {
                server: base,
                what: what.to_owned(),
                reason: format!("HTTP {}: {}", refusal.status, refusal.detail),
            })
        }
        Err(refusal) if refusal.status == 401 => {
            return Err(CliError::WrongCredentials {
                server: base,
                account,
                id: refusal.id,
                code: refusal.status,
                detail: refusal.detail,
            })
        }
        Err(refusal) => return Err(refusal.into_error(&base, what)),
    };
    let remote = Remote::new(base, Some(token.clone()));
    let what = "userinfo";
    let info: Value = remote
        .call(
            what,
            contract::USERINFO,
            contract::USERINFO.path,
            &[],
            None,
            None::<&()>,
        )?
        .body;
    let session = session_of_userinfo(info).map_err(|error| CliError::NotTheApi {
        server: remote.base.clone(),
        what: what.to_owned(),
        reason: error.to_string(),
    })?;
    let path = save_token(&remote.base, &token)?;
    let rights: Vec<String> = session
        .permissions
        .iter()
        .map(|permission| format!("{permission:?}").to_lowercase())
        .collect();
    Ok(format!(
        "signed in to {} as {} @ {} (flows: {}); the token is kept in {}",
        remote.base,
        session.user.name,
        session.domain,
        if rights.is_empty() {
            "no rights".to_owned()
        } else {
            rights.join(", ")
        },
        path.display()
    ))
}

/// A flow without what differs between servers (id, times, authors): what export writes.
fn portable(flow: RoutingSchema) -> RoutingSchema {
    RoutingSchema {
        name: flow.name,
        description: Some(flow.description.unwrap_or_default()),
        flow_type: Some(flow.flow_type.unwrap_or_default()),
        editor: Some(flow.editor.unwrap_or(false)),
        schema: flow.schema,
        payload: flow.payload,
        debug: Some(flow.debug.unwrap_or(false)),
        tags: Some(flow.tags.unwrap_or_default()),
        ..RoutingSchema::default()
    }
}

/// `export`: one file per flow, named after it, written the same way every time.
pub fn export(remote: &Remote, folder: &Path) -> Result<String, CliError> {
    std::fs::create_dir_all(folder).map_err(|error| CliError::file(folder, error))?;
    let mut flows = remote.all_flows()?;
    // In our order, not the server's (which collates names its own way), so that names
    // sharing a file name are numbered the same from either server.
    flows.sort_by_cached_key(|flow| {
        let name = flow.name.clone().unwrap_or_default();
        (name.to_lowercase(), name)
    });
    let mut taken: HashMap<String, usize> = HashMap::new();
    for flow in &flows {
        let name = flow.name.clone().unwrap_or_default();
        let mut file = export_file_name(&name);
        // Names that differ only in case or in characters files cannot hold get a number.
        let seen = taken.entry(file.to_lowercase()).or_insert(0);
        *seen += 1;
        if *seen > 1 {
            file = format!("{} ({seen}).json", file.trim_end_matches(".json"));
        }
        let path = folder.join(&file);
        std::fs::write(&path, export_text(&portable(flow.clone())))
            .map_err(|error| CliError::file(&path, error))?;
    }
    Ok(format!(
        "exported {} flow(s) from {} to {}",
        flows.len(),
        remote.base,
        folder.display()
    ))
}

/// What import does with one flow. `seen` is the flow's `updated_at` when the import read it.
#[derive(Debug)]
enum Change {
    Create(SchemaWrite),
    Replace {
        id: i64,
        seen: Option<i64>,
        write: SchemaWrite,
    },
    Delete {
        id: i64,
        seen: Option<i64>,
    },
}

impl Change {
    fn verb(&self) -> &'static str {
        match self {
            Self::Create(_) => "create",
            Self::Replace { .. } => "replace",
            Self::Delete { .. } => "delete",
        }
    }
}

/// The fields in which `remote` does not hold what `write` stores. A description the server
/// does not give is not compared: Webitel's engine never reads one back.
fn differences(write: &SchemaWrite, remote: &RoutingSchema) -> Vec<&'static str> {
    let description_known = remote.description.is_some();
    let remote = portable(remote.clone());
    [
        (
            "description",
            description_known && write.description != remote.description,
        ),
        ("type", write.flow_type != remote.flow_type),
        ("editor", write.editor != remote.editor),
        ("schema", write.schema != remote.schema),
        ("payload", write.payload != remote.payload),
        ("debug", write.debug != remote.debug),
        ("tags", write.tags != remote.tags),
    ]
    .into_iter()
    .filter_map(|(field, differs)| differs.then_some(field))
    .collect()
}
/// Reads every `*.json` of the folder, in name order; any bad file stops everything.
fn read_folder(folder: &Path) -> Result<Vec<(String, SchemaWrite)>, CliError> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(folder)
        .map_err(|error| CliError::file(folder, error))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    let mut flows: Vec<(String, SchemaWrite)> = Vec::new();
    let mut names: HashMap<String, PathBuf> = HashMap::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).map_err(|error| CliError::file(&path, error))?;
        let flow = parse_import(&text).map_err(|error| CliError::file(&path, error))?;
        let file_name = path.file_name().unwrap_or_default().to_string_lossy();
        let name = flow
            .name
            .clone()
            .unwrap_or_else(|| name_from_file(&file_name));
        if let Some(first) = names.insert(name.to_lowercase(), path.clone()) {
            return Err(CliError::file(
                &path,
                format!("the flow name {name:?} is also in {}", first.display()),
            ));
        }
        let write = flow.create_body(&name);
        flows.push((name, write));
    }
    Ok(flows)
}

/// Asks on the terminal; without one, the answer is no.
fn confirm(question: &str) -> bool {
    if !std::io::stdin().is_terminal() {
        return false;
    }
    eprint!("{question} [y/N] ");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer).is_ok()
        && matches!(answer.trim(), "y" | "Y" | "yes")
}

pub struct ImportOptions {
    pub dry_run: bool,
    pub prune: bool,
    pub yes: bool,
}

/// `import`: creates or replaces flows by name so the server matches the folder; with
/// `prune`, deletes the flows the folder lacks. Safe to run again: what matches is left alone.
pub fn import(remote: &Remote, folder: &Path, options: &ImportOptions) -> Result<String, CliError> {
    let wanted = read_folder(folder)?;
    let existing: HashMap<String, RoutingSchema> = remote
        .all_flows()?
        .into_iter()
        .map(|flow| (flow.name.clone().unwrap_or_default().to_lowercase(), flow))
        .collect();
    let mut plan: Vec<(String, Change)> = Vec::new();
    let mut unchanged = 0;
    for (name, write) in &wanted {
        match existing.get(&name.to_lowercase()) {
            None => plan.push((name.clone(), Change::Create(write.clone()))),
            Some(flow) if differences(write, flow).is_empty() => unchanged += 1,
            Some(flow) => plan.push((
                name.clone(),
                Change::Replace {
                    id: flow.id.unwrap_or_default(),
                    seen: flow.updated_at,
                    write: SchemaWrite {
                        // Everything but the name, which is the same already.
                        fields: Some(
                            SchemaField::ALL
                                .into_iter()
                                .filter(|field| field.is_patchable() && *field != SchemaField::Name)
                                .map(PatchField::Field)
                                .collect(),
                        ),
                        ..write.clone()
                    },
                },
            )),
        }
    }
    if options.prune {
        let kept: Vec<String> = wanted.iter().map(|(name, _)| name.to_lowercase()).collect();
        let mut gone: Vec<&RoutingSchema> = existing
            .iter()
            .filter(|(key, _)| !kept.contains(key))
            .map(|(_, flow)| flow)
            .collect();
        gone.sort_by(|a, b| a.name.cmp(&b.name));
        for flow in gone {
            plan.push((
                flow.name.clone().unwrap_or_default(),
                Change::Delete {
                    id: flow.id.unwrap_or_default(),
                    seen: flow.updated_at,
                },
            ));
        }
    }

    if options.dry_run {
        for (name, change) in &plan {
            println!("would {} {name}", change.verb());
        }
        return Ok(format!(
            "dry run: {} change(s), {unchanged} unchanged; nothing was changed",
            plan.len()
        ));
    }
    let deletions: Vec<&str> = plan
        .iter()
        .filter(|(_, change)| matches!(change, Change::Delete { .. }))
        .map(|(name, _)| name.as_str())
        .collect();
    if !deletions.is_empty()
        && !options.yes
        && !confirm(&format!(
            "delete {} flow(s) that {} lacks: {}?",
            deletions.len(),
            folder.display(),
            deletions.join(", ")
        ))
    {
        return Err(CliError::Usage(format!(
            "not deleting {} flow(s) without confirmation: answer y at the prompt or pass --yes; nothing was changed",
            deletions.len()
        )));
    }

    let progress = indicatif::ProgressBar::new(plan.len() as u64);
    if !std::io::stderr().is_terminal() {
        progress.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let mut done: BTreeMap<&str, usize> = BTreeMap::new();
    for (name, change) in &plan {
        progress.set_message(name.clone());
        let outcome = remote.apply(name, change);
        if let Err(error) = outcome {
            progress.finish_and_clear();
            eprintln!("{}", summary(&done, unchanged));
            return Err(CliError::Reported(format!(
                "{error}\nstopped at {name:?}; what was done before stays done, and running the same import again continues from here"
            )));
        }
        *done.entry(change.verb()).or_default() += 1;
        progress.inc(1);
    }
    progress.finish_and_clear();
    Ok(summary(&done, unchanged))
}

fn summary(done: &BTreeMap<&str, usize>, unchanged: usize) -> String {
    let count = |verb: &str| done.get(verb).copied().unwrap_or(0);
    format!(
        "created {}, replaced {}, deleted {}, unchanged {unchanged}",
        count("create"),
        count("replace"),
        count("delete")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_host_gets_the_api_path() {
        assert_eq!(
            api_base("http://127.0.0.1:8080"),
            "http://127.0.0.1:8080/api"
        );
        assert_eq!(
            api_base("http://127.0.0.1:8080/"),
            "http://127.0.0.1:8080/api"
        );
        assert_eq!(
            api_base("https://webitel.example/engine/api/"),
            "https://webitel.example/engine/api"
        );
    }

    #[test]
    fn the_domain_comes_with_the_username_or_on_its_own() {
        let pair = |user: &str, domain: &str| Some((user.to_owned(), domain.to_owned()));
        assert_eq!(account("admin@main", None).ok(), pair("admin", "main"));
        assert_eq!(
            account("admin@main", Some("main")).ok(),
            pair("admin", "main")
        );
        assert_eq!(account("admin", Some("main")).ok(), pair("admin", "main"));
        assert!(account("admin@main", Some("other")).is_err());
        assert!(account("admin", None).is_err());
        assert!(account("admin@", None).is_err());
        assert!(account("@main", None).is_err());
    }

    #[test]
    fn refusals_are_read_from_either_server_and_from_no_api() {
        let engine = br#"{"id":"store.sql_routing_schema.get.app_error","status":"Not Found","detail":"Id=7, sql: no rows in result set","code":404}"#;
        let missing = Refusal::read(500, engine);
        assert!(missing.is_missing() && missing.from_the_api);
        let ours = br#"{"id":"app.routing_schema.not_found","code":404,"status":"Not Found","detail":"no flow 7","request_id":"r"}"#;
        assert!(Refusal::read(404, ours).is_missing());
        let page = Refusal::read(502, b"<html>Bad gateway</html>");
        assert!(!page.from_the_api && !page.is_missing());
        assert_eq!((page.code, page.detail.as_str()), (502, "Bad Gateway"));
    }

    #[test]
    fn a_description_the_server_does_not_give_is_not_compared() {
        let write =
            flow_model::transfer::parse_import(r#"{"description": "Main line", "schema": []}"#)
                .unwrap()
                .create_body("IVR");
        let stored = RoutingSchema {
            name: Some("IVR".into()),
            schema: Some(serde_json::json!([])),
            payload: Some(serde_json::json!({})),
            ..RoutingSchema::default()
        };
        assert!(differences(&write, &stored).is_empty(), "Webitel's read");
        let described = |text: &str| RoutingSchema {
            description: Some(text.into()),
            ..stored.clone()
        };
        assert!(differences(&write, &described("Main line")).is_empty());
        assert_eq!(differences(&write, &described("")), ["description"]);
        let diagram = RoutingSchema {
            editor: Some(true),
            tags: Some(vec![flow_model::Tag::new("ivr")]),
            ..described("Main line")
        };
        assert_eq!(differences(&write, &diagram), ["editor", "tags"]);
    }
}
