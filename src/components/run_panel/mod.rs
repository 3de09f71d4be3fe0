//! The Run panel of both editors: runs the flow as it stands in the editor (saved or not) in
//! the simulator's worker, as Webitel's runtime would. The caller's side (a phone, a chat, a
//! form), Step / Continue / Pause / Restart / Stop, breakpoints from the editor, a log of the
//! steps, the variables with their history, the mocks of the outside world, and the flow's
//! saved tests. The editor draws where the run went from [`RunRecord`].

mod conversation;
pub mod mock_fields;
mod mocks_form;
pub mod record;
mod tests_list;
mod worker;

use crate::api::ApiClient;
use crate::browser::performance_mark;
use crate::i18n::{use_i18n, Msg, RunText};
use crate::session::use_auth;
use conversation::Conversation;
use flow_model::flow::is_generated_tag;
use flow_model::FlowType;
use flow_simulator::{
    called_flows, Channel, Command, Input, Mocks, Mode, RunState, StepRecord,
    Update as WorkerUpdate, Wait, DEFAULT_BUDGET,
};
use leptos::prelude::*;
use mock_fields::MockFields;
use mocks_form::MocksForm;
use record::RunRecord;
use serde_json::Value;
use std::collections::BTreeMap;
use tests_list::TestsList;
use worker::SimulatorWorker;

/// How deep `schema` steps are followed into other flows when their schemas are fetched.
const CALLED_DEPTH: usize = 3;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Tab {
    Run,
    Mocks,
    Tests,
}

/// Where the editor's flow and the run meet: the flow as it stands, its breakpoints, its saved
/// tests; what the run did, for the editor to draw.
#[derive(Clone, Copy)]
pub struct RunLink {
    /// The flow's schema as the editor has it now, or why it cannot run.
    pub schema: Callback<(), Result<Value, String>>,
    /// Paths of the steps to stop before.
    pub breakpoints: Signal<Vec<String>>,
    /// `payload.tests` as the flow holds it.
    pub tests: Signal<Vec<Value>>,
    pub on_tests: Callback<Vec<Value>>,
    /// A step of the log was clicked: its path.
    pub on_select: Callback<String>,
    pub record: RwSignal<RunRecord, LocalStorage>,
}

/// One row of the step log, as shown.
#[derive(Clone, PartialEq)]
struct LogRow {
    number: usize,
    path: String,
    app: String,
    /// Its tag, unless the editor made it up (it says nothing to a person).
    tag: Option<String>,
    args: String,
    outcome: String,
    seconds: String,
}

impl LogRow {
    fn of(number: usize, step: &StepRecord) -> Self {
        Self {
            number,
            path: step.path.to_string(),
            app: step.app.to_string(),
            tag: step
                .tag
                .as_ref()
                .filter(|tag| !is_generated_tag(&step.app, tag))
                .map(|tag| tag.to_string()),
            args: match &step.args {
                Value::Null => String::new(),
                Value::String(text) => text.clone(),
                other => other.to_string(),
            },
            outcome: step.outcome.clone(),
            seconds: format!("{:.1}s", step.clock as f64 / 1000.0),
        }
    }

    fn view(self, on_select: Callback<String>) -> impl IntoView {
        let LogRow {
            number,
            path,
            app,
            tag,
            args,
            outcome,
            seconds,
        } = self;
        let failed = outcome.starts_with("error");
        view! {
            <tr on:click=move |_| on_select.run(path.clone()) class:failed=failed>
                <td class="number">{number}</td>
                <td class="time">{seconds}</td>
                <td class="app">{app}{tag.map(|tag| view! { <span class="tag">{tag}</span> })}</td>
                <td class="args" title=args.clone()>{args.clone()}</td>
                <td class="outcome">{outcome}</td>
            </tr>
        }
    }
}

