//! Connecting steps by their ports ([`FlowGraph::output_ports`]): linking a port to a step, or
//! unlinking it.

use flow_model::flow::{FlowGraph, NodeId, PathSeg, Port};
use flow_model::l10n::Text;

/// Links `port` of `from` to `to`, in place of what it led to. A step that something already
/// leads to is reached by a jump (a `goto` in the schema), as is anything out of the flow's
/// tree order; Start can be led to by nothing.
pub fn connect(flow: &mut FlowGraph, from: NodeId, port: Port, to: NodeId) -> Result<(), Text> {
    if to == flow.start {
        return Err(Text::new("editing-into-start"));
    }
    if flow.graph.node_weight(to).is_none() || !flow.output_ports(from).contains(&port) {
        return Err(Text::new("editing-port-gone"));
    }
    disconnect(flow, from, &port);
    let jump = to == from
        || flow.links_into(to).iter().any(|(_, _, link)| !link.jump)
        || leads_to(flow, to, from);
    flow.connect(from, port, to, jump);
    Ok(())
}

/// Unlinks the branches under `path` of `node`'s argument, which the form is removing (a
/// switch case, say), so no link stays on a branch that is gone. Refuses, changing nothing,
/// when the removed item is in a list whose later items have linked branches: those would
/// move up to other places.
pub fn unlink_under(flow: &mut FlowGraph, node: NodeId, path: &[PathSeg]) -> Result<(), Text> {
    let branches: Vec<Vec<PathSeg>> = flow
        .links_from(node)
        .into_iter()
        .filter_map(|(_, _, link)| match &link.port {
            Port::Branch(branch) => Some(branch.clone()),
            _ => None,
        })
        .collect();
    if let Some((PathSeg::Index(removed), list)) = path.split_last() {
        let moving = branches.iter().any(|branch| {
            branch.starts_with(list)
                && matches!(branch.get(list.len()), Some(PathSeg::Index(at)) if at > removed)
        });
        if moving {
            return Err(Text::new("editing-branches-would-move"));
        }
    }
    for branch in branches
        .into_iter()
        .filter(|branch| branch.starts_with(path))
    {
        disconnect(flow, node, &Port::Branch(branch));
    }
    Ok(())
}

/// Removes the link out of `port` of `from`; whether there was one.
pub fn disconnect(flow: &mut FlowGraph, from: NodeId, port: &Port) -> bool {
    match flow.link_from(from, port) {
        Some((link, _, _)) => {
            flow.graph.remove_edge(link);
            true
        }
        None => false,
    }
}

