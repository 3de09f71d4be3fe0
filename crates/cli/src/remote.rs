//! The commands that talk to a server (ours or a Webitel engine) over the routing-schema API:
//! login, export, import.

use crate::error::CliError;
use flow_model::contract::{self, Operation, ACCESS_HEADER, API_BASE};
use flow_model::transfer::{export_file_name, export_text, name_from_file, parse_import};
use flow_model::{
    ErrorBody, ListResponse, LoginRequest, LoginResponse, PatchField, RoutingSchema, SchemaField,
    SchemaSearch, SchemaWrite, SortField,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
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
        Ok(Self::anonymous(base, token))
    }

    fn anonymous(base: String, token: Option<String>) -> Self {
        Self {
            base,
            token,
            http: reqwest::blocking::Client::new(),
        }
    }

    /// Sends `operation` at `path` (its own, or the one for a flow).
    fn call<T: DeserializeOwned>(
        &self,
        what: &str,
        operation: Operation,
        path: &str,
        query: &[(&str, String)],
        etag: Option<String>,
        body: Option<&impl Serialize>,
    ) -> Result<T, CliError> {
        let method = reqwest::Method::from_bytes(operation.method.as_str().as_bytes())
            .expect("the contract's methods are HTTP methods");
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base))
            .query(query);
        if let Some(token) = &self.token {
            request = request.header(ACCESS_HEADER, token);
        }
        if let Some(etag) = etag {
            request = request.header("If-Match", etag);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        let reply = request.send().map_err(|error| CliError::Unreachable {
            server: self.base.clone(),
            reason: error.to_string(),
        })?;
        let status = reply.status();
        if status.is_success() {
            return reply.json().map_err(|error| CliError::Refused {
                server: self.base.clone(),
                what: what.to_owned(),
                id: "unexpected answer".into(),
                code: status.as_u16(),
                detail: error.to_string(),
            });
        }
        let body: Option<ErrorBody> = reply.json().ok();
        Err(CliError::Refused {
            server: self.base.clone(),
            what: what.to_owned(),
            id: body
                .as_ref()
                .map_or_else(String::new, |body| body.id.clone()),
            code: status.as_u16(),
            detail: body.map_or_else(
                || status.canonical_reason().unwrap_or_default().to_owned(),
                |body| body.detail,
            ),
        })
    }

    /// Every flow of the domain with all its fields, by name.
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
            let page: ListResponse<RoutingSchema> = self.call(
                "the flow list",
                contract::SEARCH_FLOWS,
                contract::SEARCH_FLOWS.path,
                &search.to_pairs(),
                None,
                None::<&()>,
            )?;
            flows.extend(page.items);
            if !page.next {
                return Ok(flows);
            }
            search.page += 1;
        }
    }
}

/// `login`: signs in and keeps the token for this server.
pub fn login(server: &str, username: &str, domain: &str) -> Result<String, CliError> {
    let password = match std::env::var("FLOWS_PASSWORD") {
        Ok(password) => password,
        Err(_) => {
            if std::io::stdin().is_terminal() {
                eprint!("password for {username} @ {domain}: ");
                let _ = std::io::stderr().flush();
            }
            let mut line = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut line)
                .map_err(|error| CliError::Usage(format!("cannot read the password: {error}")))?;
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    let remote = Remote::anonymous(api_base(server), None);
    let reply: LoginResponse = remote.call(
        "the sign-in",
        contract::LOGIN,
        contract::LOGIN.path,
        &[],
        None,
        Some(&LoginRequest {
            username: username.to_owned(),
            password,
            domain: domain.to_owned(),
        }),
    )?;
    let path = save_token(&remote.base, &reply.access_token)?;
    Ok(format!(
        "signed in to {} as {username} @ {domain}; the token is kept in {}",
        remote.base,
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
    let flows = remote.all_flows()?;
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

/// What import does with one flow.
#[derive(Debug)]
enum Change {
    Create(SchemaWrite),
    Replace {
        id: i64,
        etag: Option<String>,
        write: SchemaWrite,
    },
    Delete {
        id: i64,
        etag: Option<String>,
    },
}

/// Whether `remote` already holds what `write` would store.
fn same_content(write: &SchemaWrite, remote: &RoutingSchema) -> bool {
    let remote = portable(remote.clone());
    write.description == remote.description
        && write.flow_type == remote.flow_type
        && write.editor == remote.editor
        && write.schema == remote.schema
        && write.payload == remote.payload
        && write.debug == remote.debug
        && write.tags == remote.tags
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
            Some(flow) if same_content(write, flow) => unchanged += 1,
            Some(flow) => plan.push((
                name.clone(),
                Change::Replace {
                    id: flow.id.unwrap_or_default(),
                    etag: flow.etag(),
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
                    etag: flow.etag(),
                },
            ));
        }
    }

    let verb = |change: &Change| match change {
        Change::Create(_) => "create",
        Change::Replace { .. } => "replace",
        Change::Delete { .. } => "delete",
    };
    if options.dry_run {
        for (name, change) in &plan {
            println!("would {} {name}", verb(change));
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
        let what = format!("to {} {name:?}", verb(change));
        let outcome: Result<RoutingSchema, CliError> = match change {
            Change::Create(write) => remote.call(
                &what,
                contract::CREATE_FLOW,
                contract::CREATE_FLOW.path,
                &[],
                None,
                Some(write),
            ),
            Change::Replace { id, etag, write } => remote.call(
                &what,
                contract::PATCH_FLOW,
                &contract::PATCH_FLOW.path_for(id),
                &[],
                etag.clone(),
                Some(write),
            ),
            Change::Delete { id, etag } => remote.call(
                &what,
                contract::DELETE_FLOW,
                &contract::DELETE_FLOW.path_for(id),
                &[],
                etag.clone(),
                None::<&()>,
            ),
        };
        if let Err(error) = outcome {
            progress.finish_and_clear();
            eprintln!("{}", summary(&done, unchanged));
            return Err(CliError::Reported(format!(
                "{error}\nstopped at {name:?}; what was done before stays done, and running the same import again continues from here"
            )));
        }
        *done.entry(verb(change)).or_default() += 1;
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
}