#[component]
fn StepLog(
    record: RwSignal<RunRecord, LocalStorage>,
    on_select: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Keyed by number: an update adds its rows (and drops the oldest), the rest stay.
    let rows = move || {
        record.with(|record| {
            record
                .log
                .iter()
                .map(|(number, step)| LogRow::of(*number, step))
                .collect::<Vec<_>>()
        })
    };
    let hidden = move || record.with(|record| record.step_count - record.log.len());
    view! {
        <section class="step-log">
            <h3>{move || i18n.t(Msg::Run(RunText::Steps))}</h3>
            <Show when=move || { hidden() > 0 }>
                <p class="hint">{move || i18n.t(Msg::Run(RunText::EarlierStepsHidden(hidden())))}</p>
            </Show>
            <div class="scroll">
                <table>
                    <thead><tr>
                        <th>"#"</th>
                        <th>{move || i18n.t(Msg::Run(RunText::Time))}</th>
                        <th>{move || i18n.t(Msg::Run(RunText::App))}</th>
                        <th>{move || i18n.t(Msg::Run(RunText::Arguments))}</th>
                        <th>{move || i18n.t(Msg::Run(RunText::Outcome))}</th>
                    </tr></thead>
                    <tbody>
                        <For each=rows key=|row| row.number children=move |row| row.view(on_select) />
                    </tbody>
                </table>
            </div>
            {move || record.with(|record| (!record.dropped.is_empty()).then(|| view! {
                <ul class="dropped">
                    {record.dropped.iter().map(|dropped| view! {
                        <li>{i18n.t(Msg::Run(RunText::Dropped { path: dropped.path.clone(), reason: dropped.reason.clone() }))}</li>
                    }).collect_view()}
                </ul>
            }))}
        </section>
    }
}

