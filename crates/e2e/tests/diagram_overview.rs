//! The whole of the biggest corpus flow in view (zoomed to fit, far below the zoom where
//! titles are drawn): no step is a blank box; each shows its group's colour and its app's icon.

use flow_e2e::{corpus_flows, signed_in, AppServer};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zoomed_out_every_step_still_shows_its_group_colour_and_icon() {
    let server = AppServer::start().await;
    let token = server.admin_token().await;
    let (_, body) = corpus_flows()
        .into_iter()
        .find(|(name, _)| name == "call-001")
        .expect("call-001 is in the corpus");
    let flow = server.create_flow(&token, body).await;
    let browser = signed_in(&server).await;
    browser.open_editor(&server, &flow, "diagram").await;
    browser.click("button[aria-label='Zoom to fit']").await;
    browser
        .wait_until(|| async {
            let zoom = browser.texts(".canvas-controls .zoom-level").await.concat();
            match zoom.trim_end_matches('%').parse::<u32>() {
                Ok(percent) if percent < 40 => Ok(()),
                _ => Err(format!("the zoom is {zoom}")),
            }
        })
        .await;
    // The fitted view is drawn on the next animation frame.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    // Each step's centre on screen: a blank box would be the surface colour there, plain.
    let blank = browser
        .client
        .execute(
            "const canvas = document.querySelector('.canvas-area canvas');
             const context = canvas.getContext('2d');
             const [x, y, zoom] = canvas.dataset.view.split(' ').map(Number);
             const ratio = canvas.width / canvas.getBoundingClientRect().width;
             const surface = getComputedStyle(document.documentElement)
               .getPropertyValue('--surface').trim();
             const probe = document.createElement('canvas').getContext('2d');
             probe.fillStyle = surface;
             probe.fillRect(0, 0, 1, 1);
             const plain = Array.from(probe.getImageData(0, 0, 1, 1).data).join(',');
             const steps = Array.from(document.querySelectorAll('.canvas-area ul.visually-hidden li'));
             const found = { steps: steps.length, blank: [] };
             for (const li of steps) {
               const left = Math.round((Number(li.dataset.x) - x) * zoom * ratio);
               const top = Math.round((Number(li.dataset.y) - y) * zoom * ratio);
               if (left < 0 || top < 0 || left >= canvas.width || top >= canvas.height) continue;
               // A few pixels around the centre: the icon's strokes or the group's wash.
               const pixels = context.getImageData(left - 2, top - 2, 5, 5).data;
               let coloured = false;
               for (let at = 0; at < pixels.length; at += 4) {
                 if (Array.from(pixels.slice(at, at + 4)).join(',') !== plain) coloured = true;
               }
               if (!coloured) found.blank.push(li.textContent.slice(0, 60));
             }
             return found;",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        blank["steps"].as_u64().unwrap_or_default() > 400,
        "the steps are listed: {blank}"
    );
    assert_eq!(blank["blank"], json!([]), "blank boxes: {blank}");
    browser.screenshot("diagram-overview-call-001").await;
    browser.close().await;
}