/// Whether `from` reaches `to` along links that are not jumps (so linking `to` → `from`
/// plainly would close a loop in the flow's tree).
fn leads_to(flow: &FlowGraph, from: NodeId, to: NodeId) -> bool {
    let mut seen = std::collections::HashSet::new();
    let mut pending = vec![from];
    while let Some(at) = pending.pop() {
        if at == to {
            return true;
        }
        if seen.insert(at) {
            pending.extend(
                flow.links_from(at)
                    .into_iter()
                    .filter(|(_, _, link)| !link.jump)
                    .map(|(_, next, _)| next),
            );
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use flow_model::flow::{compile, decompile, semantically_identical};
    use serde_json::json;

    fn node_with(flow: &FlowGraph, app: &str, argument: &str) -> NodeId {
        flow.steps()
            .find(|(_, step)| {
                step.app == app && (argument.is_empty() || step.argument() == argument)
            })
            .map(|(node, _)| node)
            .unwrap()
    }

    #[test]
    fn linking_a_branch_writes_it_and_a_second_way_in_becomes_a_goto() {
        let mut flow = decompile(&json!([
            {"tag": "ask", "if": {"expression": "${x}"}},
            {"log": "yes"},
            {"hangup": ""}
        ]))
        .unwrap();
        let (ask, yes, hangup) = (
            node_with(&flow, "if", ""),
            node_with(&flow, "log", "yes"),
            node_with(&flow, "hangup", ""),
        );
        // `yes` already follows `ask`: linking `then` to it too makes a jump.
        connect(&mut flow, ask, Port::branch(&["then"]), yes).unwrap();
        assert!(
            flow.link_from(ask, &Port::branch(&["then"]))
                .unwrap()
                .2
                .jump
        );
        // Linking `else` to what nothing else leads to is a plain branch.
        connect(&mut flow, yes, Port::Next, ask).unwrap();
        assert!(
            flow.link_from(yes, &Port::Next).unwrap().2.jump,
            "a loop back is a jump"
        );
        connect(&mut flow, ask, Port::branch(&["else"]), hangup).unwrap();
        let schema = compile(&flow).schema;
        assert!(
            schema.to_string().contains("\"else\""),
            "the else branch is written: {schema}"
        );
        let start = flow.start;
        assert_eq!(
            connect(&mut flow, yes, Port::Next, start).map_err(|reason| reason.to_string()),
            Err("nothing can lead into Start".to_owned())
        );
    }

    #[test]
    fn relinking_a_port_replaces_its_link_and_unlinking_removes_it() {
        let mut flow = decompile(&json!([{"answer": ""}, {"log": "a"}, {"hangup": ""}])).unwrap();
        let (answer, log, hangup) = (
            node_with(&flow, "answer", ""),
            node_with(&flow, "log", "a"),
            node_with(&flow, "hangup", ""),
        );
        disconnect(&mut flow, log, &Port::Next);
        connect(&mut flow, answer, Port::Next, hangup).unwrap();
        assert_eq!(flow.link_from(answer, &Port::Next).unwrap().1, hangup);
        assert!(!flow.link_from(answer, &Port::Next).unwrap().2.jump);
        assert!(semantically_identical(
            &compile(&flow).schema,
            &json!([{"answer": ""}, {"hangup": ""}])
        ));
        assert!(
            !disconnect(&mut flow, log, &Port::Next),
            "nothing left to remove"
        );
    }

    #[test]
    fn removing_a_case_unlinks_it_and_removing_a_list_item_refuses_to_move_links() {
        let mut flow = decompile(&json!([
            {"switch": {"variable": "${x}", "case": {"1": [{"log": "one"}], "2": [{"log": "two"}]}}}
        ]))
        .unwrap();
        let switch = node_with(&flow, "switch", "");
        let case = |key: &str| vec![PathSeg::Key("case".into()), PathSeg::Key(key.into())];
        unlink_under(&mut flow, switch, &case("1")).unwrap();
        assert!(flow.link_from(switch, &Port::Branch(case("1"))).is_none());
        assert!(flow.link_from(switch, &Port::Branch(case("2"))).is_some());

        // joinQueue's timers: a list whose items hold branches.
        let mut flow = decompile(&json!([{"joinQueue": {
            "queue": {"id": 1},
            "timers": [{"interval": 5, "actions": [{"log": "a"}]}, {"interval": 9, "actions": [{"log": "b"}]}]
        }}]))
        .unwrap();
        let node = node_with(&flow, "joinQueue", "");
        let first = vec![PathSeg::Key("timers".into()), PathSeg::Index(0)];
        let links = flow.link_count();
        assert_eq!(
            unlink_under(&mut flow, node, &first).map_err(|reason| reason.to_string()),
            Err(
                "the items after it have linked branches: unlink those on the canvas first"
                    .to_owned()
            )
        );
        assert_eq!(flow.link_count(), links, "refused: nothing changed");
        let last = vec![PathSeg::Key("timers".into()), PathSeg::Index(1)];
        unlink_under(&mut flow, node, &last).unwrap();
        assert_eq!(flow.link_count(), links - 1);
    }

    #[test]
    fn a_refusal_is_said_in_russian_too() {
        let mut flow = decompile(&json!([{"answer": ""}])).unwrap();
        let answer = node_with(&flow, "answer", "");
        let start = flow.start;
        let refused = connect(&mut flow, answer, Port::Next, start).unwrap_err();
        let russian = flow_model::l10n::Locale::from_code("ru").expect("Russian texts");
        let said = refused.in_locale(russian);
        assert!(
            said.chars()
                .any(|letter| matches!(letter, 'а'..='я' | 'А'..='Я')),
            "{said}"
        );
        assert_ne!(said, refused.to_string());
    }
}