#[component]
fn VariablesPanel(record: RwSignal<RunRecord, LocalStorage>) -> impl IntoView {
    let i18n = use_i18n();
    let opened = RwSignal::new(None::<String>);
    let rows = move || {
        record.with(|run| {
            run.variables
                .iter()
                .map(|(name, value)| {
                    let changed = run.changed.contains(name);
                    let (shown, toggled) = (name.clone(), name.clone());
                    let is_open = {
                        let name = name.clone();
                        Signal::derive(move || opened.with(|opened| opened.as_deref() == Some(name.as_str())))
                    };
                    let history = {
                        let name = name.clone();
                        move || {
                            record.with(|record| {
                                let Some(history) = record.histories.get(&name) else {
                                    return ().into_any();
                                };
                                let say = |value: &Option<String>| value.clone().unwrap_or_else(|| "∅".to_owned());
                                let earlier = (history.earlier > 0).then(|| view! {
                                    <li class="hint">{i18n.t(Msg::Run(RunText::EarlierChangesHidden(history.earlier)))}</li>
                                });
                                let changes = history
                                    .changes
                                    .iter()
                                    .map(|change| view! {
                                        <li>
                                            <span class="number">{format!("#{}", change.step)}</span>
                                            {say(&change.before)}" → "{say(&change.after)}
                                        </li>
                                    })
                                    .collect_view();
                                (earlier, changes).into_any()
                            })
                        }
                    };
                    view! {
                        <li class:changed=changed>
                            <button
                                type="button"
                                class="variable"
                                aria-expanded=move || is_open.get().to_string()
                                on:click=move |_| opened.update(|opened| {
                                    *opened = (opened.as_deref() != Some(toggled.as_str())).then(|| toggled.clone());
                                })
                            >
                                <span class="name">{shown}</span>
                                <span class="value">{value.clone()}</span>
                            </button>
                            <Show when=move || is_open.get()>
                                <ol class="history" aria-label=move || i18n.t(Msg::Run(RunText::History))>{history.clone()}</ol>
                            </Show>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="variables">
            <h3>{move || i18n.t(Msg::Run(RunText::Variables))}</h3>
            <ul>{rows}</ul>
        </section>
    }
}

fn state_text(state: &RunState, steps: usize) -> RunText {
    match state {
        RunState::Idle => RunText::NotStarted,
        RunState::Running => RunText::Running(steps),
        RunState::Paused => RunText::Paused(steps),
        RunState::Breakpoint { .. } => RunText::AtBreakpoint(steps),
        RunState::Waiting {
            wait: Wait::Outcome { .. },
            ..
        } => RunText::WaitingForPick(steps),
        RunState::Waiting { .. } => RunText::Waiting(steps),
        RunState::Ended { ended } => RunText::Ended {
            reason: ended.key().to_owned(),
            detail: ended.detail().unwrap_or_default(),
            steps,
        },
        RunState::Failed { message } => RunText::Failed(message.clone()),
    }
}

/// Marks for the browser benchmarks: a run's first step shown, and each stop.
fn mark_progress(record: &RwSignal<RunRecord, LocalStorage>, update: &WorkerUpdate) {
    if !update.steps.is_empty() && record.with_untracked(|record| record.step_count == 0) {
        performance_mark("run-first-step");
    }
    if update.state != RunState::Running && update.tested.is_empty() {
        performance_mark("run-stopped");
    }
}

/// The other stored flows `schema` runs (and those they run, a few levels down), for the
/// run to step into.
async fn fetch_called_flows(client: ApiClient, schema: &Value) -> BTreeMap<String, Value> {
    let mut flows = BTreeMap::new();
    let mut wanted = called_flows(schema);
    for _ in 0..CALLED_DEPTH {
        let mut next = Vec::new();
        for id in wanted.drain(..) {
            if flows.contains_key(&id) {
                continue;
            }
            let Ok(number) = id.parse::<i64>() else {
                continue;
            };
            // A flow that cannot be read is left out: the run says so at its step.
            if let Ok(flow) = client.flow(number).await {
                let called = flow.schema.unwrap_or(Value::Array(Vec::new()));
                next.extend(called_flows(&called));
                flows.insert(id, called);
            }
        }
        wanted = next;
    }
    flows
}

#[component]
pub fn RunPanel(
    #[prop(into)] flow_type: Signal<FlowType>,
    link: RunLink,
    on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let record = link.record;
    let channel = Signal::derive(move || Channel::of(flow_type.get()));
    let fields = RwSignal::new(MockFields::new_run(channel.get_untracked()));
    let tab = RwSignal::new(Tab::Run);
    let worker = StoredValue::new_local(None::<SimulatorWorker>);
    // The mocks of the run going on, as the worker has them.
    let sent_mocks = StoredValue::new(None::<Mocks>);
    on_cleanup(move || worker.update_value(|worker| *worker = None));

    let fail = move |message: String| {
        record.set(RunRecord {
            state: RunState::Failed { message },
            ..RunRecord::default()
        })
    };
    let send = move |command: Command| {
        worker.update_value(|worker| {
            if worker.is_none() {
                match SimulatorWorker::start(move |update: WorkerUpdate| {
                    mark_progress(&record, &update);
                    record.update(|record| record.apply(update))
                }) {
                    Ok(started) => *worker = Some(started),
                    Err(reason) => fail(reason),
                }
            }
            if let Some(worker) = worker {
                worker.send(&command);
            }
        });
    };
    let start = move |mode: Mode| {
        let schema = match link.schema.run(()) {
            Ok(schema) => schema,
            Err(reason) => return fail(reason),
        };
        let mut mocks = match fields.get_untracked().mocks(channel.get_untracked()) {
            Ok(mocks) => mocks,
            Err(_) => {
                tab.set(Tab::Mocks);
                return fail(i18n.t(Msg::Run(RunText::MocksRefused)));
            }
        };
        record.set(RunRecord::starting(mocks.clone()));
        performance_mark("run-start");
        let client = auth.client();
        leptos::task::spawn_local(async move {
            mocks.flows = fetch_called_flows(client, &schema).await;
            sent_mocks.set_value(Some(mocks.clone()));
            send(Command::Start {
                schema,
                mocks,
                budget: DEFAULT_BUDGET,
                breakpoints: link.breakpoints.get_untracked(),
                mode,
            });
        });
    };
    let idle = move || {
        record.with(|record| {
            matches!(
                record.state,
                RunState::Idle | RunState::Ended { .. } | RunState::Failed { .. }
            )
        })
    };
    let running = move || record.with(|record| record.state == RunState::Running);
    let go = move |mode: Mode| {
        if idle() {
            start(mode);
        } else {
            record.update(|record| record.state = RunState::Running);
            send(match mode {
                Mode::Step => Command::Step,
                Mode::Continue => Command::Continue,
            });
        }
    };
    let stop = move || {
        // Ending the worker stops any flow at once; the next run starts a new one.
        worker.update_value(|worker| *worker = None);
        record.update(|record| {
            if record.ended().is_none() {
                record.state = RunState::Idle;
            }
        });
    };
    let on_input = Callback::new(move |input: Input| {
        record.update(|record| record.give(input.clone()));
        send(Command::Input { input });
    });
    // The default reaches the next runs: this one replays as it was asked (a saved test too).
    let on_remember = Callback::new(move |(app, values): (String, BTreeMap<String, String>)| {
        fields.update(|fields| {
            // A JSON field that does not read says so itself; the pick still answers this run.
            let _ = fields.remember_app(&app, values);
        });
    });
    // Breakpoints and mocks changed during a run reach it at once.
    Effect::new(move |_| {
        let paths = link.breakpoints.get();
        if !untrack(idle) {
            send(Command::Breakpoints { paths });
        }
    });
    let apply_mocks = Callback::new(move |()| {
        if idle() {
            return;
        }
        if let Ok(mut mocks) = fields.get_untracked().mocks(channel.get_untracked()) {
            if let Some(sent) = sent_mocks.get_value() {
                mocks.flows = sent.flows;
            }
            send(Command::Mocks { mocks });
        }
    });
    let state = move || {
        record.with(|record| i18n.t(Msg::Run(state_text(&record.state, record.step_count))))
    };
    let tab_button = move |which: Tab, text: fn(usize) -> RunText| {
        view! {
            <button
                type="button"
                role="tab"
                aria-selected=move || (tab.get() == which).to_string()
                on:click=move |_| tab.set(which)
            >{move || i18n.t(Msg::Run(text(link.tests.with(Vec::len))))}</button>
        }
    };
    let run_tests =
        Callback::new(
            move |tests: Vec<flow_simulator::TestCase>| match link.schema.run(()) {
                Ok(schema) => send(Command::Test {
                    schema,
                    tests,
                    budget: DEFAULT_BUDGET,
                }),
                Err(reason) => fail(reason),
            },
        );
    view! {
        <section class="run-panel" aria-label=move || i18n.t(Msg::Run(RunText::Title))>
            <header>
                <h2>{move || i18n.t(Msg::Run(RunText::Title))}</h2>
                <div class="run-controls" role="toolbar">
                    <button type="button" class="primary" disabled=running on:click=move |_| go(Mode::Continue)>
                        {move || i18n.t(Msg::Run(if idle() { RunText::Start } else { RunText::Continue }))}
                    </button>
                    <button type="button" disabled=running on:click=move |_| go(Mode::Step)>{move || i18n.t(Msg::Run(RunText::Step))}</button>
                    <button type="button" disabled=move || !running() on:click=move |_| send(Command::Pause)>{move || i18n.t(Msg::Run(RunText::Pause))}</button>
                    <button type="button" on:click=move |_| { stop(); start(Mode::Continue); }>{move || i18n.t(Msg::Run(RunText::Restart))}</button>
                    <button type="button" disabled=idle on:click=move |_| stop()>{move || i18n.t(Msg::Run(RunText::Stop))}</button>
                </div>
                <output class="run-state" role="status">{state}</output>
                <div class="tabs" role="tablist">
                    {tab_button(Tab::Run, |_| RunText::RunTab)}
                    {tab_button(Tab::Mocks, |_| RunText::MocksTab)}
                    {tab_button(Tab::Tests, RunText::TestsTab)}
                </div>
                <button type="button" class="close" aria-label=move || i18n.t(Msg::Run(RunText::Close)) on:click=move |_| { stop(); on_close.run(()); }>"×"</button>
            </header>
            <div class="run-body" hidden=move || tab.get() != Tab::Run>
                <Conversation channel record on_input on_remember />
                <StepLog record on_select=link.on_select />
                <VariablesPanel record />
            </div>
            <div class="run-body mocks" hidden=move || tab.get() != Tab::Mocks>
                <MocksForm fields voice=Signal::derive(move || channel.get() == Channel::Voice) on_change=apply_mocks />
            </div>
            <div class="run-body tests" hidden=move || tab.get() != Tab::Tests>
                <TestsList link on_run=run_tests />
            </div>
        </section>
    }
}
