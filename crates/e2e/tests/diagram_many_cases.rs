//! A switch of 40 cases, labelled the way operators write them (longer than a step is wide):
//! each case has its own row down the switch's right side and its own line, its whole label
//! shows under the pointer and in the Links panel, and a line can be drawn from its port.

use flow_e2e::{signed_in, AppServer, Browser};
use flow_model::flow::{shape, Port};
use serde_json::{json, Map, Value};

const CASES: usize = 40;

fn label(case: usize) -> String {
    format!("{case:02} the caller asked to be called back later")
}

/// The page point of listed port `row` of the switch, `height` tall: its dot on the right.
async fn port_point(browser: &Browser, height: f64, row: usize) -> (f64, f64) {
    let (x, y, zoom) = browser.step_place("Switch").await;
    (
        x + shape::STEP_WIDTH / 2.0 * zoom,
        y + (shape::listed_port_offset(row) - height / 2.0) * zoom,
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_case_of_a_forty_case_switch_can_be_read_and_linked() {
    let server = AppServer::start().await;
    let token = server.admin_token().await;
    let cases: Map<String, Value> = (1..=CASES)
        .map(|case| (label(case), json!([{"log": format!("case {case}")}])))
        .collect();
    let flow = server
        .create_flow(
            &token,
            json!({"name": "Forty cases", "type": "voice", "editor": true, "schema": [
                {"answer": ""},
                {"switch": {"variable": "${reason}", "case": cases}},
                {"hangup": ""}
            ]}),
        )
        .await;
    let browser = signed_in(&server).await;
    browser.set_page_size(1440, 900).await;
    browser.open_editor(&server, &flow, "diagram").await;
    browser.find_step("Switch").await;

    // The Links panel: next and every case, each with its whole label.
    browser
        .wait_until(|| async {
            let rows = browser.texts(".links .link label").await.len();
            (rows == CASES + 1)
                .then_some(())
                .ok_or(format!("{rows} links"))
        })
        .await;
    let titles: Vec<Value> = browser
        .client
        .execute(
            "return Array.from(document.querySelectorAll('.links .link label'))
               .slice(1).map(label => label.title);",
            vec![],
        )
        .await
        .unwrap()
        .as_array()
        .cloned()
        .unwrap();
    let expected: Vec<Value> = (1..=CASES).map(|case| json!(label(case))).collect();
    assert_eq!(titles, expected);

    // The whole switch in view: each row's whole label under the pointer.
    browser
        .click("button[aria-label='Zoom to selection (F)']")
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    browser.screenshot("diagram-forty-cases").await;
    let ports: Vec<Port> = std::iter::once(Port::Next)
        .chain((1..=CASES).map(|case| Port::branch(&["case", &label(case)])))
        .collect();
    let height = shape::step_height(&ports);
    for row in 0..CASES {
        let (x, y) = port_point(&browser, height, row).await;
        // On the row, left of the dot, where its label is written.
        browser.hover((x - 60.0, y)).await;
        browser
            .wait_until(|| async {
                let title = browser.find("canvas").await.attr("title").await.unwrap();
                (title.as_deref() == Some(label(row + 1).as_str()))
                    .then_some(())
                    .ok_or(format!("row {row} shows {title:?}"))
            })
            .await;
    }

    // A line drawn from the last case's port back to Answer (in view, left of the switch)
    // relinks that case.
    let last = port_point(&browser, height, CASES - 1).await;
    let (x, y, _) = browser.step_place("Answer").await;
    browser.press(last, (x, y), None).await;
    browser
        .wait_until(|| async {
            let chosen = browser
                .client
                .execute(
                    "const selects = document.querySelectorAll('.links .link select');
                     const last = selects[selects.length - 1];
                     return last.options[last.selectedIndex].text;",
                    vec![],
                )
                .await
                .unwrap();
            (chosen.as_str() == Some("Answer"))
                .then_some(())
                .ok_or(format!("the last case leads to {chosen}"))
        })
        .await;
    browser.assert_no_page_errors().await;
    browser.close().await;
}
